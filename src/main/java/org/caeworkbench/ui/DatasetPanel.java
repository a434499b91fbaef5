package org.caeworkbench.ui;

import org.caeworkbench.app.SampleSets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The left panel: Open…, the samples, and the summary of the loaded data. */
final class DatasetPanel extends VBox {
    private final Label summary = new Label("No data loaded.");

    DatasetPanel(WorkbenchViewModel vm, Runnable open, Consumer<SampleSets.Sample> sample, Runnable applyPreprocessing,
                 javafx.beans.value.ObservableBooleanValue dataLoaded) {
        super(8);
        Label title = new Label("Dataset");
        title.getStyleClass().add("panel-title");
        Button openButton = new Button("Open…");
        openButton.setId("openButton");
        openButton.setTooltip(new Tooltip("Open a CSV, TSV, GCT, AnnData .h5ad or IDX file (gzip is read too), or matrix.mtx.gz of a 10x"
                + " folder (File > Open 10x folder…, or drop the folder on the window), with its reading options and a preview."));
        openButton.setOnAction(e -> open.run());
        MenuButton samples = new MenuButton("Samples");
        samples.setId("samplesButton");
        samples.getItems().addAll(sampleItems(sample));
        openButton.disableProperty().bind(vm.loadingProperty().or(vm.runningProperty()));
        samples.disableProperty().bind(vm.loadingProperty().or(vm.runningProperty()));
        summary.setId("summaryLabel");
        summary.setWrapText(true);
        summary.setMaxWidth(230);
        getChildren().addAll(title, new HBox(6, openButton, samples), preprocessing(vm, applyPreprocessing, dataLoaded), summary);
        setId("datasetPanel");
        setPadding(new Insets(10));
        setPrefWidth(250);
    }

    void summary(String text) { summary.setText(text); }

    /** A Sample gallery… button under Open… and Samples (the sample cards with their teaching presets). */
    void addGallery(Runnable open) {
        Button gallery = new Button("Sample gallery and presets…");
        gallery.setId("galleryButton");
        gallery.setTooltip(new Tooltip("The bundled samples with pictures, sizes and teaching presets that run in well under a minute"));
        gallery.setOnAction(e -> open.run());
        gallery.setMaxWidth(Double.MAX_VALUE);
        getChildren().add(2, gallery);
    }

    /** Transforms and feature filters applied when data are loaded (Apply reloads the current data with them). */
    private static TitledPane preprocessing(WorkbenchViewModel vm, Runnable apply, javafx.beans.value.ObservableBooleanValue dataLoaded) {
        CheckBox cpm = new CheckBox("Counts per million");
        cpm.setId("cpmBox");
        cpm.selectedProperty().bindBidirectional(vm.cpmProperty());
        cpm.setTooltip(new Tooltip("Divide each sample by its total and multiply by one million (library-size normalisation of counts). Applied before log(1 + x)."));
        CheckBox log = new CheckBox("log(1 + x)");
        log.setId("log1pBox");
        log.selectedProperty().bindBidirectional(vm.log1pProperty());
        log.setTooltip(new Tooltip("Replace every value x by log(1 + x), for counts or expression not yet on a log scale. Negative values are refused."));
        CheckBox constant = new CheckBox("Drop constant features");
        constant.setId("dropConstantBox");
        constant.selectedProperty().bindBidirectional(vm.dropConstantProperty());
        constant.setTooltip(new Tooltip("Drop features whose training values are all equal; the summary names them."));
        TextField top = new TextField();
        top.setId("topVariableField");
        top.setPromptText("all");
        top.setPrefColumnCount(6);
        top.textProperty().bindBidirectional(vm.topVariableProperty());
        top.setTooltip(new Tooltip("Keep only this many features, those of highest variance on the training split (after the transforms); empty keeps all. "
                + "Selected features are still reported by their column in the file."));
        var invalid = javafx.beans.binding.Bindings.createBooleanBinding(() -> vm.preprocessing().isEmpty(), vm.topVariableProperty());
        invalid.addListener((o, a, b) -> {
            top.getStyleClass().remove("invalid");
            if (b) top.getStyleClass().add("invalid");
        });
        Button applyButton = new Button("Apply");
        applyButton.setId("applyPreprocessingButton");
        applyButton.setTooltip(new Tooltip("Read the current data again with these settings (they also apply to every file opened next)."));
        applyButton.setOnAction(e -> apply.run());
        applyButton.disableProperty().bind(invalid.or(vm.loadingProperty()).or(vm.runningProperty())
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> !dataLoaded.get(), dataLoaded)));
        HBox topRow = new HBox(6, new Label("Most variable"), top);
        topRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(4, cpm, log, constant, topRow, applyButton);
        TitledPane pane = new TitledPane("Preprocessing", box);
        pane.setId("preprocessingPane");
        pane.setExpanded(true);
        return pane;
    }

    static List<MenuItem> sampleItems(Consumer<SampleSets.Sample> action) {
        List<MenuItem> items = new ArrayList<>();
        for (SampleSets.Sample s : Samples.all()) {
            MenuItem item = new MenuItem(s.name() + " — " + s.description());
            item.setOnAction(e -> action.accept(s));
            items.add(item);
        }
        return items;
    }
}
