package org.caeworkbench.data;

/**
 * Each column's mean and population variance over the rows of a dataset, in double and in two passes
 * (no cancellation as in E[x^2] - E[x]^2); missing values (NaN) are left out, and a column with none
 * present gets mean and variance 0. Reads the rows where they are (a view's rows, a sparse matrix's
 * non-zeros), never a copy of the matrix.
 */
public record ColumnMoments(double[] mean, double[] squares, long[] count) {

    public static ColumnMoments of(Dataset d) {
        int cols = d.cols();
        double[] sum = new double[cols];
        long[] count = new long[cols];
        double[] mean = new double[cols];
        double[] squares = new double[cols];
        long[] stored = new long[cols];
        // zeros are not stored: every row counts, the zeros add (0 - mean)^2 each
        if (MatrixRows.forEachSparseRow(d, (val, from, to, col) -> {
            for (int p = from; p < to; p++) {
                float x = val[p];
                if (x == x) { sum[col[p]] += x; stored[col[p]]++; } else count[col[p]]--;
            }
        })) {
            for (int c = 0; c < cols; c++) {
                count[c] += d.rows();
                mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
            }
            MatrixRows.forEachSparseRow(d, (val, from, to, col) -> {
                for (int p = from; p < to; p++) {
                    float x = val[p];
                    if (x == x) { double dx = x - mean[col[p]]; squares[col[p]] += dx * dx; }
                }
            });
            for (int c = 0; c < cols; c++) squares[c] += (count[c] - stored[c]) * mean[c] * mean[c];
            return new ColumnMoments(mean, squares, count);
        }
        d.forEachRow((r, v, base) -> {
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x == x) { sum[c] += x; count[c]++; }
            }
        });
        for (int c = 0; c < cols; c++) mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        d.forEachRow((r, v, base) -> {
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x == x) { double dx = x - mean[c]; squares[c] += dx * dx; }
            }
        });
        return new ColumnMoments(mean, squares, count);
    }

    /**
     * Each column's smallest and largest value over the rows (NaN ignored; +inf/-inf for a column with no
     * value): {@code [0]} the minima, {@code [1]} the maxima. A sparse column with fewer stored values
     * than rows has a 0 among its values.
     */
    static float[][] range(Dataset d) {
        int cols = d.cols();
        float[] min = new float[cols];
        float[] max = new float[cols];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        long[] stored = new long[cols];
        if (MatrixRows.forEachSparseRow(d, (val, from, to, col) -> {
            for (int p = from; p < to; p++) {
                int c = col[p];
                float x = val[p];
                stored[c]++;
                if (x < min[c]) min[c] = x;
                if (x > max[c]) max[c] = x;
            }
        })) {
            for (int c = 0; c < cols; c++) {
                if (stored[c] < d.rows()) {
                    if (0f < min[c]) min[c] = 0f;
                    if (0f > max[c]) max[c] = 0f;
                }
            }
            return new float[][] {min, max};
        }
        d.forEachRow((r, v, base) -> {
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x < min[c]) min[c] = x;     // NaN compares false: ignored
                if (x > max[c]) max[c] = x;
            }
        });
        return new float[][] {min, max};
    }

    /** Each column's population variance (divided by its count of present values). */
    public double[] variances() {
        double[] var = new double[mean.length];
        for (int c = 0; c < var.length; c++) var[c] = count[c] == 0 ? 0 : squares[c] / count[c];
        return var;
    }
}
