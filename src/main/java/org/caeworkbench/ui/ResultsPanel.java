package org.caeworkbench.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The results tab: the sortable, copyable table of selected features with its export buttons; the
 * metrics; for images the reconstruction grid, for tables predicted versus measured held-out values and
 * the per-feature error list.
 */
final class ResultsPanel extends SplitPane {

    /** One held-out feature's test error, for the error list. */
    record FeatureError(int index, String name, double mse) {}

    private final ObservableList<FeatureRow> rows = FXCollections.observableArrayList();
    private final ObservableList<FeatureError> errors = FXCollections.observableArrayList();
    private final TableView<FeatureRow> table = new TableView<>(rows);
    private final Label metrics = new Label("Train to see the selected features.");
    private final ImageView reconstruction = new ImageView();
    private final javafx.beans.property.BooleanProperty rowNamesShown = new javafx.beans.property.SimpleBooleanProperty();
    private Image reconstructionLabelled;
    private final ImageView[] rowViews = new ImageView[3];
    private final Label imagesTitle = new Label("Reconstructions (test images)");
    private final XYSeries scatter = new XYSeries("held-out test values");
    private final JFreeChart scatterChart;
    private final VBox tableViews;
    private final VBox imageViews;

    /** The actions of the buttons, run on the FX thread. */
    record Actions(Runnable exportCsv, Runnable exportRun, Runnable exportReduced, Runnable exportPngs, Runnable exportReport) {}

    ResultsPanel(ObservableBooleanValue noResult, Actions actions) {
        table.setId("resultsTable");
        table.getColumns().add(column("Rank", FeatureRow::rank, 45));
        table.getColumns().add(column("Selector", FeatureRow::selector, 62));
        table.getColumns().add(column("Index", FeatureRow::index, 55));
        table.getColumns().add(column("Name", FeatureRow::name, 110));
        TableColumn<FeatureRow, Double> p = column("Probability", FeatureRow::probability, 82);
        p.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format(Locale.ROOT, "%.4f", v));
            }
        });
        table.getColumns().add(p);
        TableColumn<FeatureRow, Boolean> dup = column("Duplicate", FeatureRow::duplicate, 72);
        dup.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v ? "duplicate" : "");
            }
        });
        table.getColumns().add(dup);
        // kept (--keep), filled (--fill-duplicates) or learned: shown, beside the rank, only when the panel has kept or filled ones
        TableColumn<FeatureRow, String> role = column("Role", FeatureRow::role, 62);
        role.setId("roleColumn");
        table.getColumns().add(1, role);
        role.setVisible(false);
        rows.addListener((ListChangeListener<FeatureRow>) c -> role.setVisible(rows.stream().anyMatch(FeatureRow::hasRole)));
        // the gene symbol beside its Ensembl id: shown only when the data has both names
        TableColumn<FeatureRow, String> symbol = column("Symbol", FeatureRow::symbol, 90);
        symbol.setId("symbolColumn");
        // before the name: an Ensembl id says little, the symbol is what a person reads
        table.getColumns().add(table.getColumns().indexOf(table.getColumns().stream().filter(c -> "Name".equals(c.getText())).findFirst()
                .orElseThrow()), symbol);
        symbol.setVisible(false);
        rows.addListener((ListChangeListener<FeatureRow>) c -> symbol.setVisible(rows.stream().anyMatch(r -> r.symbol() != null)));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // new rows come in rank order: a sort arrow left from the last result would say otherwise
        rows.addListener((ListChangeListener<FeatureRow>) c -> {
            while (c.next()) if (!c.wasPermutated()) {
                table.getSortOrder().clear();
                return;
            }
        });
        table.setPrefWidth(450);
        table.setMinWidth(300);
        Button copy = new Button("Copy");
        copy.setId("copyButton");
        copy.setOnAction(e -> copyTable());
        copy.disableProperty().bind(Bindings.isEmpty(rows));
        Button exportCsv = new Button("CSV…");
        exportCsv.setTooltip(new Tooltip("Export the selected features as selected_features.csv"));
        exportCsv.setOnAction(e -> actions.exportCsv().run());
        exportCsv.disableProperty().bind(noResult);
        Button exportRun = new Button("Run folder…");
        exportRun.setTooltip(new Tooltip("Export the whole run folder, the same one `cae train` writes"));
        exportRun.setOnAction(e -> actions.exportRun().run());
        exportRun.disableProperty().bind(noResult);
        Button report = new Button("Report…");
        report.setId("exportReportButton");
        report.setTooltip(new Tooltip("Write the run folder with report.html (result, metrics, curves, images, features, settings) and open the report in your browser"));
        report.setOnAction(e -> actions.exportReport().run());
        report.disableProperty().bind(noResult);
        Button reduced = new Button("Reduced data…");
        reduced.setId("exportReducedButton");
        reduced.setTooltip(new Tooltip("Export the dataset with only the selected columns (sample ids and labels kept), as CSV"));
        reduced.setOnAction(e -> actions.exportReduced().run());
        reduced.disableProperty().bind(noResult);
        Button pngs = new Button("PNGs…");
        pngs.setTooltip(new Tooltip("Save every chart and picture of this run as PNG files into a folder"));
        pngs.setOnAction(e -> actions.exportPngs().run());
        table.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) copyTable();
        });
        metrics.setId("metricsLabel");
        metrics.setWrapText(true);
        reconstruction.setId("reconstructionView");
        reconstruction.setPreserveRatio(true);

        scatterChart = ChartFactory.createScatterPlot("Held-out features: predicted vs measured", "measured", "predicted",
                new XYSeriesCollection(scatter), PlotOrientation.VERTICAL, false, true, false);
        var dots = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-1.5, -1.5, 3, 3));
        dots.setSeriesPaint(0, new java.awt.Color(0x1F, 0x5F, 0xB4, 0x70));
        scatterChart.getXYPlot().setRenderer(dots);
        ChartViewer scatterView = new ChartViewer(scatterChart);
        scatterView.setId("scatterChart");
        scatterView.setPrefSize(380, 300);
        scatterView.setMinHeight(220);
        TableView<FeatureError> errorTable = new TableView<>(errors);
        errorTable.setId("errorTable");
        TableColumn<FeatureError, Integer> ei = new TableColumn<>("Index");
        ei.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().index()));
        TableColumn<FeatureError, String> en = new TableColumn<>("Feature");
        en.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().name()));
        fitHeader(ei, 55);
        fitHeader(en, 140);
        TableColumn<FeatureError, Double> em = new TableColumn<>("Test MSE");
        em.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().mse()));
        em.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format(Locale.ROOT, "%.5g", v));
            }
        });
        fitHeader(em, 90);
        errorTable.getColumns().add(ei);
        errorTable.getColumns().add(en);
        errorTable.getColumns().add(em);
        errorTable.setPrefHeight(220);
        tableViews = new VBox(6, scatterView, new Label("Per-feature test error (linear reconstruction, worst first)"), errorTable);
        tableViews.setId("tableResults");
        // the grid's three rows one under the other, each under its name: the names stay readable however
        // far the picture is scaled down (drawn into it, they became a few pixels high)
        VBox rowsBox = new VBox(2);
        rowsBox.setId("reconstructionRows");
        List<String> rowNames = org.caeworkbench.export.ImagePreviews.GRID_ROWS;
        for (int r = 0; r < 3; r++) {
            ImageView v = new ImageView();
            v.setPreserveRatio(true);
            v.setSmooth(true);
            rowViews[r] = v;
            Label name = new Label(rowNames.get(r));
            name.getStyleClass().add("row-name");
            rowsBox.getChildren().addAll(name, v);
        }
        rowsBox.visibleProperty().bind(rowNamesShown);
        rowsBox.managedProperty().bind(rowNamesShown);
        reconstruction.visibleProperty().bind(rowNamesShown.not());
        reconstruction.managedProperty().bind(rowNamesShown.not());
        VBox grid = new VBox(rowsBox, reconstruction);
        imageViews = new VBox(6, imagesTitle, grid);
        tableViews.managedProperty().bind(tableViews.visibleProperty());
        imageViews.managedProperty().bind(imageViews.visibleProperty());
        tableViews.setVisible(false);

        VBox right = new VBox(8, new Label("Metrics"), metrics, imageViews, tableViews);
        right.setPadding(new Insets(0, 0, 0, 8));
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, copy, exportCsv, exportRun, report, reduced, pngs);
        for (Button b : new Button[] {copy, exportCsv, exportRun, report, reduced, pngs}) b.setMinWidth(Region.USE_PREF_SIZE);
        VBox left = new VBox(6, table, buttons);
        VBox.setVgrow(table, Priority.ALWAYS);
        // as wide as the pane allows, never wider than the picture
        var fit = Bindings.max(100, Bindings.min(
                Bindings.createDoubleBinding(() -> reconstruction.getImage() == null ? 10_000 : reconstruction.getImage().getWidth(), reconstruction.imageProperty()),
                rightScroll.widthProperty().subtract(30)));
        reconstruction.fitWidthProperty().bind(fit);
        for (ImageView v : rowViews) v.fitWidthProperty().bind(fit);
        rightScroll.setMinWidth(150);
        getItems().addAll(left, rightScroll);
        setDividerPositions(0.5);
        left.setPadding(new Insets(8));
    }

    ObservableList<FeatureRow> rows() { return rows; }
    ObservableList<FeatureError> errors() { return errors; }
    JFreeChart scatterChart() { return scatterChart; }
    /** The reconstruction picture with its row names (for a PNG export). */
    Image reconstruction() { return reconstructionLabelled != null ? reconstructionLabelled : reconstruction.getImage(); }
    int scatterPoints() { return scatter.getItemCount(); }

    void metrics(String text) { metrics.setText(text); }

    /** Image data: the reconstruction grid; tables: the scatter plot and error list. */
    void showImages(boolean images) {
        imageViews.setVisible(images);
        tableViews.setVisible(!images);
    }

    /** A picture that carries its own labels (a saved run's). */
    void reconstruction(Image img, String title) {
        reconstruction.setImage(img);
        reconstructionLabelled = null;
        rowNamesShown.set(false);
        if (title != null) imagesTitle.setText(title);
    }

    /** The three-row reconstruction grid: shown row by row under the rows' names; the labelled one is exported. */
    void reconstructionGrid(Image unlabelled, Image labelled) {
        reconstruction.setImage(unlabelled);
        double rowHeight = unlabelled.getHeight() / 3;
        for (int r = 0; r < 3; r++) {
            rowViews[r].setImage(unlabelled);
            // each row of the grid without the gap under it
            rowViews[r].setViewport(new javafx.geometry.Rectangle2D(0, r * rowHeight, unlabelled.getWidth(), rowHeight - 4));
        }
        reconstructionLabelled = labelled;
        rowNamesShown.set(true);
        imagesTitle.setText("Reconstructions (test images)");
    }

    /** Measured/predicted pairs (x[i], y[i]) and the per-feature errors, worst first. */
    void tableResults(float[] measured, float[] predicted, int count, List<FeatureError> worstFirst) {
        scatter.clear();
        for (int i = 0; i < count; i++) scatter.add(measured[i], predicted[i], false);
        scatter.fireSeriesChanged();
        errors.setAll(worstFirst);
    }

    /** Adds a view shown for tables (the clustered data heatmap). */
    void addTableView(javafx.scene.Node view) {
        tableViews.getChildren().add(view);
    }

    void clear() {
        rows.clear();
        errors.clear();
        scatter.clear();
        reconstruction.setImage(null);
        for (ImageView v : rowViews) v.setImage(null);
        reconstructionLabelled = null;
        rowNamesShown.set(false);
        imagesTitle.setText("Reconstructions (test images)");
    }

    private void copyTable() {
        List<FeatureRow> chosen = table.getSelectionModel().getSelectedItems();
        ClipboardContent c = new ClipboardContent();
        c.putString(FeatureRow.toTsv(chosen.size() > 1 ? chosen : table.getItems()));
        Clipboard.getSystemClipboard().setContent(c);
    }

    private static <T> TableColumn<FeatureRow, T> column(String title, java.util.function.Function<FeatureRow, T> value, double width) {
        TableColumn<FeatureRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        fitHeader(c, width);
        return c;
    }

    /** A column at least as wide as its title and a sort arrow, so no header reads "Selec…". */
    static void fitHeader(TableColumn<?, ?> c, double width) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(c.getText());
        t.setFont(javafx.scene.text.Font.getDefault());
        double least = Math.ceil(t.getLayoutBounds().getWidth()) + 28;
        c.setMinWidth(least);
        c.setPrefWidth(Math.max(width, least));
    }
}
