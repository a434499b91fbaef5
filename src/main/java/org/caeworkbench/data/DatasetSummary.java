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
        long missing = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : d.values()) {
            if (x != x) { missing++; continue; }
            if (x < min) min = x;
            if (x > max) max = x;
        }
        if (min > max) { min = Float.NaN; max = Float.NaN; }
        return new DatasetSummary(d.name(), d.rows(), d.cols(), d.labelCounts(), missing, min, max, d.imageShape());
    }

    public boolean hasLabels() { return !labelCounts.isEmpty(); }
}
