package org.caeworkbench.data;

import java.util.BitSet;

/**
 * In-place passes over the rows of a view, in its own matrix: how preparation imputes, transforms and
 * scales the one copy of the data that the training and test parts share.
 */
final class MatrixRows {
    private MatrixRows() {}

    /**
     * One stored row to change in place: {@code values[from .. to)}; the column of entry p is
     * {@code p - from} for a dense row ({@code columns} null) and {@code columns[p]} for a sparse one.
     */
    @FunctionalInterface
    interface OwnedRow {
        void row(float[] values, int from, int to, int[] columns) throws DataException;
    }

    /**
     * The same with the view's row index (for messages that name the sample); for a matrix kept in its
     * file ({@link BackedMatrix}) a row outside the view is passed as {@code -1 - row in the file}.
     */
    @FunctionalInterface
    interface NamedRow {
        void row(int viewRow, float[] values, int from, int to, int[] columns) throws DataException;
    }

    /** A stored row to read: {@code values[from .. to)} at {@code columns[from .. to)}; the visitor must not write. */
    @FunctionalInterface
    interface StoredRow {
        void row(float[] values, int from, int to, int[] columns);
    }

    /**
     * Whether the view's matrix is sparse, in memory ({@link CsrMatrix}) or in its file ({@link BackedMatrix});
     * then calls {@code visitor} with each of the view's rows, in the view's order, its stored values only.
     */
    static boolean forEachSparseRow(Dataset view, StoredRow visitor) {
        Matrix m = view.matrix();
        CsrMatrix csr = m.csrRows();
        BackedMatrix backed = m instanceof BackedMatrix b && b.isSparse() ? b : null;
        if (csr == null && backed == null) return false;
        int chunkRows = backed == null ? 0 : backed.chunkRows();
        for (int r = 0; r < view.rows(); r++) {
            int row = view.matrixRow(r);
            CsrMatrix src = csr;
            if (backed != null) {         // a view of a matrix on disk lists its rows in file order: each chunk is read once
                src = (CsrMatrix) backed.chunk(row / chunkRows);
                row %= chunkRows;
            }
            visitor.row(src.values(), src.rowStart()[row], src.rowStart()[row + 1], src.columns());
        }
        return true;
    }

    static void forEachOwnedRow(Dataset view, BitSet done, OwnedRow visitor) {
        try {
            forEachNamedRow(view, done, (r, v, from, to, c) -> visitor.row(v, from, to, c));
        } catch (DataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code visitor} once for each of the view's rows whose matrix row is not yet in {@code done}, and marks it. */
    static void forEachNamedRow(Dataset view, BitSet done, NamedRow visitor) throws DataException {
        Matrix m = view.matrix();
        if (m instanceof BackedMatrix backed) {
            // the file is only read: the step is recorded and applied to every chunk as it is read, once for all the
            // matrix's rows (the other part of the split shares them); a message names the row by its place in the file
            if (done != null) {
                if (done.get(0)) return;
                done.set(0, m.rows());
            }
            int[] viewRow = new int[m.rows()];
            java.util.Arrays.fill(viewRow, -1);
            for (int r = 0; r < view.rows(); r++) viewRow[view.matrixRow(r)] = r;
            backed.addStep((fileRow, values, from, to, columns) -> {
                int r = viewRow[fileRow];
                visitor.row(r >= 0 ? r : -1 - fileRow, values, from, to, columns);
            });
            return;
        }
        int cols = view.cols();
        CsrMatrix csr = m.csrRows();
        float[] dense = m instanceof DenseMatrix dm ? dm.array() : null;
        if (csr == null && dense == null) throw new IllegalStateException("rows of " + m.getClass().getSimpleName() + " cannot be changed in place");
        for (int r = 0; r < view.rows(); r++) {
            int row = view.matrixRow(r);
            if (done != null) {
                if (done.get(row)) continue;
                done.set(row);
            }
            if (csr != null) visitor.row(r, csr.values(), csr.rowStart()[row], csr.rowStart()[row + 1], csr.columns());
            else visitor.row(r, dense, row * cols, row * cols + cols, null);
        }
    }
}
