package org.caeworkbench.eval;

import java.util.Arrays;
import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Principal components of the training rows, in double precision ({@link SymmetricEigen#of}: LAPACK for
 * the larger eigenproblems): the eigenvectors of the d × d covariance when d ≤ n, otherwise (many more features than
 * rows, as in gene tables) those of the n × n Gram matrix mapped back ({@code v = Xcᵀu / √λ}), which
 * gives the same components at a fraction of the cost. Components are unit vectors, sorted by
 * decreasing variance; only components with a variance above rounding noise are kept.
 *
 * <p>Bounded at scale: the eigenproblem is at most {@link #MAX_EIGEN} wide, the Gram route holds at most
 * {@link #MAX_GRAM_VALUES} centred values, and the covariance is accumulated a chunk of rows at a time
 * (never a copy of the data) within {@link #MAX_COVARIANCE_WORK}. Beyond these the components are fitted
 * on a random subset of the training rows ({@link #fitRows()} of {@link #trainRows()}; {@link #note()}
 * says so); the column means always use every row. Every bundled sample is fitted exactly.
 */
public final class Pca {
    /** Widest eigenproblem solved (d for the covariance route, rows for the Gram route): O(w³) time, O(w²) memory. */
    public static final int MAX_EIGEN = 2000;
    /** Centred values (rows × d, double) the Gram route holds at most: 100 MB (its components as much again). */
    public static final long MAX_GRAM_VALUES = 12_500_000L;
    /** Multiply-adds (rows × d² / 2) the covariance route may spend before it takes a subset of the rows. */
    public static final long MAX_COVARIANCE_WORK = 100_000_000_000L;
    /** Multiply-adds (rows × components × d × 2) one reconstruction pass may spend before it scores a subset of the test rows. */
    public static final long MAX_RECONSTRUCTION_WORK = 200_000_000_000L;

    private final int d;
    private final int fitRows;
    private final int trainRows;
    private final double[] mean;
    private final double[] variances;     // descending
    private final double[] components;    // component j at [j * d, (j + 1) * d)

    private Pca(int d, int fitRows, int trainRows, double[] mean, double[] variances, double[] components) {
        this.d = d;
        this.fitRows = fitRows;
        this.trainRows = trainRows;
        this.mean = mean;
        this.variances = variances;
        this.components = components;
    }

    private static final LastFor<Pca> LAST = new LastFor<>();

    /**
     * {@link #fit}, or the fit of the same rows made last (the comparison's bound, PFA and the window's explanation of
     * one data set share it; the window's next training on the same rows too).
     */
    public static Pca of(Dataset train) {
        return LAST.get(train, 0, Pca::fit);
    }

    /** Fits within the limits above, by the cheaper route. */
    public static Pca fit(Dataset train) {
        int n = train.rows(), d = train.cols();
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 training rows.");
        RowChunks rows = new RowChunks(train);
        if (d <= n && d <= MAX_EIGEN) {
            long perRow = Math.max(1L, (long) d * d / 2);
            int cap = (int) Math.max(Math.min(n, MAX_COVARIANCE_WORK / perRow), Math.min(n, 2L * d));
            return fit(rows, false, cap);
        }
        int cap = (int) Math.max(2, Math.min(MAX_EIGEN, MAX_GRAM_VALUES / Math.max(1, d)));
        return fit(rows, true, cap);
    }

    /** Every row, by the route named: the n × n Gram matrix or the d × d covariance (for tests comparing the two). */
    static Pca fit(Dataset train, boolean viaGram) {
        if (train.rows() < 2) throw new IllegalArgumentException("PCA needs at least 2 training rows.");
        return fit(new RowChunks(train), viaGram, train.rows());
    }

    /** By the route named, the components fitted on at most {@code maxRows} of the rows (a random subset). */
    static Pca fit(Dataset train, boolean viaGram, int maxRows) {
        if (train.rows() < 2 || maxRows < 2) throw new IllegalArgumentException("PCA needs at least 2 training rows.");
        return fit(new RowChunks(train), viaGram, maxRows);
    }

    private static Pca fit(RowChunks all, boolean viaGram, int maxRows) {
        int n = all.rows(), d = all.cols();
        double[] mean = columnMeans(all);
        RowChunks rows = all.atMost(maxRows);
        int m = rows.rows();
        if (!viaGram) {
            double[] cov = centredGram(rows, mean);
            SymmetricEigen eig = SymmetricEigen.of(cov, d);
            cov = null;
            Integer[] order = descending(eig);
            double largest = Math.max(eig.value(order[0]), 0);
            int rank = 0;
            while (rank < d && eig.value(order[rank]) > 1e-12 * largest) rank++;
            double[] var = new double[rank];
            double[] comp = new double[rank * d];
            for (int j = 0; j < rank; j++) {
                var[j] = eig.value(order[j]) / (m - 1);
                for (int a = 0; a < d; a++) comp[j * d + a] = eig.vector(a, order[j]);
            }
            return new Pca(d, m, n, mean, var, comp);
        }
        // Gram matrix of the (used) rows: G = Xc Xcᵀ (m × m), from one centred row-major copy of those rows.
        double[] rowsMajor = new double[m * d];
        for (int from = 0; from < m; from += rows.chunkRows()) {
            int to = Math.min(m, from + rows.chunkRows());
            RowChunks.Chunk c = rows.read(from, to);
            for (int r = from; r < to; r++) {
                int base = c.offset() + (r - from) * d;
                for (int col = 0; col < d; col++) rowsMajor[r * d + col] = c.values()[base + col] - mean[col];
            }
        }
        double[] gram = gramOfRows(rowsMajor, m, d);
        SymmetricEigen eig = SymmetricEigen.of(gram, m);
        gram = null;
        Integer[] order = descending(eig);
        double largest = Math.max(eig.value(order[0]), 0);
        int rank = 0;
        while (rank < m && eig.value(order[rank]) > 1e-12 * largest) rank++;
        double[] var = new double[rank];
        double[] scaled = new double[rank * m];   // row j: u_j / √λ_j, so that component j = Σ_r scaled[j][r] · Xc's row r
        for (int j = 0; j < rank; j++) {
            double lambda = eig.value(order[j]);
            var[j] = lambda / (m - 1);
            double s = 1.0 / Math.sqrt(lambda);
            for (int r = 0; r < m; r++) scaled[j * m + r] = eig.vector(r, order[j]) * s;
        }
        return new Pca(d, m, n, mean, var, mapBack(scaled, rank, rowsMajor, m, d));
    }

    /** Columns of Xc (m × d, row-major) taken at a time by the Gram route: blocks of about 8 MB of doubles. */
    private static int featureBlock(int m) {
        return Math.max(64, 1_000_000 / Math.max(1, m));
    }

    /** The columns [c0, c0 + w) of a row-major m × d matrix, as a row-major m × w array. */
    private static double[] columnsOf(double[] rowsMajor, int m, int d, int c0, int w) {
        double[] block = new double[m * w];
        for (int r = 0; r < m; r++) System.arraycopy(rowsMajor, r * d + c0, block, r * w, w);
        return block;
    }

    /**
     * XcXcᵀ (m × m) of the centred rows, by double {@code dgemm}s (ND4J/OpenBLAS) over blocks of features, so the
     * native copy is one block, not the m × d matrix; the lower triangle mirrored (exactly symmetric).
     */
    private static double[] gramOfRows(double[] rowsMajor, int m, int d) {
        org.caeworkbench.core.NativeThreads.configure();
        double[] g;
        try (INDArray acc = Nd4j.zeros(DataType.DOUBLE, m, m)) {
            for (int c0 = 0, step = featureBlock(m); c0 < d; c0 += step) {
                int w = Math.min(step, d - c0);
                try (INDArray flat = Nd4j.createFromArray(columnsOf(rowsMajor, m, d, c0, w))) {
                    INDArray x = flat.reshape('c', m, w);
                    Nd4j.gemm(x, x, acc, false, true, 1.0, 1.0);
                }
            }
            g = acc.data().asDouble();
        }
        for (int a = 0; a < m; a++) for (int b = 0; b < a; b++) g[b * m + a] = g[a * m + b];
        return g;
    }

    /** The components (rank × d): scaled (rank × m) times Xc (m × d), by double {@code dgemm}s over the same blocks of features. */
    private static double[] mapBack(double[] scaled, int rank, double[] rowsMajor, int m, int d) {
        double[] comp = new double[rank * d];
        if (rank == 0) return comp;
        org.caeworkbench.core.NativeThreads.configure();
        try (INDArray u = Nd4j.createFromArray(scaled)) {
            INDArray left = u.reshape('c', rank, m);
            for (int c0 = 0, step = featureBlock(m); c0 < d; c0 += step) {
                int w = Math.min(step, d - c0);
                try (INDArray flat = Nd4j.createFromArray(columnsOf(rowsMajor, m, d, c0, w));
                     INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, rank, w)) {
                    Nd4j.gemm(left, flat.reshape('c', m, w), out, false, false, 1.0, 0.0);
                    double[] block = out.data().asDouble();
                    for (int j = 0; j < rank; j++) System.arraycopy(block, j * w, comp, j * d + c0, w);
                }
            }
        }
        return comp;
    }

    /** Column means over every row, a chunk at a time. */
    private static double[] columnMeans(RowChunks x) {
        int n = x.rows(), d = x.cols();
        double[] mean = new double[d];
        for (int from = 0; from < n; from += x.chunkRows()) {
            int to = Math.min(n, from + x.chunkRows());
            RowChunks.Chunk c = x.read(from, to);
            for (int r = 0; r < to - from; r++) {
                int base = c.offset() + r * d;
                for (int col = 0; col < d; col++) mean[col] += c.values()[base + col];
            }
        }
        for (int col = 0; col < d; col++) mean[col] /= n;
        return mean;
    }

    /** XcᵀXc (d × d, row-major) accumulated a chunk of rows at a time: memory d² + chunk × d, never a copy of the data. */
    private static double[] centredGram(RowChunks x, double[] mean) {
        int n = x.rows(), d = x.cols();
        double[] g = new double[d * d];
        for (int from = 0; from < n; from += x.chunkRows()) {
            int to = Math.min(n, from + x.chunkRows());
            int m = to - from;
            RowChunks.Chunk c = x.read(from, to);
            double[] cols = new double[m * d];     // this chunk, centred, column-major
            for (int r = 0; r < m; r++) {
                int base = c.offset() + r * d;
                for (int col = 0; col < d; col++) cols[col * m + r] = c.values()[base + col] - mean[col];
            }
            Dense.addGramOfColumns(cols, m, d, g);
        }
        return g;
    }

    private static Integer[] descending(SymmetricEigen eig) {
        Integer[] order = new Integer[eig.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(eig.value(b), eig.value(a)));
        return order;
    }

    public int features() { return d; }
    /** Training rows the components were fitted on (fewer than {@link #trainRows()} when a subset was taken). */
    public int fitRows() { return fitRows; }
    /** Training rows given (the means use all of them). */
    public int trainRows() { return trainRows; }
    /** Number of components with non-negligible variance. */
    public int rank() { return variances.length; }
    /** Variance along component j (j = 0 the largest). */
    public double variance(int j) { return variances[j]; }
    /** Entry {@code feature} of unit component j (the loading). */
    public double loading(int feature, int j) { return components[j * d + feature]; }

    /** One sentence when the components were fitted on a subset of the rows, else empty. */
    public String note() {
        return fitRows < trainRows ? String.format(java.util.Locale.ROOT,
                "PCA fitted on a random %,d of the %,d training rows (its size limit).", fitRows, trainRows) : "";
    }

    /** The reconstruction error from the first components, with the test rows it was measured on. */
    public record Reconstruction(double mse, int scoredRows, int testRows) {}

    /**
     * Mean squared error over every entry of {@code test} of its reconstruction from the first q
     * components: mean + V_q V_qᵀ (x − mean). The best any rank-q linear map fitted on train can do,
     * hence the bound for k selected features (which are a rank-k linear map of a special kind).
     */
    public double reconstructionMse(Dataset test, int q) {
        return reconstruction(test, q).mse();
    }

    /** As {@link #reconstructionMse}, read a chunk at a time, on a random subset of the test rows beyond {@link #MAX_RECONSTRUCTION_WORK}. */
    public Reconstruction reconstruction(Dataset test, int q) {
        if (test.cols() != d) throw new IllegalArgumentException("PCA was fitted on " + d + " features, not " + test.cols());
        if (test.rows() < 1) throw new IllegalArgumentException("the test split has no rows");
        int use = Math.min(q, rank());
        long perRow = 2L * Math.max(1, use) * d + d;
        RowChunks x = new RowChunks(test).atMost((int) Math.max(1000, Math.min(Integer.MAX_VALUE, MAX_RECONSTRUCTION_WORK / perRow)));
        int n = x.rows();
        double total = 0;
        // per slice of rows: Xc, then Z = Xc Cᵀ and Xc − Z C by double dgemms (ND4J/OpenBLAS) in native memory; each row's
        // squared error is summed in row order, so the figure does not depend on the threads
        int sliceRows = (int) Math.max(1, Math.min(x.chunkRows(), 1_000_000L / Math.max(1, d)));
        org.caeworkbench.core.NativeThreads.configure();
        try (INDArray flat = use == 0 ? null : Nd4j.createFromArray(Arrays.copyOf(components, use * d));
             INDArray slice = Nd4j.createUninitialized(DataType.DOUBLE, sliceRows, d);
             INDArray scores = Nd4j.createUninitialized(DataType.DOUBLE, sliceRows, Math.max(1, use))) {
            INDArray comps = use == 0 ? null : flat.reshape('c', use, d);
            java.nio.DoubleBuffer xv = slice.data().asNioDouble();
            for (int from = 0; from < n; from += x.chunkRows()) {
                int to = Math.min(n, from + x.chunkRows());
                RowChunks.Chunk c = x.read(from, to);
                float[] v = c.values();
                for (int r0 = 0; r0 < to - from; r0 += sliceRows) {
                    int rows = Math.min(sliceRows, to - from - r0);
                    for (int r = 0; r < rows; r++) {
                        int base = c.offset() + (r0 + r) * d;
                        for (int col = 0; col < d; col++) xv.put(r * d + col, v[base + col] - mean[col]);
                    }
                    if (use > 0) {
                        INDArray xs = rows == sliceRows ? slice : slice.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
                        INDArray zs = rows == sliceRows ? scores : scores.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
                        Nd4j.gemm(xs, comps, zs, false, true, 1.0, 0.0);
                        Nd4j.gemm(zs, comps, xs, false, false, -1.0, 1.0);
                    }
                    for (int r = 0; r < rows; r++) {
                        double e = 0;
                        for (int col = 0; col < d; col++) {
                            double res = xv.get(r * d + col);
                            e += res * res;
                        }
                        total += e;
                    }
                }
            }
        }
        return new Reconstruction(total / ((double) n * d), n, test.rows());
    }

    /** The non-selection bound: test MSE of the reconstruction from the top-k principal components of train. */
    public static double boundMse(Dataset train, Dataset test, int k) {
        return fit(train).reconstructionMse(test, k);
    }
}
