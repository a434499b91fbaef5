package org.caeworkbench.eval;

import org.caeworkbench.data.Dataset;

/**
 * Multi-Cluster Feature Selection (Cai, Zhang and He, KDD 2010), as scikit-feature implements it:
 * the 5-nearest-neighbour heat-kernel graph of the training rows ({@link KnnGraph}); the spectral
 * embedding Y of its K leading non-trivial generalised eigenvectors ({@code W y = λ D y}, the top one,
 * constant on a connected graph, skipped); for each column of Y a Least Angle Regression on the
 * features stopped at k non-zero coefficients; each feature scores the largest |coefficient| it gets
 * over the K regressions, and the k largest scores win. K is the assumed number of clusters:
 * {@link #DEFAULT_CLUSTERS} by default (the MCFS paper sets it to the number of classes, which an
 * unsupervised selector does not know), never more than k.
 */
public final class McfsSelector implements FeatureSelector {
    public static final int DEFAULT_CLUSTERS = 10;
    private final int clusters;

    public McfsSelector() { this(DEFAULT_CLUSTERS); }

    public McfsSelector(int clusters) {
        if (clusters < 1) throw new IllegalArgumentException("MCFS needs at least one cluster");
        this.clusters = clusters;
    }

    @Override public String name() { return "mcfs"; }

    @Override
    public int[] select(Dataset train, int k, long seed) {
        FeatureSelector.checkK(train, k);
        return Dense.topK(scores(train, k, seed), k);
    }

    /** Each feature's MCFS score for a selection of k (larger is better). */
    double[] scores(Dataset train, int k, long seed) {
        int n = train.rows(), d = train.cols();
        int kc = Math.max(1, Math.min(Math.min(clusters, k), n - 2));
        KnnGraph g = KnnGraph.of(train, LaplacianScoreSelector.NEIGHBOURS);
        SpectralEmbedding.Result emb = SpectralEmbedding.leading(g, kc + 1, seed, 1e-6, 2000);
        Lars lars = new Lars(Dense.centredColumns(train, Dense.columnMeans(train)), n, d);
        double[] score = new double[d];
        for (int j = 1; j <= kc; j++) {
            double[] coef = lars.fit(emb.vectors()[j], k);
            for (int f = 0; f < d; f++) score[f] = Math.max(score[f], Math.abs(coef[f]));
        }
        return score;
    }
}
