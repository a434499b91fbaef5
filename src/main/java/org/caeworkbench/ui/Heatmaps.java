package org.caeworkbench.ui;

/**
 * Pixel buffers for the live views, computed without the toolkit: the selector heatmap (k rows by
 * d feature columns; wide matrices are binned to at most {@link #MAX_WIDTH} columns, each showing the
 * largest probability in its bin, so d = 20,000 costs one pass over the matrix) and the per-pixel maps
 * of image data. Colours are ARGB ints for a PixelWriter.
 */
public final class Heatmaps {
    public static final int MAX_WIDTH = 2048;

    private Heatmaps() {}

    /** An ARGB buffer of width by height pixels. */
    public record Pixels(int width, int height, int[] argb) {}

    /** Columns of the heatmap for d features. */
    public static int width(int d) {
        return Math.min(d, MAX_WIDTH);
    }

    /** The feature column shown at heatmap column x holds features [first(x), first(x + 1)). */
    public static int firstFeature(int x, int d) {
        return (int) ((long) x * d / width(d));
    }

    /** k rows by width(d) columns of probabilities, bright where a selector puts its mass. */
    public static Pixels selectorHeatmap(float[] probabilities, int k, int d) {
        int w = width(d);
        int[] out = new int[w * k];
        for (int i = 0; i < k; i++) {
            int base = i * d;
            for (int x = 0; x < w; x++) {
                int from = firstFeature(x, d);
                int to = Math.max(from + 1, firstFeature(x + 1, d));
                float m = 0;
                for (int j = from; j < to; j++) m = Math.max(m, probabilities[base + j]);
                out[i * w + x] = colour(m);
            }
        }
        return new Pixels(w, k, out);
    }

    /** The heatmap column that shows feature f (the inverse of {@link #firstFeature}). */
    public static int columnOf(int f, int d) {
        return (int) (((long) (f + 1) * width(d) - 1) / d);
    }

    /** As {@link #selectorHeatmap(float[], int, int)}, colours spread over [lo, hi] (0, 1 = absolute probabilities). */
    public static Pixels selectorHeatmap(float[] probabilities, int k, int d, float lo, float hi) {
        int w = width(d);
        int[] out = new int[w * k];
        float inv = hi > lo ? 1f / (hi - lo) : 1f;
        for (int i = 0; i < k; i++) {
            int base = i * d;
            for (int x = 0; x < w; x++) {
                int from = firstFeature(x, d);
                int to = Math.max(from + 1, firstFeature(x + 1, d));
                float m = 0;
                for (int j = from; j < to; j++) m = Math.max(m, probabilities[base + j]);
                out[i * w + x] = colour((m - lo) * inv);
            }
        }
        return new Pixels(w, k, out);
    }

    /**
     * The heatmap of a matrix too large to stream (k d above the engine's limit): each selector row is dark
     * except at the columns of its most probable features ({@code top}, {@code topProbabilities}: k rows of
     * {@code perRow} entries, row-major), lit by their probability relative to {@code scale} (1 = absolute).
     */
    public static Pixels topFeaturesHeatmap(int[] top, float[] topProbabilities, int k, int perRow, int d, float scale) {
        int w = width(d);
        float[] m = new float[w * k];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < perRow; t++) {
                int f = top[i * perRow + t];
                if (f < 0 || f >= d) continue;
                int x = columnOf(f, d);
                m[i * w + x] = Math.max(m[i * w + x], topProbabilities[i * perRow + t]);
            }
        }
        int[] out = new int[w * k];
        float inv = scale > 0 ? 1f / scale : 1f;
        for (int p = 0; p < out.length; p++) out[p] = colour(m[p] * inv);
        return new Pixels(w, k, out);
    }

    /** Rows of the per-feature strip (one row stretched by the view looks ragged in software rendering). */
    public static final int STRIP_ROWS = 4;

    /** {@link #STRIP_ROWS} equal rows of width(d) pixels: each column the largest per-feature value in its bin, spread over [lo, hi]. */
    public static Pixels featureStrip(float[] perFeature, int d, float lo, float hi) {
        int w = width(d);
        int[] out = new int[w * STRIP_ROWS];
        float inv = hi > lo ? 1f / (hi - lo) : 1f;
        for (int x = 0; x < w; x++) {
            int from = firstFeature(x, d);
            int to = Math.max(from + 1, firstFeature(x + 1, d));
            float m = 0;
            for (int j = from; j < to && j < perFeature.length; j++) m = Math.max(m, perFeature[j]);
            out[x] = colour((m - lo) * inv);
        }
        for (int r = 1; r < STRIP_ROWS; r++) System.arraycopy(out, 0, out, r * w, w);
        return new Pixels(w, STRIP_ROWS, out);
    }

    /** The smallest value (0 for none), for "scale to current maximum". */
    public static float min(float[] values) {
        if (values == null || values.length == 0) return 0;
        float m = Float.MAX_VALUE;
        for (float v : values) if (v < m) m = v;
        return m;
    }

    /** The largest finite value (at least a small positive floor), for "scale to current maximum". */
    public static float max(float[] values) {
        float m = 1e-6f;
        if (values != null) for (float v : values) if (v > m) m = v;
        return m;
    }

    /** One row of per-feature values (e.g. max probability) laid out as a height by width image. */
    public static Pixels imageMap(float[] perFeature, int height, int width) {
        int[] out = new int[height * width];
        for (int p = 0; p < out.length && p < perFeature.length; p++) out[p] = colour(perFeature[p]);
        return new Pixels(width, height, out);
    }

    /** The chosen pixels in amber on a dark background. */
    public static Pixels mask(int[] selected, int height, int width) {
        int[] out = new int[height * width];
        java.util.Arrays.fill(out, 0xFF20242C);
        for (int f : selected) if (f >= 0 && f < out.length) out[f] = 0xFFFFB000;
        return new Pixels(width, height, out);
    }

    private static final float[][] STOPS = {
            {0.00f, 0x0D, 0x08, 0x87}, {0.25f, 0x7E, 0x03, 0xA8}, {0.50f, 0xCC, 0x47, 0x78},
            {0.75f, 0xF8, 0x95, 0x40}, {1.00f, 0xF0, 0xF9, 0x21}};

    /** A plasma-like colour for v in [0, 1] (values outside are clamped, NaN is black). */
    public static int colour(float v) {
        if (v != v) return 0xFF000000;
        v = Math.max(0, Math.min(1, v));
        // a square root spreads the many small probabilities so the exploring phase stays visible
        v = (float) Math.sqrt(v);
        for (int s = 1; s < STOPS.length; s++) {
            if (v <= STOPS[s][0]) {
                float[] a = STOPS[s - 1];
                float[] b = STOPS[s];
                float f = (v - a[0]) / (b[0] - a[0]);
                int r = Math.round(a[1] + f * (b[1] - a[1]));
                int g = Math.round(a[2] + f * (b[2] - a[2]));
                int bl = Math.round(a[3] + f * (b[3] - a[3]));
                return 0xFF000000 | r << 16 | g << 8 | bl;
            }
        }
        return 0xFFF0F921;
    }
}
