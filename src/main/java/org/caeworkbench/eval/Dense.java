package org.caeworkbench.eval;

import java.util.Arrays;
import org.caeworkbench.data.ColumnMoments;
import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small dense helpers in double precision shared by the baseline selectors. */
final class Dense {
    private Dense() {}

    /** Each column's mean ({@link ColumnMoments}: the rows where they are, a sparse matrix's non-zeros; never a dense copy). */
    static double[] columnMeans(Dataset d) {
        return ColumnMoments.of(d).mean();
    }

    /** Population variance (divided by n) of each column, computed around the mean in two passes ({@link ColumnMoments}). */
    static double[] columnVariances(Dataset d) {
        return ColumnMoments.of(d).variances();
    }

    /** Indices of the k largest scores, largest first; ties go to the lower index; NaN counts as smallest. */
    static int[] topK(double[] score, int k) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> {
            double x = Double.isNaN(score[a]) ? Double.NEGATIVE_INFINITY : score[a];
            double y = Double.isNaN(score[b]) ? Double.NEGATIVE_INFINITY : score[b];
            int c = Double.compare(y, x);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = idx[i];
        return out;
    }

    /** Indices of the k smallest scores, smallest first; ties go to the lower index; NaN counts as largest. */
    static int[] bottomK(double[] score, int k) {
        double[] neg = new double[score.length];
        for (int i = 0; i < score.length; i++) neg[i] = Double.isNaN(score[i]) ? Double.NEGATIVE_INFINITY : -score[i];
        return topK(neg, k);
    }

    /** Column-major centred copy in double: column c at [c * n, (c + 1) * n). */
    static double[] centredColumns(Dataset d, double[] mean) {
        int n = d.rows(), p = d.cols();
        float[] v = d.values();
        double[] cols = new double[n * p];
        for (int r = 0; r < n; r++) {
            int base = r * p;
            for (int c = 0; c < p; c++) cols[c * n + r] = v[base + c] - mean[c];
        }
        return cols;
    }

    /** Dot product of a[ao .. ao+len) and b[bo .. bo+len) with four accumulators. */
    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < len; i++) s0 += a[ao + i] * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Adds XᵀX of a column-major n × p matrix X to {@code acc} (p × p, row-major; PCA's covariance), in double precision: one
     * {@code dgemm} through ND4J (OpenBLAS), on the calling thread's BLAS threads. The lower triangle is added and
     * mirrored, so {@code acc} stays exactly symmetric. With it MNIST's PCA fit takes 0.7–0.9 s instead of the
     * 1.4–1.7 s of parallel Java dot products (docs/performance.md).
     */
    static void addGramOfColumns(double[] cols, int n, int p, double[] acc) {
        if (cols.length < (long) n * p || acc.length < (long) p * p)
            throw new IllegalArgumentException("addGramOfColumns: " + cols.length + " values for " + n + " x " + p);
        if (n == 0 || p == 0) return;
        org.caeworkbench.core.NativeThreads.configure();
        double[] product;
        try (INDArray flat = Nd4j.createFromArray(cols.length == (long) n * p ? cols : Arrays.copyOf(cols, n * p));
             INDArray g = Nd4j.createUninitialized(DataType.DOUBLE, p, p)) {
            INDArray x = flat.reshape('c', p, n);   // row a: column a of X
            Nd4j.gemm(x, x, g, false, true, 1.0, 0.0);
            product = g.data().asDouble();
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                double v = acc[a * p + b] + product[a * p + b];
                acc[a * p + b] = v;
                acc[b * p + a] = v;
            }
            acc[a * p + a] += product[a * p + a];
        }
    }

    /**
     * Solves the symmetric positive definite system G x = b (G m × m row-major) by Cholesky;
     * returns null when G is not numerically positive definite.
     */
    static double[] choleskySolve(double[] g, int m, double[] b) {
        double[] l = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i * m + j];
                for (int q = 0; q < j; q++) s -= l[i * m + q] * l[j * m + q];
                if (i == j) {
                    if (!(s > 1e-12 * Math.max(1e-300, Math.abs(g[i * m + i])))) return null;
                    l[i * m + i] = Math.sqrt(s);
                } else {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int q = 0; q < i; q++) s -= l[i * m + q] * y[q];
            y[i] = s / l[i * m + i];
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int q = i + 1; q < m; q++) s -= l[q * m + i] * x[q];
            x[i] = s / l[i * m + i];
        }
        return x;
    }
}
