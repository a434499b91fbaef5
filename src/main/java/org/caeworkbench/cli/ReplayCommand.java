package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.export.ReplayImages;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SelectorHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Draw a run's replay (selector_history.bin.gz: the selector heatmap and, for images, the pixel map and the chosen pixels, epoch by epoch) as an animated GIF or a folder of PNGs, for a slide.",
                "Example: cae replay --run runs/mnist --gif mnist.gif --frames 60"})
final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A run folder written by 'cae train' or the window.")
    Path run;

    @Option(names = "--gif", paramLabel = "FILE", description = "Write an animated GIF (looping).")
    Path gif;

    @Option(names = "--png-dir", paramLabel = "DIR", description = "Write one PNG per frame (frame_0001.png, ...) into DIR.")
    Path pngDir;

    @Option(names = "--frames", defaultValue = "0", paramLabel = "N",
            description = "Frames to draw, spread evenly over the replay (first and last kept); 0: all it holds (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", defaultValue = "168", paramLabel = "PX", description = "Height of the pictures' panels in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--delay", defaultValue = "150", paramLabel = "MS", description = "Time each GIF frame is shown (default: ${DEFAULT-VALUE}).")
    int delay;

    @Override
    public Integer call() throws IOException {
        if (gif == null && pngDir == null) throw new IllegalArgumentException("Say where to draw the replay: --gif FILE, --png-dir DIR, or both.");
        ReplayImages.Options options = new ReplayImages.Options(frames, size, delay);
        Path dir = run.toAbsolutePath().normalize();
        RunDirectory.readConfig(dir);      // a clear sentence when it is not a run folder
        SelectorHistory h = SelectorHistory.readRun(dir);
        if (h == null)
            throw new IOException(dir + " has no replay (" + SelectorHistory.FILE + "); it was written before replays were recorded. Train it again to get one.");
        Dataset.ImageShape shape = RunDirectory.readModel(dir).imageShape();
        var out = spec.commandLine().getOut();
        if (gif != null) {
            int n = ReplayImages.writeGif(gif.toAbsolutePath(), h, shape, options);
            out.printf(Locale.ROOT, "wrote %s: %d frames of %d recorded (epochs %d to %d)%n", gif, n, h.size(), h.frame(0).epoch(),
                    h.frame(h.size() - 1).epoch());
        }
        if (pngDir != null) {
            int n = ReplayImages.writePngs(pngDir.toAbsolutePath(), h, shape, options).size();
            out.printf(Locale.ROOT, "wrote %d PNG frames into %s%n", n, pngDir);
        }
        out.flush();
        return 0;
    }
}
