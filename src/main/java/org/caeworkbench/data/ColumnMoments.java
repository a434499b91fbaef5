package org.caeworkbench.data;

/**
 * Each column's mean and population variance over the rows of a dataset, in double and in two passes
 * (no cancellation as in E[x^2] - E[x]^2); missing values (NaN) are left out, and a column with none
 * present gets mean and variance 0.
 */
record ColumnMoments(double[] mean, double[] squares, long[] count) {

    static ColumnMoments of(Dataset d) {
        int cols = d.cols();
        double[] sum = new double[cols];
        long[] count = new long[cols];
        float[] v = d.values();
        for (int base = 0; base < v.length; base += cols)
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x == x) { sum[c] += x; count[c]++; }
            }
        double[] mean = new double[cols];
        for (int c = 0; c < cols; c++) mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        double[] squares = new double[cols];
        for (int base = 0; base < v.length; base += cols)
            for (int c = 0; c < cols; c++) {
                float x = v[base + c];
                if (x == x) { double dx = x - mean[c]; squares[c] += dx * dx; }
            }
        return new ColumnMoments(mean, squares, count);
    }

    double[] variances() {
        double[] var = new double[mean.length];
        for (int c = 0; c < var.length; c++) var[c] = count[c] == 0 ? 0 : squares[c] / count[c];
        return var;
    }
}
