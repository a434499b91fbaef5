package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.core.TrainingCheckpoint;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.export.CheckpointFile;
import org.caeworkbench.export.Npy;
import org.caeworkbench.export.ImagePreviews;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing lost: a killed 'cae train' resumes to the run it would have written; --resume refuses what it cannot do. */
class ResumeTest {
    @TempDir static Path dir;
    static Path table;

    /** 500 samples x 24 features: six sources and mixtures of them with noise. */
    @BeforeAll
    static void data() throws IOException {
        table = mixtures(dir.resolve("table.csv"), 500, 4);
    }

    /** {@code rows} samples x 24 features into {@code file}: six sources and mixtures of them with noise. */
    static Path mixtures(Path file, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("id");
        for (int c = 0; c < 24; c++) b.append(",g").append(c);
        b.append('\n');
        for (int i = 0; i < rows; i++) {
            double[] src = new double[6];
            for (int s = 0; s < 6; s++) src[s] = r.nextDouble();
            b.append('s').append(i);
            for (int c = 0; c < 24; c++) {
                double v = c < 6 ? src[c] : src[c % 6] * 0.7 + src[(c + 1) % 6] * 0.3 + 0.05 * r.nextGaussian();
                b.append(',').append(String.format(Locale.ROOT, "%.5f", v));
            }
            b.append('\n');
        }
        return Files.writeString(file, b.toString());
    }

    static List<String> args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", table.toString(), "--k", "4", "--hidden", "6", "--batch-size", "100",
                "--convergence", "off", "--out", out.toString(), "--quiet"));
        a.addAll(List.of(more));
        return a;
    }

    static Result train(Path out, String... more) {
        return cae(args(out, more).toArray(String[]::new));
    }

    /** history.csv without the wall-clock column. */
    static List<String> historyWithoutSeconds(Path run) throws IOException {
        // every column but the seconds (the 9th), which differ between two runs
        return Files.readAllLines(run.resolve(RunDirectory.HISTORY)).stream().map(l -> {
            java.util.List<String> c = new java.util.ArrayList<>(java.util.List.of(l.split(",")));
            c.remove(8);
            return String.join(",", c);
        }).toList();
    }

    static void assertNoLeftovers(Path run) throws IOException {
        assertFalse(Files.exists(PartialRun.folderFor(run)), "the .partial folder is deleted once the run is written");
        try (var s = Files.list(run.getParent())) {
            List<String> temporaries = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + run.getFileName()) || n.endsWith(".part")).toList();
            assertEquals(List.of(), temporaries);
        }
    }

    @Test
    void aRunResumedFromItsCheckpointFileWritesTheSameRunAsOneWithoutInterruption() throws Exception {
        Path straight = dir.resolve("straight");
        Result a = train(straight, "--epochs", "8");
        assertEquals(0, a.code(), a.err());
        assertNoLeftovers(straight);

        // the interrupted run: its .partial folder as 'cae train' leaves it after epoch 3 (config.json, checkpoint.bin)
        Path resumed = dir.resolve("resumed");
        RunConfig recorded = RunDirectory.readConfig(straight);
        PreparedData p = DataPreparation.prepare(recorded.data());
        PartialRun partial = PartialRun.start(PartialRun.folderFor(resumed), recorded);
        new Trainer(recorded.training()).checkpoints(c -> {
            if (c.epochsDone() == 3) CheckpointFile.write(partial.checkpointFile(), c);
        }, 0).train(p.train(), p.test(), null, null);
        assertEquals(3, partial.peek().epochsDone());

        // options that agree with the recorded ones are accepted
        Result b = cae("train", "--resume", resumed.toString(), "--data", table.toString(), "--k", "4", "--quiet");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.err().contains("Resuming " + resumed.toAbsolutePath().normalize() + " at try 1, epoch 4 of 8"), b.err());
        assertEquals(historyWithoutSeconds(straight), historyWithoutSeconds(resumed));
        assertEquals(Files.readAllLines(straight.resolve(RunDirectory.SELECTED)), Files.readAllLines(resumed.resolve(RunDirectory.SELECTED)));
        assertArrayEquals(Npy.read(straight.resolve("model/parameters.npy")).values(), Npy.read(resumed.resolve("model/parameters.npy")).values());
        assertEquals(recorded.commandLine(), RunDirectory.readConfig(resumed).commandLine(), "the run records the command that started it");
        assertNoLeftovers(resumed);

        // now it is finished: nothing to resume
        Result again = cae("train", "--resume", resumed.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("is a finished run (completed); there is nothing to resume."), again.err());
    }

    @Test
    void aKilledTrainingProcessIsResumedToACompleteRun() throws Exception {
        Path run = dir.resolve("killed");
        Path checkpoint = PartialRun.folderFor(run).resolve(CheckpointFile.NAME);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.caeworkbench.Main"));
        command.addAll(args(run, "--epochs", "300", "--checkpoint", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        try {
            // wait (with a limit) until a checkpoint after a few epochs is on disk, then kill the process without warning
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int done = 0;
            while (done < 3) {
                assertTrue(process.isAlive(), () -> "training ended before it was killed: " + log());
                assertTrue(System.nanoTime() < deadline, "no checkpoint within two minutes");
                if (Files.exists(checkpoint)) done = CheckpointFile.peek(checkpoint).epochsDone();
                else Thread.onSpinWait();
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(run), "a killed training leaves no half-written run folder");
        int killedAt = CheckpointFile.peek(checkpoint).epochsDone();
        assertTrue(killedAt >= 3 && killedAt < 300, "killed after epoch " + killedAt);

        Result r = cae("train", "--resume", run.toString(), "--quiet");
        assertEquals(0, r.code(), r.err() + log());
        List<String> history = Files.readAllLines(run.resolve(RunDirectory.HISTORY));
        assertEquals(301, history.size());
        for (int e = 1; e <= 300; e++) assertTrue(history.get(e).startsWith("1," + e + ","), history.get(e));
        assertEquals("completed", PartialRun.runStatus(run));
        assertEquals(5, Files.readAllLines(run.resolve(RunDirectory.SELECTED)).size());
        assertNoLeftovers(run);
    }

    @Test
    void stoppedLikeCtrlCTheRunSoFarIsWrittenAndResumeFinishesIt() throws Exception {
        Path run = dir.resolve("stopped");
        Path checkpoint = PartialRun.folderFor(run).resolve(CheckpointFile.NAME);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.caeworkbench.Main"));
        command.addAll(args(run, "--epochs", "300", "--checkpoint", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stopped.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(checkpoint) && CheckpointFile.peek(checkpoint).epochsDone() >= 2)) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "no checkpoint while training ran");
            Thread.onSpinWait();
        }
        process.destroy();      // SIGTERM, as Ctrl-C: the shutdown hook stops training and lets the run be written
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the stopped training did not end");
        String said = Files.readString(dir.resolve("stopped.log"));
        assertEquals("cancelled", PartialRun.runStatus(run), said);
        assertTrue(said.contains("continues from the last checkpoint"), said);
        assertTrue(Files.exists(checkpoint), "the checkpoint is kept for --resume");

        Result r = cae("train", "--resume", run.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("completed", PartialRun.runStatus(run));
        assertEquals(301, Files.readAllLines(run.resolve(RunDirectory.HISTORY)).size());
        assertNoLeftovers(run);
    }

    /**
     * The same on images: the run folder's pictures are written while the JVM shuts down (ImageIO's default output
     * stream registers a shutdown hook for its cache file, which is refused then, and the run was not written).
     */
    @Test
    void stoppedLikeCtrlCOnImagesTheRunSoFarIsWrittenWithItsPictures() throws Exception {
        Path run = dir.resolve("stopped-images");
        Path checkpoint = PartialRun.folderFor(run).resolve(CheckpointFile.NAME);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.caeworkbench.Main",
                "train", "--data", "samples/mnist/test4000-images-idx3-ubyte.gz", "--k", "5", "--epochs", "300", "--convergence", "off",
                "--checkpoint", "0", "--out", run.toString(), "--quiet"));
        Path logFile = dir.resolve("stopped-images.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(checkpoint) && CheckpointFile.peek(checkpoint).epochsDone() >= 2)) {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "no checkpoint while training ran");
            Thread.onSpinWait();
        }
        process.destroy();      // SIGTERM, as Ctrl-C
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the stopped training did not end");
        String said = Files.readString(logFile);
        assertFalse(said.contains("failed"), said);
        assertEquals("cancelled", PartialRun.runStatus(run), said);
        for (String png : List.of(ImagePreviews.MASK, ImagePreviews.PROBABILITY_MAP, ImagePreviews.RECONSTRUCTIONS)) {
            assertTrue(Files.size(run.resolve(png)) > 0, png + " written");
        }
        assertTrue(said.contains("continues from the last checkpoint"), said);
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("killed.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Test
    void resumeRefusesWithOneSentence() throws Exception {
        Path nothing = dir.resolve("never-trained");
        Result none = cae("train", "--resume", nothing.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("has no checkpoint to resume from"), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());

        // an interrupted run with a checkpoint: other settings or other data are refused, naming the option
        Path run = dir.resolve("interrupted");
        Path copy = Files.copy(table, dir.resolve("copy.csv"));
        RunConfig cfg = new RunConfig(org.caeworkbench.data.DataSpec.of(copy),
                org.caeworkbench.core.TrainingConfig.builder().k(4).epochs(5).hidden("6").convergenceOff().build(), "cae train ...", "dev");
        PreparedData p = DataPreparation.prepare(cfg.data());
        PartialRun partial = PartialRun.start(PartialRun.folderFor(run), cfg);
        new Trainer(cfg.training()).checkpoints(partial, 0).train(p.train(), p.test(), null, null);
        assertTrue(partial.hasCheckpoint());

        Result k = cae("train", "--resume", run.toString(), "--k", "7");
        assertEquals(2, k.code());
        assertTrue(k.err().contains("--k 7 differs from the settings recorded in " + partial.dir().resolve("config.json")), k.err());
        Result data = cae("train", "--resume", run.toString(), "--data", table.toString());
        assertEquals(2, data.code());
        assertTrue(data.err().contains("--data " + table + " differs"), data.err());
        Result log = cae("train", "--resume", run.toString(), "--log1p");
        assertEquals(2, log.code());
        assertTrue(log.err().contains("--log1p differs"), log.err());

        // a new training into the same folder does not silently throw the interrupted one away
        Result fresh = train(run, "--epochs", "2");
        assertEquals(2, fresh.code());
        assertTrue(fresh.err().contains("holds an interrupted run; continue it with 'cae train --resume"), fresh.err());

        // the data file changed since: its rows differ from those the checkpoint was made on
        Files.writeString(copy, Files.readString(copy).replace("0.1", "0.9"));
        Result changed = cae("train", "--resume", run.toString());
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("The training data differ from those the checkpoint was made on"), changed.err());
        assertTrue(partial.hasCheckpoint(), "a refused resume leaves the checkpoint as it was");
    }
}
