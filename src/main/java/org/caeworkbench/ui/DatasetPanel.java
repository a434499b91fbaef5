package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The left panel: Open…, the samples, and the summary of the loaded data. */
final class DatasetPanel extends VBox {
    private final Label summary = new Label("No data loaded.");

    DatasetPanel(WorkbenchViewModel vm, Runnable open, Consumer<Samples.Sample> sample) {
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
        getChildren().addAll(title, new HBox(6, openButton, samples), summary);
        setId("datasetPanel");
        setPadding(new Insets(10));
        setPrefWidth(250);
    }

    void summary(String text) { summary.setText(text); }

    static List<MenuItem> sampleItems(Consumer<Samples.Sample> action) {
        List<MenuItem> items = new ArrayList<>();
        for (Samples.Sample s : Samples.all()) {
            MenuItem item = new MenuItem(s.name() + " — " + s.description());
            item.setOnAction(e -> action.accept(s));
            items.add(item);
        }
        return items;
    }
}
