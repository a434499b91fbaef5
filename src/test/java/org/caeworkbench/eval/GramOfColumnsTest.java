package org.caeworkbench.eval;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** XᵀX by BLAS (PCA's covariance): the sums written out, chunk by chunk, exactly symmetric. */
class GramOfColumnsTest {

    /** A column-major n × p matrix with columns of different scales and a constant offset (as uncentred data has). */
    private static double[] columns(Random random, int n, int p) {
        double[] x = new double[n * p];
        for (int c = 0; c < p; c++)
            for (int r = 0; r < n; r++) x[c * n + r] = (c + 1) * random.nextGaussian() + 0.5;
        return x;
    }

    private static double[] written(double[] x, int n, int p) {
        double[] g = new double[p * p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int r = 0; r < n; r++) s += x[a * n + r] * x[b * n + r];
                g[a * p + b] = s;
            }
        return g;
    }

    @Test
    void equalsTheSumsWrittenOutAndIsExactlySymmetric() {
        Random random = new Random(3);
        for (int[] shape : new int[][] {{1, 1}, {7, 3}, {250, 40}, {97, 230}}) {
            int n = shape[0], p = shape[1];
            double[] x = columns(random, n, p);
            double[] expected = written(x, n, p);
            double[] g = new double[p * p];
            Dense.addGramOfColumns(x, n, p, g);
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) {
                    double scale = Math.sqrt(Math.abs(expected[a * p + a] * expected[b * p + b]));
                    assertEquals(expected[a * p + b], g[a * p + b], 1e-12 * Math.max(1, scale), n + " x " + p + " at " + a + ", " + b);
                    assertEquals(g[a * p + b], g[b * p + a], 0.0, "symmetric at " + a + ", " + b);
                }
        }
    }

    @Test
    void chunksOfRowsAddUpToTheWholeMatrix() {
        Random random = new Random(4);
        int n = 300, p = 25, first = 120;
        double[] x = columns(random, n, p);
        double[] top = new double[first * p], rest = new double[(n - first) * p];
        for (int c = 0; c < p; c++) {
            System.arraycopy(x, c * n, top, c * first, first);
            System.arraycopy(x, c * n + first, rest, c * (n - first), n - first);
        }
        double[] acc = new double[p * p];
        Dense.addGramOfColumns(top, first, p, acc);
        Dense.addGramOfColumns(rest, n - first, p, acc);
        double[] whole = written(x, n, p);
        for (int i = 0; i < p * p; i++) assertEquals(whole[i], acc[i], 1e-11 * Math.max(1, Math.abs(whole[i])), "entry " + i);
    }

    @Test
    void tooFewValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Dense.addGramOfColumns(new double[5], 3, 2, new double[4]));
    }
}
