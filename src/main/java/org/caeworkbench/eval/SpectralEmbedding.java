package org.caeworkbench.eval;

import java.util.SplittableRandom;

/**
 * The leading eigenvectors of the normalised affinity {@code M = D^-1/2 W D^-1/2} of a sparse graph,
 * i.e. the generalised problem {@code W y = λ D y} with {@code y = D^-1/2 v}, by block subspace
 * iteration with Rayleigh–Ritz on {@code A = (M + I) / 2} (eigenvalues in [0, 1], so the leading
 * ones of M are the dominant ones of A). A block larger than asked for speeds convergence; several
 * multiplications per orthonormalisation keep it cheap. Needs only sparse products, so it scales to
 * thousands of rows where a dense eigensolver would not.
 */
final class SpectralEmbedding {
    private SpectralEmbedding() {}

    /** The m leading generalised eigenvectors y (each of length n, in y[j]) and their eigenvalues of M. */
    record Result(double[][] vectors, double[] values, int iterations, boolean converged) {}

    static Result leading(KnnGraph g, int m, long seed, double tolerance, int maxIterations) {
        int n = g.n;
        m = Math.min(m, n);
        int p = Math.min(n, m + Math.max(10, m));
        double[] deg = g.degrees();
        double[] isq = new double[n];
        for (int i = 0; i < n; i++) isq[i] = deg[i] > 0 ? 1 / Math.sqrt(deg[i]) : 0;

        SplittableRandom random = new SplittableRandom(seed);
        double[][] q = new double[p][n];
        for (double[] col : q) for (int i = 0; i < n; i++) col[i] = random.nextDouble() - 0.5;
        orthonormalise(q);
        double[][] tmp = new double[p][n];
        double[] theta = new double[p];
        boolean converged = false;
        int it = 0;
        for (; it < maxIterations; it++) {
            for (int s = 0; s < 3; s++) {
                for (int j = 0; j < p; j++) {
                    apply(g, isq, q[j], tmp[j]);
                }
                double[][] sw = q; q = tmp; tmp = sw;
            }
            orthonormalise(q);
            // Rayleigh–Ritz: H = Qᵀ A Q, rotate Q onto H's eigenvectors (descending)
            for (int j = 0; j < p; j++) apply(g, isq, q[j], tmp[j]);
            double[] h = new double[p * p];
            for (int a = 0; a < p; a++)
                for (int b = 0; b <= a; b++) {
                    double v = Dense.dot(q[a], 0, tmp[b], 0, n);
                    h[a * p + b] = v;
                    h[b * p + a] = v;
                }
            for (int a = 0; a < p; a++)   // symmetrise the rounding
                for (int b = 0; b < a; b++) {
                    double v = 0.5 * (h[a * p + b] + h[b * p + a]);
                    h[a * p + b] = v;
                    h[b * p + a] = v;
                }
            SymmetricEigen eig = new SymmetricEigen(h, p);
            Integer[] order = new Integer[p];
            for (int j = 0; j < p; j++) order[j] = j;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.value(b), eig.value(a)));
            double[][] nq = new double[p][n];
            double[][] nAq = new double[p][n];
            for (int j = 0; j < p; j++) {
                theta[j] = eig.value(order[j]);
                for (int a = 0; a < p; a++) {
                    double c = eig.vector(a, order[j]);
                    if (c == 0) continue;
                    double[] qa = q[a], ta = tmp[a], out = nq[j], outA = nAq[j];
                    for (int i = 0; i < n; i++) {
                        out[i] += c * qa[i];
                        outA[i] += c * ta[i];
                    }
                }
            }
            q = nq;
            double worst = 0;
            for (int j = 0; j < m; j++) {
                double r = 0;
                for (int i = 0; i < n; i++) {
                    double e = nAq[j][i] - theta[j] * q[j][i];
                    r += e * e;
                }
                worst = Math.max(worst, Math.sqrt(r));
            }
            if (worst < tolerance) {
                converged = true;
                it++;
                break;
            }
        }
        double[][] y = new double[m][n];
        double[] values = new double[m];
        for (int j = 0; j < m; j++) {
            values[j] = 2 * theta[j] - 1;
            for (int i = 0; i < n; i++) y[j][i] = isq[i] * q[j][i];
        }
        return new Result(y, values, it, converged);
    }

    /** out = A v = (v + D^-1/2 W D^-1/2 v) / 2. */
    private static void apply(KnnGraph g, double[] isq, double[] v, double[] out) {
        for (int i = 0; i < g.n; i++) {
            double s = 0;
            for (int e = g.start[i]; e < g.start[i + 1]; e++) s += g.weight[e] * isq[g.adj[e]] * v[g.adj[e]];
            out[i] = 0.5 * (v[i] + isq[i] * s);
        }
    }

    /** Modified Gram–Schmidt, twice for stability; a column that vanishes is replaced by a fixed pattern. */
    private static void orthonormalise(double[][] q) {
        int n = q[0].length;
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < q.length; j++) {
                double[] c = q[j];
                for (int a = 0; a < j; a++) {
                    double r = Dense.dot(q[a], 0, c, 0, n);
                    double[] qa = q[a];
                    for (int i = 0; i < n; i++) c[i] -= r * qa[i];
                }
                double norm = Math.sqrt(Dense.dot(c, 0, c, 0, n));
                if (norm < 1e-300) {
                    for (int i = 0; i < n; i++) c[i] = ((i * 31 + j * 17) % 7) - 3;
                    j--;   // orthogonalise the replacement again
                    continue;
                }
                for (int i = 0; i < n; i++) c[i] /= norm;
            }
        }
    }
}
