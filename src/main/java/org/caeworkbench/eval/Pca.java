package org.caeworkbench.eval;

import java.util.Arrays;
import org.caeworkbench.data.Dataset;

/**
 * Principal components of the training rows, in double precision with the project's own symmetric
 * eigensolver: the eigenvectors of the d × d covariance when d ≤ n, otherwise (many more features than
 * rows, as in gene tables) those of the n × n Gram matrix mapped back ({@code v = Xcᵀu / √λ}), which
 * gives the same components at a fraction of the cost. Components are unit vectors, sorted by
 * decreasing variance; only components with a variance above rounding noise are kept.
 */
public final class Pca {
    private final int d;
    private final double[] mean;
    private final double[] variances;     // descending
    private final double[] components;    // component j at [j * d, (j + 1) * d)

    private Pca(int d, double[] mean, double[] variances, double[] components) {
        this.d = d;
        this.mean = mean;
        this.variances = variances;
        this.components = components;
    }

    public static Pca fit(Dataset train) {
        return fit(train, train.cols() > train.rows());
    }

    /** As {@link #fit(Dataset)}, choosing the route: the n × n Gram matrix or the d × d covariance. */
    static Pca fit(Dataset train, boolean viaGram) {
        int n = train.rows(), d = train.cols();
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 training rows.");
        double[] mean = Dense.columnMeans(train);
        double[] cols = Dense.centredColumns(train, mean);   // column-major n × d
        if (!viaGram) {
            double[] cov = Dense.gramOfColumns(cols, n, d);
            SymmetricEigen eig = new SymmetricEigen(cov, d);
            Integer[] order = descending(eig);
            double largest = Math.max(eig.value(order[0]), 0);
            int rank = 0;
            while (rank < d && eig.value(order[rank]) > 1e-12 * largest) rank++;
            double[] var = new double[rank];
            double[] comp = new double[rank * d];
            for (int j = 0; j < rank; j++) {
                var[j] = eig.value(order[j]) / (n - 1);
                for (int a = 0; a < d; a++) comp[j * d + a] = eig.vector(a, order[j]);
            }
            return new Pca(d, mean, var, comp);
        }
        // Gram matrix of the rows: G = Xc Xcᵀ (n × n).
        double[] rowsMajor = new double[n * d];
        for (int c = 0; c < d; c++) for (int r = 0; r < n; r++) rowsMajor[r * d + c] = cols[c * n + r];
        double[] gram = Dense.gramOfColumns(rowsMajor, d, n);   // rows of Xc are the "columns" of Xcᵀ
        SymmetricEigen eig = new SymmetricEigen(gram, n);
        Integer[] order = descending(eig);
        double largest = Math.max(eig.value(order[0]), 0);
        int rank = 0;
        while (rank < n && eig.value(order[rank]) > 1e-12 * largest) rank++;
        double[] var = new double[rank];
        double[] comp = new double[rank * d];
        for (int j = 0; j < rank; j++) {
            double lambda = eig.value(order[j]);
            var[j] = lambda / (n - 1);
            double s = 1.0 / Math.sqrt(lambda);
            for (int r = 0; r < n; r++) {
                double u = eig.vector(r, order[j]) * s;
                if (u == 0) continue;
                for (int c = 0; c < d; c++) comp[j * d + c] += u * rowsMajor[r * d + c];
            }
        }
        return new Pca(d, mean, var, comp);
    }

    private static Integer[] descending(SymmetricEigen eig) {
        Integer[] order = new Integer[eig.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(eig.value(b), eig.value(a)));
        return order;
    }

    public int features() { return d; }
    /** Number of components with non-negligible variance. */
    public int rank() { return variances.length; }
    /** Variance along component j (j = 0 the largest). */
    public double variance(int j) { return variances[j]; }
    /** Entry {@code feature} of unit component j (the loading). */
    public double loading(int feature, int j) { return components[j * d + feature]; }

    /**
     * Mean squared error over every entry of {@code test} of its reconstruction from the first q
     * components: mean + V_q V_qᵀ (x − mean). The best any rank-q linear map fitted on train can do,
     * hence the bound for k selected features (which are a rank-k linear map of a special kind).
     */
    public double reconstructionMse(Dataset test, int q) {
        if (test.cols() != d) throw new IllegalArgumentException("PCA was fitted on " + d + " features, not " + test.cols());
        if (test.rows() < 1) throw new IllegalArgumentException("the test split has no rows");
        int use = Math.min(q, rank());
        float[] x = test.values();
        double[] xc = new double[d];
        double total = 0;
        for (int r = 0; r < test.rows(); r++) {
            int base = r * d;
            for (int c = 0; c < d; c++) xc[c] = x[base + c] - mean[c];
            for (int j = 0; j < use; j++) {
                double z = Dense.dot(components, j * d, xc, 0, d);
                for (int c = 0; c < d; c++) xc[c] -= z * components[j * d + c];
            }
            for (int c = 0; c < d; c++) total += xc[c] * xc[c];
        }
        return total / ((double) test.rows() * d);
    }

    /** The non-selection bound: test MSE of the reconstruction from the top-k principal components of train. */
    public static double boundMse(Dataset train, Dataset test, int k) {
        return fit(train).reconstructionMse(test, k);
    }
}
