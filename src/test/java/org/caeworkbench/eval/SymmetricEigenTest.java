package org.caeworkbench.eval;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SymmetricEigenTest {

    /** Checks A·v_i = λ_i·v_i and VᵀV = I. */
    private static void assertDecomposes(double[] a, int n) {
        assertDecomposes(a, n, new SymmetricEigen(a, n));
    }

    private static void assertDecomposes(double[] a, int n, SymmetricEigen eig) {
        assertEquals(n, eig.size());
        double scale = 0;
        for (double x : a) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < n; r++) {
                double av = 0;
                for (int c = 0; c < n; c++) av += a[r * n + c] * eig.vector(c, i);
                assertEquals(eig.value(i) * eig.vector(r, i), av, 1e-10 * Math.max(scale, 1) * n);
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int r = 0; r < n; r++) dot += eig.vector(r, i) * eig.vector(r, j);
                assertEquals(i == j ? 1 : 0, dot, 1e-10);
            }
        }
    }

    @Test
    void decomposesRandomSymmetricMatrices() {
        Random random = new Random(1);
        for (int n : new int[] {1, 2, 3, 10, 60}) {
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.nextGaussian();
            assertDecomposes(a, n);
        }
    }

    @Test
    void decomposesRankDeficientAndDiagonalMatrices() {
        // Gram matrix of 4 vectors in R^2: rank 2, with two zero eigenvalues
        Random random = new Random(2);
        int n = 4;
        double[][] v = new double[n][2];
        for (double[] row : v) { row[0] = random.nextGaussian(); row[1] = random.nextGaussian(); }
        double[] gram = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) gram[i * n + j] = v[i][0] * v[j][0] + v[i][1] * v[j][1];
        assertDecomposes(gram, n);
        SymmetricEigen eig = new SymmetricEigen(gram, n);
        int nearZero = 0;
        for (int i = 0; i < n; i++) if (Math.abs(eig.value(i)) < 1e-12) nearZero++;
        assertEquals(2, nearZero);

        assertDecomposes(new double[] {3, 0, 0, 0, 0, 0, 0, 0, -1}, 3);
        assertDecomposes(new double[9], 3);
    }

    /** PCA's larger eigenproblems go to LAPACK ({@link SymmetricEigen#of}): a decomposition, with the loops' eigenvalues. */
    @Test
    void largeMatricesGoToLapackWithTheSameEigenvalues() {
        Random random = new Random(3);
        int n = SymmetricEigen.NATIVE_FROM + 17;
        double[] x = new double[2 * n * n];
        for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian();
        double[] a = new double[n * n];     // a covariance-like matrix XᵀX, and a smaller rank-deficient one
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int t = 0; t < 2 * n; t++) s += x[t * n + i] * x[t * n + j];
                a[i * n + j] = a[j * n + i] = s;
            }
        SymmetricEigen lapack = SymmetricEigen.of(a, n);
        assertDecomposes(a, n, lapack);
        double[] fromLapack = new double[n], fromLoops = new double[n];
        SymmetricEigen loops = new SymmetricEigen(a, n);
        for (int i = 0; i < n; i++) {
            fromLapack[i] = lapack.value(i);
            fromLoops[i] = loops.value(i);
        }
        java.util.Arrays.sort(fromLapack);
        java.util.Arrays.sort(fromLoops);
        for (int i = 0; i < n; i++) assertEquals(fromLoops[i], fromLapack[i], 1e-9 * fromLoops[n - 1]);
        assertDecomposes(new double[4 * 4], 4, SymmetricEigen.lapack(new double[4 * 4], 4));
    }
}
