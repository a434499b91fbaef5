package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.export.ReplayImages;
import org.caeworkbench.export.SelectorHistory;

/**
 * The replay in the window: the {@link TimelineBar} chooses a frame; this turns it into a snapshot (the levels
 * back into probabilities, on a background thread) for the {@link LiveRenderer}, which draws the heatmap, the
 * pixel map and the chosen pixels as it does live, and puts the cursor on the charts at the frame's epoch.
 * Also Export > Replay as GIF….
 */
final class ReplayView {
    private final WorkbenchWindow w;
    private final Runnable forgetLive;
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cae-replay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger wanted = new AtomicInteger(-1);
    private final AtomicReference<TrainingSnapshot> submitted = new AtomicReference<>();
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private volatile SelectorHistory history;
    private volatile List<String> names = List.of();
    private volatile Dataset.ImageShape shape;
    private SelectionResult owner;
    /** Whether the frames belong to the window's own training (a run that ended here, or one paused), so the sentences follow them. */
    private volatile boolean explains;

    /** {@code forgetLive}: makes the live feed drop its last snapshot, so a new colour scale redraws the replay's frame instead. */
    ReplayView(WorkbenchWindow w, Runnable forgetLive) {
        this.w = w;
        this.forgetLive = forgetLive;
        TimelineBar bar = w.trainingPanel.timeline();
        bar.onFrame(this::show);
        w.trainingPanel.scaleToMaxProperty().addListener((o, a, b) -> {
            int i = bar.frameProperty().get();
            if (history != null && i >= 0) submit(i);
        });
    }

    /**
     * Offers {@code h} (null: none) on the timeline, drawn with the features' {@code names} and {@code shape} (null
     * for tables); {@code result} is the window's result it belongs to (null for a saved run), so that a run folder
     * exported from the window carries it.
     */
    void set(SelectorHistory h, List<String> names, Dataset.ImageShape shape, SelectionResult result) {
        history = h;
        this.names = names != null && h != null && names.size() == h.d() ? List.copyOf(names) : genericNames(h);
        this.shape = shape != null && h != null && (long) shape.height() * shape.width() == h.d() ? shape : null;
        owner = result;
        explains = h != null && (result != null || w.vm.runningProperty().get());
        available.set(h != null && h.size() > 0);
        if (h != null) forgetLive.run();
        w.trainingPanel.timeline().set(h);
    }

    void clear() {
        set(null, null, null, null);
    }

    /** The replay of {@code r}, the window's own result, or null. */
    SelectorHistory historyOf(SelectionResult r) {
        return r != null && r == owner ? history : null;
    }

    ReadOnlyBooleanProperty availableProperty() { return available.getReadOnlyProperty(); }

    /** The snapshot last handed to the renderer (for tests: what the heatmap draws). */
    TrainingSnapshot submitted() { return submitted.get(); }

    private void show(int i) {
        SelectorHistory h = history;
        if (h == null) return;
        SelectorHistory.Frame f = h.frame(i);
        w.trainingPanel.cursorAt(w.trainingPanel.chartX(f.tryNumber(), f.epoch()));
        submit(i);
    }

    private void submit(int i) {
        wanted.set(i);
        SelectorHistory h = history;
        List<String> n = names;
        Dataset.ImageShape s = shape;
        boolean scale = w.trainingPanel.scaleToMax();
        decoder.execute(() -> {
            if (wanted.get() != i || history != h) return;      // a newer frame was asked for meanwhile
            TrainingSnapshot snap = snapshot(h, i);
            submitted.set(snap);
            w.renderer.submit(snap, s, n, scale);
            // the sentences under the charts say what that epoch shows (its T, mean-max, duplicates, loss)
            if (explains) javafx.application.Platform.runLater(() -> {
                if (history == h && wanted.get() == i) w.explain(snap);
            });
        });
    }

    /** Frame i as the trainer would have published it at that epoch end (probabilities from the levels). */
    static TrainingSnapshot snapshot(SelectorHistory h, int i) {
        SelectorHistory.Frame f = h.frame(i);
        return new TrainingSnapshot(f.tryNumber(), f.epoch(), 0, f.step(), 0, f.temperature(), f.trainLoss(), f.validationLoss(),
                f.meanMaxProbability(), f.duplicates(), f.selected(), f.probabilities(), f.featureMax(), f.topFeatures(),
                f.topProbabilities(), f.seconds(), 0, true);
    }

    private static List<String> genericNames(SelectorHistory h) {
        if (h == null) return List.of();
        List<String> n = new ArrayList<>(h.d());
        for (int j = 0; j < h.d(); j++) n.add("feature " + j);
        return n;
    }

    /** Export > Replay as GIF…: asks for the file, then draws every frame on a background task. */
    void exportGifDialog() {
        if (history == null) return;
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("replay.gif");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Animated GIF", "*.gif"));
        Path last = w.recent.lastFolder();
        if (last != null) fc.setInitialDirectory(last.toFile());
        Path file = w.dialogs.save(w.stage, fc);
        if (file != null) {
            w.recent.folderUsed(file.getParent());
            exportGif(file, null);
        }
    }

    /** Writes the replay as an animated GIF (every frame it holds); {@code done} gets null or the error, on the FX thread. */
    void exportGif(Path file, java.util.function.Consumer<String> done) {
        SelectorHistory h = history;
        Dataset.ImageShape s = shape;
        if (h == null) return;
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws java.io.IOException {
                return ReplayImages.writeGif(file, h, s, ReplayImages.Options.DEFAULT);
            }
        };
        task.setOnSucceeded(e -> {
            String msg = "Wrote the replay (" + task.getValue() + " frames) to " + file;
            w.statusBar.succeeded(msg);
            w.log(msg);
            if (done != null) done.accept(null);
        });
        task.setOnFailed(e -> {
            String msg = "Export failed: " + Messages.of(task.getException());
            w.showError(msg);
            if (done != null) done.accept(msg);
        });
        w.start(task, "cae-export-gif");
    }

    void shutdown() {
        decoder.shutdownNow();
    }
}
