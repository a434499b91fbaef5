package org.caeworkbench.data;

import java.util.Map;

/**
 * What a user wants to see about a dataset before training: its size, its classes, how many values
 * are missing and the range of the values (min and max ignore missing values; NaN when there are none).
 *
 * @param imageShape   null unless each row is an image
 * @param wholeNumbers every value present is a whole number (as counts are)
 */
public record DatasetSummary(String name, int n, int d, Map<String, Integer> labelCounts, long missing,
                             float min, float max, Dataset.ImageShape imageShape, boolean wholeNumbers) {

    public DatasetSummary {
        labelCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labelCounts));
    }

    /** A summary of values that are not all whole numbers. */
    public DatasetSummary(String name, int n, int d, Map<String, Integer> labelCounts, long missing, float min, float max,
                          Dataset.ImageShape imageShape) {
        this(name, n, d, labelCounts, missing, min, max, imageShape, false);
    }

    public static DatasetSummary of(Dataset d) {
        long[] missing = {0};
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float[] seen = {min, max};
        long[] stored = {0};
        boolean[] fractional = {false};
        boolean sparse = MatrixRows.forEachSparseRow(d, (val, from, to, col) -> {     // the stored values, and a 0 when any cell is not stored
            for (int p = from; p < to; p++) {
                float x = val[p];
                stored[0]++;
                if (x != x) { missing[0]++; continue; }
                if (x != Math.rint(x)) fractional[0] = true;
                if (x < seen[0]) seen[0] = x;
                if (x > seen[1]) seen[1] = x;
            }
        });
        if (sparse) {
            min = seen[0];
            max = seen[1];
            if (stored[0] < (long) d.rows() * d.cols()) { min = Math.min(min, 0f); max = Math.max(max, 0f); }
        } else {
            float[][] range = ColumnMoments.range(d);
            for (int c = 0; c < d.cols(); c++) {
                if (range[0][c] < min) min = range[0][c];
                if (range[1][c] > max) max = range[1][c];
            }
            int cols = d.cols();
            d.forEachRow((r, v, base) -> {
                for (int c = 0; c < cols; c++) {
                    float x = v[base + c];
                    if (x != x) missing[0]++;
                    else if (x != Math.rint(x)) fractional[0] = true;
                }
            });
        }
        if (min > max) { min = Float.NaN; max = Float.NaN; }
        return new DatasetSummary(d.name(), d.rows(), d.cols(), d.labelCounts(), missing[0], min, max, d.imageShape(),
                !fractional[0] && min == min);
    }

    /**
     * Whether the values look like read counts (RNA-seq, single-cell): whole numbers of zero or more, some above 255 (so
     * not 8-bit pixels), and not images.
     */
    public boolean looksLikeCounts() {
        return wholeNumbers && min >= 0 && max > 255 && imageShape == null;
    }

    /**
     * Advice for counts trained without normalisation (neither counts per million nor log(1 + x) in {@code pre}), as one
     * sentence that ends before the remedy, which each front end names in its own words; null when the values do not
     * look like counts or are normalised already.
     */
    public String countsAdvice(Preprocessing pre) {
        if (!looksLikeCounts() || pre.transforms()) return null;
        return String.format(java.util.Locale.ROOT, "%s holds whole numbers from %,.0f to %,.0f, as read counts do; counts are"
                + " usually normalised and logged before choosing genes, or a few large counts set each gene's scale", name, min, max);
    }

    public boolean hasLabels() { return !labelCounts.isEmpty(); }
}
