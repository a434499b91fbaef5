package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.caeworkbench.app.TrainingJob;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SelectorHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'cae train' records the replay into the run folder, also across --resume; 'cae replay' draws it as a GIF or PNGs. */
class ReplayCliTest {
    @TempDir Path dir;

    static final String TRAIN = "samples/mnist/train6000-images-idx3-ubyte.gz";
    static final String TEST = "samples/mnist/test4000-images-idx3-ubyte.gz";

    static int gifFrames(Path gif) throws Exception {
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aTrainedRunReplaysAsAGifWithOneFrameAnEpoch() throws Exception {
        Path run = dir.resolve("mnist");
        Result t = cae("train", "--data", TRAIN, "--test", TEST, "--k", "8", "--epochs", "5", "--convergence", "off", "--out", run.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        Path file = run.resolve(SelectorHistory.FILE);
        assertTrue(Files.isRegularFile(file));
        SelectorHistory h = SelectorHistory.read(file);
        assertEquals(5, h.size());
        assertEquals(8, h.k());
        assertEquals(784, h.d());
        // the last frame is the run's end: its choice is the selected features' file
        List<Integer> chosen = new ArrayList<>();
        for (var f : RunDirectory.readSelected(run)) chosen.add(f.index());
        List<Integer> last = new ArrayList<>();
        for (int s : h.frame(4).selected()) last.add(s);
        assertEquals(chosen.stream().sorted().toList(), last.stream().sorted().toList());

        Path gif = dir.resolve("mnist.gif");
        Result r = cae("replay", "--run", run.toString(), "--gif", gif.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(5, gifFrames(gif));
        assertTrue(r.out().contains("5 frames"), r.out());

        Path three = dir.resolve("three.gif");
        Path pngs = dir.resolve("pngs");
        Result some = cae("replay", "--run", run.toString(), "--gif", three.toString(), "--png-dir", pngs.toString(), "--frames", "3", "--size", "84");
        assertEquals(0, some.code(), some.err());
        assertEquals(3, gifFrames(three));
        try (var files = Files.list(pngs)) {
            assertEquals(3, files.count());
        }
        BufferedImage first = ImageIO.read(pngs.resolve("frame_0001.png").toFile());
        BufferedImage lastPng = ImageIO.read(pngs.resolve("frame_0003.png").toFile());
        assertEquals(first.getWidth(), lastPng.getWidth());
        assertTrue(first.getHeight() >= 84, "the pixel map is drawn at --size");
    }

    @Test
    void badInputIsOneSentence() throws Exception {
        Path run = dir.resolve("small");
        Result t = cae("train", "--data", TRAIN, "--k", "4", "--epochs", "2", "--convergence", "off", "--out", run.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        Result nowhere = cae("replay", "--run", run.toString());
        assertEquals(2, nowhere.code());
        assertEquals(1, nowhere.err().strip().lines().count(), nowhere.err());
        Result frames = cae("replay", "--run", run.toString(), "--gif", dir.resolve("x.gif").toString(), "--frames", "-2");
        assertEquals(2, frames.code());
        assertTrue(frames.err().contains("--frames"), frames.err());

        Path file = run.resolve(SelectorHistory.FILE);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 3));
        Result damaged = cae("replay", "--run", run.toString(), "--gif", dir.resolve("y.gif").toString());
        assertEquals(2, damaged.code());
        assertTrue(damaged.err().contains(file.toAbsolutePath().normalize() + " is damaged"), damaged.err());
        assertEquals(1, damaged.err().strip().lines().count(), damaged.err());

        Files.delete(file);
        Result none = cae("replay", "--run", run.toString(), "--gif", dir.resolve("z.gif").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("has no replay"), none.err());
    }

    @Test
    void aResumedRunReplaysFromItsFirstEpoch() throws Exception {
        Path straight = dir.resolve("straight");
        Result a = cae("train", "--data", TRAIN, "--k", "6", "--epochs", "7", "--convergence", "off", "--out", straight.toString(), "--quiet");
        assertEquals(0, a.code(), a.err());

        // the same run stopped after epoch 3 with a checkpoint (and the replay so far) in its .partial folder
        Path resumed = dir.resolve("resumed");
        RunConfig recorded = RunDirectory.readConfig(straight);
        PreparedData p = DataPreparation.prepare(recorded.data());
        PartialRun partial = PartialRun.start(PartialRun.folderFor(resumed), recorded);
        Cancellation cancel = new Cancellation();
        TrainingJob.start(recorded.training(), p.train(), p.test(), partial, 0).run(new TrainingListener() {
            @Override
            public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd() && s.epoch() == 3) cancel.cancel();
            }
        }, cancel);
        assertEquals(3, partial.peek().epochsDone());
        assertTrue(Files.isRegularFile(partial.dir().resolve(SelectorHistory.FILE)));

        Result b = cae("train", "--resume", resumed.toString(), "--quiet");
        assertEquals(0, b.code(), b.err());
        SelectorHistory whole = SelectorHistory.readRun(straight);
        SelectorHistory continued = SelectorHistory.readRun(resumed);
        assertEquals(whole.size(), continued.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.frame(i).epoch(), continued.frame(i).epoch());
            assertArrayEquals(whole.frame(i).selected(), continued.frame(i).selected(), "frame " + i);
            assertArrayEquals(whole.frame(i).levels(), continued.frame(i).levels(), "frame " + i);
        }
    }
}
