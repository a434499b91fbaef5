package org.caeworkbench.data;

import java.util.Arrays;

/**
 * Collects non-zeros in any order and makes a {@link CsrMatrix}. Entries that arrive row by row (a 10x
 * matrix sorted by cell, a CSR h5ad) become the matrix without another copy; others are sorted into rows
 * once (counting sort, one more copy of the non-zeros). Zeros are skipped; a cell given twice is refused.
 */
final class CsrBuilder {
    private final int rows;
    private final int cols;
    private int[] rowOf;
    private int[] columns;
    private float[] values;
    private int size;
    private boolean rowOrder = true;   // each entry's row >= the last one's

    CsrBuilder(int rows, int cols, long expected) {
        this.rows = rows;
        this.cols = cols;
        int cap = (int) Math.max(16, Math.min(expected, FloatArrayBuilder.MAX_ARRAY));
        rowOf = new int[cap];
        columns = new int[cap];
        values = new float[cap];
    }

    /** Bytes a matrix of {@code nonZeros} takes while it is built (entries with their rows, then the row pointers). */
    static long bytesWhileBuilding(long nonZeros, long rows) {
        return 12L * nonZeros + 4L * (rows + 1);
    }

    void add(int row, int col, float value) {
        if (value == 0) return;
        if (size == values.length) grow();
        if (size > 0 && row < rowOf[size - 1]) rowOrder = false;
        rowOf[size] = row;
        columns[size] = col;
        values[size++] = value;
    }

    private void grow() {
        long cap = Math.min(FloatArrayBuilder.MAX_ARRAY, values.length + (values.length >> 1) + 16L);
        if (cap <= values.length) throw new IllegalStateException("more than " + FloatArrayBuilder.MAX_ARRAY + " non-zeros");
        rowOf = Arrays.copyOf(rowOf, (int) cap);
        columns = Arrays.copyOf(columns, (int) cap);
        values = Arrays.copyOf(values, (int) cap);
    }

    int size() { return size; }

    /**
     * The matrix, with each row's columns ascending. Throws {@link IllegalArgumentException} naming the
     * first cell given twice (row, column; 0-based) so a reader can say which line.
     */
    CsrMatrix build() {
        int[] start = new int[rows + 1];
        for (int i = 0; i < size; i++) start[rowOf[i] + 1]++;
        for (int r = 0; r < rows; r++) start[r + 1] += start[r];
        int[] cols2;
        float[] vals2;
        if (rowOrder) {
            cols2 = size == columns.length ? columns : Arrays.copyOf(columns, size);
            vals2 = size == values.length ? values : Arrays.copyOf(values, size);
        } else {
            cols2 = new int[size];
            vals2 = new float[size];
            int[] next = Arrays.copyOf(start, rows);
            for (int i = 0; i < size; i++) {
                int at = next[rowOf[i]]++;
                cols2[at] = columns[i];
                vals2[at] = values[i];
            }
        }
        rowOf = null;
        columns = null;
        values = null;
        sortRows(start, cols2, vals2);
        return new CsrMatrix(rows, cols, start, cols2, vals2);
    }

    /** Sorts each row by column (most are sorted already) and refuses a column given twice in a row. */
    private void sortRows(int[] start, int[] cols2, float[] vals2) {
        for (int r = 0; r < rows; r++) sortRow(cols2, vals2, start[r], start[r + 1], r);
    }

    /**
     * Sorts one row's entries {@code [from, to)} by column, in place (nothing to do when sorted already), and
     * refuses a column given twice: {@link IllegalArgumentException} "cell (row, column) given twice".
     */
    static void sortRow(int[] cols, float[] vals, int from, int to, int row) {
        boolean sorted = true;
        for (int p = from + 1; p < to; p++) if (cols[p] <= cols[p - 1]) { sorted = false; break; }
        if (sorted) return;
        long[] packed = new long[to - from];   // column in the high half, the value's bits in the low: sorts by column
        for (int p = from; p < to; p++) packed[p - from] = ((long) cols[p] << 32) | (Float.floatToRawIntBits(vals[p]) & 0xffffffffL);
        Arrays.sort(packed);
        for (int p = from; p < to; p++) {
            cols[p] = (int) (packed[p - from] >>> 32);
            vals[p] = Float.intBitsToFloat((int) packed[p - from]);
        }
        for (int p = from + 1; p < to; p++)
            if (cols[p] == cols[p - 1]) throw new IllegalArgumentException("cell (" + row + ", " + cols[p] + ") given twice");
    }
}
