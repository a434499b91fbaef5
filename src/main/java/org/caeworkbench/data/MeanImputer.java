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
        train.forEachRow((r, v, base) -> {
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x == x) { sum[c] += x; count[c]++; }
            }
        });
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
        boolean[] any = {false};
        if (MatrixRows.forEachSparseRow(d, (values, from, to, columns) -> {
            for (int p = from; p < to && !any[0]; p++) if (values[p] != values[p]) any[0] = true;
        })) return any[0];
        int cols = d.cols();
        d.forEachRow((r, v, base) -> {
            if (any[0]) return;
            for (int c = 0; c < cols; c++) if (v[base + c] != v[base + c]) { any[0] = true; return; }
        });
        return any[0];
    }

    /**
     * Fills the missing values of the view's rows in its own matrix (shared with the other part of the
     * split): no copy. {@code done} marks matrix rows already filled, so a row is filled once.
     */
    void fillInPlace(Dataset view, java.util.BitSet done) {
        MatrixRows.forEachOwnedRow(view, done, (values, from, to, columns) -> {
            for (int p = from; p < to; p++) if (values[p] != values[p]) values[p] = means[columns == null ? (p - from) : columns[p]];
        });
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
