package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optional penalty on redundant selections: the mean squared correlation between the k soft-selected
 * features of a minibatch (the columns of Z = X S^T),
 * <pre>
 *   R(Z) = sum over i != j of corr(Z_i, Z_j)^2 / (k (k - 1))      in [0, 1]
 * </pre>
 * added to the reconstruction loss as {@code lambda * R}. Two selectors that settle on the same feature
 * or on two nearly collinear ones give a correlation near 1, so the penalty pushes the selectors apart,
 * which is what one-feature-per-cluster rules such as PFA do by construction. With lambda = 0 (the
 * default) training is the paper's. The work is O(b k^2) on the host; Z is b x k, small next to the
 * b x d matrices of the step.
 *
 * <p>Gradient: with centred columns zc_j, norms n_j, unit columns u_j = zc_j / n_j and C = U^T U, the
 * off-diagonal part C' = C - I gives dR/dU = 4 U C' / (k (k - 1)); the normalisation passes it on as
 * (g_j - u_j (u_j . g_j)) / n_j, and the centring adds nothing because every column of U and of U C'
 * sums to zero.
 */
final class RedundancyPenalty {
    /** Keeps the norm of a (near) constant column away from zero. */
    private static final double EPS = 1e-8;

    private final int b;
    private final int k;
    private final float[] zHost;
    private final double[] u;      // b x k, row-major
    private final double[] c;      // k x k
    private final double[] g;      // b x k
    private final double[] norms;  // k

    RedundancyPenalty(int batch, int k) {
        this.b = batch;
        this.k = k;
        zHost = new float[batch * k];
        u = new double[batch * k];
        c = new double[k * k];
        g = new double[batch * k];
        norms = new double[k];
    }

    /**
     * Returns R(z) and adds {@code lambda * dR/dz} to {@code dz}. Both arrays are b x k, row-major and
     * contiguous (the training step's buffers).
     */
    double apply(INDArray z, INDArray dz, double lambda) {
        if (k < 2) return 0;
        TrainingStep.read(z, zHost);
        double penalty = value();
        double scale = lambda * 4.0 / (k * (double) (k - 1));
        // g = U C' (b x k)
        for (int r = 0; r < b; r++) {
            int row = r * k;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) s += u[row + l] * c[l * k + j];
                g[row + j] = s * scale;
            }
        }
        // through the normalisation: (g_j - u_j (u_j . g_j)) / n_j
        TrainingStep.read(dz, zHost);   // z is no longer needed: its buffer takes dLoss/dZ
        for (int j = 0; j < k; j++) {
            double proj = 0;
            for (int r = 0; r < b; r++) proj += u[r * k + j] * g[r * k + j];
            double inv = 1.0 / norms[j];
            for (int r = 0; r < b; r++) {
                int at = r * k + j;
                zHost[at] += (float) ((g[at] - u[at] * proj) * inv);
            }
        }
        TrainingStep.write(zHost, dz);
        return penalty;
    }

    /** R for the values in {@link #zHost}; leaves U, the norms and C' (zero diagonal) for the gradient. */
    private double value() {
        for (int j = 0; j < k; j++) {
            double mean = 0;
            for (int r = 0; r < b; r++) mean += zHost[r * k + j];
            mean /= b;
            double ss = 0;
            for (int r = 0; r < b; r++) {
                double v = zHost[r * k + j] - mean;
                u[r * k + j] = v;
                ss += v * v;
            }
            norms[j] = Math.sqrt(ss) + EPS;
            double inv = 1.0 / norms[j];
            for (int r = 0; r < b; r++) u[r * k + j] *= inv;
        }
        java.util.Arrays.fill(c, 0);
        for (int r = 0; r < b; r++) {
            int row = r * k;
            for (int i = 0; i < k; i++) {
                double ui = u[row + i];
                if (ui == 0) continue;
                int ci = i * k;
                for (int j = i + 1; j < k; j++) c[ci + j] += ui * u[row + j];
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double v = c[i * k + j];
                c[j * k + i] = v;
                sum += 2 * v * v;
            }
        }
        return sum / (k * (double) (k - 1));
    }

    /** R(z) alone, for tests: z is b x k, row-major. */
    static double of(float[] z, int b, int k) {
        RedundancyPenalty p = new RedundancyPenalty(b, k);
        System.arraycopy(z, 0, p.zHost, 0, z.length);
        return k < 2 ? 0 : p.value();
    }
}
