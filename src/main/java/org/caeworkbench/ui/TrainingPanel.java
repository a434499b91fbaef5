package org.caeworkbench.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.caeworkbench.core.TrainingSnapshot;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training tab: loss, temperature and mean-max charts fed with epoch ends; the selector heatmap, the
 * per-feature maximum strip and (for images) the pixel views, blitted from frames that a
 * {@link LiveRenderer} draws off the FX thread.
 */
final class TrainingPanel extends ScrollPane {
    private final XYSeries trainLoss = new XYSeries("train loss");
    private final XYSeries valLoss = new XYSeries("validation loss");
    private final XYSeries temperature = new XYSeries("temperature");
    private final XYSeries meanMax = new XYSeries("mean-max probability");
    private final JFreeChart lossChart;
    private final JFreeChart temperatureChart;
    private final HeatmapPane heatmap = new HeatmapPane();
    private final ImageView pixelMapView = new ImageView();
    private final ImageView maskView = new ImageView();
    private final Label scaleMax = new Label("1");
    private final Label scaleMin = new Label("0");
    private final CheckBox scaleToMax = new CheckBox("Scale to current maximum");
    private final ReadOnlyIntegerWrapper heatmapUpdates = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper epochsShown = new ReadOnlyIntegerWrapper();
    private Heatmaps.Pixels pixelPixels;
    private WritableImage pixelShown;
    private WritableImage maskShown;
    // the sentences beside the charts (Explanations) and the pause markers of step mode
    private final Label lossNote = note("lossExplanation");
    private final Label temperatureNote = note("temperatureExplanation");
    private final Label meanMaxNote = note("meanMaxExplanation");
    private final Label duplicatesNote = note("duplicatesExplanation");
    private final ReadOnlyIntegerWrapper pauseMarkers = new ReadOnlyIntegerWrapper();
    private int epochOffset;
    private int lastTry;
    private int lastEpochX;
    private final VBox grid;
    /** The replay's timeline under the charts, and its cursor on both charts. */
    private final TimelineBar timeline = new TimelineBar();
    private final java.util.Map<Long, Integer> chartX = new java.util.HashMap<>();
    private final org.jfree.chart.plot.ValueMarker lossCursor = cursor();
    private final org.jfree.chart.plot.ValueMarker temperatureCursor = cursor();

    TrainingPanel(ObservableBooleanValue imageData) {
        ChartViewer loss = chart("Loss", "epoch", "MSE", trainLoss, valLoss);
        lossChart = loss.getChart();
        PlainLogAxis lossAxis = new PlainLogAxis("MSE (log)");
        lossAxis.setSmallestValue(1e-6);
        lossChart.getXYPlot().setRangeAxis(lossAxis);
        loss.setId("lossChart");
        temperatureChart = ChartFactory.createXYLineChart("Temperature and mean-max", "epoch", "T",
                new XYSeriesCollection(temperature), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = temperatureChart.getXYPlot();
        plot.setRangeAxis(new PlainLogAxis("T (log)"));
        NumberAxis mm = new NumberAxis("mean-max");
        mm.setRange(0, 1.02);
        plot.setRangeAxis(1, mm);
        plot.setDataset(1, new XYSeriesCollection(meanMax));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, false);
        r1.setSeriesPaint(0, new java.awt.Color(0xD0, 0x60, 0x00));
        plot.setRenderer(1, r1);
        ChartViewer tview = new ChartViewer(temperatureChart);
        tview.setId("temperatureChart");
        // a chart viewer's minimum is its present size: once presentation mode had widened the charts, they kept
        // the centre wider than the window when it ended; a fixed minimum lets them shrink back
        for (ChartViewer v : new ChartViewer[] {loss, tview}) v.setMinWidth(200);
        for (JFreeChart c : new JFreeChart[] {lossChart, temperatureChart}) {
            // whole epochs on the x axis (a run paused after one epoch read "1E0 1E0 1E0")
            NumberAxis epochs = (NumberAxis) c.getXYPlot().getDomainAxis();
            epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            epochs.setAutoRangeMinimumSize(2);
        }

        ImageView heatmapView = heatmap.heatmapView();
        scaleToMax.setId("scaleToMaxBox");
        scaleToMax.setTooltip(new Tooltip("Colour relative to the largest probability shown now, so wide tables (where every probability is small) are not all dark"));
        Region scale = new Region();
        scale.setPrefHeight(10);
        scale.prefWidthProperty().bind(heatmapView.fitWidthProperty().subtract(90));
        scale.setStyle(colourScaleCss());
        scaleMax.setId("scaleMaxLabel");
        scaleMax.setMinWidth(Region.USE_PREF_SIZE);
        scaleMin.setMinWidth(Region.USE_PREF_SIZE);
        HBox scaleRow = new HBox(6, scaleMin, scale, scaleMax);
        scaleRow.setAlignment(Pos.CENTER);
        FlowPane controls = new FlowPane(12, 4, scaleToMax, heatmap.topOnlyBox(), heatmap.showAllButton());
        controls.setAlignment(Pos.CENTER_LEFT);
        for (Region r : new Region[] {scaleToMax, heatmap.topOnlyBox(), heatmap.showAllButton()}) r.setMinWidth(Region.USE_PREF_SIZE);
        VBox heat = new VBox(4, new Label("Selector probabilities (k selectors × d features)"), duplicatesNote, controls, heatmap, scaleRow, heatmap.readoutLabel());

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
        images.visibleProperty().bind(Bindings.createBooleanBinding(imageData::get, imageData));
        images.managedProperty().bind(images.visibleProperty());

        loss.setPrefSize(420, 290);
        tview.setPrefSize(420, 290);
        loss.setMinSize(200, 200);
        tview.setMinSize(200, 200);
        Tooltip.install(loss, new Tooltip("Mean squared error of the reconstruction, the paper's loss; the validation curve is measured on"
                + " held-out rows through the noise-free selectors."));
        Tooltip.install(tview, new Tooltip("Temperature T (log scale; paper: 10 → 0.01, exponential) and mean-max probability"
                + " (paper: a try is accepted above 0.99). Dashed lines: where step mode paused."));
        VBox lossColumn = new VBox(4, loss, lossNote);
        VBox temperatureColumn = new VBox(4, tview, temperatureNote, meanMaxNote);
        HBox charts = new HBox(8, lossColumn, temperatureColumn);
        HBox.setHgrow(lossColumn, Priority.ALWAYS);
        HBox.setHgrow(temperatureColumn, Priority.ALWAYS);
        lossColumn.setPrefWidth(420);
        temperatureColumn.setPrefWidth(420);
        HBox.setHgrow(heat, Priority.ALWAYS);
        HBox views = new HBox(8, heat, images);
        lossChart.getXYPlot().addDomainMarker(lossCursor);
        temperatureChart.getXYPlot().addDomainMarker(temperatureCursor);
        grid = new VBox(8, charts, timeline, views);
        grid.setPadding(new Insets(8));
        // the heatmap takes the width the pixel views leave, measured on the visible area (the views' own width
        // would never shrink again: the heatmap's width is part of theirs, so a wider window once meant wider for good)
        // in whole pixels, and only when that changes: bound to the fractional viewport width, the width went on
        // moving by fractions of a pixel with every layout, and the window was drawn again at every frame, idle or not
        Runnable fit = () -> {
            double w = Math.max(200, Math.floor(getViewportBounds().getWidth() - 16 - (images.isVisible() ? 190 : 0) - 84));
            if (Math.abs(w - heatmapView.getFitWidth()) >= 1) heatmapView.setFitWidth(w);
        };
        viewportBoundsProperty().addListener((o, a, b) -> fit.run());
        images.visibleProperty().addListener((o, a, b) -> fit.run());
        fit.run();
        setContent(grid);
        setFitToWidth(true);
    }

    /** Adds a view under the heatmap and pixel views (the live digit strip). */
    void addView(javafx.scene.Node view) {
        grid.getChildren().add(view);
    }

    boolean scaleToMax() { return scaleToMax.isSelected(); }
    javafx.beans.property.BooleanProperty scaleToMaxProperty() { return scaleToMax.selectedProperty(); }
    ReadOnlyIntegerProperty heatmapUpdatesProperty() { return heatmapUpdates.getReadOnlyProperty(); }
    ReadOnlyIntegerProperty epochsShownProperty() { return epochsShown.getReadOnlyProperty(); }
    List<JFreeChart> charts() { return List.of(lossChart, temperatureChart); }
    WritableImage heatmapImage() { return heatmap.heatmapImage(); }
    HeatmapPane heatmap() { return heatmap; }
    /** The per-pixel map as drawn, one pixel a feature (for a PNG export); made when asked. */
    WritableImage pixelImage() { return pixelPixels == null ? null : HeatmapPane.paint(null, pixelPixels); }

    int seriesSize(String which) {
        return switch (which) {
            case "train" -> trainLoss.getItemCount();
            case "val" -> valLoss.getItemCount();
            case "temperature" -> temperature.getItemCount();
            case "meanmax" -> meanMax.getItemCount();
            default -> -1;
        };
    }

    TimelineBar timeline() { return timeline; }

    /** The charts' x for epoch {@code epoch} of try {@code tryNumber} (epochs of later tries follow the earlier ones), or NaN. */
    double chartX(int tryNumber, int epoch) {
        Integer x = chartX.get((long) tryNumber << 32 | epoch);
        return x == null ? Double.NaN : x;
    }

    /** Puts the replay's cursor on both charts at {@code x} (NaN: hides it). */
    void cursorAt(double x) {
        for (var m : new org.jfree.chart.plot.ValueMarker[] {lossCursor, temperatureCursor}) {
            m.setValue(Double.isNaN(x) ? -1e9 : x);
            m.setAlpha(Double.isNaN(x) ? 0f : 0.9f);
        }
    }

    /** Where the cursor is (NaN when hidden). */
    double cursorX() {
        return lossCursor.getAlpha() == 0f ? Double.NaN : lossCursor.getValue();
    }

    private static org.jfree.chart.plot.ValueMarker cursor() {
        var m = new org.jfree.chart.plot.ValueMarker(-1e9, new java.awt.Color(0x30, 0x30, 0x30), new java.awt.BasicStroke(1.5f));
        m.setAlpha(0f);
        return m;
    }

    /** Shows the sentences beside the charts (FX thread). */
    void explain(Explanations.Text t) {
        lossNote.setText(t.loss());
        temperatureNote.setText(t.temperature());
        meanMaxNote.setText(t.meanMax());
        duplicatesNote.setText(t.duplicates());
    }

    /** The sentences shown now: loss, temperature, mean-max, duplicates (tests). */
    List<String> explanations() {
        return List.of(lossNote.getText(), temperatureNote.getText(), meanMaxNote.getText(), duplicatesNote.getText());
    }

    /** Marks a pause of step mode after the last epoch shown, on both charts. */
    void markPause() {
        for (JFreeChart c : charts()) {
            ValueMarker m = new ValueMarker(lastEpochX, java.awt.Color.GRAY, new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
            m.setLabel("paused");
            m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            c.getXYPlot().addDomainMarker(m);
        }
        pauseMarkers.set(pauseMarkers.get() + 1);
    }

    /** How many pauses the charts mark. */
    ReadOnlyIntegerProperty pauseMarkersProperty() { return pauseMarkers.getReadOnlyProperty(); }

    /** The epoch (x) of the last epoch end shown, over all tries. */
    int lastEpochX() { return lastEpochX; }

    private static Label note(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("explanation");
        return l;
    }

    void clear() {
        timeline.set(null);
        chartX.clear();
        cursorAt(Double.NaN);
        for (JFreeChart c : charts()) c.getXYPlot().clearDomainMarkers();
        // the pause markers go; the replay's cursor stays (hidden until a frame is chosen)
        lossChart.getXYPlot().addDomainMarker(lossCursor);
        temperatureChart.getXYPlot().addDomainMarker(temperatureCursor);
        pauseMarkers.set(0);
        for (XYSeries s : new XYSeries[] {trainLoss, valLoss, temperature, meanMax}) s.clear();
        epochOffset = 0;
        lastTry = 0;
        lastEpochX = 0;
        epochsShown.set(0);
        heatmap.clear();
        for (ImageView v : new ImageView[] {pixelMapView, maskView}) v.setImage(null);
        pixelPixels = null;
        pixelShown = null;
        maskShown = null;
    }

    /** Adds one epoch end to the series without notifying; call {@link #fireChanged()} after a batch. */
    void addEpochEnd(TrainingSnapshot s) {
        if (s.tryNumber() != lastTry) {
            epochOffset = lastEpochX;
            lastTry = s.tryNumber();
        }
        int x = epochOffset + s.epoch();
        lastEpochX = x;
        chartX.put((long) s.tryNumber() << 32 | s.epoch(), x);
        trainLoss.add(x, s.trainLoss(), false);
        if (Double.isFinite(s.validationLoss())) valLoss.add(x, s.validationLoss(), false);
        temperature.add(x, s.temperature(), false);
        meanMax.add(x, s.meanMaxProbability(), false);
    }

    void fireChanged() {
        for (XYSeries ser : new XYSeries[] {trainLoss, valLoss, temperature, meanMax}) ser.fireSeriesChanged();
        epochsShown.set(trainLoss.getItemCount());
    }

    /** Copies a drawn frame into the images (FX thread; no computation beyond the copy). */
    void show(LiveRenderer.Frame f) {
        heatmap.show(f);
        if (f.heat() != null) {
            scaleMax.setText(f.scale() == 1f ? "1" : String.format(Locale.ROOT, "%.2g", f.scale()));
            scaleMin.setText(f.lo() == 0f ? "0" : String.format(Locale.ROOT, "%.2g", f.lo()));
            heatmapUpdates.set(heatmapUpdates.get() + 1);
        }
        if (f.pixelMap() != null) {
            pixelPixels = f.pixelMap();
            pixelShown = HeatmapPane.blocky(pixelShown, f.pixelMap(), 168, 168);
            pixelMapView.setImage(pixelShown);
        }
        if (f.mask() != null) {
            maskShown = HeatmapPane.blocky(maskShown, f.mask(), 168, 168);
            maskView.setImage(maskShown);
        }
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
}
