package org.caeworkbench.ui;

/**
 * Pixel buffers for the live views, computed without the toolkit: the selector heatmap (k rows by one
 * column per feature of its {@link View}: all features, a zoomed range or the top features; wide views are
 * binned to at most {@link #MAX_WIDTH} columns, each showing the largest probability in its bin, so
 * d = 20,000 costs one pass over the matrix) and the per-pixel maps
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

    /**
     * Which features the heatmap shows, left to right: the indices [from, to), or (order not null) the
     * features of order in that order (the top-features view).
     */
    public record View(int from, int to, int[] order) {
        public static View all(int d) {
            return new View(0, d, null);
        }

        public static View of(int[] order) {
            return new View(0, order.length, order);
        }

        /** How many features the view shows. */
        public int count() {
            return order == null ? to - from : order.length;
        }

        /** The feature at position p (0 = leftmost) of the view. */
        public int feature(int p) {
            return order == null ? from + p : order[p];
        }

        /** Feature f's position in the view, or -1 where the view does not show it. */
        public int position(int f) {
            if (order == null) return f >= from && f < to ? f - from : -1;
            for (int p = 0; p < order.length; p++) if (order[p] == f) return p;
            return -1;
        }

        /** The heatmap column that shows feature f, or -1. */
        public int column(int f) {
            int p = position(f);
            return p < 0 ? -1 : columnOf(p, count());
        }

        /** The feature under heatmap column x: the most probable of its bin by {@code value}, or -1 outside. */
        public int best(int x, java.util.function.IntToDoubleFunction value) {
            int n = count();
            if (x < 0 || x >= width(n)) return -1;
            int a = firstFeature(x, n);
            int b = Math.max(a + 1, firstFeature(x + 1, n));
            int best = feature(a);
            for (int p = a + 1; p < b; p++) if (value.applyAsDouble(feature(p)) > value.applyAsDouble(best)) best = feature(p);
            return best;
        }
    }

    /** k rows by width(d) columns of probabilities, bright where a selector puts its mass. */
    public static Pixels selectorHeatmap(float[] probabilities, int k, int d) {
        return selectorHeatmap(probabilities, k, d, View.all(d), 0f, 1f);
    }

    /** The heatmap column that shows feature f (the inverse of {@link #firstFeature}). */
    public static int columnOf(int f, int d) {
        return (int) (((long) (f + 1) * width(d) - 1) / d);
    }

    /**
     * k rows by width(view.count()) columns: each the largest probability of the view's features in its bin,
     * colours spread over [lo, hi] (0, 1 = absolute probabilities).
     */
    public static Pixels selectorHeatmap(float[] probabilities, int k, int d, View view, float lo, float hi) {
        int n = view.count();
        int w = width(n);
        int[] out = new int[w * k];
        float inv = hi > lo ? 1f / (hi - lo) : 1f;
        for (int i = 0; i < k; i++) {
            int base = i * d;
            for (int x = 0; x < w; x++) {
                int from = firstFeature(x, n);
                int to = Math.max(from + 1, firstFeature(x + 1, n));
                float m = 0;
                for (int j = from; j < to; j++) m = Math.max(m, probabilities[base + view.feature(j)]);
                out[i * w + x] = colour((m - lo) * inv);
            }
        }
        return new Pixels(w, k, out);
    }

    /** As {@link #topFeaturesHeatmap(int[], float[], int, int, int, View, float)} for all d features. */
    public static Pixels topFeaturesHeatmap(int[] top, float[] topProbabilities, int k, int perRow, int d, float scale) {
        return topFeaturesHeatmap(top, topProbabilities, k, perRow, d, View.all(d), scale);
    }

    /**
     * The heatmap of a matrix too large to stream (k d above the engine's limit): each selector row is dark
     * except at the columns of its most probable features ({@code top}, {@code topProbabilities}: k rows of
     * {@code perRow} entries, row-major), lit by their probability relative to {@code scale} (1 = absolute).
     */
    public static Pixels topFeaturesHeatmap(int[] top, float[] topProbabilities, int k, int perRow, int d, View view, float scale) {
        int w = width(view.count());
        float[] m = new float[w * k];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < perRow; t++) {
                int f = top[i * perRow + t];
                int x = f < 0 || f >= d ? -1 : view.column(f);
                if (x < 0) continue;
                m[i * w + x] = Math.max(m[i * w + x], topProbabilities[i * perRow + t]);
            }
        }
        int[] out = new int[w * k];
        float inv = scale > 0 ? 1f / scale : 1f;
        for (int p = 0; p < out.length; p++) out[p] = colour(m[p] * inv);
        return new Pixels(w, k, out);
    }

    /** The n features with the largest values, largest first (ties: lower index first). */
    public static int[] topFeatures(float[] perFeature, int n) {
        n = Math.min(n, perFeature.length);
        int[] best = new int[n];
        int size = 0;
        for (int f = 0; f < perFeature.length; f++) {
            float v = perFeature[f];
            if (size == n && !(v > perFeature[best[n - 1]])) continue;
            int at = size < n ? size++ : n - 1;
            while (at > 0 && v > perFeature[best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = f;
        }
        return best;
    }

    /** Rows of the per-feature strip (one row stretched by the view looks ragged in software rendering). */
    public static final int STRIP_ROWS = 4;

    /** {@link #STRIP_ROWS} equal rows of width(view.count()) pixels: each column the largest per-feature value in its bin, spread over [lo, hi]. */
    public static Pixels featureStrip(float[] perFeature, View view, float lo, float hi) {
        int n = view.count();
        int w = width(n);
        int[] out = new int[w * STRIP_ROWS];
        float inv = hi > lo ? 1f / (hi - lo) : 1f;
        for (int x = 0; x < w; x++) {
            int from = firstFeature(x, n);
            int to = Math.max(from + 1, firstFeature(x + 1, n));
            float m = 0;
            for (int j = from; j < to; j++) {
                int f = view.feature(j);
                if (f < perFeature.length) m = Math.max(m, perFeature[f]);
            }
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
