package org.caeworkbench.core;

import java.nio.FloatBuffer;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.Matrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The columns of a dense minibatch that are not zero in every one of its rows, and the minibatch restricted to
 * them: the selector's two products over a dense minibatch ({@link TrainingStep}) then skip its all-zero columns.
 *
 * <p>A column that is zero in all b rows adds nothing to Z = X_b S^T and has a zero column in dS = dZ^T X_b, so
 * both products can run over the live columns only (K and N of the multiplies shrink) and the gradient's other
 * columns are set to zero: the same sums without their zero terms, equal to the full products up to the order in
 * which BLAS adds them (the last bits). On MNIST's training rows about 30% of the columns of a 256-row minibatch are
 * all zero (the images' borders); on count tables denser than the sparse path's threshold, genes expressed in few
 * cells can be. Below {@link #WORTH_BELOW} of the columns live the minibatch is compacted; above it the products run
 * over all columns as before (a few dead columns do not pay for packing S and dS on the training thread).
 *
 * <p>Which columns are live depends on the minibatch's values alone, so the result does not depend on which thread
 * (the training thread or the selector's helper, {@link BatchAhead}) found them.
 */
final class LiveColumns implements AutoCloseable {
    /** Compacted when fewer than this share of the columns is live. */
    static final double WORTH_BELOW = 0.9;
    /** Minibatches compacted, by any thread (tests). */
    static final java.util.concurrent.atomic.LongAdder COMPACTED = new java.util.concurrent.atomic.LongAdder();
    /** Rows {@link #pay} reads to estimate the zeros of each column. */
    static final int SAMPLE_ROWS = 2048;

    private final int batch;
    private final int d;
    private final float[] seen;       // d: the sum of |x| over the minibatch's rows, per column
    private final int[] cols;         // the live columns, ascending (the first {@link #live})
    private final float[] row;        // d: one row restricted, before its bulk copy into native memory
    private final INDArray xc;        // b x d native: its first b * live values are the minibatch restricted, row-major
    private final FloatBuffer xcValues;
    private int live;                 // live columns; d when not compacted

    LiveColumns(int batch, int d) {
        this.batch = batch;
        this.d = d;
        seen = new float[d];
        cols = new int[d];
        row = new float[d];
        xc = Nd4j.create(DataType.FLOAT, batch, d);
        xcValues = xc.data().asNioFloat();
        live = d;
    }

    /**
     * Whether the products skip all-zero columns: unless {@code CAE_LIVE_COLUMNS} (property {@code cae.liveColumns})
     * is {@code off} (for measuring the engine without it).
     */
    static boolean wanted() {
        return !"off".equalsIgnoreCase(NativeThreads.setting("cae.liveColumns", "CAE_LIVE_COLUMNS"));
    }

    /**
     * Whether looking for dead columns pays on {@code data}'s minibatches of {@code batch} rows: the expected share of
     * live columns of a minibatch, estimated from the zeros of each column in up to {@link #SAMPLE_ROWS} rows spread
     * over the data (a column that is zero in a share z of the rows is dead in a random minibatch with probability
     * about z^b), is below {@link #WORTH_BELOW}. Data without such columns (most tables, Fashion-MNIST) then skip the
     * per-minibatch scan altogether. False too when not {@link #wanted}, for a matrix kept in its file (only rows in
     * memory are read), and for a sparse matrix whose minibatches take the products over their non-zeros.
     */
    static boolean pay(Dataset data, int batch) {
        Matrix m = data.matrix();
        int n = data.rows(), d = data.cols();
        if (!wanted() || n == 0 || d == 0 || m.chunkRows() > 0 || TrainingStep.sparseProductsPay(m)) return false;
        int rows = Math.min(n, SAMPLE_ROWS);
        int[] zeros = new int[d];
        float[] row = new float[d];
        for (int s = 0; s < rows; s++) {
            m.copyRow(data.matrixRow((int) ((long) s * n / rows)), row, 0);
            for (int j = 0; j < d; j++) if (row[j] == 0f) zeros[j]++;
        }
        double dead = 0;
        for (int j = 0; j < d; j++) dead += Math.pow(zeros[j] / (double) rows, batch);
        return 1 - dead / d < WORTH_BELOW;
    }

    /**
     * Finds the live columns of the b rows of {@code a} that start at {@code base[0..b)} (row-major, d values each)
     * and, where they are few enough, copies the rows restricted to them into {@link #restricted}. Returns whether
     * the minibatch was compacted.
     */
    boolean of(float[] a, int[] base) {
        java.util.Arrays.fill(seen, 0f);
        for (int i = 0; i < batch; i++) {
            int o = base[i];
            // a sum of absolute values is 0 only if every term is (no rounding takes a positive sum to 0): vector code
            for (int j = 0; j < d; j++) seen[j] += Math.abs(a[o + j]);
        }
        int n = 0;
        for (int j = 0; j < d; j++) if (seen[j] != 0f) cols[n++] = j;   // NaN counts as live
        if (n >= WORTH_BELOW * d) {
            live = d;
            return false;
        }
        live = n;
        COMPACTED.increment();
        for (int i = 0; i < batch; i++) {
            int o = base[i];
            for (int c = 0; c < n; c++) row[c] = a[o + cols[c]];
            xcValues.put(i * n, row, 0, n);
        }
        return true;
    }

    /** Whether the last minibatch was compacted. */
    boolean compacted() {
        return live < d;
    }

    /** The live columns' count (d when not compacted). */
    int live() {
        return live;
    }

    /** The minibatch restricted to the live columns: the first b x {@link #live} values, row-major, of this b x d array. */
    INDArray restricted() {
        return xc;
    }

    /** dst[r * live + c] = src[r * d + cols[c]] for the k rows of a k x d matrix: its live columns, packed. */
    void pack(float[] src, int k, float[] dst) {
        int n = live;
        for (int r = 0; r < k; r++) {
            int o = r * d, p = r * n;
            for (int c = 0; c < n; c++) dst[p + c] = src[o + cols[c]];
        }
    }

    /** The inverse of {@link #pack}: dst (k x d) gets src's packed columns at the live columns and 0 elsewhere. */
    void unpack(float[] src, int k, float[] dst) {
        int n = live;
        java.util.Arrays.fill(dst, 0, k * d, 0f);
        for (int r = 0; r < k; r++) {
            int o = r * d, p = r * n;
            for (int c = 0; c < n; c++) dst[o + cols[c]] = src[p + c];
        }
    }

    @Override
    public void close() {
        xc.close();
    }
}
