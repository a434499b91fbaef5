package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.caeworkbench.app.DataHeatmap;

/**
 * The choice on the data, for tables: the clustered heatmap of {@link DataHeatmap} (samples × features,
 * rows ordered by label, columns clustered by correlation), the selected features marked by an orange
 * band above their columns and named under the picture; a band at the left colours each row's label.
 * The pixels are drawn off the FX thread ({@link #pixels}); hovering reads a cell out.
 */
final class DataHeatmapView extends VBox {
    /** Height of the marker band over the columns, and width of the label band. */
    static final int BAND = 8;
    static final int MARK = 0xFFFF8C00;
    private static final int[] LABEL_COLOURS = {0xFF1B9E77, 0xFF7570B3, 0xFFE7298A, 0xFF66A61E, 0xFFE6AB02, 0xFFA6761D, 0xFF666666, 0xFF1F78B4};

    /** A drawn heatmap: the pixels and the cell size they were drawn with. */
    record Drawn(DataHeatmap map, Heatmaps.Pixels pixels, int cellWidth, int cellHeight, String legend) {}

    private final Label title = new Label("The selection on the data");
    private final ImageView view = new ImageView();
    private final Label names = new Label();
    private final Label readout = new Label(" ");
    private Drawn drawn;

    DataHeatmapView(String id) {
        super(4);
        setId(id);
        view.setId(id + "Image");
        names.setId(id + "Names");
        view.setSmooth(false);
        view.setPreserveRatio(true);
        names.setWrapText(true);
        title.setTooltip(new Tooltip("Rows: samples, ordered by label (band at the left), then clustered within each label. Columns: the "
                + "selected features (orange band above) and a sample of the others, clustered by correlation so that features that "
                + "move together sit together. Colour: each feature's z-score, blue below its mean, red above."));
        view.setOnMouseMoved(e -> {
            Drawn d = drawn;
            if (d == null || view.getImage() == null) return;
            double s = view.getBoundsInLocal().getWidth() / d.pixels().width();
            int x = (int) (e.getX() / s) - BAND, y = (int) (e.getY() / s) - BAND;
            int c = x / d.cellWidth(), r = y / d.cellHeight();
            if (x < 0 || y < 0 || c >= d.map().cols() || r >= d.map().rows()) {
                readout.setText(" ");
                return;
            }
            readout.setText(String.format(Locale.ROOT, "sample row %d%s, feature %s%s: z %.2f", d.map().rowIndex()[r],
                    d.map().rowLabels() == null ? "" : " (label " + d.map().rowLabels()[r] + ")", d.map().colNames().get(c),
                    d.map().selected()[c] ? " (selected)" : "", d.map().values()[r * d.map().cols() + c]));
        });
        getChildren().addAll(title, view, names, readout);
        setMinWidth(0);
        clear();
    }

    void clear() {
        drawn = null;
        view.fitWidthProperty().unbind();
        view.setImage(null);
        names.setText("");
        readout.setText(" ");
        setVisible(false);
        setManaged(false);
    }

    /** Shows a drawn heatmap (FX thread: a copy of the pixels). */
    void show(Drawn d) {
        drawn = d;
        view.setImage(HeatmapPane.paint(null, d.pixels()));
        // as wide as drawn, or as the pane where that is narrower (its own minimum width stays 0, so it can shrink)
        view.fitWidthProperty().bind(javafx.beans.binding.Bindings.min(d.pixels().width(), widthProperty().subtract(2)));
        names.setText(d.legend());
        setVisible(true);
        setManaged(true);
    }

    /** The picture of {@code h} with its bands, and the line naming the selected features; a pure function. */
    static Drawn pixels(DataHeatmap h) {
        // at most about 380 × 400 pixels, so that it fits beside the results table without scrolling
        int cw = Math.max(1, Math.min(8, 372 / Math.max(1, h.cols())));
        int ch = Math.max(1, Math.min(4, 400 / Math.max(1, h.rows())));
        int width = BAND + h.cols() * cw, height = BAND + h.rows() * ch;
        int[] out = new int[width * height];
        java.util.Arrays.fill(out, 0xFFFFFFFF);
        for (int c = 0; c < h.cols(); c++)
            for (int y = 0; y < BAND - 2; y++)
                for (int x = 0; x < cw; x++) out[y * width + BAND + c * cw + x] = h.selected()[c] ? MARK : 0xFFDDDDDD;
        TreeMap<String, Integer> classes = new TreeMap<>();
        if (h.rowLabels() != null) for (String l : h.rowLabels()) classes.putIfAbsent(l, classes.size());
        for (int r = 0; r < h.rows(); r++) {
            int lc = h.rowLabels() == null ? 0xFFDDDDDD : LABEL_COLOURS[classes.get(h.rowLabels()[r]) % LABEL_COLOURS.length];
            for (int y = 0; y < ch; y++) {
                int row = (BAND + r * ch + y) * width;
                for (int x = 0; x < BAND - 2; x++) out[row + x] = lc;
                for (int c = 0; c < h.cols(); c++) {
                    int argb = diverging(h.values()[r * h.cols() + c] / DataHeatmap.CLIP);
                    for (int x = 0; x < cw; x++) out[row + BAND + c * cw + x] = argb;
                }
            }
        }
        List<String> chosen = new ArrayList<>();
        for (int c = 0; c < h.cols(); c++) if (h.selected()[c]) chosen.add(h.colNames().get(c));
        StringBuilder legend = new StringBuilder(String.format(Locale.ROOT, "%d samples × %d features (%d selected, marked orange, "
                + "in the order of the columns): %s", h.rows(), h.cols(), chosen.size(), String.join(", ", chosen)));
        if (!classes.isEmpty()) {
            legend.append("\nLabels from top to bottom (band at the left): ").append(String.join(", ", classes.keySet()));
        }
        return new Drawn(h, new Heatmaps.Pixels(width, height, out), cw, ch, legend.toString());
    }

    /** Blue (−1) through white (0) to red (+1). */
    static int diverging(float v) {
        v = Math.max(-1, Math.min(1, v));
        int r, g, b;
        if (v < 0) {
            float t = -v;
            r = Math.round(255 - t * (255 - 0x21));
            g = Math.round(255 - t * (255 - 0x66));
            b = Math.round(255 - t * (255 - 0xAC));
        } else {
            r = Math.round(255 - v * (255 - 0xB2));
            g = Math.round(255 - v * (255 - 0x18));
            b = Math.round(255 - v * (255 - 0x2B));
        }
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }
}
