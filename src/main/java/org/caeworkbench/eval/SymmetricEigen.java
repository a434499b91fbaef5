package org.caeworkbench.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eigendecomposition {@code A = V·diag(λ)·Vᵀ} of a dense symmetric matrix: Householder
 * reduction to tridiagonal form, then the implicit QL algorithm (EISPACK tred2/tql2, as in the
 * public-domain JAMA library). Used for the pseudo-inverse of a k × k Gram matrix, where k is the
 * number of selected features, so O(k³) in double is cheap and needs no native library.
 *
 * <p>{@link #of} gives matrices of {@link #NATIVE_FROM} rows and more to LAPACK's {@code dsyev} through ND4J
 * instead (PCA's covariance or Gram matrix, up to 2,000 wide): on MNIST's 784 × 784 covariance 0.9 s against
 * 3 s for these loops, time the window's first training lost on the second core (docs/performance.md).
 * The eigenvalues agree to rounding; their order is not specified either way.
 */
final class SymmetricEigen {
    /** Rows from which {@link #of} uses LAPACK. */
    static final int NATIVE_FROM = 200;

    /** Decomposes the symmetric n × n matrix {@code a} (row-major; only read): LAPACK from {@link #NATIVE_FROM} rows, else these loops. */
    static SymmetricEigen of(double[] a, int n) {
        return n >= NATIVE_FROM ? lapack(a, n) : new SymmetricEigen(a, n);
    }

    /** LAPACK's dsyev (through ND4J) on a copy of {@code a}: the eigenvectors come back as its columns. */
    static SymmetricEigen lapack(double[] a, int n) {
        if (a.length != (long) n * n) throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n + " x " + n);
        org.caeworkbench.core.NativeThreads.configure();
        double[] values;
        double[] vectors;      // row-major: row r holds component r of every eigenvector
        try (INDArray given = Nd4j.createFromArray(a); INDArray m = given.reshape('c', n, n).dup('f')) {
            try (INDArray w = org.nd4j.linalg.eigen.Eigen.symmetricGeneralizedEigenvalues(m, true)) {
                values = w.toDoubleVector();
            }
            try (INDArray rowMajor = m.dup('c')) {
                vectors = rowMajor.data().asDouble();
            }
        }
        double[][] v = new double[n][];
        for (int r = 0; r < n; r++) v[r] = java.util.Arrays.copyOfRange(vectors, r * n, (r + 1) * n);
        return new SymmetricEigen(n, values, v);
    }

    private SymmetricEigen(int n, double[] values, double[][] vectors) {
        this.n = n;
        this.d = values;
        this.e = new double[0];
        this.v = vectors;
    }

    private final int n;
    private final double[] d;      // eigenvalues
    private final double[] e;      // off-diagonal work space
    private final double[][] v;    // eigenvectors in columns

    /** Decomposes the symmetric n × n matrix {@code a} (row-major; only read, never written). */
    SymmetricEigen(double[] a, int n) {
        if (a.length != n * n) throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n + " x " + n);
        this.n = n;
        this.d = new double[n];
        this.e = new double[n];
        this.v = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) v[i][j] = a[i * n + j];
        if (n > 0) {
            tridiagonalize();
            diagonalize();
        }
    }

    int size() { return n; }

    /** Eigenvalue i (unsorted). */
    double value(int i) { return d[i]; }

    /** Component {@code row} of eigenvector {@code i}. */
    double vector(int row, int i) { return v[row][i]; }

    /** Householder reduction to tridiagonal form (tred2); v accumulates the transformations. */
    private void tridiagonalize() {
        for (int j = 0; j < n; j++) d[j] = v[n - 1][j];
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) scale += Math.abs(d[k]);
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                    v[j][i] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) g = -g;
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) e[j] = 0.0;
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) e[j] -= hh * d[j];
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) v[k][j] -= (f * e[k] + g * d[k]);
                    d[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                }
            }
            d[i] = h;
        }
        // accumulate the transformations
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) d[k] = v[k][i + 1] / h;
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) g += v[k][i + 1] * v[k][j];
                    for (int k = 0; k <= i; k++) v[k][j] -= g * d[k];
                }
            }
            for (int k = 0; k <= i; k++) v[k][i + 1] = 0.0;
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0.0;
        }
        v[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    /** Implicit QL iterations on the tridiagonal matrix (tql2). */
    private void diagonalize() {
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n && Math.abs(e[m]) > eps * tst1) m++;   // e[n-1] == 0 stops it
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 100) throw new ArithmeticException("eigenvalue iteration did not converge");
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Math.hypot(p, 1.0);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            h = v[k][i + 1];
                            v[k][i + 1] = s * v[k][i] + c * h;
                            v[k][i] = c * v[k][i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }
}
