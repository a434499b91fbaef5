package org.caeworkbench.eval;

import java.util.Arrays;

import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.Matrix;

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
 */
public final class LinearReconstruction {
    /**
     * Eigenvalues of the centred Gram matrix below this fraction of the largest are treated as zero.
     * The Gram matrix squares the condition number, so this drops singular values below ~1e-5 of the
     * largest: far above rounding noise (~1e-13), far below any direction that real data relies on.
     */
    public static final double RELATIVE_TOLERANCE = 1e-10;

    private LinearReconstruction() {}

    /** Test MSE of the least-squares reconstruction of all {@code cols} columns from {@code selected}. */
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

    /** The same on datasets, reading their rows where they are (no dense copy of a view or a sparse matrix). */
    public static double testMse(Dataset train, Dataset test, int[] selected) {
        requireSameColumns(train, test);
        return fit(train, selected).mse(test);
    }

    public static double meanPredictorMse(Dataset train, Dataset test) {
        requireSameColumns(train, test);
        return fit(train, new int[0]).mse(test);
    }

    public static Model fit(Dataset train, int[] selected) {
        return fitRows(train::forEachRow, train.rows(), train.cols(), selected);
    }

    /** Rows handed one at a time (a row-major array's, or a dataset's without copying it). */
    @FunctionalInterface
    private interface RowSource {
        void each(Matrix.RowVisitor visitor);
    }

    private static RowSource rowsOf(float[] values, int rows, int cols) {
        return v -> { for (int r = 0; r < rows; r++) v.row(r, values, r * cols); };
    }

    /** Fits the regression from the selected columns of {@code train} to all of its columns. */
    public static Model fit(float[] train, int trainRows, int cols, int[] selected) {
        checkShape(train, trainRows, cols, "training");
        return fitRows(rowsOf(train, trainRows, cols), trainRows, cols, selected);
    }

    private static Model fitRows(RowSource train, int trainRows, int cols, int[] selected) {
        if (trainRows < 1) throw new IllegalArgumentException("the training split has no rows");
        for (int s : selected)
            if (s < 0 || s >= cols) throw new IllegalArgumentException("selected column " + s + " is outside 0.." + (cols - 1));
        int k = selected.length;

        double[] columnMeans = new double[cols];
        train.each((r, row, base) -> { for (int c = 0; c < cols; c++) columnMeans[c] += row[base + c]; });
        for (int c = 0; c < cols; c++) columnMeans[c] /= trainRows;
        double[] selectedMeans = new double[k];
        for (int j = 0; j < k; j++) selectedMeans[j] = columnMeans[selected[j]];

        // One pass over the rows accumulates the centred XᵀX (k × k, lower half) and XᵀY (k × d);
        // centring first avoids the cancellation of the uncentred form.
        double[] gram = new double[k * k];
        double[] cross = new double[k * cols];
        double[] xc = new double[k];
        double[] yc = new double[cols];
        train.each((r, row, base) -> {
            for (int c = 0; c < cols; c++) yc[c] = row[base + c] - columnMeans[c];
            for (int j = 0; j < k; j++) xc[j] = row[base + selected[j]] - selectedMeans[j];
            for (int a = 0; a < k; a++) {
                double xa = xc[a];
                if (xa == 0.0) continue;
                for (int b = 0; b <= a; b++) gram[a * k + b] += xa * xc[b];
                int off = a * cols;
                for (int c = 0; c < cols; c++) cross[off + c] += xa * yc[c];
            }
        });
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
            return columnMse(rowsOf(x, rows, cols), rows);
        }

        private double[] columnMse(RowSource x, int rows) {
            if (rows < 1) throw new IllegalArgumentException("the test split has no rows");
            double[] sums = new double[cols];
            double[] pred = new double[cols];
            x.each((r, row, base) -> {
                predictRow(row, base, selected, pred);
                for (int c = 0; c < cols; c++) {
                    double err = row[base + c] - pred[c];
                    sums[c] += err * err;
                }
            });
            for (int c = 0; c < cols; c++) sums[c] /= rows;
            return sums;
        }

        /** Mean squared reconstruction error over every entry of a dataset's rows (read where they are). */
        public double mse(Dataset x) {
            if (x.cols() != cols) throw new IllegalArgumentException("the test data have " + x.cols() + " columns, not " + cols);
            double total = 0.0;
            for (double v : columnMse(x::forEachRow, x.rows())) total += v;
            return total / cols;
        }

        /** Mean squared reconstruction error over every entry of {@code x} (rows × cols). */
        public double mse(float[] x, int rows) {
            double total = 0.0;
            for (double v : columnMse(x, rows)) total += v;
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
