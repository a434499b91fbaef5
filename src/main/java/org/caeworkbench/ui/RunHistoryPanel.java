package org.caeworkbench.ui;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.caeworkbench.app.RunComparison;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Runs tab: every run since the window opened (each training that ended or was stopped, each run folder
 * opened or added), newest last, tagged with its dataset, key settings, time, linear MSE when known and how
 * it ended. Selecting one shows its features, figures and charts without touching the Training and Results
 * tabs (the current run stays as it is); selecting two shows them side by side ({@link RunComparison}:
 * the features both hold, those only one holds, Jaccard, the MSE of each, the settings that differ).
 *
 * <p>An entry holds what it shows (its table rows, epoch history, figures, settings, where its run folder
 * is, and for a run trained here the result the window already held), never a copy of the data. The
 * data pictures (digits, clustered heatmap) are drawn from the loaded data when it is the entry's file.
 * <p>Replay hook: {@link #onShown} tells a listener which entry is shown (null: none or two), and
 * {@link #replaySlot()} is an empty place under its charts for a replay timeline; an entry's
 * {@link Entry#runFolder()} and {@link Entry#result()} are what a replay reads.
 */
final class RunHistoryPanel extends javafx.scene.layout.BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * One run of the history.
     *
     * @param number    1-based, in the order the runs came in
     * @param time      when it ended, or when its folder was opened
     * @param fromFolder whether it came from a run folder (else trained in this window)
     * @param dataset   the data's name as the window shows it
     * @param dataFile  the data file (to tell whether the loaded data is this run's), or null
     * @param config    its training settings (null when unknown)
     * @param status    how it ended ("Done", "Stopped", "Done, not converged", "Saved run")
     * @param rows      its selected features as the Results table shows them
     * @param shape     the image shape of its data, or null
     * @param history   one record per epoch (all tries)
     * @param linearMse its linear-reconstruction test MSE (NaN until known)
     * @param metrics   its figures as text ("" until known)
     * @param runFolder where it is saved (null: not saved)
     * @param result    the in-memory result of a run trained here (null for a run folder)
     */
    record Entry(int number, LocalTime time, boolean fromFolder, String dataset, Path dataFile, TrainingConfig config, String status,
                 List<FeatureRow> rows, Dataset.ImageShape shape, List<EpochRecord> history, double linearMse, String metrics,
                 Path runFolder, SelectionResult result) {
        Entry {
            rows = List.copyOf(rows);
            history = List.copyOf(history);
        }

        /** Its distinct selected feature names, in rank order. */
        List<String> names() {
            LinkedHashSet<String> n = new LinkedHashSet<>();
            for (FeatureRow r : rows) n.add(r.name());
            return List.copyOf(n);
        }

        /** Its distinct selected file columns, in rank order. */
        int[] indices() {
            return rows.stream().mapToInt(FeatureRow::index).distinct().toArray();
        }

        Entry withMetrics(double mse, String text) {
            return new Entry(number, time, fromFolder, dataset, dataFile, config, status, rows, shape, history, mse, text, runFolder, result);
        }

        Entry withFolder(Path folder) {
            return new Entry(number, time, fromFolder, dataset, dataFile, config, status, rows, shape, history, linearMse, metrics, folder, result);
        }

        /** The key settings in a few words: "k 50 · 100 epochs · lr 0.001 · T 10 → 0.01 · seed 1". */
        String settings() {
            if (config == null) return "settings unknown";
            return String.format(Locale.ROOT, "k %d · %s epochs · lr %s · T %s → %s · seed %s", config.k(), Settings.EPOCHS.text(config),
                    Settings.LR.text(config), Settings.START_TEMP.text(config), Settings.END_TEMP.text(config), Settings.SEED.text(config));
        }

        /** The list's line. */
        String line() {
            String icon = fromFolder ? "▤" : status.startsWith("Stopped") ? "■" : status.contains("not converged") ? "◐" : "●";
            String settings = config == null ? "settings unknown" : String.format(Locale.ROOT, "k %d · %s epochs · lr %s · seed %s",
                    config.k(), Settings.EPOCHS.text(config), Settings.LR.text(config), Settings.SEED.text(config));
            return String.format(Locale.ROOT, "%s #%d  %s  %s\n%s%s", icon, number, time.format(TIME), dataset, settings,
                    Double.isFinite(linearMse) ? String.format(Locale.ROOT, " · MSE %.4f", linearMse) : "");
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ListView<Entry> list = new ListView<>(entries);
    private final VBox detail = new VBox(8);
    private final Label heading = new Label("Train, or open a run folder: each run joins this list.");
    private final StackPane replaySlot = new StackPane();
    private final List<Consumer<Entry>> shownListeners = new ArrayList<>();
    private final DataViews dataViews;
    private int next = 1;

    /** Draws the data pictures of an entry when the loaded data is its data (the window does it off the FX thread). */
    interface DataViews {
        /** The node that shows {@code e}'s choice on the data (or a second entry's beside it), or null. */
        Node of(Entry e, Entry other);
    }

    RunHistoryPanel(Runnable addFolder, DataViews dataViews) {
        this.dataViews = dataViews;
        setId("runHistory");
        list.setId("runList");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.line());
                setTooltip(empty || e == null ? null : new Tooltip(e.status() + (e.runFolder() == null ? ", not saved" : ", in " + e.runFolder())));
            }
        });
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Entry>) c -> refresh());
        Button add = new Button("Add run folder…");
        add.setId("addRunFolderButton");
        add.setTooltip(new Tooltip("Adds a run folder written by `cae train --out` or Export > Run folder to this list"));
        add.setOnAction(e -> addFolder.run());
        Label hint = new Label("Select one run to see it, two (Ctrl-click) to compare them.");
        hint.setWrapText(true);
        VBox left = new VBox(6, list, new HBox(6, add), hint);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        left.setMinWidth(200);
        left.setPrefWidth(290);
        left.setMaxWidth(290);
        heading.setId("runDetail");
        heading.setWrapText(true);
        replaySlot.setId("runReplaySlot");
        detail.setPadding(new Insets(8));
        detail.setMinWidth(0);
        detail.getChildren().add(heading);
        ScrollPane right = new ScrollPane(detail);
        right.setFitToWidth(true);
        setLeft(left);
        setCenter(right);
    }

    ObservableList<Entry> entries() { return entries; }
    ListView<Entry> list() { return list; }

    /** Where a replay timeline of the shown entry goes (empty until one is attached). */
    StackPane replaySlot() { return replaySlot; }

    /** Called with the entry shown alone (null when none or two are selected). */
    void onShown(Consumer<Entry> listener) { shownListeners.add(listener); }

    int nextNumber() { return next++; }

    /** Adds an entry (newest last) and selects it. */
    void add(Entry e) {
        entries.add(e);
        list.getSelectionModel().clearAndSelect(entries.size() - 1);
        list.scrollTo(entries.size() - 1);
    }

    /** Replaces the entry of {@code result} (figures computed, folder saved) through {@code change}. */
    void update(SelectionResult result, java.util.function.UnaryOperator<Entry> change) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (result != null && e.result() == result) {
                List<Integer> selected = new ArrayList<>(list.getSelectionModel().getSelectedIndices());
                entries.set(i, change.apply(e));
                list.getSelectionModel().clearSelection();
                for (int s : selected) list.getSelectionModel().select(s);
                return;
            }
        }
    }

    /** Shows the selection again (the loaded data changed: its pictures may now be drawn). */
    void refresh() {
        List<Entry> chosen = new ArrayList<>(list.getSelectionModel().getSelectedItems());
        chosen.removeIf(java.util.Objects::isNull);
        detail.getChildren().clear();
        if (chosen.isEmpty()) {
            heading.setText(entries.isEmpty() ? "Train, or open a run folder: each run joins this list." : "Select a run to see it.");
            detail.getChildren().add(heading);
            shownListeners.forEach(l -> l.accept(null));
        } else if (chosen.size() == 1) {
            showOne(chosen.get(0));
            shownListeners.forEach(l -> l.accept(chosen.get(0)));
        } else {
            chosen.sort(java.util.Comparator.comparingInt(Entry::number));
            showTwo(chosen.get(0), chosen.get(chosen.size() - 1), chosen.size());
            shownListeners.forEach(l -> l.accept(null));
        }
    }

    private void showOne(Entry e) {
        heading.setText(String.format(Locale.ROOT, "Run #%d · %s · %s %s · %s%s", e.number(), e.dataset(), e.fromFolder() ? "opened" : "trained",
                e.time().format(TIME), e.status(), e.runFolder() == null ? "" : "\nRun folder: " + e.runFolder()));
        Label settings = new Label(e.settings());
        settings.setId("runSettings");
        Label metrics = new Label(e.metrics().isEmpty() ? "Computing its figures…" : e.metrics());
        metrics.setId("runMetrics");
        metrics.setWrapText(true);
        TableView<FeatureRow> table = new TableView<>(FXCollections.observableArrayList(e.rows()));
        table.setId("runFeatures");
        table.getColumns().add(column("Rank", FeatureRow::rank, 45));
        table.getColumns().add(column("Index", FeatureRow::index, 60));
        table.getColumns().add(column("Name", FeatureRow::name, 140));
        TableColumn<FeatureRow, String> p = column("Probability", r -> String.format(Locale.ROOT, "%.4f", r.probability()), 80);
        table.getColumns().add(p);
        table.setMaxWidth(440);
        table.setPrefHeight(200);
        detail.getChildren().addAll(heading, settings, table, metrics, charts(e), replaySlot);
        Node data = dataViews.of(e, null);
        if (data != null) detail.getChildren().add(data);
    }

    private void showTwo(Entry a, Entry b, int selected) {
        RunComparison c = RunComparison.of(a.names(), a.linearMse(), a.config(), b.names(), b.linearMse(), b.config());
        heading.setText(String.format(Locale.ROOT, "A = run #%d, %s\n      %s\nB = run #%d, %s\n      %s%s", a.number(), a.dataset(), a.settings(),
                b.number(), b.dataset(), b.settings(), selected > 2 ? "\n(" + selected + " runs selected: the first and the last are compared)" : ""));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Panel overlap: %d features in both, %d only in A, %d only in B; Jaccard %.2f (shared ÷ all distinct).\nLinear MSE: A %s, B %s%s",
                c.both().size(), c.onlyA().size(), c.onlyB().size(), c.jaccard(), mse(a.linearMse()), mse(b.linearMse()),
                Double.isFinite(a.linearMse()) && Double.isFinite(b.linearMse())
                        ? String.format(Locale.ROOT, " (%s is lower by %.1f%%)", a.linearMse() <= b.linearMse() ? "A" : "B",
                        100 * Math.abs(a.linearMse() - b.linearMse()) / Math.max(a.linearMse(), b.linearMse())) : ""));
        if (!a.dataset().equals(b.dataset())) s.append("\nThe runs used different data: features are matched by name.");
        s.append(c.differences().isEmpty() ? "\nSettings: the same." : "\nSettings that differ:\n  " + String.join("\n  ", c.differences()));
        Label summary = new Label(s.toString());
        summary.setId("runComparison");
        summary.setWrapText(true);
        HBox lists = new HBox(8, names("In both (" + c.both().size() + ")", c.both(), "runsBoth"),
                names("Only in A (" + c.onlyA().size() + ")", c.onlyA(), "runsOnlyA"),
                names("Only in B (" + c.onlyB().size() + ")", c.onlyB(), "runsOnlyB"));
        detail.getChildren().addAll(heading, summary, lists);
        Node overlap = overlapPicture(a, b);
        if (overlap != null) detail.getChildren().add(overlap);
        Node data = dataViews.of(a, b);
        if (data != null) detail.getChildren().add(data);
    }

    private static String mse(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "not known (cae eval --run FOLDER computes it)";
    }

    private static VBox names(String title, List<String> names, String id) {
        ListView<String> v = new ListView<>(FXCollections.observableArrayList(names));
        v.setId(id);
        v.setPrefHeight(200);
        v.setPrefWidth(200);
        VBox box = new VBox(4, new Label(title), v);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    /** For two image runs of the same shape: both panels on one pixel grid (white both, orange A only, blue B only). */
    private static Node overlapPicture(Entry a, Entry b) {
        Dataset.ImageShape shape = a.shape() != null ? a.shape() : b.shape();
        if (shape == null || (b.shape() != null && !b.shape().equals(shape))) return null;
        Heatmaps.Pixels px = overlap(a.indices(), b.indices(), shape);
        ImageView v = new ImageView(HeatmapPane.blocky(null, px, 196, 196));
        v.setId("runOverlapPicture");
        v.setSmooth(false);
        Label caption = new Label("Chosen pixels: white in both, orange only in A, blue only in B");
        caption.setWrapText(true);
        return new VBox(4, caption, v);
    }

    /** The overlap of two pixel panels on a {@code shape} grid; a pure function. */
    static Heatmaps.Pixels overlap(int[] a, int[] b, Dataset.ImageShape shape) {
        int d = shape.height() * shape.width();
        int[] out = new int[d];
        java.util.Arrays.fill(out, 0xFF20242C);
        boolean[] inA = new boolean[d];
        for (int f : a) if (f >= 0 && f < d) inA[f] = true;
        for (int f : a) if (f >= 0 && f < d) out[f] = 0xFFFF8C00;
        for (int f : b) if (f >= 0 && f < d) out[f] = inA[f] ? 0xFFFFFFFF : 0xFF3C8CFF;
        return new Heatmaps.Pixels(shape.width(), shape.height(), out);
    }

    private static Node charts(Entry e) {
        XYSeries train = new XYSeries("train loss");
        XYSeries val = new XYSeries("validation loss");
        XYSeries temp = new XYSeries("temperature");
        XYSeries meanMax = new XYSeries("mean-max");
        int offset = 0, lastTry = 0, lastX = 0;
        for (EpochRecord r : e.history()) {
            if (r.tryNumber() != lastTry) {
                offset = lastX;
                lastTry = r.tryNumber();
            }
            int x = offset + r.epoch();
            lastX = x;
            train.add(x, r.trainLoss());
            if (Double.isFinite(r.validationLoss())) val.add(x, r.validationLoss());
            temp.add(x, r.temperature());
            meanMax.add(x, r.meanMaxProbability());
        }
        JFreeChart loss = chart("Loss", "MSE", train, val);
        JFreeChart t = chart("Temperature and mean-max", "T", temp);
        NumberAxis mm = new NumberAxis("mean-max");
        mm.setRange(0, 1.02);
        t.getXYPlot().setRangeAxis(1, mm);
        t.getXYPlot().setDataset(1, new XYSeriesCollection(meanMax));
        t.getXYPlot().mapDatasetToRangeAxis(1, 1);
        var r1 = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        r1.setSeriesPaint(0, new java.awt.Color(0xD0, 0x60, 0x00));
        t.getXYPlot().setRenderer(1, r1);
        ChartViewer lv = new ChartViewer(loss);
        lv.setId("runLossChart");
        ChartViewer tv = new ChartViewer(t);
        tv.setId("runTemperatureChart");
        for (ChartViewer v : new ChartViewer[] {lv, tv}) {
            v.setPrefSize(300, 240);
            v.setMinSize(180, 200);
        }
        HBox box = new HBox(8, lv, tv);
        HBox.setHgrow(lv, Priority.ALWAYS);
        HBox.setHgrow(tv, Priority.ALWAYS);
        return box;
    }

    private static JFreeChart chart(String title, String y, XYSeries... series) {
        XYSeriesCollection col = new XYSeriesCollection();
        for (XYSeries s : series) col.addSeries(s);
        JFreeChart c = ChartFactory.createXYLineChart(title, "epoch", y, col, PlotOrientation.VERTICAL, true, false, false);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return c;
    }

    private static <T> TableColumn<FeatureRow, T> column(String title, java.util.function.Function<FeatureRow, T> f, double width) {
        TableColumn<FeatureRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    // ---------------------------------------------------------------- making entries

    private static final Pattern LINEAR_MSE = Pattern.compile("(?m)^linear mse: ([0-9.eE+-]+)$");

    /** An entry of a run folder as {@link SavedRuns} read it. */
    Entry entryOf(SavedRuns.SavedRun run, Dataset.ImageShape shape) {
        List<EpochRecord> history = new ArrayList<>();
        for (var s : run.history())
            history.add(new EpochRecord(s.tryNumber(), s.epoch(), s.step(), s.temperature(), s.trainLoss(), s.validationLoss(),
                    s.meanMaxProbability(), s.duplicates(), s.elapsedSeconds()));
        Matcher m = LINEAR_MSE.matcher(run.metrics());
        double mse = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        Path file = run.config().data().data();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new Entry(nextNumber(), LocalTime.now(), true, name, file, run.config().training(), "Saved run", run.rows(), shape,
                history, mse, run.metrics(), run.dir(), null);
    }

    /** An entry of a training that ended in this window. */
    Entry entryOf(LoadedData d, TrainingConfig cfg, SelectionResult r, String status, List<FeatureRow> rows) {
        return new Entry(nextNumber(), LocalTime.now(), false, d.name(), d.spec().data(), cfg, status, rows, d.train().imageShape(),
                r.history(), Double.NaN, "", null, r);
    }
}
