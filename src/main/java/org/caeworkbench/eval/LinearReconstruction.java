package org.caeworkbench.eval;

import java.util.Arrays;

import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The paper's reconstruction metric: ordinary least squares with intercept, fitted on the training
 * rows, from the k selected columns to all d columns; the score is the mean squared error over every
 * entry of the test matrix. Lower is better; k = 0 gives the "mean" baseline that any selection must
 * beat.
 *
 * <p>The fit uses the centred normal equations in double with a minimum-norm pseudo-inverse of the
 * k × k Gram matrix, so collinear, constant or repeated selected columns are handled the way
 * scikit-learn's {@code LinearRegression} (min-norm {@code lstsq}) handles them: the predictions are
 * the same. Matrices are row-major {@code float[]} of {@code rows × cols}.
 *
 * <p>At scale (docs/performance.md, "Metrics at scale"): the data are read a chunk of rows at a time
 * ({@link RowChunks}), so memory is O(chunk·d + k·d); a pass beyond {@link #DEFAULT_WORK} multiply-adds uses a
 * random subset of the rows, and {@link #score} says how many.
 */
public final class LinearReconstruction {
    /**
     * Eigenvalues of the centred Gram matrix below this fraction of the largest are treated as zero.
     * The Gram matrix squares the condition number, so this drops singular values below ~1e-5 of the
     * largest: far above rounding noise (~1e-13), far below any direction that real data relies on.
     */
    public static final double RELATIVE_TOLERANCE = 1e-10;

    private LinearReconstruction() {}

    /**
     * Multiply-adds one pass of the metric may do (rows × (k + 1) × d); beyond it the pass uses a random
     * subset of the rows, as many as fit ({@link Limits#DEFAULT}). 2·10¹¹ is about a minute of one core's
     * vectorised arithmetic, seconds on a desktop's cores; every bundled sample is far below it
     * (MNIST k = 50: 2·10⁸), so its figures are exact.
     */
    public static final long DEFAULT_WORK = 200_000_000_000L;
    /** A subset never has fewer rows than this many per regressor (k + 1), nor fewer than this at all. */
    static final int MIN_ROWS_PER_REGRESSOR = 20;

    /**
     * How much work the metric may do and how it reads the rows.
     *
     * @param work      multiply-adds a pass may do before it takes a subset of the rows; Long.MAX_VALUE: never
     * @param chunkRows rows read at a time (memory: chunkRows × d floats); 0: {@link RowChunks#defaultChunkRows}
     */
    public record Limits(long work, int chunkRows) {
        public static final Limits DEFAULT = new Limits(DEFAULT_WORK, 0);
        /** Every row, whatever the work. */
        public static final Limits EXACT = new Limits(Long.MAX_VALUE, 0);

        public Limits {
            if (work < 1) throw new IllegalArgumentException("the work limit must be positive, got " + work);
            if (chunkRows < 0) throw new IllegalArgumentException("rows per chunk must be 0 (automatic) or more, got " + chunkRows);
        }

        /** Rows a pass with k regressors over d columns may use. */
        int maxRows(int k, int cols) {
            long perRow = (long) (k + 1) * Math.max(1, cols);
            long rows = work / perRow;
            long floor = Math.max((long) MIN_ROWS_PER_REGRESSOR * (k + 1), 1000);
            return (int) Math.min(Integer.MAX_VALUE, Math.max(rows, floor));
        }

        RowChunks chunks(Dataset data) {
            return chunkRows == 0 ? new RowChunks(data) : new RowChunks(data, chunkRows);
        }
    }

    /**
     * The metric with the rows it was measured on: the regression fitted on {@code fitRows} of the
     * {@code trainRows} training rows and scored on {@code scoredRows} of the {@code testRows} test rows
     * (fewer only when the work limit made a random subset).
     */
    public record Score(double mse, int fitRows, int trainRows, int scoredRows, int testRows) {
        public boolean subsampled() { return fitRows < trainRows || scoredRows < testRows; }

        /** One sentence saying which rows were used when some were left out, else empty. */
        public String note() {
            if (!subsampled()) return "";
            return String.format(java.util.Locale.ROOT, "The linear MSE was measured on a random subset (fitted on %,d of %,d training rows, "
                    + "scored on %,d of %,d test rows) to bound the work of the metric.", fitRows, trainRows, scoredRows, testRows);
        }
    }

    /** Test MSE of the least-squares reconstruction of all {@code cols} columns from {@code selected} (every row). */
    public static double testMse(float[] train, int trainRows, float[] test, int testRows, int cols, int[] selected) {
        return fit(train, trainRows, cols, selected).mse(test, testRows);
    }

    /** Test MSE of predicting every test entry by its training column mean (k = 0). */
    public static double meanPredictorMse(float[] train, int trainRows, float[] test, int testRows, int cols) {
        return testMse(train, trainRows, test, testRows, cols, new int[0]);
    }

    /** Reconstruction of every test entry (testRows × cols, row-major) from the selected test columns. */
    public static float[] predict(float[] train, int trainRows, float[] test, int testRows, int cols, int[] selected) {
        return fit(train, trainRows, cols, selected).predict(test, testRows);
    }

    /** The metric within {@link Limits#DEFAULT}; {@link #score} says whether it used every row. */
    public static double testMse(Dataset train, Dataset test, int[] selected) {
        return score(train, test, selected, Limits.DEFAULT).mse();
    }

    /** The mean predictor within {@link Limits#DEFAULT}. */
    public static double meanPredictorMse(Dataset train, Dataset test) {
        return score(train, test, new int[0], Limits.DEFAULT).mse();
    }

    /**
     * The metric, read a chunk of rows at a time: one pass for the column means, one for the centred
     * normal equations (k × k and k × d), one over the test rows for the error; memory O(chunk·d + k·d),
     * never a d × d matrix or a copy of the data. Where a pass would exceed the work limit it uses a random
     * subset of the rows, and the score says so.
     */
    public static Score score(Dataset train, Dataset test, int[] selected, Limits limits) {
        requireSameColumns(train, test);
        int k = selected.length, cols = train.cols();
        RowChunks fitRows = limits.chunks(train).atMost(limits.maxRows(k, cols));
        RowChunks testRows = limits.chunks(test).atMost(limits.maxRows(k, cols));
        Model model = fit(fitRows, selected);
        return new Score(model.mse(testRows), fitRows.rows(), train.rows(), testRows.rows(), test.rows());
    }

    /** Fits on every training row (read in chunks). */
    public static Model fit(Dataset train, int[] selected) {
        return fit(new RowChunks(train), selected);
    }

    /** Fits the regression from the selected columns of {@code train} to all of its columns. */
    public static Model fit(float[] train, int trainRows, int cols, int[] selected) {
        checkShape(train, trainRows, cols, "training");
        return fit(new RowChunks(train, trainRows, cols, RowChunks.defaultChunkRows(cols)), selected);
    }

    static Model fit(RowChunks train, int[] selected) {
        int trainRows = train.rows(), cols = train.cols();
        if (trainRows < 1) throw new IllegalArgumentException("the training split has no rows");
        for (int s : selected)
            if (s < 0 || s >= cols) throw new IllegalArgumentException("selected column " + s + " is outside 0.." + (cols - 1));
        int k = selected.length;
        int chunk = train.chunkRows();

        double[] columnMeans = new double[cols];
        for (int from = 0; from < trainRows; from += chunk) {
            int to = Math.min(trainRows, from + chunk);
            RowChunks.Chunk c = train.read(from, to);
            float[] v = c.values();
            for (int r = 0; r < to - from; r++) {
                int base = c.offset() + r * cols;
                for (int col = 0; col < cols; col++) columnMeans[col] += v[base + col];
            }
        }
        for (int c = 0; c < cols; c++) columnMeans[c] /= trainRows;
        double[] selectedMeans = new double[k];
        for (int j = 0; j < k; j++) selectedMeans[j] = columnMeans[selected[j]];

        // One pass over the rows accumulates the centred XᵀX (k × k, lower half) and XᵀY (k × d); centring
        // first avoids the cancellation of the uncentred form. XᵀX sums its rows in order; XᵀY is one double dgemm
        // per slice of rows (ND4J/OpenBLAS, the centred slice written straight into native memory), so its figures
        // agree across chunk sizes to rounding (about 1e-15 relative), not bit for bit.
        double[] gram = new double[k * k];
        double[] cross;
        double[] xc = new double[chunk * k];
        try (Slices slices = k == 0 ? null : new Slices(k, cols, true)) {
            for (int from = 0; from < trainRows; from += chunk) {
                int to = Math.min(trainRows, from + chunk);
                int m = to - from;
                RowChunks.Chunk c = train.read(from, to);
                float[] v = c.values();
                int offset = c.offset();
                for (int r = 0; r < m; r++) {
                    int base = offset + r * cols;
                    for (int j = 0; j < k; j++) xc[r * k + j] = v[base + selected[j]] - selectedMeans[j];
                    for (int a = 0; a < k; a++) {
                        double xa = xc[r * k + a];
                        if (xa == 0.0) continue;
                        for (int b = 0; b <= a; b++) gram[a * k + b] += xa * xc[r * k + b];
                    }
                }
                if (k == 0) continue;
                for (int r0 = 0; r0 < m; r0 += slices.rows) {
                    int s = Math.min(slices.rows, m - r0);
                    slices.put(xc, r0, s, v, offset + r0 * cols, columnMeans);
                    Nd4j.gemm(slices.x(s), slices.y(s), slices.acc, true, false, 1.0, 1.0);
                }
            }
            cross = k == 0 ? new double[0] : slices.acc.data().asDouble();
        }
        for (int a = 0; a < k; a++) for (int b = 0; b < a; b++) gram[b * k + a] = gram[a * k + b];

        // Minimum-norm solution B = V·diag(1/λ)·Vᵀ·XᵀY over the eigenvalues above the tolerance.
        SymmetricEigen eig = new SymmetricEigen(gram, k);
        double largest = 0.0;
        for (int i = 0; i < k; i++) largest = Math.max(largest, eig.value(i));
        double cutoff = RELATIVE_TOLERANCE * largest;
        double[] coefficients = new double[k * cols];
        double[] w = new double[cols];
        int rank = 0;
        for (int i = 0; i < k; i++) {
            double lambda = eig.value(i);
            if (!(lambda > cutoff)) continue;   // also skips the all-zero case (largest == 0)
            rank++;
            Arrays.fill(w, 0.0);
            for (int a = 0; a < k; a++) {
                double via = eig.vector(a, i);
                int off = a * cols;
                for (int c = 0; c < cols; c++) w[c] += via * cross[off + c];
            }
            for (int a = 0; a < k; a++) {
                double scale = eig.vector(a, i) / lambda;
                int off = a * cols;
                for (int c = 0; c < cols; c++) coefficients[off + c] += scale * w[c];
            }
        }
        return new Model(cols, selected.clone(), selectedMeans, columnMeans, coefficients, rank);
    }

    /**
     * A fitted reconstruction: prediction = column mean + Σ_j (x[selected[j]] − mean of that column)·B[j].
     * Immutable.
     */
    public static final class Model {
        private final int cols;
        private final int[] selected;
        private final double[] selectedMeans;
        private final double[] columnMeans;
        private final double[] coefficients;   // k × cols, row-major, for centred inputs
        private final int rank;

        private Model(int cols, int[] selected, double[] selectedMeans, double[] columnMeans,
                      double[] coefficients, int rank) {
            this.cols = cols;
            this.selected = selected;
            this.selectedMeans = selectedMeans;
            this.columnMeans = columnMeans;
            this.coefficients = coefficients;
            this.rank = rank;
        }

        /** Number of columns reconstructed (d). */
        public int cols() { return cols; }

        /** The selected columns, in the order given to {@link #fit}. */
        public int[] selected() { return selected.clone(); }

        /** Rank of the centred selected training columns: less than k for repeated or collinear ones. */
        public int rank() { return rank; }

        /** Regression weight of the j-th selected column for output column {@code col}. */
        public double coefficient(int j, int col) { return coefficients[j * cols + col]; }

        /** Intercept of output column {@code col} (for uncentred inputs). */
        public double intercept(int col) {
            double b = columnMeans[col];
            for (int j = 0; j < selected.length; j++) b -= selectedMeans[j] * coefficients[j * cols + col];
            return b;
        }

        /** Reconstructs all columns of {@code x} (rows × cols, row-major) from its selected columns. */
        public float[] predict(float[] x, int rows) {
            checkShape(x, rows, cols, "input");
            float[] out = new float[rows * cols];
            double[] pred = new double[cols];
            for (int r = 0; r < rows; r++) {
                predictRow(x, r * cols, selected, pred);
                for (int c = 0; c < cols; c++) out[r * cols + c] = (float) pred[c];
            }
            return out;
        }

        /** Reconstructs all columns from the measured selected values alone ({@code z}: rows × k, row-major). */
        public float[] predictFromSelected(float[] z, int rows) {
            int k = selected.length;
            checkShape(z, rows, k, "selected-column");
            int[] identity = new int[k];
            for (int j = 0; j < k; j++) identity[j] = j;
            float[] out = new float[rows * cols];
            double[] pred = new double[cols];
            for (int r = 0; r < rows; r++) {
                predictRow(z, r * k, identity, pred);
                for (int c = 0; c < cols; c++) out[r * cols + c] = (float) pred[c];
            }
            return out;
        }

        /** Mean squared reconstruction error of each column of {@code x} (rows × cols). */
        public double[] columnMse(float[] x, int rows) {
            checkShape(x, rows, cols, "test");
            return columnMse(new RowChunks(x, rows, cols, RowChunks.defaultChunkRows(cols)));
        }

        /** Mean squared reconstruction error of each column of {@code test}, read in chunks. */
        public double[] columnMse(Dataset test) {
            if (test.cols() != cols) throw new IllegalArgumentException("the model reconstructs " + cols + " columns, the data have " + test.cols());
            return columnMse(new RowChunks(test));
        }

        /**
         * Each column's error over the rows in use, a chunk at a time; threads own blocks of columns, and each
         * column sums its rows in order, so the figure does not depend on the chunk size or the threads.
         */
        double[] columnMse(RowChunks x) {
            int rows = x.rows();
            if (rows < 1) throw new IllegalArgumentException("the test split has no rows");
            double[] sums = new double[cols];
            int chunk = x.chunkRows();
            int k = selected.length;
            double[] xc = new double[chunk * k];
            try (Slices slices = k == 0 ? null : new Slices(k, cols, false);
                 INDArray b = k == 0 ? null : Nd4j.createFromArray(coefficients)) {
                INDArray weights = k == 0 ? null : b.reshape('c', k, cols);
                for (int from = 0; from < rows; from += chunk) {
                    int to = Math.min(rows, from + chunk);
                    int m = to - from;
                    RowChunks.Chunk c = x.read(from, to);
                    float[] v = c.values();
                    int offset = c.offset();
                    if (k == 0) {
                        for (int r = 0; r < m; r++) {
                            int base = offset + r * cols;
                            for (int col = 0; col < cols; col++) {
                                double err = v[base + col] - columnMeans[col];
                                sums[col] += err * err;
                            }
                        }
                        continue;
                    }
                    for (int r = 0; r < m; r++)
                        for (int j = 0; j < k; j++) xc[r * k + j] = v[offset + r * cols + selected[j]] - selectedMeans[j];
                    for (int r0 = 0; r0 < m; r0 += slices.rows) {
                        int s = Math.min(slices.rows, m - r0);
                        slices.putX(xc, r0, s);
                        INDArray pred = slices.y(s);
                        Nd4j.gemm(slices.x(s), weights, pred, false, false, 1.0, 0.0);
                        java.nio.DoubleBuffer p = slices.yValues();
                        for (int r = 0; r < s; r++) {
                            int base = offset + (r0 + r) * cols;
                            for (int col = 0; col < cols; col++) {
                                double err = v[base + col] - (columnMeans[col] + p.get(r * cols + col));
                                sums[col] += err * err;
                            }
                        }
                    }
                }
            }
            for (int c = 0; c < cols; c++) sums[c] /= rows;
            return sums;
        }

        /** Mean squared reconstruction error over every entry of {@code x} (rows × cols). */
        public double mse(float[] x, int rows) {
            return total(columnMse(x, rows));
        }

        double mse(RowChunks x) {
            return total(columnMse(x));
        }

        private double total(double[] columnMse) {
            double total = 0.0;
            for (double v : columnMse) total += v;
            return total / cols;
        }

        /** pred = means + Σ_j (src[base + at[j]] − selectedMeans[j])·B[j]. */
        private void predictRow(float[] src, int base, int[] at, double[] pred) {
            System.arraycopy(columnMeans, 0, pred, 0, cols);
            for (int j = 0; j < at.length; j++) {
                double xj = src[base + at[j]] - selectedMeans[j];
                if (xj == 0.0) continue;
                int off = j * cols;
                for (int c = 0; c < cols; c++) pred[c] += xj * coefficients[off + c];
            }
        }
    }

    /**
     * Native buffers for the double products over a slice of rows (at most {@link #SLICE_VALUES} values of d wide):
     * the slice's centred selected columns (rows × k), the slice's centred columns or predictions (rows × d), and, for
     * the fit, XᵀY's accumulator (k × d). Written through NIO views, so no Java copy of a slice is made.
     */
    private static final class Slices implements AutoCloseable {
        final int rows;
        final INDArray acc;
        private final int k, cols;
        private final INDArray x, y;
        private final java.nio.DoubleBuffer xv, yv;

        Slices(int k, int cols, boolean accumulate) {
            org.caeworkbench.core.NativeThreads.configure();
            this.k = k;
            this.cols = cols;
            rows = (int) Math.max(1, Math.min(SLICE_VALUES / Math.max(1, cols), Integer.MAX_VALUE));
            x = Nd4j.createUninitialized(DataType.DOUBLE, rows, k);
            y = Nd4j.createUninitialized(DataType.DOUBLE, rows, cols);
            acc = accumulate ? Nd4j.zeros(DataType.DOUBLE, k, cols) : null;
            xv = x.data().asNioDouble();
            yv = y.data().asNioDouble();
        }

        /** Rows [r0, r0 + s) of the centred selected columns (row-major, k wide) into the slice. */
        void putX(double[] xc, int r0, int s) {
            xv.position(0);
            xv.put(xc, r0 * k, s * k);
        }

        /** The same, and the slice's rows of the data (from {@code base}) centred by the column means. */
        void put(double[] xc, int r0, int s, float[] v, int base, double[] means) {
            putX(xc, r0, s);
            for (int r = 0; r < s; r++) {
                int from = base + r * cols;
                for (int col = 0; col < cols; col++) yv.put(r * cols + col, v[from + col] - means[col]);
            }
        }

        INDArray x(int s) {
            return s == rows ? x : x.get(NDArrayIndex.interval(0, s), NDArrayIndex.all());
        }

        INDArray y(int s) {
            return s == rows ? y : y.get(NDArrayIndex.interval(0, s), NDArrayIndex.all());
        }

        java.nio.DoubleBuffer yValues() {
            return yv;
        }

        @Override
        public void close() {
            x.close();
            y.close();
            if (acc != null) acc.close();
        }
    }

    /** Values (rows × d) of one slice of the double products: 8 MB. */
    static final long SLICE_VALUES = 1_000_000;

    private static void checkShape(float[] values, int rows, int cols, String what) {
        if (rows < 0 || cols < 0 || (long) rows * cols != values.length)
            throw new IllegalArgumentException("the " + what + " matrix has " + values.length + " values, expected "
                    + rows + " x " + cols);
    }

    private static void requireSameColumns(Dataset train, Dataset test) {
        if (train.cols() != test.cols())
            throw new IllegalArgumentException("training data has " + train.cols() + " columns but test data has "
                    + test.cols());
    }
}
