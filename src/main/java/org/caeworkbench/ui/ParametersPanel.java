package org.caeworkbench.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.control.Control;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TemperatureSchedule;
import org.caeworkbench.core.TrainingConfig;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The right panel: every training parameter with its tooltip, the temperature preview, Train and Stop. */
/**
 * The parameters on the right: the fields scroll, the problem line and Train / Stop stay in sight at the
 * bottom whatever the window's height (at 1280 × 720 and 1024 × 700 the fields no longer fit).
 */
final class ParametersPanel extends javafx.scene.layout.BorderPane {
    private final WorkbenchViewModel vm;
    private final Map<Setting<TrainingConfig, ?>, Control> fields = new LinkedHashMap<>();
    private final XYSeries previewSeries = new XYSeries("T");
    private final JFreeChart previewChart;
    private final org.controlsfx.validation.ValidationSupport validation = new org.controlsfx.validation.ValidationSupport();

    ParametersPanel(WorkbenchViewModel vm, Runnable train, Runnable stop) {
        this.vm = vm;
        Label title = new Label("Parameters");
        title.getStyleClass().add("panel-title");
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(names, values);
        // one row per setting of the catalogue (core.Settings): a choice is a list, a setting that can be off
        // has a switch above its field, the others a text field
        int row = 0;
        for (Setting<TrainingConfig, ?> f : Settings.TRAINING) {
            String help = f.help();
            Control control;
            Button load = null;   // a list of names also gets a Load… button under its label
            String section = SECTIONS.get(f);
            if (section != null) {
                Label head = new Label(section);
                head.getStyleClass().add("section-title");
                grid.add(head, 0, row++, 2, 1);
            }
            if (!f.choices().isEmpty()) {
                ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(f.choices()));
                box.valueProperty().bindBidirectional(vm.text(f));
                control = box;
            } else if (!f.suggestions().isEmpty()) {
                // free text with typical values to pick (the objective: reconstruct, classify, mix:0.5 or any mix:W)
                ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(f.suggestions()));
                box.setEditable(true);
                box.getEditor().textProperty().bindBidirectional(vm.text(f));
                box.setMaxWidth(Double.MAX_VALUE);
                control = box;
            } else if (f.defaultValue() instanceof java.util.List<?>) {
                // a list of feature names (kept, excluded): pasted one or more a line, or loaded from a file
                javafx.scene.control.TextArea area = new javafx.scene.control.TextArea();
                area.setPrefRowCount(2);
                area.setWrapText(true);
                area.setPromptText(f == Settings.EXCLUDE ? "names, one a line, or re:^MT-" : "names, one a line");
                area.textProperty().bindBidirectional(vm.text(f));
                area.setMinWidth(56);
                load = new Button("Load…");
                load.setId("load-" + f.key());
                load.setTooltip(tip("Read the names from a file: one a line, or a table's 'name' (else first) column"));
                load.setOnAction(e -> loadNames(f, area));
                control = area;
            } else {
                TextField tf = new TextField();
                tf.setPrefColumnCount(7);
                tf.textProperty().bindBidirectional(vm.text(f));
                tf.setMinWidth(56);
                control = tf;
            }
            control.setId("field-" + f.key());
            control.setTooltip(tip(help));
            if (f.switchLabel() != null) {
                CheckBox on = new CheckBox(f.switchLabel());
                on.setId("switch-" + f.key());
                on.selectedProperty().bindBidirectional(vm.onProperty(f));
                on.setTooltip(tip(help));
                grid.add(on, 0, row++, 2, 1);
                control.disableProperty().bind(vm.onProperty(f).not());
            }
            Label l = new Label(f.label());
            l.setTooltip(tip(help));
            // the label keeps its full text; the field gives way (it scrolls its text)
            l.setMinWidth(Region.USE_PREF_SIZE);
            fields.put(f, control);
            grid.addRow(row++, load == null ? l : new VBox(4, l, load), control);
        }
        Label panelSummary = new Label();
        panelSummary.setId("panelSummary");
        panelSummary.setWrapText(true);
        panelSummary.setMaxWidth(280);
        panelSummary.textProperty().bind(vm.panelSummaryProperty());
        panelSummary.visibleProperty().bind(vm.panelSummaryProperty().isNotEmpty());
        panelSummary.managedProperty().bind(panelSummary.visibleProperty());
        grid.add(panelSummary, 0, row++, 2, 1);
        // ControlsFX decorations (a small error mark on each invalid field, its message as the mark's tooltip)
        validation.setErrorDecorationEnabled(true);
        for (var e : fields.entrySet()) {
            Setting<TrainingConfig, ?> f = e.getKey();
            validation.registerValidator(e.getValue(), false, (javafx.scene.control.Control c, String v) ->
                    org.controlsfx.validation.ValidationResult.fromErrorIf(c, String.valueOf(vm.fieldErrors().get(f)), vm.fieldErrors().get(f) != null));
        }
        vm.fieldErrors().addListener((MapChangeListener<Setting<TrainingConfig, ?>, String>) c -> markFields());
        markFields();

        Label problem = new Label();
        problem.setId("problemLabel");
        problem.setWrapText(true);
        problem.setMaxWidth(250);
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(vm.problemProperty());

        Button trainButton = new Button("Train");
        Button stopButton = new Button("Stop");
        trainButton.setId("trainButton");
        trainButton.setDefaultButton(true);
        trainButton.disableProperty().bind(vm.canTrainProperty().not());
        trainButton.setOnAction(e -> train.run());
        stopButton.setId("stopButton");
        stopButton.disableProperty().bind(vm.runningProperty().not());
        stopButton.setOnAction(e -> stop.run());
        trainButton.setMaxWidth(Double.MAX_VALUE);
        stopButton.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(6, trainButton, stopButton);
        HBox.setHgrow(trainButton, Priority.ALWAYS);
        HBox.setHgrow(stopButton, Priority.ALWAYS);

        previewChart = ChartFactory.createXYLineChart(null, "fraction of the run", "T",
                new XYSeriesCollection(previewSeries), PlotOrientation.VERTICAL, false, false, false);
        previewChart.getXYPlot().setRangeAxis(new PlainLogAxis("T (log)"));
        ChartViewer preview = new ChartViewer(previewChart);
        preview.setId("temperaturePreview");
        preview.setPrefSize(250, 170);
        preview.setMinHeight(150);
        vm.shapeProperty().addListener((o, a, b) -> updatePreview());
        vm.text(WorkbenchViewModel.Field.T0).addListener((o, a, b) -> updatePreview());
        vm.text(WorkbenchViewModel.Field.TEND).addListener((o, a, b) -> updatePreview());

        VBox box = new VBox(8, title, grid, new Label("Temperature over the run"), preview);
        box.setId("parametersPanel");
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox actions = new VBox(6, problem, buttons);
        actions.setPadding(new Insets(6, 10, 8, 10));
        actions.setId("trainActions");
        setCenter(scroll);
        setBottom(actions);
        setPrefWidth(310);
        updatePreview();
    }

    /** Section titles above the settings that start them (a setting added later joins the section above it). */
    private static final Map<Setting<TrainingConfig, ?>, String> SECTIONS = Map.of(
            Settings.K, "Training", Settings.SELECTOR, "Selector", Settings.OBJECTIVE, "Panel design");

    /** Reads a file of names (the setting's own parser) into the field, one a line; a file that cannot be used is said. */
    private void loadNames(Setting<TrainingConfig, ?> f, javafx.scene.control.TextArea area) {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle(f.label() + ": a file of feature names");
        java.io.File file = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) loadNames(f, area, file.toPath());
    }

    /** The names in {@code file} into the field, one a line; a file that cannot be used stays as its path, the field marked with why. */
    void loadNames(Setting<TrainingConfig, ?> f, javafx.scene.control.TextArea area, java.nio.file.Path file) {
        Object v;
        try {
            v = f.parse(file.toString());
        } catch (IllegalArgumentException e) {
            area.setText(file.toString());   // the field is marked with the file's problem, as if typed
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Object name : (java.util.List<?>) v) b.append(b.length() == 0 ? "" : "\n").append(name);
        area.setText(b.toString());
    }

    /** A tooltip that wraps its text at a readable width. */
    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    JFreeChart previewChart() { return previewChart; }
    org.controlsfx.validation.ValidationSupport validation() { return validation; }

    private void markFields() {
        fields.forEach((f, tf) -> {
            String err = vm.fieldErrors().get(f);
            tf.getStyleClass().remove("invalid");
            if (err != null) tf.getStyleClass().add("invalid");
            tf.getTooltip().setText(err != null ? err + "\n\n" + f.help() : f.help());
        });
        // after the view-model has checked the new text
        javafx.application.Platform.runLater(validation::revalidate);
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
}
