package org.caeworkbench.data;

import java.util.Objects;

/**
 * An affine per-feature scaling x' = (x − offset) · scale, fitted on training data and applied to
 * any data with the same features; {@link #inverse} goes back to the original units. A constant
 * feature gets scale 1 (it becomes 0 under min-max and standardisation) rather than a division by zero.
 * Missing values (NaN) are ignored when fitting and stay NaN when applied.
 *
 * <p>On sparse data ({@link Dataset#isSparse()}) the scaling does not centre: the offset is 0, so a
 * zero stays zero and the matrix stays sparse (scanpy's {@code scale(zero_center=False)}). Min-max then
 * divides by the largest magnitude (scikit-learn's MaxAbsScaler), which is min-max itself for counts
 * (their minimum is 0); standardisation divides by the standard deviation without subtracting the mean.
 * The one-range scaling of images likewise divides by the largest magnitude.
 */
public final class Scaler {
    private final Scaling kind;
    private final float[] offset;
    private final float[] scale;

    private Scaler(Scaling kind, float[] offset, float[] scale) {
        this.kind = kind;
        this.offset = offset;
        this.scale = scale;
    }

    /** Fits the scaling on (training) data; AUTO is resolved by whether the data are images. */
    public static Scaler fit(Dataset train, Scaling kind) {
        Scaling resolved = resolve(Objects.requireNonNull(kind, "kind"), train);
        int cols = train.cols();
        float[] offset = new float[cols];
        float[] scale = new float[cols];
        java.util.Arrays.fill(scale, 1f);
        boolean centre = !train.isSparse();
        switch (resolved) {
            case MINMAX -> fitMinMax(train, offset, scale, centre);
            case MINMAX_GLOBAL -> fitGlobalMinMax(train, offset, scale, centre);
            case STANDARD -> fitStandard(train, offset, scale, centre);
            case NONE -> { }
            default -> throw new AssertionError(resolved);
        }
        return new Scaler(resolved, offset, scale);
    }

    /** Rebuilds a scaler saved with a model. */
    public static Scaler of(Scaling kind, float[] offset, float[] scale) {
        Objects.requireNonNull(kind, "kind");
        if (kind == Scaling.AUTO) throw new IllegalArgumentException("a saved scaler needs a resolved kind, not AUTO");
        if (offset.length != scale.length) {
            throw new IllegalArgumentException(offset.length + " offsets but " + scale.length + " scales");
        }
        return new Scaler(kind, offset.clone(), scale.clone());
    }

    static Scaling resolve(Scaling kind, Dataset d) {
        if (kind != Scaling.AUTO) return kind;
        return d.isImage() ? Scaling.MINMAX_GLOBAL : Scaling.MINMAX;
    }

    /** The resolved kind, never AUTO. */
    public Scaling kind() { return kind; }
    /** A copy of the per-feature offsets. */
    public float[] offset() { return offset.clone(); }
    /** A copy of the per-feature multipliers. */
    public float[] scale() { return scale.clone(); }
    public int features() { return offset.length; }

    /** A new dataset with scaled values; the input is left alone. */
    public Dataset apply(Dataset d) {
        checkColumns(d.cols());
        float[] out = d.values().clone();
        applyInPlace(out);
        return d.withValues(out);
    }

    /**
     * Scales the view's rows in its own matrix (shared with the other part of the split): no copy.
     * {@code done} marks matrix rows already scaled. A sparse matrix needs a scaler without offsets.
     */
    void applyInPlace(Dataset view, java.util.BitSet done) {
        checkColumns(view.cols());
        if (view.isSparse()) for (float o : offset) if (o != 0) throw new IllegalArgumentException("a sparse matrix is scaled without centring");
        MatrixRows.forEachOwnedRow(view, done, (v, from, to, columns) -> {
            if (columns == null) for (int p = from, c = 0; p < to; p++, c++) v[p] = (v[p] - offset[c]) * scale[c];
            else for (int p = from; p < to; p++) v[p] *= scale[columns[p]];
        });
    }

    /** Scales a row-major array with {@link #features()} columns in place (for buffers the caller owns). */
    void applyInPlace(float[] rowMajor) {
        int cols = offset.length;
        if (cols == 0) return;
        for (int base = 0; base < rowMajor.length; base += cols)
            for (int c = 0; c < cols; c++) rowMajor[base + c] = (rowMajor[base + c] - offset[c]) * scale[c];
    }

    /** Original units from scaled values: a row-major array with all {@code cols} features. */
    public float[] inverse(float[] rowMajor, int cols) {
        checkColumns(cols);
        if (rowMajor.length % Math.max(cols, 1) != 0) {
            throw new IllegalArgumentException(rowMajor.length + " values are not whole rows of " + cols);
        }
        float[] out = new float[rowMajor.length];
        for (int base = 0; base < rowMajor.length; base += cols)
            for (int c = 0; c < cols; c++) out[base + c] = rowMajor[base + c] / scale[c] + offset[c];
        return out;
    }

    /**
     * Original units from scaled values of some features only, e.g. the k selected ones: column j of
     * the row-major array is feature {@code features[j]}.
     */
    public float[] inverse(float[] rowMajor, int[] features) {
        int cols = features.length;
        if (cols == 0 || rowMajor.length % cols != 0) {
            throw new IllegalArgumentException(rowMajor.length + " values are not whole rows of " + cols);
        }
        float[] out = new float[rowMajor.length];
        for (int base = 0; base < rowMajor.length; base += cols)
            for (int j = 0; j < cols; j++) {
                int f = features[j];
                out[base + j] = rowMajor[base + j] / scale[f] + offset[f];
            }
        return out;
    }

    /** A dataset back in original units. */
    public Dataset inverse(Dataset scaled) {
        return scaled.withValues(inverse(scaled.values(), scaled.cols()));
    }

    private void checkColumns(int cols) {
        if (cols != offset.length) {
            throw new IllegalArgumentException("the scaler was fitted on " + offset.length + " features, not " + cols);
        }
    }

    // ---- fitting; sums in double so that large n does not lose precision ----

    private static void fitMinMax(Dataset d, float[] offset, float[] scale, boolean centre) {
        int cols = d.cols();
        float[][] range = ColumnMoments.range(d);
        float[] min = range[0];
        float[] max = range[1];
        for (int c = 0; c < cols; c++) {
            if (min[c] > max[c]) continue;      // no values at all: leave 0 and 1
            if (!centre) {                      // the largest magnitude: min-max when the minimum is 0
                double m = Math.max(Math.abs((double) min[c]), Math.abs((double) max[c]));
                scale[c] = m > 0 ? (float) (1.0 / m) : 1f;
                continue;
            }
            offset[c] = min[c];
            scale[c] = max[c] > min[c] ? (float) (1.0 / ((double) max[c] - min[c])) : 1f;
        }
    }

    private static void fitGlobalMinMax(Dataset d, float[] offset, float[] scale, boolean centre) {
        float[][] range = ColumnMoments.range(d);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < d.cols(); c++) {
            if (range[0][c] < min) min = range[0][c];
            if (range[1][c] > max) max = range[1][c];
        }
        if (min > max) return;
        if (!centre) {
            double m = Math.max(Math.abs((double) min), Math.abs((double) max));
            java.util.Arrays.fill(scale, m > 0 ? (float) (1.0 / m) : 1f);
            return;
        }
        float s = max > min ? (float) (1.0 / ((double) max - min)) : 1f;
        java.util.Arrays.fill(offset, min);
        java.util.Arrays.fill(scale, s);
    }

    private static void fitStandard(Dataset d, float[] offset, float[] scale, boolean centre) {
        ColumnMoments m = ColumnMoments.of(d);
        double[] var = m.variances();
        for (int c = 0; c < d.cols(); c++) {
            if (centre) offset[c] = (float) m.mean()[c];
            double sd = Math.sqrt(var[c]);   // population sd, as scikit-learn
            scale[c] = sd > 1e-12 * Math.max(1, Math.abs(m.mean()[c])) ? (float) (1.0 / sd) : 1f;
        }
    }
}
