package org.caeworkbench.eval;

import java.util.Arrays;
import org.caeworkbench.data.Dataset;

/**
 * Principal Feature Analysis (Lu, Cohen, Zhou and Tian, ACM MM 2007): PCA of the training covariance
 * keeping q = k components; each feature is the row of the d × q loading matrix; k-means with k
 * clusters on those rows (k-means++ seeded by the seed, {@link #RESTARTS} restarts, lowest inertia
 * kept); from each cluster the feature nearest its centre. Features whose loadings are alike carry
 * the same information, so one per cluster gives a non-redundant set. If k-means leaves fewer than k
 * distinct choices (more clusters than distinct loading rows), the rest are the remaining features
 * of largest variance.
 */
public final class PfaSelector implements FeatureSelector {
    public static final int RESTARTS = 10;
    public static final int MAX_ITERATIONS = 300;

    @Override public String name() { return "pfa"; }

    @Override
    public int[] select(Dataset train, int k, long seed) {
        FeatureSelector.checkK(train, k);
        Pca pca = Pca.of(train);   // fitted once for every k of a comparison, and shared with its PCA bound
        int d = train.cols();
        int q = Math.min(k, pca.rank());
        if (q == 0) return Dense.topK(Dense.columnVariances(train), k);
        double[] rows = new double[d * q];
        for (int f = 0; f < d; f++) for (int j = 0; j < q; j++) rows[f * q + j] = pca.loading(f, j);
        KMeans km = KMeans.fit(rows, d, q, k, seed, RESTARTS, MAX_ITERATIONS);
        int[] nearest = new int[k];
        double[] nearestD = new double[k];
        Arrays.fill(nearest, -1);
        Arrays.fill(nearestD, Double.POSITIVE_INFINITY);
        for (int f = 0; f < d; f++) {
            int c = km.assignment[f];
            double dist = KMeans.sq(rows, f * q, km.centres, c * q, q);
            if (dist < nearestD[c]) {
                nearestD[c] = dist;
                nearest[c] = f;
            }
        }
        boolean[] used = new boolean[d];
        int[] out = new int[k];
        int m = 0;
        for (int c = 0; c < k; c++) if (nearest[c] >= 0 && !used[nearest[c]]) { used[nearest[c]] = true; out[m++] = nearest[c]; }
        if (m < k) {
            for (int f : Dense.topK(Dense.columnVariances(train), d)) {
                if (m == k) break;
                if (!used[f]) { used[f] = true; out[m++] = f; }
            }
        }
        return out;
    }
}
