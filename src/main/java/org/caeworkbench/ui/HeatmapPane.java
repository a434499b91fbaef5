package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.jfree.chart.axis.NumberTickUnitSource;

/**
 * The selector heatmap with its axes: selectors down the left, features along the bottom (index ticks and
 * the names of the most probable features, or in the top-features view one name per column), the
 * per-feature strip under it, and the hover read-out. The wheel zooms the feature axis, a drag pans it,
 * a double-click shows all features again; each change asks the {@link LiveRenderer} that drew the
 * last frame for a new one, so the FX thread only blits and draws a few labels.
 */
final class HeatmapPane extends GridPane {
    /** Columns of the top-features view. */
    static final int TOP = 40;
    private static final int MIN_SPAN = 10;
    private static final double SELECTOR_AXIS_WIDTH = 40;
    private static final double FEATURE_AXIS_HEIGHT = 70;
    private static final Color INK = Color.web("#333333");
    private static final Color MARK = Color.web("#d06000");

    private final ImageView heat = new ImageView();
    private final ImageView strip = new ImageView();
    private final Canvas selectorAxis = new Canvas(SELECTOR_AXIS_WIDTH, 200);
    private final Canvas featureAxis = new Canvas(200, FEATURE_AXIS_HEIGHT);
    private final Label caption = new Label();
    private final Label readout = new Label("Hover over the heatmap for selector, feature and probability.");
    private final CheckBox topOnly = new CheckBox("Top " + TOP + " features");
    private final Button showAll = new Button("Show all");
    private Heatmaps.Pixels heatPixels;
    private WritableImage heatShown;
    private WritableImage stripImage;
    private LiveRenderer.Frame frame;
    private LiveRenderer.Request wanted = LiveRenderer.Request.ALL;
    private double pressX;
    private int pressFrom;

    HeatmapPane() {
        heat.setId("heatmapView");
        heat.setPreserveRatio(false);
        heat.setSmooth(false);
        heat.setFitHeight(200);
        Tooltip.install(heat, new Tooltip("Wheel: zoom the feature axis. Drag: pan. Double-click: all features."));
        strip.setId("featureStripView");
        strip.setPreserveRatio(false);
        strip.setSmooth(false);
        strip.setFitHeight(14);
        strip.fitWidthProperty().bind(heat.fitWidthProperty());
        Tooltip.install(strip, new Tooltip("Each feature's largest selection probability over all selectors"));
        selectorAxis.setId("selectorAxis");
        featureAxis.setId("featureAxis");
        featureAxis.widthProperty().bind(heat.fitWidthProperty());
        selectorAxis.heightProperty().bind(heat.fitHeightProperty());
        heat.fitWidthProperty().addListener((o, a, b) -> drawAxes());
        readout.setId("heatmapReadout");
        caption.setId("featureAxisCaption");
        topOnly.setId("topFeaturesBox");
        topOnly.setTooltip(new Tooltip("Show only the " + TOP + " features with the largest probability, largest first, one wide labelled column each"));
        topOnly.selectedProperty().addListener((o, a, b) -> request(b ? new LiveRenderer.Request(0, 0, TOP) : LiveRenderer.Request.ALL));
        showAll.setId("showAllButton");
        showAll.setTooltip(new Tooltip("Undo the zoom: show all features"));
        showAll.setOnAction(e -> request(LiveRenderer.Request.ALL));
        showAll.setDisable(true);

        heat.setOnMouseMoved(e -> readout(e.getX(), e.getY()));
        heat.setOnScroll(e -> {
            if (e.getDeltaY() == 0 || !zoomable()) return;
            zoom(e.getX() / heat.getFitWidth(), e.getDeltaY() > 0 ? 0.8 : 1.25);
            e.consume();
        });
        heat.setOnMousePressed(e -> {
            pressX = e.getX();
            pressFrom = wanted.from();
        });
        heat.setOnMouseDragged(e -> {
            if (!zoomable()) return;
            int n = wanted.to() - wanted.from();
            int d = frame.names().size();
            if (n >= d) return;
            int from = clamp(pressFrom + (int) Math.round((pressX - e.getX()) / heat.getFitWidth() * n), 0, d - n);
            if (from != wanted.from()) request(new LiveRenderer.Request(from, from + n, 0));
        });
        heat.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) topOnlyOrAll();
        });

        setHgap(2);
        setVgap(2);
        add(selectorAxis, 0, 0);
        add(heat, 1, 0);
        add(featureAxis, 1, 1);
        add(caption, 1, 2);
        add(new Label("Largest probability per feature"), 1, 3);
        add(strip, 1, 4);
        drawAxes();
    }

    CheckBox topOnlyBox() { return topOnly; }
    Button showAllButton() { return showAll; }
    Label readoutLabel() { return readout; }
    ImageView heatmapView() { return heat; }
    /** The heatmap as drawn, one pixel a cell (for a PNG export and tests); made when asked, not every frame. */
    WritableImage heatmapImage() { return heatPixels == null ? null : paint(null, heatPixels); }
    /** The features the heatmap shows now (null before the first frame). */
    Heatmaps.View shownView() { return frame == null ? null : frame.view(); }

    /** Forgets the images and the zoom (a new run or dataset); the top-features choice stays. */
    void clear() {
        heat.setImage(null);
        strip.setImage(null);
        heatPixels = null;
        heatShown = null;
        stripImage = null;
        frame = null;
        wanted = topOnly.isSelected() ? new LiveRenderer.Request(0, 0, TOP) : LiveRenderer.Request.ALL;
        showAll.setDisable(true);
        drawAxes();
    }

    /** The frame the heatmap shows now (null: none). */
    LiveRenderer.Frame shownFrame() { return frame; }

    /** Copies a drawn frame into the images and labels its axes (FX thread). */
    void show(LiveRenderer.Frame f) {
        if (f.heat() != null) {
            frame = f;
            heatPixels = f.heat();
            heatShown = blocky(heatShown, f.heat(), 600, 200);
            heat.setImage(heatShown);
            drawAxes();
        }
        if (f.strip() != null) {
            stripImage = paint(stripImage, f.strip());
            strip.setImage(stripImage);
        }
        // a frame drawn before the last zoom (or for a new run): draw again as asked
        if (!f.request().equals(wanted)) f.redraw().accept(wanted);
    }

    /**
     * The pixels with each repeated a whole number of times across and down, to at least minWidth by
     * minHeight: scaled up by the view, they stay sharp-edged cells (software rendering smooths a small
     * image stretched by an ImageView whatever its smooth flag says).
     */
    static WritableImage blocky(WritableImage img, Heatmaps.Pixels px, int minWidth, int minHeight) {
        int fx = Math.max(1, (minWidth + px.width() - 1) / px.width());
        int fy = Math.max(1, (minHeight + px.height() - 1) / px.height());
        if (fx == 1 && fy == 1) return paint(img, px);
        int w = px.width() * fx, h = px.height() * fy;
        if (img == null || (int) img.getWidth() != w || (int) img.getHeight() != h) img = new WritableImage(w, h);
        int[] row = new int[w];
        var writer = img.getPixelWriter();
        for (int y = 0; y < px.height(); y++) {
            for (int x = 0; x < px.width(); x++) java.util.Arrays.fill(row, x * fx, (x + 1) * fx, px.argb()[y * px.width() + x]);
            for (int r = 0; r < fy; r++) writer.setPixels(0, y * fy + r, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
        }
        return img;
    }

    static WritableImage paint(WritableImage img, Heatmaps.Pixels px) {
        if (img == null || (int) img.getWidth() != px.width() || (int) img.getHeight() != px.height())
            img = new WritableImage(px.width(), px.height());
        img.getPixelWriter().setPixels(0, 0, px.width(), px.height(), PixelFormat.getIntArgbInstance(), px.argb(), 0, px.width());
        return img;
    }

    /** Zooms the feature axis by {@code factor} (below 1: closer) about the point {@code at} (0 left, 1 right). */
    void zoom(double at, double factor) {
        if (!zoomable()) return;
        int d = frame.names().size();
        int from = Math.max(0, wanted.from());
        int n = Math.min(wanted.to(), d) - from;
        double centre = from + at * n;
        int span = clamp((int) Math.round(n * factor), Math.min(d, MIN_SPAN), d);
        int start = clamp((int) Math.round(centre - at * span), 0, d - span);
        request(new LiveRenderer.Request(start, start + span, 0));
    }

    private boolean zoomable() {
        return frame != null && wanted.top() == 0;
    }

    private void topOnlyOrAll() {
        if (topOnly.isSelected()) topOnly.setSelected(false);
        else request(LiveRenderer.Request.ALL);
    }

    private void request(LiveRenderer.Request r) {
        wanted = r;
        showAll.setDisable(r.top() > 0 || r.equals(LiveRenderer.Request.ALL));
        if (frame != null) frame.redraw().accept(r);
    }

    private void readout(double x, double y) {
        LiveRenderer.Frame f = frame;
        if (f == null || f.readout() == null || f.readout().k() == 0) return;
        int col = (int) (x / heat.getFitWidth() * Heatmaps.width(f.view().count()));
        int sel = (int) (y / heat.getFitHeight() * f.readout().k());
        String text = f.readout().at(col, sel);
        if (text != null) readout.setText(text);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A round step (1, 2, 5, 10, ...) that puts at most {@code most} ticks on {@code span} units. */
    private static long step(double span, double most) {
        return Math.max(1, Math.round(new NumberTickUnitSource(true).getCeilingTickUnit(span / Math.max(1, most)).getSize()));
    }

    private void drawAxes() {
        double w = heat.getFitWidth();
        double h = heat.getFitHeight();
        GraphicsContext fg = featureAxis.getGraphicsContext2D();
        GraphicsContext sg = selectorAxis.getGraphicsContext2D();
        fg.clearRect(0, 0, featureAxis.getWidth(), featureAxis.getHeight());
        sg.clearRect(0, 0, selectorAxis.getWidth(), selectorAxis.getHeight());
        LiveRenderer.Frame f = frame;
        if (f == null || f.readout() == null) {
            caption.setText("Feature axis: wheel to zoom, drag to pan, double-click for all features.");
            return;
        }
        for (GraphicsContext g : new GraphicsContext[] {fg, sg}) {
            g.setFill(INK);
            g.setStroke(INK);
            g.setFont(Font.font(11));
            g.setTextBaseline(VPos.CENTER);
        }
        int k = f.readout().k();
        sg.setTextAlign(TextAlignment.RIGHT);
        for (long i = 0; i < k; i += step(k, h / 22)) {
            double y = (i + 0.5) * h / k;
            sg.strokeLine(SELECTOR_AXIS_WIDTH - 4, y, SELECTOR_AXIS_WIDTH, y);
            sg.fillText(Long.toString(i), SELECTOR_AXIS_WIDTH - 6, Math.max(6, Math.min(h - 6, y)));
        }
        Heatmaps.View v = f.view();
        int n = v.count();
        double cell = w / n;
        if (v.order() != null) {
            // one name a column, written downwards; every few columns where they are narrow
            int every = (int) Math.ceil(13 / cell);
            for (int p = 0; p < n; p += every) {
                double x = (p + 0.5) * cell;
                fg.save();
                fg.translate(x, 3);
                fg.rotate(90);
                fg.setTextAlign(TextAlignment.LEFT);
                fg.fillText(shorten(f.names().get(v.feature(p)), 11), 0, 0);
                fg.restore();
            }
            caption.setText("The " + n + " features of largest probability, largest first (hover for the numbers).");
            return;
        }
        fg.setTextAlign(TextAlignment.CENTER);
        long s = step(n, w / 70);
        for (long t = (v.from() + s - 1) / s * s; t < v.to(); t += s) {
            double x = (t - v.from() + 0.5) * cell;
            fg.strokeLine(x, 0, x, 4);
            String label = Long.toString(t);
            double half = label.length() * 3.5;
            fg.fillText(label, Math.max(half, Math.min(w - half, x)), 11);
        }
        // the most probable features shown: a mark at their column, their name under it where it has room
        fg.setFill(MARK);
        fg.setStroke(MARK);
        List<double[]> taken = new ArrayList<>();
        int row = 0;
        for (int leader : f.leaders()) {
            int p = v.position(leader);
            if (p < 0) continue;
            double x = (p + 0.5) * cell;
            fg.strokeLine(x, 20, x, 26);
            String name = shorten(f.names().get(leader), 16);
            double half = name.length() * 3.2;
            double y = 34 + 12 * (row % 3);
            boolean free = x - half >= 0 && x + half <= w;
            for (double[] t : taken) free &= t[2] != y || x + half < t[0] || x - half > t[1];
            if (!free) continue;
            taken.add(new double[] {x - half, x + half, y});
            fg.fillText(name, x, y);
            row++;
        }
        caption.setText(n < f.names().size()
                ? String.format("Features %d–%d of %d (wheel: zoom, drag: pan, double-click: all). Marked: the most probable.", v.from(), v.to() - 1, f.names().size())
                : "Feature index (wheel: zoom, drag: pan). Marked: the most probable features.");
    }

    private static String shorten(String s, int most) {
        return s.length() <= most ? s : s.substring(0, most - 1) + "…";
    }
}
