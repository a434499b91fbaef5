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
        long[] seeds = new long[Math.max(1, restarts)];
        for (int r = 0; r < seeds.length; r++) seeds[r] = master.nextLong();
        // the restarts are independent: run side by side, then the first with the lowest inertia, as one by one
        KMeans[] runs = new KMeans[seeds.length];
        java.util.stream.IntStream.range(0, seeds.length).parallel()
                .forEach(r -> runs[r] = once(points, n, dim, k, new SplittableRandom(seeds[r]), maxIterations));
        KMeans best = null;
        for (KMeans run : runs) if (best == null || run.inertia < best.inertia) best = run;
        return best;
    }

    /**
     * The nearest centre of point i (the first of equals), its squared distance into {@code dist[i]}. Four centres
     * at a time: four sums in flight instead of one, each over the coordinates in order, so the distances are the
     * same bits as {@link #sq} gives one by one.
     */
    private static int nearest(double[] x, int i, int dim, double[] c, int k, double[] dist) {
        int xo = i * dim;
        int bestJ = 0;
        double bestD = Double.POSITIVE_INFINITY;
        int j = 0;
        for (; j + 3 < k; j += 4) {
            int o0 = j * dim, o1 = o0 + dim, o2 = o1 + dim, o3 = o2 + dim;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int a = 0; a < dim; a++) {
                double v = x[xo + a];
                double e0 = v - c[o0 + a], e1 = v - c[o1 + a], e2 = v - c[o2 + a], e3 = v - c[o3 + a];
                s0 += e0 * e0;
                s1 += e1 * e1;
                s2 += e2 * e2;
                s3 += e3 * e3;
            }
            if (s0 < bestD) { bestD = s0; bestJ = j; }
            if (s1 < bestD) { bestD = s1; bestJ = j + 1; }
            if (s2 < bestD) { bestD = s2; bestJ = j + 2; }
            if (s3 < bestD) { bestD = s3; bestJ = j + 3; }
        }
        for (; j < k; j++) {
            double dd = sq(x, xo, c, j * dim, dim);
            if (dd < bestD) { bestD = dd; bestJ = j; }
        }
        dist[i] = bestD;
        return bestJ;
    }

    private static KMeans once(double[] x, int n, int dim, int k, SplittableRandom random, int maxIterations) {
        double[] c = seedPlusPlus(x, n, dim, k, random);
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        double[] dist = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int bestJ = nearest(x, i, dim, c, k, dist);
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
            assign[i] = nearest(x, i, dim, c, k, dist);
            inertia += dist[i];
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
