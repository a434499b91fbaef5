package org.caeworkbench.data;

/**
 * Where a {@link Dataset}'s values live: {@code rows} x {@code cols} float32, read one row (or one
 * minibatch of rows) at a time. Two kinds are held in memory: {@link DenseMatrix} (one row-major
 * {@code float[]}) and {@link CsrMatrix} (compressed sparse rows: the non-zeros only). The trainer and
 * every fit of the preparation read rows through this interface, never a whole second copy.
 *
 * <p>A third kind stays in its file ({@link BackedMatrix}, {@code --backed}): its rows are read a chunk
 * at a time; {@link #chunkRows()} tells readers that visiting the rows chunk by chunk is much cheaper
 * than visiting them in any order (the trainer shuffles by chunk then).
 */
public interface Matrix {
    /** Rows (samples). */
    int rows();

    /** Columns (features). */
    int cols();

    /** Whether the values are kept as non-zeros only ({@link CsrMatrix}). */
    boolean isSparse();

    /** Values held: rows x cols for a dense matrix, the stored non-zeros for a sparse one. */
    long storedValues();

    /** Bytes the values (and a sparse matrix's indices) take. */
    long bytes();

    /** The value at (row, col). */
    float get(int row, int col);

    /** Writes row {@code row}, every column, into {@code dst[offset .. offset + cols)}. */
    void copyRow(int row, float[] dst, int offset);

    /**
     * Writes rows {@code order[start .. start + count)} densely into {@code dst}, row-major from 0: a
     * minibatch. The default reads them one by one; a source on disk would read its chunks here.
     */
    default void copyRows(int[] order, int start, int count, float[] dst) {
        int c = cols();
        for (int i = 0; i < count; i++) copyRow(order[start + i], dst, i * c);
    }

    /**
     * Rows per chunk when the rows are read from a file a chunk at a time ({@link BackedMatrix}), so that
     * readers should visit them chunk by chunk; 0 for a matrix held in memory (any order is as cheap).
     */
    default int chunkRows() {
        return 0;
    }

    /** The CSR arrays of a sparse matrix (row pointers, column indices, values); null for a dense one. */
    default CsrMatrix csrRows() {
        return null;
    }

    /** What each row visitor receives: row r's values at {@code values[offset .. offset + cols)}. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int index, float[] values, int offset);
    }
}
