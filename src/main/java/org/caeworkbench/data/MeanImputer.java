package org.caeworkbench.data;

/**
 * Fills missing values (NaN) with each feature's mean over the training rows. Fitted after the split,
 * so that the test rows do not leak into the training data. (The paper filled Mice Protein with the
 * class mean; the plain mean needs no labels and also works on new, unlabelled data.)
 */
public final class MeanImputer {
    private final float[] means;

    private MeanImputer(float[] means) {
        this.means = means;
    }

    /** Column means ignoring NaN; a column with no value at all cannot be filled. */
    public static MeanImputer fit(Dataset train) throws DataException {
        int cols = train.cols();
        double[] sum = new double[cols];
        long[] count = new long[cols];
        float[] v = train.values();
        for (int base = 0; base < v.length; base += cols)
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x == x) { sum[c] += x; count[c]++; }
            }
        float[] means = new float[cols];
        for (int c = 0; c < cols; c++) {
            if (count[c] == 0) {
                throw new DataException(train.name() + ", column '" + train.featureNames().get(c)
                        + "': no training row has a value, so there is no mean to fill it with; remove the column");
            }
            means[c] = (float) (sum[c] / count[c]);
        }
        return new MeanImputer(means);
    }

    /** Rebuilds an imputer saved with a model. */
    public static MeanImputer of(float[] means) {
        for (float m : means) if (!Float.isFinite(m)) throw new IllegalArgumentException("means must be finite numbers");
        return new MeanImputer(means.clone());
    }

    public static boolean hasMissing(Dataset d) {
        for (float x : d.values()) if (x != x) return true;
        return false;
    }

    /** A copy of the fill value of each feature. */
    public float[] means() { return means.clone(); }

    /** The data with every NaN replaced by its feature's mean; the same object when nothing is missing. */
    public Dataset apply(Dataset d) {
        if (d.cols() != means.length) {
            throw new IllegalArgumentException("the imputer was fitted on " + means.length + " features, not " + d.cols());
        }
        if (!hasMissing(d)) return d;
        float[] out = d.values().clone();
        int cols = means.length;
        for (int base = 0; base < out.length; base += cols)
            for (int c = 0; c < cols; c++) if (out[base + c] != out[base + c]) out[base + c] = means[c];
        return d.withValues(out);
    }
}
