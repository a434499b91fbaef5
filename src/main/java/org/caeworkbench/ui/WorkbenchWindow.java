package org.caeworkbench.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.caeworkbench.core.Annealing;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TemperatureSchedule;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.ExtraTreesClassifier;
import org.caeworkbench.eval.LinearReconstruction;
import org.caeworkbench.export.ImagePreviews;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench window: dataset panel (left), parameters (right), live training and results (centre),
 * status bar (bottom). Heavy work (reading, training, metrics, export) runs on background tasks; the FX
 * thread only copies the newest snapshot into the charts and pixel buffers, once per frame pulse.
 */
public final class WorkbenchWindow {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchWindow.class);

    private final Stage stage;
    private final WorkbenchViewModel vm = new WorkbenchViewModel();
    private final TrainingService service = new TrainingService();
    private final ObjectProperty<LoadedData> data = new SimpleObjectProperty<>();
    private final ObjectProperty<SelectionResult> result = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper metricsDone = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper epochsShown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper heatmapUpdates = new ReadOnlyIntegerWrapper();
    private final ObservableList<FeatureRow> rows = FXCollections.observableArrayList();
    private final List<Consumer<String>> errorListeners = new ArrayList<>();

    // training charts
    private final XYSeries trainLoss = new XYSeries("train loss");
    private final XYSeries valLoss = new XYSeries("validation loss");
    private final XYSeries temperature = new XYSeries("temperature");
    private final XYSeries meanMax = new XYSeries("mean-max probability");
    private final XYSeries previewSeries = new XYSeries("T");
    private int epochOffset;
    private int lastTry;
    private int lastEpochX;

    // controls the code touches later
    private final Label summaryLabel = new Label("No data loaded.");
    private final Label problemLabel = new Label();
    private final Label statusLabel = new Label("Ready.");
    private final Label messageLabel = new Label();
    private final Label heatmapReadout = new Label("Hover over the heatmap for selector, feature and probability.");
    private final Label metricsLabel = new Label("Train to see the selected features.");
    private final ProgressBar progress = new ProgressBar(0);
    private final ImageView heatmapView = new ImageView();
    private final ImageView pixelMapView = new ImageView();
    private final ImageView maskView = new ImageView();
    private final ImageView reconstructionView = new ImageView();
    private final TextArea logArea = new TextArea();
    private final TabPane tabs = new TabPane();
    private final Tab trainingTab = new Tab("Training");
    private final Tab resultsTab = new Tab("Results");
    private final TableView<FeatureRow> table = new TableView<>(rows);
    private final Map<WorkbenchViewModel.Field, TextField> fields = new LinkedHashMap<>();
    private final Button trainButton = new Button("Train");
    private final Button stopButton = new Button("Stop");
    private float[] shownProbabilities;
    private int shownK;
    private WritableImage heatmapImage;
    private WritableImage pixelImage;
    private WritableImage maskImage;
    private final AnimationTimer pulse;

    public WorkbenchWindow(Stage stage) {
        this.stage = stage;
        BorderPane root = new BorderPane();
        root.setId("root");
        root.setTop(menuBar());
        root.setLeft(datasetPanel());
        root.setRight(parametersPanel());
        root.setCenter(centre());
        root.setBottom(statusBar());
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1380, screen.getWidth()), Math.min(880, screen.getHeight() - 30));
        var css = WorkbenchWindow.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        stage.setScene(scene);
        stage.setTitle("CAE Workbench");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var in = WorkbenchWindow.class.getResourceAsStream("icons/cae-workbench-" + size + ".png");
            if (in != null) stage.getIcons().add(new Image(in));
        }
        stage.setOnCloseRequest(e -> {
            if (vm.runningProperty().get() && !Boolean.getBoolean("cae.noDialogs")) {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Training is running. Stop it and close the workbench?");
                ask.setHeaderText(null);
                ask.initOwner(stage);
                if (ask.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isEmpty()) {
                    e.consume();
                    return;
                }
            }
            service.stop();
        });
        // drag and drop a data file anywhere on the window
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !vm.runningProperty().get() && !vm.loadingProperty().get())
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            boolean ok = files != null && files.size() == 1 && files.get(0).isFile();
            if (ok) load(DataSpec.of(files.get(0).toPath()));
            else showError("Drop one data file (CSV, TSV or IDX) to open it.");
            e.setDropCompleted(ok);
            e.consume();
        });

        service.setOnSucceeded(e -> finished(service.getValue()));
        service.setOnFailed(e -> {
            vm.runningProperty().set(false);
            Throwable t = service.getException();
            LOG.warn("training failed", t);
            showError("Training failed: " + message(t));
        });
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                // at most REDRAW_NANOS apart: every epoch end still lands, in batches, and the
                // redraws leave the cores to training (see the report's throughput figures)
                if (now - lastDrain < REDRAW_NANOS) return;
                lastDrain = now;
                drain();
            }
        };
        pulse.start();
        updatePreview();
    }

    // ---------------------------------------------------------------- layout

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setId("openMenuItem");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> openDialog());
        Menu samples = new Menu("Samples");
        samples.getItems().addAll(sampleItems());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> { service.stop(); stage.close(); });
        Menu file = new Menu("File", null, open, samples, new SeparatorMenuItem(), quit);

        MenuItem selected = new MenuItem("Selected features (CSV)…");
        selected.setId("exportSelectedItem");
        selected.setOnAction(e -> exportSelectedDialog());
        MenuItem run = new MenuItem("Run folder…");
        run.setId("exportRunItem");
        run.setOnAction(e -> exportRunDialog());
        selected.disableProperty().bind(result.isNull().or(vm.runningProperty()));
        run.disableProperty().bind(result.isNull().or(vm.runningProperty()));
        MenuItem names = new MenuItem("Selected names (text)…");
        names.setId("exportNamesItem");
        names.setOnAction(e -> saveDialog("selected_names.txt", f -> exportNames(f, null)));
        MenuItem mask = new MenuItem("Pixel mask (PNG)…");
        mask.setId("exportMaskItem");
        mask.setOnAction(e -> saveDialog("mask.png", f -> exportMask(f, null)));
        var noResult = result.isNull().or(vm.runningProperty());
        names.disableProperty().bind(noResult);
        mask.disableProperty().bind(noResult.or(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> data.get() == null || !data.get().train().isImage(), data)));
        Menu export = new Menu("Export", null, selected, names, run, mask);
        MenuBar bar = new MenuBar(file, export);
        bar.setId("menuBar");
        return bar;
    }

    private List<MenuItem> sampleItems() {
        List<MenuItem> items = new ArrayList<>();
        for (Samples.Sample s : Samples.all()) {
            MenuItem item = new MenuItem(s.name() + " — " + s.description());
            item.setOnAction(e -> loadSample(s));
            items.add(item);
        }
        return items;
    }

    private Region datasetPanel() {
        Label title = new Label("Dataset");
        title.getStyleClass().add("panel-title");
        Button open = new Button("Open…");
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a CSV, TSV or IDX file (gzip is read too). Rows are samples, columns features."));
        open.setOnAction(e -> openDialog());
        MenuButton samples = new MenuButton("Samples");
        samples.setId("samplesButton");
        samples.getItems().addAll(sampleItems());
        open.disableProperty().bind(vm.loadingProperty().or(vm.runningProperty()));
        samples.disableProperty().bind(vm.loadingProperty().or(vm.runningProperty()));
        summaryLabel.setId("summaryLabel");
        summaryLabel.setWrapText(true);
        summaryLabel.setMaxWidth(230);
        VBox box = new VBox(8, title, new HBox(6, open, samples), summaryLabel);
        box.setId("datasetPanel");
        box.setPadding(new Insets(10));
        box.setPrefWidth(250);
        return box;
    }

    private Region parametersPanel() {
        Label title = new Label("Parameters");
        title.getStyleClass().add("panel-title");
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        int row = 0;
        for (WorkbenchViewModel.Field f : WorkbenchViewModel.Field.values()) {
            TextField tf = new TextField();
            tf.setId("field-" + f.name());
            tf.setPrefColumnCount(7);
            tf.textProperty().bindBidirectional(vm.text(f));
            String help = WorkbenchViewModel.help(f);
            tf.setTooltip(new Tooltip(help));
            Label l = new Label(WorkbenchViewModel.label(f));
            l.setTooltip(new Tooltip(help));
            fields.put(f, tf);
            grid.addRow(row++, l, tf);
            if (f == WorkbenchViewModel.Field.TEND) {
                ComboBox<TemperatureSchedule.Shape> shape = new ComboBox<>(FXCollections.observableArrayList(TemperatureSchedule.Shape.values()));
                shape.setId("scheduleBox");
                shape.valueProperty().bindBidirectional(vm.shapeProperty());
                shape.setTooltip(new Tooltip("How T falls from T0 to T_B. Paper: exponential."));
                grid.addRow(row++, new Label("Schedule"), shape);
                ComboBox<Annealing> anneal = new ComboBox<>(FXCollections.observableArrayList(Annealing.values()));
                anneal.setId("annealBox");
                anneal.valueProperty().bindBidirectional(vm.annealingProperty());
                anneal.setTooltip(new Tooltip("Change T at every optimiser step (reference code, default) or once per epoch (paper's formula)."));
                grid.addRow(row++, new Label("Anneal per"), anneal);
            }
            if (f == WorkbenchViewModel.Field.SEED) {
                CheckBox conv = new CheckBox("Convergence rule");
                conv.setId("convergenceBox");
                conv.selectedProperty().bindBidirectional(vm.convergenceProperty());
                conv.setTooltip(new Tooltip("Stop early at mean-max > 0.998; accept above the threshold, else retry with twice the epochs (5 tries). Paper: on. Off: exactly the given epochs."));
                grid.add(conv, 0, row++, 2, 1);
            }
        }
        fields.get(WorkbenchViewModel.Field.THRESHOLD).disableProperty().bind(vm.convergenceProperty().not());
        vm.fieldErrors().addListener((MapChangeListener<WorkbenchViewModel.Field, String>) c -> markFields());
        markFields();

        problemLabel.setId("problemLabel");
        problemLabel.setWrapText(true);
        problemLabel.setMaxWidth(250);
        problemLabel.getStyleClass().add("problem");
        problemLabel.textProperty().bind(vm.problemProperty());

        trainButton.setId("trainButton");
        trainButton.setDefaultButton(true);
        trainButton.disableProperty().bind(vm.canTrainProperty().not());
        trainButton.setOnAction(e -> train());
        stopButton.setId("stopButton");
        stopButton.disableProperty().bind(vm.runningProperty().not());
        stopButton.setOnAction(e -> stop());
        trainButton.setMaxWidth(Double.MAX_VALUE);
        stopButton.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(6, trainButton, stopButton);
        HBox.setHgrow(trainButton, Priority.ALWAYS);
        HBox.setHgrow(stopButton, Priority.ALWAYS);

        JFreeChart chart = ChartFactory.createXYLineChart(null, "fraction of the run", "T",
                new XYSeriesCollection(previewSeries), PlotOrientation.VERTICAL, false, false, false);
        chart.getXYPlot().setRangeAxis(new LogAxis("T (log)"));
        ChartViewer preview = new ChartViewer(chart);
        preview.setId("temperaturePreview");
        preview.setPrefSize(250, 170);
        preview.setMinHeight(150);
        vm.shapeProperty().addListener((o, a, b) -> updatePreview());
        vm.text(WorkbenchViewModel.Field.T0).addListener((o, a, b) -> updatePreview());
        vm.text(WorkbenchViewModel.Field.TEND).addListener((o, a, b) -> updatePreview());

        VBox box = new VBox(8, title, grid, new Label("Temperature over the run"), preview, problemLabel, buttons);
        box.setId("parametersPanel");
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(290);
        return scroll;
    }

    private void markFields() {
        fields.forEach((f, tf) -> {
            String err = vm.fieldErrors().get(f);
            tf.getStyleClass().remove("invalid");
            if (err != null) tf.getStyleClass().add("invalid");
            tf.getTooltip().setText(err != null ? err + "\n\n" + WorkbenchViewModel.help(f) : WorkbenchViewModel.help(f));
        });
    }

    private Region centre() {
        // training tab
        ChartViewer loss = chart("Loss", "epoch", "MSE", trainLoss, valLoss);
        LogAxis lossAxis = new LogAxis("MSE (log)");
        lossAxis.setSmallestValue(1e-6);
        loss.getChart().getXYPlot().setRangeAxis(lossAxis);
        loss.setId("lossChart");
        JFreeChart tchart = ChartFactory.createXYLineChart("Temperature and mean-max", "epoch", "T",
                new XYSeriesCollection(temperature), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = tchart.getXYPlot();
        LogAxis logAxis = new LogAxis("T (log)");
        plot.setRangeAxis(logAxis);
        NumberAxis mm = new NumberAxis("mean-max");
        mm.setRange(0, 1.02);
        plot.setRangeAxis(1, mm);
        plot.setDataset(1, new XYSeriesCollection(meanMax));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, false);
        r1.setSeriesPaint(0, new java.awt.Color(0xD0, 0x60, 0x00));
        plot.setRenderer(1, r1);
        ChartViewer tview = new ChartViewer(tchart);
        tview.setId("temperatureChart");

        heatmapView.setId("heatmapView");
        heatmapView.setPreserveRatio(false);
        heatmapView.setSmooth(false);
        heatmapView.setFitHeight(200);
        heatmapView.setOnMouseMoved(e -> readout(e.getX(), e.getY()));
        heatmapReadout.setId("heatmapReadout");
        Region scale = new Region();
        scale.setPrefHeight(10);
        scale.prefWidthProperty().bind(heatmapView.fitWidthProperty());
        scale.setStyle(colourScaleCss());
        HBox scaleRow = new HBox(6, new Label("0"), scale, new Label("1"));
        scaleRow.setAlignment(Pos.CENTER_LEFT);
        VBox heat = new VBox(4, new Label("Selector probabilities (k selectors × d features)"),
                new StackPane(heatmapView), scaleRow, heatmapReadout);

        for (ImageView v : new ImageView[] {pixelMapView, maskView}) {
            v.setSmooth(false);
            v.setFitWidth(168);
            v.setFitHeight(168);
            v.setPreserveRatio(true);
        }
        pixelMapView.setId("pixelMapView");
        maskView.setId("maskView");
        VBox images = new VBox(4, new Label("Max probability per pixel"), pixelMapView, new Label("Chosen pixels"), maskView);
        images.setId("imageViews");
        images.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> data.get() != null && data.get().train().isImage(), data));
        images.managedProperty().bind(images.visibleProperty());

        loss.setPrefSize(420, 290);
        tview.setPrefSize(420, 290);
        loss.setMinSize(200, 200);
        tview.setMinSize(200, 200);
        HBox charts = new HBox(8, loss, tview);
        HBox.setHgrow(loss, Priority.ALWAYS);
        HBox.setHgrow(tview, Priority.ALWAYS);
        HBox.setHgrow(heat, Priority.ALWAYS);
        HBox views = new HBox(8, heat, images);
        VBox grid = new VBox(8, charts, views);
        grid.setPadding(new Insets(8));
        // the heatmap takes the width the pixel views leave
        heatmapView.fitWidthProperty().bind(javafx.beans.binding.Bindings.max(200,
                views.widthProperty().subtract(javafx.beans.binding.Bindings.when(images.visibleProperty()).then(190).otherwise(0)).subtract(40)));
        ScrollPane trainingScroll = new ScrollPane(grid);
        trainingScroll.setFitToWidth(true);
        trainingTab.setContent(trainingScroll);
        trainingTab.setClosable(false);
        trainingTab.setId("trainingTab");

        // results tab
        table.setId("resultsTable");
        table.getColumns().add(column("Rank", FeatureRow::rank, 45));
        table.getColumns().add(column("Selector", FeatureRow::selector, 62));
        table.getColumns().add(column("Index", FeatureRow::index, 55));
        table.getColumns().add(column("Name", FeatureRow::name, 110));
        TableColumn<FeatureRow, Double> p = column("Probability", FeatureRow::probability, 82);
        p.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format(Locale.ROOT, "%.4f", v));
            }
        });
        table.getColumns().add(p);
        TableColumn<FeatureRow, Boolean> dup = column("Duplicate", FeatureRow::duplicate, 72);
        dup.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Boolean v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v ? "duplicate" : "");
            }
        });
        table.getColumns().add(dup);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPrefWidth(450);
        table.setMinWidth(300);
        Button copy = new Button("Copy");
        copy.setId("copyButton");
        copy.setOnAction(e -> copyTable());
        copy.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(rows));
        Button exportCsv = new Button("CSV…");
        exportCsv.setTooltip(new Tooltip("Export the selected features as selected_features.csv"));
        exportCsv.setOnAction(e -> exportSelectedDialog());
        exportCsv.disableProperty().bind(result.isNull().or(vm.runningProperty()));
        Button exportRun = new Button("Run folder…");
        exportRun.setTooltip(new Tooltip("Export the whole run folder, the same one `cae train` writes"));
        exportRun.setOnAction(e -> exportRunDialog());
        exportRun.disableProperty().bind(result.isNull().or(vm.runningProperty()));
        table.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) copyTable();
        });
        metricsLabel.setId("metricsLabel");
        metricsLabel.setWrapText(true);
        reconstructionView.setId("reconstructionView");
        reconstructionView.setPreserveRatio(true);

        VBox right = new VBox(8, new Label("Metrics"), metricsLabel, new Label("Reconstructions (test images)"), reconstructionView);
        right.setPadding(new Insets(0, 0, 0, 8));
        VBox left = new VBox(6, table, new HBox(6, copy, exportCsv, exportRun));
        VBox.setVgrow(table, Priority.ALWAYS);
        reconstructionView.fitWidthProperty().bind(javafx.beans.binding.Bindings.max(100, right.widthProperty().subtract(16)));
        right.setMinWidth(150);
        javafx.scene.control.SplitPane results = new javafx.scene.control.SplitPane(left, right);
        results.setDividerPositions(0.56);
        left.setPadding(new Insets(8));
        resultsTab.setContent(results);
        resultsTab.setClosable(false);
        resultsTab.setId("resultsTab");

        logArea.setId("logArea");
        logArea.setEditable(false);
        Tab logTab = new Tab("Log", logArea);
        logTab.setClosable(false);
        tabs.getTabs().addAll(trainingTab, resultsTab, logTab);
        tabs.setId("tabs");
        return tabs;
    }

    private static <T> TableColumn<FeatureRow, T> column(String title, java.util.function.Function<FeatureRow, T> value, double width) {
        TableColumn<FeatureRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static ChartViewer chart(String title, String x, String y, XYSeries... series) {
        XYSeriesCollection col = new XYSeriesCollection();
        for (XYSeries s : series) col.addSeries(s);
        JFreeChart c = ChartFactory.createXYLineChart(title, x, y, col, PlotOrientation.VERTICAL, true, false, false);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return new ChartViewer(c);
    }

    private static String colourScaleCss() {
        StringBuilder b = new StringBuilder("-fx-background-color: linear-gradient(to right");
        for (int i = 0; i <= 10; i++) {
            float v = (i / 10f) * (i / 10f);     // the colour map takes sqrt(v): even steps along the bar
            b.append(String.format(Locale.ROOT, ", #%06x %d%%", Heatmaps.colour(v) & 0xFFFFFF, i * 10));
        }
        return b.append(");").toString();
    }

    private Region statusBar() {
        statusLabel.setId("statusLabel");
        messageLabel.setId("messageLabel");
        messageLabel.getStyleClass().add("message");
        progress.setId("progressBar");
        progress.setPrefWidth(200);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, progress, statusLabel, spacer, messageLabel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setId("statusBar");
        return bar;
    }

    // ---------------------------------------------------------------- data

    public void show() {
        stage.show();
    }

    /** Loads a bundled sample, or says where the samples folder was looked for. */
    public void loadSample(Samples.Sample s) {
        var folder = Samples.folder();
        if (folder.isEmpty()) {
            showError("The samples folder was not found next to the program or in the working folder; open a data file instead.");
            return;
        }
        load(s.spec(folder.get()));
    }

    private void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a data file");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data files", "*.csv", "*.tsv", "*.txt", "*.gz", "*-ubyte", "*.idx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Samples.folder().ifPresent(f -> fc.setInitialDirectory(f.toFile()));
        var file = fc.showOpenDialog(stage);
        if (file != null) load(DataSpec.of(file.toPath()));
    }

    /** Reads and prepares a file on a background task; a DataException shows as one sentence. */
    public void load(DataSpec spec) {
        if (vm.loadingProperty().get() || vm.runningProperty().get()) return;
        vm.loadingProperty().set(true);
        statusLabel.setText("Loading " + spec.data().getFileName() + "…");
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        Task<LoadedData> task = new Task<>() {
            @Override
            protected LoadedData call() throws DataException {
                return LoadedData.load(spec);
            }
        };
        task.setOnSucceeded(e -> {
            vm.loadingProperty().set(false);
            progress.setProgress(0);
            LoadedData d = task.getValue();
            data.set(d);
            summaryLabel.setText(d.describe());
            vm.setDataset(d.summary(), d.train().rows());
            if (d.summary().d() < parseOr(vm.text(WorkbenchViewModel.Field.K).get(), 0))
                vm.text(WorkbenchViewModel.Field.K).set(Integer.toString(Math.max(1, Math.min(TrainingConfig.DEFAULT_K, d.summary().d() / 2))));
            statusLabel.setText("Loaded " + d.name() + ": " + d.train().rows() + " training and " + d.test().rows()
                    + " test rows, " + d.train().cols() + " features.");
            log("Loaded " + d.name());
            clearTraining();
        });
        task.setOnFailed(e -> {
            vm.loadingProperty().set(false);
            progress.setProgress(0);
            statusLabel.setText("Loading failed.");
            showError(message(task.getException()));
        });
        Thread t = new Thread(task, "cae-load");
        t.setDaemon(true);
        t.start();
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    // ---------------------------------------------------------------- training

    /** Starts training with the current parameters (as the Train button does). */
    public void train() {
        LoadedData d = data.get();
        TrainingConfig cfg = vm.config().orElse(null);
        if (d == null || cfg == null || !vm.canTrainProperty().get()) return;
        clearTraining();
        result.set(null);
        rows.clear();
        metricsDone.set(false);
        metricsLabel.setText("Training…");
        reconstructionView.setImage(null);
        vm.runningProperty().set(true);
        tabs.getSelectionModel().select(trainingTab);
        log(String.format(Locale.ROOT, "Training %s: k = %d, %d epochs, batch %d, lr %s, T %s → %s (%s per %s)%s", d.name(), cfg.k(),
                cfg.epochs(), cfg.effectiveBatchSize(d.train().rows()), cfg.learningRate(), cfg.schedule().start(), cfg.schedule().end(),
                cfg.schedule().shape().name().toLowerCase(Locale.ROOT), cfg.annealing().name().toLowerCase(Locale.ROOT),
                cfg.convergenceRuleOn() ? ", convergence rule on" : ""));
        service.prepare(d.train(), d.test(), cfg);
        service.restart();
    }

    /** Stops training; the result so far is kept. */
    public void stop() {
        service.stop();
        statusLabel.setText("Stopping…");
    }

    private void clearTraining() {
        for (XYSeries s : new XYSeries[] {trainLoss, valLoss, temperature, meanMax}) s.clear();
        epochOffset = 0;
        lastTry = 0;
        lastEpochX = 0;
        epochsShown.set(0);
        messageLabel.setText("");
        heatmapView.setImage(null);
        pixelMapView.setImage(null);
        maskView.setImage(null);
        heatmapImage = null;
        pixelImage = null;
        maskImage = null;
        shownProbabilities = null;
    }

    /** Once per pulse: epoch ends into the charts (one notification per series), the newest snapshot into the views. */
    private static final String LIVE = System.getProperty("cae.live", "all");
    /** Minimum time between two redraws of the live views (system property cae.redrawMs, default 250). */
    private static final long REDRAW_NANOS = Long.getLong("cae.redrawMs", 250) * 1_000_000L;
    private long lastDrain;

    private void drain() {
        if (LIVE.equals("none")) {
            while (service.pollEpochEnd() != null) { }
            service.takeLatest();
            return;
        }
        String m;
        while ((m = service.pollMessage()) != null) {
            messageLabel.setText(m);
            log(m);
        }
        TrainingSnapshot s;
        boolean any = false;
        while ((s = service.pollEpochEnd()) != null) {
            if (s.tryNumber() != lastTry) {
                epochOffset = lastEpochX;
                lastTry = s.tryNumber();
            }
            int x = epochOffset + s.epoch();
            lastEpochX = x;
            trainLoss.add(x, s.trainLoss(), false);
            if (Double.isFinite(s.validationLoss())) valLoss.add(x, s.validationLoss(), false);
            temperature.add(x, s.temperature(), false);
            meanMax.add(x, s.meanMaxProbability(), false);
            any = true;
        }
        if (any && !LIVE.equals("nocharts")) {
            for (XYSeries ser : new XYSeries[] {trainLoss, valLoss, temperature, meanMax}) ser.fireSeriesChanged();
            epochsShown.set(trainLoss.getItemCount());
        }
        TrainingSnapshot latest = service.takeLatest();
        if (latest != null && !LIVE.equals("noimages")) show(latest);
    }

    private void show(TrainingSnapshot s) {
        LoadedData d = data.get();
        if (d == null) return;
        int dcols = d.train().cols();
        if (s.probabilities() != null) {
            int k = s.selected().length;
            Heatmaps.Pixels px = Heatmaps.selectorHeatmap(s.probabilities(), k, dcols);
            heatmapImage = paint(heatmapImage, px);
            heatmapView.setImage(heatmapImage);
            shownProbabilities = s.probabilities();
            shownK = k;
            heatmapUpdates.set(heatmapUpdates.get() + 1);
        }
        Dataset.ImageShape shape = d.train().imageShape();
        if (shape != null && s.featureMaxProbability() != null) {
            pixelImage = paint(pixelImage, Heatmaps.imageMap(s.featureMaxProbability(), shape.height(), shape.width()));
            pixelMapView.setImage(pixelImage);
            maskImage = paint(maskImage, Heatmaps.mask(s.selected(), shape.height(), shape.width()));
            maskView.setImage(maskImage);
        }
        double frac = s.steps() > 0 ? (double) s.step() / s.steps() : 0;
        progress.setProgress(frac);
        double eta = s.etaSeconds();
        statusLabel.setText(String.format(Locale.ROOT, "try %d  epoch %d/%d  step %d/%d  T %.4f  loss %.5f  mean-max %.3f  dup %d  %.0f steps/s  ETA %s",
                s.tryNumber(), s.epoch(), s.epochs(), s.step(), s.steps(), s.temperature(), s.trainLoss(), s.meanMaxProbability(),
                s.duplicates(), s.stepsPerSecond(), Double.isFinite(eta) ? formatSeconds(eta) : "–"));
    }

    private static WritableImage paint(WritableImage img, Heatmaps.Pixels px) {
        if (img == null || (int) img.getWidth() != px.width() || (int) img.getHeight() != px.height())
            img = new WritableImage(px.width(), px.height());
        img.getPixelWriter().setPixels(0, 0, px.width(), px.height(), PixelFormat.getIntArgbInstance(), px.argb(), 0, px.width());
        return img;
    }

    private void readout(double x, double y) {
        LoadedData d = data.get();
        if (shownProbabilities == null || d == null || shownK == 0) return;
        int dcols = d.train().cols();
        int col = (int) (x / heatmapView.getFitWidth() * Heatmaps.width(dcols));
        int sel = (int) (y / heatmapView.getFitHeight() * shownK);
        if (col < 0 || sel < 0 || sel >= shownK || col >= Heatmaps.width(dcols)) return;
        int from = Heatmaps.firstFeature(col, dcols);
        int to = Math.max(from + 1, Heatmaps.firstFeature(col + 1, dcols));
        int best = from;
        for (int j = from; j < to; j++) if (shownProbabilities[sel * dcols + j] > shownProbabilities[sel * dcols + best]) best = j;
        heatmapReadout.setText(String.format(Locale.ROOT, "selector %d, feature %d (%s): probability %.4f", sel, best,
                d.train().featureNames().get(best), shownProbabilities[sel * dcols + best]));
    }

    private static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + " min " + (t % 60) + " s" : t + " s";
    }

    private void finished(SelectionResult r) {
        drain();
        vm.runningProperty().set(false);
        LoadedData d = data.get();
        progress.setProgress(r.status() == SelectionResult.Status.CANCELLED ? progress.getProgress() : 1);
        String how = switch (r.status()) {
            case COMPLETED -> "Done";
            case NOT_CONVERGED -> "Done, not converged";
            case CANCELLED -> "Stopped";
            case DIVERGED -> "Diverged";
        };
        String text = String.format(Locale.ROOT, "%s: %d of %d selected features distinct, mean-max %.4f, %d epoch(s) in try %d, %.1f s.",
                how, r.distinctCount(), r.k(), r.meanMaxProbability(), r.epochs(), r.tries(), r.seconds());
        statusLabel.setText(text);
        log(text);
        LOG.info(text);
        if (r.status() == SelectionResult.Status.DIVERGED) {
            String last = r.messages().isEmpty() ? "The loss became NaN." : r.messages().get(r.messages().size() - 1);
            showError(last + " Try a lower learning rate.");
            metricsLabel.setText("Diverged: no result.");
            return;
        }
        result.set(r);
        rows.setAll(FeatureRow.of(r, d.train().featureNames()));
        computeMetrics(d, r);
    }

    private void computeMetrics(LoadedData d, SelectionResult r) {
        metricsLabel.setText("Computing metrics…");
        record Metrics(double linear, double mean, double accuracy, BufferedImage grid) {}
        Task<Metrics> task = new Task<>() {
            @Override
            protected Metrics call() {
                int[] sel = r.selected();
                double lin = LinearReconstruction.testMse(d.train(), d.test(), sel);
                double mean = LinearReconstruction.meanPredictorMse(d.train(), d.test());
                double acc = d.train().hasLabels() && d.test().hasLabels()
                        ? ExtraTreesClassifier.accuracy(d.train(), d.test(), sel, ExtraTreesClassifier.DEFAULT_TREES, 1L) : Double.NaN;
                BufferedImage grid = null;
                Dataset.ImageShape shape = d.train().imageShape();
                if (shape != null) {
                    SavedModel m = new SavedModel(r.model(), d.train().featureNames(), d.scaler(), d.imputer(), shape);
                    grid = ImagePreviews.reconstructionGrid(shape, m, d.test(), Math.min(8, d.test().rows()), 3);
                }
                return new Metrics(lin, mean, acc, grid);
            }
        };
        task.setOnSucceeded(e -> {
            Metrics m = task.getValue();
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "Linear-regression test MSE %.4f (mean predictor %.4f)", m.linear(), m.mean()));
            if (Double.isFinite(m.accuracy())) b.append(String.format(Locale.ROOT, "\nExtra-Trees accuracy (50 trees) %.3f", m.accuracy()));
            b.append(String.format(Locale.ROOT, "\n%d of %d distinct, mean-max %.4f, status %s", r.distinctCount(), r.k(),
                    r.meanMaxProbability(), r.status()));
            metricsLabel.setText(b.toString());
            if (m.grid() != null) reconstructionView.setImage(SwingFXUtils.toFXImage(m.grid(), null));
            log(b.toString().replace('\n', ';'));
            metricsDone.set(true);
        });
        task.setOnFailed(e -> {
            LOG.warn("metrics failed", task.getException());
            metricsLabel.setText("Metrics failed: " + message(task.getException()));
            metricsDone.set(true);
        });
        Thread t = new Thread(task, "cae-metrics");
        t.setDaemon(true);
        t.start();
    }

    private void copyTable() {
        List<FeatureRow> chosen = table.getSelectionModel().getSelectedItems();
        ClipboardContent c = new ClipboardContent();
        c.putString(FeatureRow.toTsv(chosen.size() > 1 ? chosen : table.getItems()));
        Clipboard.getSystemClipboard().setContent(c);
        statusLabel.setText("Copied " + (chosen.size() > 1 ? chosen.size() : table.getItems().size()) + " rows.");
    }

    // ---------------------------------------------------------------- export

    private void exportSelectedDialog() {
        if (result.get() == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the selected features");
        fc.setInitialFileName("selected_features.csv");
        var file = fc.showSaveDialog(stage);
        if (file != null) exportSelected(file.toPath(), null);
    }

    /** Writes selected_features.csv on a background task; {@code done} (may be null) runs on the FX thread with null or the error. */
    public void exportSelected(Path file, Consumer<String> done) {
        SelectionResult r = result.get();
        LoadedData d = data.get();
        if (r == null || d == null) return;
        background("Exported the selected features to " + file, () -> RunDirectory.writeSelected(file, r, d.train().featureNames()), done);
    }

    private void saveDialog(String initialName, Consumer<Path> action) {
        if (result.get() == null) return;
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(initialName);
        var file = fc.showSaveDialog(stage);
        if (file != null) action.accept(file.toPath());
    }

    /** The selected feature names, one a line in selector order (duplicates once), atomically. */
    public void exportNames(Path file, Consumer<String> done) {
        SelectionResult r = result.get();
        LoadedData d = data.get();
        if (r == null || d == null) return;
        StringBuilder b = new StringBuilder();
        java.util.Arrays.stream(r.selected()).distinct().forEach(f -> b.append(d.train().featureNames().get(f)).append('\n'));
        background("Exported the selected names to " + file, () -> org.caeworkbench.export.AtomicFiles.writeString(file, b.toString()), done);
    }

    /** The chosen-pixel mask as a PNG (image data only), atomically. */
    public void exportMask(Path file, Consumer<String> done) {
        SelectionResult r = result.get();
        LoadedData d = data.get();
        if (r == null || d == null || d.train().imageShape() == null) return;
        background("Exported the pixel mask to " + file,
                () -> ImagePreviews.png(file, ImagePreviews.mask(d.train().imageShape(), r.selected(), 12)), done);
    }

    private void exportRunDialog() {
        if (result.get() == null) return;
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Choose an empty folder (or an earlier run to replace) for the run");
        var dir = dc.showDialog(stage);
        if (dir != null) exportRun(dir.toPath(), null);
    }

    /** Writes the whole run folder (the same one `cae train` writes), atomically, on a background task. */
    public void exportRun(Path dir, Consumer<String> done) {
        SelectionResult r = result.get();
        LoadedData d = data.get();
        TrainingConfig cfg = vm.configProperty().get();
        if (r == null || d == null) return;
        TrainingConfig used = cfg != null ? cfg : TrainingConfig.builder().build();
        RunConfig config = new RunConfig(d.spec(), used, commandLine(d.spec(), used, dir), version());
        SavedModel model = new SavedModel(r.model(), d.train().featureNames(), d.scaler(), d.imputer(), d.train().imageShape());
        background("Wrote the run to " + dir, () -> RunDirectory.write(dir, new RunDirectory.Contents(config, r, model, d.test()), true), done);
    }

    static String version() {
        String v = WorkbenchWindow.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The `cae train` command that repeats this run. */
    static String commandLine(DataSpec spec, TrainingConfig c, Path out) {
        StringBuilder b = new StringBuilder("cae train --data ").append(spec.data());
        if (spec.testFile() != null) b.append(" --test ").append(spec.testFile());
        else b.append(" --test-fraction ").append(spec.testFraction());
        if (spec.read().labelColumn() != null) b.append(" --label-column ").append(spec.read().labelColumn());
        if (spec.read().transpose()) b.append(" --transpose");
        b.append(" --k ").append(c.k()).append(" --epochs ").append(c.epochs())
                .append(" --start-temp ").append(c.schedule().start()).append(" --end-temp ").append(c.schedule().end())
                .append(" --schedule ").append(c.schedule().shape().name().toLowerCase(Locale.ROOT))
                .append(" --anneal ").append(c.annealing().name().toLowerCase(Locale.ROOT))
                .append(" --batch-size ").append(c.batchSize() == TrainingConfig.AUTO_BATCH ? "auto"
                        : c.batchSize() == TrainingConfig.REFERENCE_BATCH ? "reference" : Integer.toString(c.batchSize())).append(" --lr ").append(c.learningRate())
                .append(" --hidden ").append(c.hidden()).append(" --dropout ").append(c.dropout()).append(" --seed ").append(c.seed())
                .append(" --convergence ").append(c.convergenceRuleOn() ? Double.toString(c.acceptMeanMax()) : "off")
                .append(" --out ").append(out);
        return b.toString();
    }

    interface IoAction {
        void run() throws IOException;
    }

    private void background(String success, IoAction action, Consumer<String> done) {
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws IOException {
                action.run();
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            statusLabel.setText(success);
            log(success);
            if (done != null) done.accept(null);
        });
        task.setOnFailed(e -> {
            String msg = "Export failed: " + message(task.getException());
            showError(msg);
            if (done != null) done.accept(msg);
        });
        Thread t = new Thread(task, "cae-export");
        t.setDaemon(true);
        t.start();
    }

    // ---------------------------------------------------------------- messages

    static String message(Throwable t) {
        if (t == null) return "unknown error.";
        if (t instanceof java.nio.file.FileSystemException f) {
            String why;
            if (t instanceof java.nio.file.NotDirectoryException) why = "a part of the path is not a folder";
            else if (t instanceof java.nio.file.AccessDeniedException) why = "permission denied";
            else if (t instanceof java.nio.file.NoSuchFileException) why = "the folder does not exist";
            else if (t instanceof java.nio.file.FileAlreadyExistsException && f.getFile() != null
                    && java.nio.file.Files.isRegularFile(Path.of(f.getFile()))) why = "it is a file, and a folder is needed there";
            else if (t instanceof java.nio.file.FileAlreadyExistsException) why = "it already exists";
            else why = f.getReason() != null ? f.getReason() : "the file system refused";
            return "cannot write " + f.getFile() + ": " + why + ".";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        return m;
    }

    /** Shows one sentence: in the status bar, the log, and a non-blocking alert (not in tests). */
    void showError(String sentence) {
        LOG.info("shown to the user: {}", sentence);
        messageLabel.setText(sentence);
        log("Error: " + sentence);
        for (Consumer<String> l : errorListeners) l.accept(sentence);
        if (!Boolean.getBoolean("cae.noDialogs")) {
            Alert a = new Alert(Alert.AlertType.ERROR, sentence);
            a.setHeaderText(null);
            a.initOwner(stage);
            a.show();
        }
    }

    private void log(String line) {
        logArea.appendText(line + "\n");
    }

    // ---------------------------------------------------------------- for the application and tests

    public WorkbenchViewModel viewModel() { return vm; }
    public Stage stage() { return stage; }
    public ObjectProperty<LoadedData> dataProperty() { return data; }
    public ObjectProperty<SelectionResult> resultProperty() { return result; }
    public ReadOnlyBooleanProperty metricsDoneProperty() { return metricsDone.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty epochsShownProperty() { return epochsShown.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty heatmapUpdatesProperty() { return heatmapUpdates.getReadOnlyProperty(); }
    public ObservableList<FeatureRow> rows() { return rows; }
    public void onError(Consumer<String> listener) { errorListeners.add(listener); }
    public void selectResults() { tabs.getSelectionModel().select(resultsTab); }
    public void selectTraining() { tabs.getSelectionModel().select(trainingTab); }
    public int seriesSize(String which) {
        return switch (which) {
            case "train" -> trainLoss.getItemCount();
            case "val" -> valLoss.getItemCount();
            case "temperature" -> temperature.getItemCount();
            case "meanmax" -> meanMax.getItemCount();
            default -> -1;
        };
    }

    private void updatePreview() {
        previewSeries.clear();
        try {
            double t0 = Double.parseDouble(vm.text(WorkbenchViewModel.Field.T0).get().trim());
            double te = Double.parseDouble(vm.text(WorkbenchViewModel.Field.TEND).get().trim());
            TemperatureSchedule s = new TemperatureSchedule(vm.shapeProperty().get(), t0, te);
            for (int i = 0; i <= 100; i++) previewSeries.add(i / 100.0, s.at(i, 101), false);
        } catch (RuntimeException e) {
            // invalid temperatures: the fields are marked, the preview stays empty
        }
        previewSeries.fireSeriesChanged();
    }

    /** Stops the pulse timer (tests that close the window). */
    public void dispose() {
        pulse.stop();
        service.stop();
    }

    static void runLater(Runnable r) {
        if (Platform.isFxApplicationThread()) r.run();
        else Platform.runLater(r);
    }
}
