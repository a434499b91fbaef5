package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.caeworkbench.app.DataHeatmap;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;

/**
 * The window's run history and its views of the choice on the data: wires the Runs tab
 * ({@link RunHistoryPanel}) to trainings that end, run folders opened or added, exports and metrics;
 * keeps the live digit strip ({@link DigitStrip}) fed with the loaded data; draws the clustered heatmap
 * ({@link DataHeatmapView}) of a table's result in the Results tab and of a run selected in the history.
 */
final class RunHistory {
    private final WorkbenchWindow w;
    private final RunHistoryPanel panel;
    private final DigitStrip digits = new DigitStrip();
    private final DataHeatmapView resultHeatmap = new DataHeatmapView("dataHeatmap");
    private final DataHeatmapView runHeatmap = new DataHeatmapView("runDataHeatmap");
    /** Which entry the run heatmap was last asked for (a later selection makes an older answer stale). */
    private Object heatmapFor;

    private final RunReplay replay;

    RunHistory(WorkbenchWindow w) {
        this.w = w;
        panel = new RunHistoryPanel(this::addFolderDialog, this::dataView);
        replay = new RunReplay(panel.replaySlot());
        panel.onShown(replay::show);
    }

    RunReplay replay() { return replay; }

    /** After the window's parts exist: follow the loaded data and the result's figures. */
    void wire() {
        w.session.dataProperty().addListener((o, a, d) -> {
            digits.data(d);
            resultHeatmap.clear();
            panel.refresh();
        });
        digits.data(w.session.data());
        w.session.metricsProperty().addListener((o, a, m) -> {
            if (m == null) return;
            Object mse = m.get("linear_mse");
            double v = mse instanceof Number n ? n.doubleValue() : Double.NaN;
            StringBuilder b = new StringBuilder();
            for (var e : m.entrySet()) {
                if (e.getValue() instanceof List || e.getValue() instanceof Map) continue;
                b.append(e.getKey().replace('_', ' ')).append(": ")
                        .append(e.getValue() instanceof Number n ? org.caeworkbench.export.RunReport.fmt(n.doubleValue()) : String.valueOf(e.getValue()))
                        .append('\n');
            }
            for (String warning : w.session.warnings()) b.insert(0, "Warning: " + warning + "\n");
            panel.update(w.session.result(), e -> e.withMetrics(v, b.toString().trim()));
        });
    }

    RunHistoryPanel panel() { return panel; }
    DigitStrip digits() { return digits; }
    DataHeatmapView resultHeatmap() { return resultHeatmap; }

    /** A training ended (done, stopped or not converged) with this result: it joins the list. */
    void trained(LoadedData d, TrainingConfig cfg, SelectionResult r, String status, List<FeatureRow> rows) {
        if (d == null || r == null) return;
        replay.remember(r, new SavedRuns.Replay(w.replay.historyOf(r), d.train().featureNames(), d.train().imageShape(), null));
        panel.add(panel.entryOf(d, cfg == null ? TrainingConfig.builder().build() : cfg, r, status, rows));
        if (!d.train().isImage()) drawResultHeatmap(d, r);
    }

    /** The result was written to {@code dir}. */
    void saved(SelectionResult r, Path dir) {
        panel.update(r, e -> e.withFolder(dir));
    }

    /** A run folder was opened (File > Open run folder, Add run folder…): it joins the list. */
    void opened(SavedRuns.SavedRun run) {
        LoadedData d = w.session.data();
        Dataset.ImageShape shape = d != null && sameFile(d, run.config().data().data()) ? d.train().imageShape() : null;
        replay.remember(run.dir(), run.replay());
        panel.add(panel.entryOf(run, shape));
    }

    void addFolderDialog() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Add a run folder (written by `cae train --out` or Export > Run folder) to the run history");
        Path last = w.recent.lastFolder();
        if (last != null) dc.setInitialDirectory(last.toFile());
        Path dir = w.dialogs.folder(w.stage, dc);
        if (dir != null) addFolder(dir, null);
    }

    /** Reads a run folder off the FX thread and adds it to the list without showing it in the other tabs; {@code done} gets null or the error. */
    void addFolder(Path dir, Consumer<String> done) {
        Task<SavedRuns.SavedRun> task = new Task<>() {
            @Override
            protected SavedRuns.SavedRun call() throws java.io.IOException {
                return SavedRuns.readRun(dir);
            }
        };
        task.setOnSucceeded(e -> {
            opened(task.getValue());
            String msg = "Added the run " + dir + " to the run history.";
            w.statusBar.succeeded(msg);
            w.log(msg);
            if (done != null) done.accept(null);
        });
        task.setOnFailed(e -> {
            String msg = "Cannot add the run: " + Messages.of(task.getException());
            w.showError(msg);
            if (done != null) done.accept(msg);
        });
        w.start(task, "cae-add-run");
    }

    /** Forgets the Results tab's data heatmap (the result went). */
    void forgetResult() {
        resultHeatmap.clear();
    }

    private void drawResultHeatmap(LoadedData d, SelectionResult r) {
        long seed = w.session.trainedConfig() == null ? 1 : w.session.trainedConfig().seed();
        Task<DataHeatmapView.Drawn> task = new Task<>() {
            @Override
            protected DataHeatmapView.Drawn call() {
                return DataHeatmapView.pixels(DataHeatmap.of(d.train(), r.selected(), seed));
            }
        };
        task.setOnSucceeded(e -> {
            if (w.session.result() == r) resultHeatmap.show(task.getValue());
        });
        task.setOnFailed(e -> WorkbenchWindow.LOG.warn("data heatmap failed", task.getException()));
        w.start(task, "cae-data-heatmap");
    }

    private static boolean sameFile(LoadedData d, Path file) {
        return file != null && d.spec().data().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
    }

    /** The data pictures of an entry (or of two), when the loaded data is its file; null otherwise. */
    private Node dataView(RunHistoryPanel.Entry e, RunHistoryPanel.Entry other) {
        LoadedData d = w.session.data();
        if (d == null || !sameFile(d, e.dataFile())) return null;
        if (other != null && !sameFile(d, other.dataFile())) return null;
        Map<String, Integer> byName = new HashMap<>();
        List<String> names = d.train().featureNames();
        for (int i = 0; i < names.size(); i++) byName.putIfAbsent(names.get(i), i);
        int[] sel = e.names().stream().filter(byName::containsKey).mapToInt(byName::get).toArray();
        if (d.train().isImage()) {
            if (other != null) return null;   // the overlap picture says it for two
            int[] rows = DigitStrip.pickRows(d.test(), DigitStrip.DIGITS);
            int cols = d.test().cols();
            float[] v = new float[rows.length * cols];
            for (int i = 0; i < rows.length; i++) d.test().copyRow(rows[i], v, i * cols);
            ImageView view = new ImageView(HeatmapPane.blocky(null, DigitStrip.overlay(v, rows.length, d.test().imageShape(), sel),
                    d.test().imageShape().width() * rows.length * 3, d.test().imageShape().height() * 3));
            view.setId("runDigits");
            view.setSmooth(false);
            return new VBox(4, new Label("Its chosen pixels (orange) on test digits"), view);
        }
        if (other != null) {
            int[] both = java.util.stream.IntStream.concat(java.util.Arrays.stream(sel),
                    other.names().stream().filter(byName::containsKey).mapToInt(byName::get)).toArray();
            sel = both;
        }
        int[] chosen = sel;
        Object key = other == null ? e : List.of(e, other);
        heatmapFor = key;
        runHeatmap.clear();
        long seed = e.config() == null ? 1 : e.config().seed();
        Task<DataHeatmapView.Drawn> task = new Task<>() {
            @Override
            protected DataHeatmapView.Drawn call() {
                return DataHeatmapView.pixels(DataHeatmap.of(d.train(), chosen, seed));
            }
        };
        task.setOnSucceeded(ev -> {
            if (heatmapFor == key) runHeatmap.show(task.getValue());
        });
        task.setOnFailed(ev -> WorkbenchWindow.LOG.warn("data heatmap failed", task.getException()));
        w.start(task, "cae-data-heatmap");
        Label note = new Label(other == null ? "" : String.format(Locale.ROOT, "Marked: the features of A and of B (%d in all).",
                java.util.Arrays.stream(chosen).distinct().count()));
        note.setVisible(other != null);
        note.setManaged(other != null);
        return new VBox(4, note, runHeatmap);
    }
}
