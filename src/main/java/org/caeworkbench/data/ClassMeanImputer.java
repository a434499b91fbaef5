package org.caeworkbench.data;

import java.util.HashMap;
import java.util.Map;

/**
 * Fills a missing value (NaN) with the mean of its feature over the training rows of the same class,
 * as the paper did for Mice Protein. Fitted on the training split only; applied to any labelled rows
 * (the test rows use their own label to pick the class mean, which is the paper's protocol: it needs
 * the labels, so it is for benchmarks, not for new unlabelled data). A class that has no training
 * value for a feature, or a label not seen in training, falls back to the feature's overall
 * training mean.
 */
public final class ClassMeanImputer {
    private final Map<String, float[]> classMeans;
    private final float[] overall;

    private ClassMeanImputer(Map<String, float[]> classMeans, float[] overall) {
        this.classMeans = classMeans;
        this.overall = overall;
    }

    public static ClassMeanImputer fit(Dataset train) throws DataException {
        if (!train.hasLabels()) throw new DataException(train.name() + " has no labels, so there are no class means to impute with");
        int cols = train.cols();
        Map<String, double[]> sums = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        double[] sum = new double[cols];
        long[] count = new long[cols];
        float[] v = train.values();
        for (int r = 0; r < train.rows(); r++) {
            String label = train.labels()[r];
            double[] s = sums.computeIfAbsent(label, l -> new double[cols]);
            long[] c = counts.computeIfAbsent(label, l -> new long[cols]);
            for (int j = 0; j < cols; j++) {
                float x = v[r * cols + j];
                if (x != x) continue;
                s[j] += x;
                c[j]++;
                sum[j] += x;
                count[j]++;
            }
        }
        float[] overall = new float[cols];
        for (int j = 0; j < cols; j++) {
            if (count[j] == 0) {
                throw new DataException(train.name() + ", column '" + train.featureNames().get(j)
                        + "': no training row has a value, so there is no mean to fill it with; remove the column");
            }
            overall[j] = (float) (sum[j] / count[j]);
        }
        Map<String, float[]> means = new HashMap<>();
        for (var e : sums.entrySet()) {
            long[] c = counts.get(e.getKey());
            float[] m = new float[cols];
            for (int j = 0; j < cols; j++) m[j] = c[j] > 0 ? (float) (e.getValue()[j] / c[j]) : overall[j];
            means.put(e.getKey(), m);
        }
        return new ClassMeanImputer(means, overall);
    }

    /** The fill value of a feature for a class (the overall training mean for an unknown class). */
    public float fillValue(String label, int feature) {
        float[] m = classMeans.get(label);
        return (m == null ? overall : m)[feature];
    }

    /** The rows with every NaN filled; the same object when nothing is missing. */
    public Dataset apply(Dataset d) throws DataException {
        if (d.cols() != overall.length) {
            throw new IllegalArgumentException("the imputer was fitted on " + overall.length + " features, not " + d.cols());
        }
        if (!MeanImputer.hasMissing(d)) return d;
        if (!d.hasLabels()) throw new DataException(d.name() + " has missing values but no labels to choose a class mean");
        float[] out = d.values().clone();
        int cols = overall.length;
        for (int r = 0; r < d.rows(); r++) {
            float[] m = classMeans.getOrDefault(d.labels()[r], overall);
            for (int j = 0; j < cols; j++) if (out[r * cols + j] != out[r * cols + j]) out[r * cols + j] = m[j];
        }
        return d.withValues(out);
    }
}
