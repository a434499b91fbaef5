package org.caeworkbench.data;

import java.util.Map;

/**
 * What a user wants to see about a dataset before training: its size, its classes, how many values
 * are missing and the range of the values (min and max ignore missing values; NaN when there are none).
 *
 * @param imageShape null unless each row is an image
 */
public record DatasetSummary(String name, int n, int d, Map<String, Integer> labelCounts, long missing,
                             float min, float max, Dataset.ImageShape imageShape) {

    public DatasetSummary {
        labelCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labelCounts));
    }

    public static DatasetSummary of(Dataset d) {
        long[] missing = {0};
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float[] seen = {min, max};
        long[] stored = {0};
        boolean sparse = MatrixRows.forEachSparseRow(d, (val, from, to, col) -> {     // the stored values, and a 0 when any cell is not stored
            for (int p = from; p < to; p++) {
                float x = val[p];
                stored[0]++;
                if (x != x) { missing[0]++; continue; }
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
            d.forEachRow((r, v, base) -> { for (int c = 0; c < cols; c++) if (v[base + c] != v[base + c]) missing[0]++; });
        }
        if (min > max) { min = Float.NaN; max = Float.NaN; }
        return new DatasetSummary(d.name(), d.rows(), d.cols(), d.labelCounts(), missing[0], min, max, d.imageShape());
    }

    public boolean hasLabels() { return !labelCounts.isEmpty(); }
}
