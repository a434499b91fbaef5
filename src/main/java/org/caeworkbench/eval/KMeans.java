package org.caeworkbench.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means in double precision with k-means++ seeding, several seeded restarts keeping the
 * lowest inertia (sum of squared distances to the assigned centre), and empty clusters moved to the
 * point farthest from its centre. Deterministic for a given seed.
 */
final class KMeans {
    final double[] centres;   // k × dim
    final int[] assignment;
    final double inertia;

    private KMeans(double[] centres, int[] assignment, double inertia) {
        this.centres = centres;
        this.assignment = assignment;
        this.inertia = inertia;
    }

    /** Clusters the n points (row-major n × dim) into k groups; k ≤ n. */
    static KMeans fit(double[] points, int n, int dim, int k, long seed, int restarts, int maxIterations) {
        if (k < 1 || k > n) throw new IllegalArgumentException("k-means needs 1 <= k <= n (k = " + k + ", n = " + n + ")");
        SplittableRandom master = new SplittableRandom(seed);
        KMeans best = null;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            KMeans run = once(points, n, dim, k, new SplittableRandom(master.nextLong()), maxIterations);
            if (best == null || run.inertia < best.inertia) best = run;
        }
        return best;
    }

    private static KMeans once(double[] x, int n, int dim, int k, SplittableRandom random, int maxIterations) {
        double[] c = seedPlusPlus(x, n, dim, k, random);
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        double[] dist = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int bestJ = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dd = sq(x, i * dim, c, j * dim, dim);
                    if (dd < bestD) { bestD = dd; bestJ = j; }
                }
                dist[i] = bestD;
                if (assign[i] != bestJ) { assign[i] = bestJ; changed = true; }
            }
            if (!changed && it > 0) break;
            double[] sum = new double[k * dim];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[assign[i]]++;
                for (int a = 0; a < dim; a++) sum[assign[i] * dim + a] += x[i * dim + a];
            }
            boolean[] taken = new boolean[n];
            for (int j = 0; j < k; j++) {
                if (count[j] > 0) {
                    for (int a = 0; a < dim; a++) c[j * dim + a] = sum[j * dim + a] / count[j];
                    continue;
                }
                // empty cluster: move it onto the point farthest from its centre (not already used)
                int far = -1;
                for (int i = 0; i < n; i++) if (!taken[i] && (far < 0 || dist[i] > dist[far])) far = i;
                taken[far] = true;
                dist[far] = 0;
                System.arraycopy(x, far * dim, c, j * dim, dim);
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            int bestJ = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dd = sq(x, i * dim, c, j * dim, dim);
                if (dd < bestD) { bestD = dd; bestJ = j; }
            }
            assign[i] = bestJ;
            inertia += bestD;
        }
        return new KMeans(c, assign, inertia);
    }

    /**
     * k-means++ (Arthur and Vassilvitskii 2007): each next centre drawn with probability ∝ squared
     * distance, greedily: of 2 + ln k such draws the one that lowers the potential most.
     */
    private static double[] seedPlusPlus(double[] x, int n, int dim, int k, SplittableRandom random) {
        double[] c = new double[k * dim];
        int first = random.nextInt(n);
        System.arraycopy(x, first * dim, c, 0, dim);
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) d2[i] = sq(x, i * dim, c, 0, dim);
        int trials = 2 + (int) Math.log(k);   // greedy k-means++ as scikit-learn: the best of several candidates
        double[] cand = new double[n];
        double[] bestD2 = new double[n];
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) total += v;
            int pick = -1;
            double pickPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int candidate;
                if (total <= 0) {
                    candidate = random.nextInt(n);   // every point sits on a centre already
                } else {
                    double u = random.nextDouble() * total;
                    candidate = -1;
                    double acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += d2[i];
                        if (acc > u && d2[i] > 0) { candidate = i; break; }
                    }
                    if (candidate < 0) for (int i = n - 1; i >= 0; i--) if (d2[i] > 0) { candidate = i; break; }
                }
                double potential = 0;
                for (int i = 0; i < n; i++) {
                    cand[i] = Math.min(d2[i], sq(x, i * dim, x, candidate * dim, dim));
                    potential += cand[i];
                }
                if (potential < pickPotential) {
                    pickPotential = potential;
                    pick = candidate;
                    System.arraycopy(cand, 0, bestD2, 0, n);
                }
            }
            System.arraycopy(x, pick * dim, c, j * dim, dim);
            System.arraycopy(bestD2, 0, d2, 0, n);
        }
        return c;
    }

    static double sq(double[] a, int ao, double[] b, int bo, int dim) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            double e = a[ao + i] - b[bo + i];
            s += e * e;
        }
        return s;
    }
}
