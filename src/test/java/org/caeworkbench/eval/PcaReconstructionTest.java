package org.caeworkbench.eval;

import java.util.Random;

import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PCA bound's test error: the projection written out, the two ends (no component, every component). */
class PcaReconstructionTest {

    /** rows × cols values near a rank-3 subspace, with noise and column offsets. */
    private static Dataset data(Random random, int rows, int cols) {
        double[][] basis = new double[3][cols];
        for (double[] b : basis) for (int c = 0; c < cols; c++) b[c] = random.nextGaussian();
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian() * 3, b = random.nextGaussian() * 2, c = random.nextGaussian();
            for (int col = 0; col < cols; col++)
                v[r * cols + col] = (float) (col * 0.1 + a * basis[0][col] + b * basis[1][col] + c * basis[2][col] + 0.05 * random.nextGaussian());
        }
        return LinearReconstructionTest.dataset(v, rows, cols);
    }

    /** Σ over rows of ‖xc − Σ_j (xc · c_j) c_j‖² / (rows · d), xc centred by the training means, the fitted unit components, in plain loops. */
    private static double writtenOut(Pca pca, Dataset train, Dataset test, int q) {
        int d = test.cols();
        double[] mean = new double[d];
        for (int r = 0; r < train.rows(); r++) for (int col = 0; col < d; col++) mean[col] += train.get(r, col);
        for (int col = 0; col < d; col++) mean[col] /= train.rows();
        double total = 0;
        for (int r = 0; r < test.rows(); r++) {
            double[] xc = new double[d];
            for (int col = 0; col < d; col++) xc[col] = test.get(r, col) - mean[col];
            double[] residual = xc.clone();
            for (int j = 0; j < q; j++) {
                double z = 0;
                for (int col = 0; col < d; col++) z += xc[col] * pca.loading(col, j);
                for (int col = 0; col < d; col++) residual[col] -= z * pca.loading(col, j);
            }
            for (double e : residual) total += e * e;
        }
        return total / ((double) test.rows() * d);
    }

    @Test
    void theTestErrorIsTheProjectionWrittenOut() {
        Random random = new Random(8);
        // both routes: more rows than features (covariance) and more features than rows (Gram, over two blocks)
        for (int[] shape : new int[][] {{300, 40}, {60, 20_000}}) {
            Dataset train = data(random, shape[0], shape[1]), test = data(random, 70, shape[1]);   // 70 rows: one full slice of 50 and a partial one at 20,000 features
            Pca pca = Pca.fit(train);
            for (int q : new int[] {0, 1, 2, 5}) {
                double expected = writtenOut(pca, train, test, q);
                assertEquals(expected, pca.reconstructionMse(test, q), 1e-9 * expected, shape[0] + " x " + shape[1] + ", q = " + q);
            }
            assertEquals(LinearReconstruction.meanPredictorMse(train, test), pca.reconstructionMse(test, 0), 1e-9);
            assertTrue(pca.reconstructionMse(train, pca.rank()) < 1e-9, "every component reconstructs the training rows");
        }
    }
}
