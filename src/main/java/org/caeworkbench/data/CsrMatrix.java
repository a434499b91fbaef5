package org.caeworkbench.data;

import java.util.Arrays;

/**
 * A sparse matrix in compressed sparse rows: row r's non-zeros are {@code values[rowStart[r] ..
 * rowStart[r + 1])} at columns {@code columns[...]} (float32 values, int32 column indices, int32 row
 * pointers: up to 2^31 - 1 non-zeros, the size limit of one Java array). Within a row the columns are
 * ascending and distinct. Zeros are not stored (a stored value is never 0 after {@link CsrBuilder}).
 */
public final class CsrMatrix implements Matrix {
    /**
     * A matrix with fewer non-zeros than this fraction of its cells is kept sparse by the readers. CSR
     * takes 8 bytes a non-zero against 4 a cell, so it saves memory below 50%; but the selector's sparse
     * product (a Java loop per non-zero) only beats the dense engine's BLAS multiply when the data are
     * much sparser than that (measured: docs/performance.md), and dense images such as MNIST (19% non-zero)
     * must keep the dense engine's results. Single-cell counts are 5-10% non-zero.
     */
    public static final double DENSITY_THRESHOLD = 0.10;

    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;

    public CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, float[] values) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        if (rowStart.length != rows + 1 || rowStart[0] != 0)
            throw new IllegalArgumentException("row pointers must be rows + 1 long and start at 0");
        if (rowStart[rows] > columns.length || rowStart[rows] > values.length)
            throw new IllegalArgumentException("the row pointers end at " + rowStart[rows] + ", past the stored values");
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /** Whether a matrix with {@code nonZeros} of {@code rows x cols} cells should be kept sparse. */
    public static boolean worthIt(long nonZeros, long rows, long cols) {
        return rows > 0 && cols > 0 && nonZeros < DENSITY_THRESHOLD * rows * cols;
    }

    /** The non-zeros of a dense row-major array. */
    public static CsrMatrix of(int rows, int cols, float[] dense) {
        CsrBuilder b = new CsrBuilder(rows, cols, 16);
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) if (dense[r * cols + c] != 0) b.add(r, c, dense[r * cols + c]);
        return b.build();
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public boolean isSparse() { return true; }
    @Override public long storedValues() { return rowStart[rows]; }
    @Override public long bytes() { return 8L * rowStart[rows] + 4L * (rows + 1); }
    @Override public CsrMatrix csrRows() { return this; }

    /** The fraction of cells that are non-zero. */
    public double density() {
        return rows == 0 || cols == 0 ? 0 : rowStart[rows] / ((double) rows * cols);
    }

    /** Row pointers (rows + 1; not a copy). */
    public int[] rowStart() { return rowStart; }
    /** Column of each stored value (not a copy). */
    public int[] columns() { return columns; }
    /** The stored values (not a copy). */
    public float[] values() { return values; }

    @Override public float get(int row, int col) {
        int at = Arrays.binarySearch(columns, rowStart[row], rowStart[row + 1], col);
        return at >= 0 ? values[at] : 0f;
    }

    @Override public void copyRow(int row, float[] dst, int offset) {
        Arrays.fill(dst, offset, offset + cols, 0f);
        for (int p = rowStart[row], end = rowStart[row + 1]; p < end; p++) dst[offset + columns[p]] = values[p];
    }

    /** Keeps the given columns (ascending), compacting the non-zeros in place; the returned matrix shares the arrays. */
    CsrMatrix keepColumns(int[] kept) {
        int[] newColumn = new int[cols];
        Arrays.fill(newColumn, -1);
        for (int j = 0; j < kept.length; j++) newColumn[kept[j]] = j;
        int[] start = new int[rows + 1];
        int to = 0;
        for (int r = 0; r < rows; r++) {
            int from = rowStart[r], end = rowStart[r + 1];
            start[r] = to;
            for (int p = from; p < end; p++) {
                int c = newColumn[columns[p]];
                if (c < 0) continue;
                columns[to] = c;
                values[to++] = values[p];
            }
        }
        start[rows] = to;
        return new CsrMatrix(rows, kept.length, start, columns, values);
    }
}
