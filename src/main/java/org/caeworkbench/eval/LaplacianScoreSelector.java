package org.caeworkbench.eval;

import org.caeworkbench.data.Dataset;

/**
 * Laplacian Score (He, Cai and Niyogi, NIPS 2005): on the 5-nearest-neighbour graph of the training
 * rows with heat-kernel weights ({@link KnnGraph}), feature r scores
 * {@code L_r = f̃ᵀ L f̃ / f̃ᵀ D f̃} with {@code f̃ = f − (fᵀD1 / 1ᵀD1)·1}, L = D − W. A small score means
 * the feature varies little between neighbours compared with its overall (degree-weighted) variance,
 * i.e. it follows the local structure of the data. The k smallest scores win. A feature that is
 * constant over the training rows has no variance to explain and is ranked last. Deterministic.
 */
public final class LaplacianScoreSelector implements FeatureSelector {
    public static final int NEIGHBOURS = 5;

    @Override public String name() { return "laplacian"; }

    @Override
    public int[] select(Dataset train, int k, long seed) {
        FeatureSelector.checkK(train, k);
        return Dense.bottomK(scores(train), k);
    }

    /** The Laplacian Score of every feature (+∞ for a constant feature). */
    public static double[] scores(Dataset train) {
        KnnGraph g = KnnGraph.of(train, NEIGHBOURS);
        int n = train.rows(), p = train.cols();
        float[] x = train.values();
        double[] deg = g.degrees();
        double degSum = 0;
        for (double d : deg) degSum += d;
        double[] wmean = new double[p];          // fᵀD1 / 1ᵀD1
        for (int i = 0; i < n; i++) {
            int base = i * p;
            for (int c = 0; c < p; c++) wmean[c] += deg[i] * x[base + c];
        }
        for (int c = 0; c < p; c++) wmean[c] /= degSum;
        double[] denom = new double[p];          // f̃ᵀ D f̃
        for (int i = 0; i < n; i++) {
            int base = i * p;
            for (int c = 0; c < p; c++) {
                double e = x[base + c] - wmean[c];
                denom[c] += deg[i] * e * e;
            }
        }
        double[] numer = new double[p];          // f̃ᵀ L f̃ = ½ Σ_ij W_ij (f_i − f_j)², each edge once
        for (int i = 0; i < n; i++) {
            for (int e = g.start[i]; e < g.start[i + 1]; e++) {
                int j = g.adj[e];
                if (j <= i) continue;
                double w = g.weight[e];
                int bi = i * p, bj = j * p;
                for (int c = 0; c < p; c++) {
                    double diff = x[bi + c] - x[bj + c];
                    numer[c] += w * diff * diff;
                }
            }
        }
        double maxDenom = 0;
        for (double d : denom) maxDenom = Math.max(maxDenom, d);
        double[] score = new double[p];
        for (int c = 0; c < p; c++) {
            score[c] = denom[c] > 1e-12 * Math.max(maxDenom, 1e-300) ? numer[c] / denom[c] : Double.POSITIVE_INFINITY;
        }
        return score;
    }
}
