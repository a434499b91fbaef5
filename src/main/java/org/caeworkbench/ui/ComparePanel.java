package org.caeworkbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.app.CompareRun;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.eval.FeatureSelector;
import org.caeworkbench.data.FeatureNames;
import org.caeworkbench.eval.GivenPanel;
import org.caeworkbench.export.ComparisonFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Compare tab: runs the CAE and the baseline selectors ({@link Comparison}, the engine of
 * {@code cae compare}) on the loaded dataset's prepared train/test split, on a background task, and shows
 * a sortable table (with the PCA bound and the mean predictor as reference rows) and, for several k, a
 * chart of the test MSE against k. Export writes comparison.csv (and mse_vs_k.png) with the export writers.
 */
final class ComparePanel extends VBox {
    private final Supplier<LoadedData> data;
    private final Consumer<String> onError;
    private final Consumer<String> onStatus;
    private final CompareViewModel model = new CompareViewModel();
    private final Supplier<TrainingConfig> settings;
    private final TextField kField = new TextField("10");
    private final TextField epochsField = new TextField("300");
    private final TextField panelField = new TextField();
    private final Label panelInfo = new Label();
    private final Button panelSize = new Button("Use its size as k");
    private GivenPanel.Match shownMatch;               // the panel as the line under it describes it: its size for k
    private LoadedData lookupOf;                        // the data lookup was built for
    private FeatureNames lookup;
    private final Button runButton = new Button("Run");
    private final Button stopButton = new Button("Stop");
    private final Button exportButton = new Button("Export…");
    private final ProgressBar progress = new ProgressBar(0);
    /** The first line before a run, and after its results are cleared. */
    private static final String READY = "Choose methods and k, then Run: they are compared on the dataset loaded on the left.";
    private final Label progressLabel = new Label(READY);
    private final TableView<Comparison.Row> table = new TableView<>();
    private final ObservableList<Comparison.Row> rows = FXCollections.observableArrayList();
    private final XYSeriesCollection series = new XYSeriesCollection();
    private final ChartViewer chartViewer;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final List<Comparison.Row> results = new ArrayList<>();   // the engine's rows, in its order
    private volatile Task<List<Comparison.Row>> task;
    private String dataName = "";
    private org.caeworkbench.data.Dataset compared;   // the training part of the data compared, for the features' names
    private final Button copyButton = new Button("Copy its features");

    /**
     * @param blockedBy why the comparison cannot start now (another job runs), empty when it can: the Run
     *                  button is off and the reason is shown beside it
     */
    private final Tasks tasks;

    /** Whether the data hold the settings' kept features; when not, it prepares them and runs the given action after (the window's). */
    private java.util.function.BiPredicate<List<String>, Runnable> keptReady = (names, then) -> true;

    void keptFeaturesWith(java.util.function.BiPredicate<List<String>, Runnable> ready) { keptReady = ready; }

    /**
     * @param settings the Parameters panel's settings when they are valid, else null: the CAE of a comparison
     *                 is trained with them (this tab sets its k values and epochs), as {@code cae compare} takes
     *                 the training options
     */
    ComparePanel(Tasks tasks, Supplier<LoadedData> data, Supplier<TrainingConfig> settings, BooleanExpression noData,
                 javafx.beans.value.ObservableStringValue blockedBy, Consumer<String> onError, Consumer<String> onStatus) {
        super(8);
        this.tasks = tasks;
        this.data = data;
        this.settings = settings;
        this.onError = onError;
        this.onStatus = onStatus;
        setPadding(new Insets(8));
        setId("comparePanel");

        FlowPane boxes = new FlowPane(10, 4);
        model.methods().forEach((name, chosen) -> {
            CheckBox cb = new CheckBox(name);
            cb.setId("compare-" + name);
            cb.selectedProperty().bindBidirectional(chosen);
            boxes.getChildren().add(cb);
        });
        kField.textProperty().bindBidirectional(model.kProperty());
        epochsField.textProperty().bindBidirectional(model.epochsProperty());
        kField.setId("compareK");
        kField.setPrefColumnCount(10);
        kField.setPromptText("10 or 10,20,50");
        epochsField.setId("compareEpochs");
        epochsField.setPrefColumnCount(5);
        epochsField.setTooltip(new Tooltip("The CAE methods train for these epochs with the Parameters panel's other settings"
                + " (selector, objective, kept and excluded features, seed …), as cae compare takes the training options."));
        runButton.setId("compareRun");
        stopButton.setId("compareStop");
        exportButton.setId("compareExport");
        progress.setId("compareProgress");
        progressLabel.setId("compareProgressLabel");
        runButton.disableProperty().bind(running.or(noData).or(javafx.beans.binding.Bindings.isNotEmpty(blockedBy)));
        Label blocked = new Label();
        blocked.setId("compareBlocked");
        blocked.getStyleClass().add("problem");
        blocked.textProperty().bind(blockedBy);
        stopButton.disableProperty().bind(running.not());
        runButton.setOnAction(e -> run());
        stopButton.setOnAction(e -> stop());
        exportButton.setOnAction(e -> exportDialog());
        exportButton.setDisable(true);
        copyButton.setId("compareCopy");
        copyButton.setTooltip(new Tooltip("Puts the features of the method selected in the table on the clipboard, one a line"
                + " (Export… writes every method's to comparison_features.csv)."));
        copyButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            Comparison.Row r = table.getSelectionModel().getSelectedItem();
            return r == null || r.selected().length == 0;
        }, table.getSelectionModel().selectedItemProperty()));
        copyButton.setOnAction(e -> copySelected());
        HBox controls = new HBox(8, new Label("k"), kField, new Label("CAE epochs"), epochsField, runButton, stopButton, exportButton, copyButton, blocked);
        controls.setAlignment(Pos.CENTER_LEFT);
        panelField.setId("comparePanelNames");
        panelField.setPrefColumnCount(28);
        panelField.setPromptText("a file of names, or names separated by commas");
        panelField.textProperty().bindBidirectional(model.panelProperty());
        panelField.setTooltip(new Tooltip("A panel you bring (one in use, from a paper, another run's selected_features.csv or features.tsv) is scored as it is"
                + " beside the methods: its linear MSE and accuracy at its own size. Names the data lack are left out and said so."
                + " Set k to its size to compare the methods with it at the same size (cae compare --panel)."));
        Button panelLoad = new Button("Load…");
        panelLoad.setId("comparePanelLoad");
        panelLoad.setOnAction(e -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("Your panel: a file of feature names");
            java.io.File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) panelField.setText(f.getAbsolutePath());
        });
        panelInfo.setId("comparePanelInfo");
        panelInfo.setWrapText(true);
        panelInfo.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // every line of it, not two and an ellipsis
        panelSize.setId("comparePanelSize");
        panelSize.setDisable(true);
        panelSize.setOnAction(e -> {
            if (shownMatch != null) kField.setText(Integer.toString(shownMatch.size()));
        });
        panelField.textProperty().addListener((o, a, b) -> updatePanelInfo());
        HBox panelRow = new HBox(8, new Label("Your panel"), panelField, panelLoad, panelSize);
        panelRow.setAlignment(Pos.CENTER_LEFT);
        HBox status = new HBox(8, progress, progressLabel);
        status.setAlignment(Pos.CENTER_LEFT);
        progressLabel.setWrapText(true);   // the first line is a sentence: wrapped in a narrow window, not cut
        progressLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(progressLabel, Priority.ALWAYS);
        progress.setPrefWidth(160);

        table.setId("compareTable");
        table.setItems(rows);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No comparison yet."));
        TableColumn<Comparison.Row, String> method = column("method", r -> r.method());
        method.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                // the whole name (a panel's file name is cut in a narrow column) and a row's note (convergence, names not found)
                Comparison.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(r == null ? null : new Tooltip(r.note().isEmpty() ? r.method() : r.method() + ": " + r.note()));
            }
        });
        table.getColumns().add(method);
        table.getColumns().add(column("k", r -> r.k()));
        table.getColumns().add(column("linear MSE", r -> r.linearMse(), "%.5f"));
        table.getColumns().add(column("accuracy", r -> r.accuracy(), "%.3f"));
        table.getColumns().add(column("seconds", r -> r.seconds(), "%.2f"));
        TableColumn<Comparison.Row, Integer> distinct = column("distinct", r -> r.distinct());
        distinct.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Integer v, boolean empty) {
                super.updateItem(v, empty);
                Comparison.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                // the PCA bound and the mean predictor select nothing
                setText(v == null || r == null ? null : r.method().equals(Comparison.PCA) || r.method().equals(Comparison.MEAN) ? "–" : v.toString());
            }
        });
        table.getColumns().add(distinct);
        // method, k, linear MSE, accuracy, seconds, distinct: the table and the chart fit side by side in a 1280-pixel window
        int[] widths = {100, 30, 80, 66, 60, 56};
        for (int i = 0; i < widths.length; i++) table.getColumns().get(i).setPrefWidth(widths[i]);
        table.setMinWidth(380);
        table.setPrefWidth(460);

        JFreeChart chart = ChartFactory.createXYLineChart("Test MSE against k", "k (features selected)", "test MSE (linear reconstruction)",
                series, PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        chartViewer = new ChartViewer(chart);
        chartViewer.setId("compareChart");
        chartViewer.setVisible(false);
        chartViewer.setManaged(false);

        HBox results = new HBox(8, table, chartViewer);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox.setHgrow(chartViewer, Priority.ALWAYS);
        chartViewer.setPrefWidth(300);
        chartViewer.setMinWidth(260);
        VBox.setVgrow(results, Priority.ALWAYS);
        getChildren().addAll(new Label("Methods"), boxes, controls, panelRow, panelInfo, status, results);
        panelInfo.managedProperty().bind(panelInfo.textProperty().isNotEmpty());
    }

    /** The names of the features the method selected in the table chose, one a line (empty when none is selected). */
    String selectedFeatures() {
        Comparison.Row r = table.getSelectionModel().getSelectedItem();
        if (r == null || compared == null) return "";
        StringBuilder b = new StringBuilder();
        for (int j : r.selected()) b.append(b.length() == 0 ? "" : "\n").append(compared.featureNames().get(j));
        return b.toString();
    }

    private void copySelected() {
        String text = selectedFeatures();
        if (text.isEmpty()) return;
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        onStatus.accept("Copied the " + text.lines().count() + " features of " + table.getSelectionModel().getSelectedItem().method() + ".");
    }

    /** The loaded data's features by name (and other name), built once per dataset: the line under Your panel follows each keystroke. */
    private FeatureNames lookup(LoadedData d) {
        if (d != lookupOf) {
            lookup = FeatureNames.of(d.train());
            lookupOf = d;
        }
        return lookup;
    }

    /** The line under Your panel, and whether its size can be taken as k; called when the panel or the data change. */
    void updatePanelInfo() {
        LoadedData d = data.get();
        if (d == null) {
            panelInfo.setText(model.panelProperty().get().isBlank() ? "" : "Load a dataset to match the panel's names to its features.");
            shownMatch = null;
            lookupOf = null;   // the data gone are not held
            lookup = null;
        } else {
            CompareViewModel.PanelCheck c = model.check(lookup(d), d.filter() == null || d.filter().isIdentity() ? null : d.filter().originalNames());
            panelInfo.setText(c.line());
            shownMatch = c.match();
        }
        panelSize.setDisable(shownMatch == null);
    }

    private static <T> TableColumn<Comparison.Row, T> column(String title, java.util.function.Function<Comparison.Row, T> value) {
        TableColumn<Comparison.Row, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<Comparison.Row, Double> column(String title, java.util.function.Function<Comparison.Row, Double> value, String fmt) {
        TableColumn<Comparison.Row, Double> c = column(title, value);
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "–" : String.format(Locale.ROOT, fmt, v));
            }
        });
        return c;
    }

    /** Starts the comparison with the current choices (as the Run button does). */
    void run() {
        LoadedData d = data.get();
        if (d == null || running.get()) return;
        CompareViewModel.Plan plan;
        GivenPanel.Match given;
        try {
            TrainingConfig base = settings.get();
            if (base == null && model.methods().entrySet().stream().anyMatch(m -> m.getValue().get() && m.getKey().startsWith("cae"))) {
                onError.accept("The parameters are not valid; see the Parameters panel (the CAE of a comparison is trained with them).");
                return;
            }
            // the kept features and your panel's genes that the preprocessing dropped are put back first (as cae compare keeps
            // them through the filters); this runs again once the data are prepared with them
            List<String> retain = new ArrayList<>(base == null ? List.of() : base.keep());
            retain.addAll(model.panelNames());
            if (!keptReady.test(retain, this::run)) return;
            plan = model.plan(d.train().cols(), base == null ? TrainingConfig.builder().build() : base);
            given = model.panel(lookup(d));
        } catch (IllegalArgumentException e) {
            onError.accept(e.getMessage());
            return;
        }
        int[] ks = plan.ks();
        List<String> chosen = plan.methods();
        GivenPanel.Match yours = given;
        rows.clear();
        results.clear();
        series.removeAllSeries();
        exportButton.setDisable(true);
        dataName = d.name();
        compared = d.train();
        running.set(true);
        int total = ks.length * (chosen.size() + 1) + (yours == null ? 0 : 1);
        progress.setProgress(0);
        Task<List<Comparison.Row>> t = new Task<>() {
            private int done;

            @Override
            protected List<Comparison.Row> call() {
                // Stop reaches a running CAE through its Cancellation, checked at every training step
                Cancellation stop = new Cancellation();
                TrainingListener stopper = new TrainingListener() {
                    @Override public void onSnapshot(TrainingSnapshot s) {
                        if (isCancelled()) stop.cancel();
                    }
                };
                // the settings of `cae compare --epochs N`: the same rows for the same data
                CompareRun run = plan.run();
                List<FeatureSelector> selectors = run.selectors(chosen, stopper, stop);
                Comparison.Listener listener = new Comparison.Listener() {
                    @Override public void starting(String method, int k) {
                        updateMessage(CompareViewModel.step(method, k, done, total));
                    }
                    @Override public void finished(Comparison.Row row) {
                        if (isCancelled()) return;      // a stopped CAE's partial result is not a comparison row
                        done++;
                        updateProgress(done, total);
                        Platform.runLater(() -> rows.add(row));
                    }
                };
                Comparison cmp = run.comparison(d.train(), d.test(), listener);
                List<Comparison.Row> out = new ArrayList<>();
                if (yours != null) out.add(cmp.given(yours));
                for (int k : ks) {
                    for (FeatureSelector s : selectors) {
                        if (isCancelled()) throw new CancellationException("stopped");
                        out.add(cmp.run(s, k));
                    }
                    if (isCancelled()) throw new CancellationException("stopped");
                    out.add(cmp.pcaBound(k));
                }
                Comparison.Row mean = cmp.mean();
                out.add(mean);
                return out;
            }
        };
        progress.progressProperty().bind(t.progressProperty());
        progressLabel.textProperty().bind(t.messageProperty());
        t.setOnSucceeded(e -> finish(t, null));
        t.setOnFailed(e -> finish(t, "The comparison failed: " + Messages.of(t.getException())));
        t.setOnCancelled(e -> finish(t, null));
        task = t;
        onStatus.accept("Comparing " + chosen.size() + " method(s)" + (yours == null ? "" : " and " + yours.panel().method())
                + " on " + d.name() + "…" + (yours == null || yours.missing().isEmpty() ? "" : " Your panel: " + yours.note()));
        tasks.run("cae-compare", t);
    }

    private void finish(Task<List<Comparison.Row>> t, String error) {
        progress.progressProperty().unbind();
        progressLabel.textProperty().unbind();
        running.set(false);
        task = null;
        if (t.getState() == javafx.concurrent.Worker.State.SUCCEEDED) {
            results.addAll(t.getValue());
            rows.setAll(results);
            progress.setProgress(1);
            progressLabel.setText("Done: " + results.size() + " rows; the PCA bound and the mean predictor are for reference.");
            onStatus.accept("Comparison of " + dataName + " done.");
            exportButton.setDisable(false);
            // several k, or one k and your panel at another size: a chart of MSE against k
            if (results.stream().filter(r -> !r.method().equals(Comparison.MEAN)).mapToInt(Comparison.Row::k).distinct().count() > 1) chart();
            else { chartViewer.setVisible(false); chartViewer.setManaged(false); }
        } else if (error != null) {
            progressLabel.setText("Failed.");
            onError.accept(error);
        } else {
            progressLabel.setText("Stopped; the rows so far are shown.");
            onStatus.accept("Comparison stopped.");
        }
    }

    private void chart() {
        series.removeAllSeries();
        Map<String, XYSeries> byMethod = new LinkedHashMap<>();
        for (Comparison.Row r : results) {
            if (r.method().equals(Comparison.MEAN) || Double.isNaN(r.linearMse())) continue;
            byMethod.computeIfAbsent(r.method(), m -> new XYSeries(m, true, false)).add(r.k(), r.linearMse());
        }
        byMethod.values().forEach(series::addSeries);
        // a fresh renderer each time: the PCA bound's and a panel's series are at other indices in another comparison
        var renderer = new XYLineAndShapeRenderer(true, true);
        chartViewer.getChart().getXYPlot().setDrawingSupplier(new org.jfree.chart.plot.DefaultDrawingSupplier());   // the same colours each time
        chartViewer.getChart().getXYPlot().setRenderer(renderer);
        int pca = series.getSeriesIndex(Comparison.PCA);
        if (pca >= 0) {
            renderer.setSeriesPaint(pca, java.awt.Color.GRAY);
            renderer.setSeriesStroke(pca, new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f));
        }
        // a panel of your own is one point: a diamond, larger than the methods' markers, as in mse_vs_k.png
        for (int i = 0; i < series.getSeriesCount(); i++) {
            if (!series.getSeriesKey(i).toString().startsWith(GivenPanel.PREFIX)) continue;
            renderer.setSeriesShape(i, new java.awt.Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4));
            renderer.setSeriesLinesVisible(i, false);
        }
        chartViewer.setVisible(true);
        chartViewer.setManaged(true);
    }

    /** Stops between methods, and inside a CAE training at its next snapshot. */
    /** Forgets the last comparison (its rows, chart and export): it belonged to data no longer loaded. */
    void clear() {
        if (running.get()) return;
        rows.clear();
        results.clear();
        compared = null;   // the old data are not held for a comparison no longer shown
        series.removeAllSeries();
        chartViewer.setVisible(false);
        chartViewer.setManaged(false);
        exportButton.setDisable(true);
        progress.setProgress(0);
        progressLabel.setText(READY);
    }

    void stop() {
        Task<?> t = task;
        if (t != null) t.cancel(false);
    }

    private void exportDialog() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Folder for comparison.csv");
        var dir = dc.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) export(dir.toPath(), null);
    }

    /** Writes comparison.csv (and mse_vs_k.png for several k) into dir on a background task; done gets null or the error. */
    void export(Path dir, Consumer<String> done) {
        List<Comparison.Row> toWrite = List.copyOf(results);
        if (toWrite.stream().allMatch(r -> r.method().equals(Comparison.MEAN))) return;
        String name = dataName;
        org.caeworkbench.data.Dataset names = compared;
        Task<Boolean> t = new Task<>() {
            @Override
            protected Boolean call() throws IOException {
                return CompareRun.write(dir, toWrite, name, names);
            }
        };
        t.setOnSucceeded(e -> {
            onStatus.accept("Comparison written to " + dir.resolve(ComparisonFiles.CSV) + ", " + ComparisonFiles.FEATURES
                    + (t.getValue() ? " and " + ComparisonFiles.CHART : "") + ".");
            if (done != null) done.accept(null);
        });
        t.setOnFailed(e -> {
            String msg = "Export failed: " + Messages.of(t.getException());
            onError.accept(msg);
            if (done != null) done.accept(msg);
        });
        tasks.run("cae-compare-export", t);
    }


    // for the window and tests
    ObservableList<Comparison.Row> rows() { return rows; }
    ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    int chartSeries() { return series.getSeriesCount(); }
    void choose(List<String> names, String k, int epochs) {
        model.choose(names);
        kField.setText(k);
        epochsField.setText(Integer.toString(epochs));
    }
}
