package org.caeworkbench.data;

/**
 * A dense matrix: one row-major {@code float[]}. The array may be longer than rows x cols (the first
 * rows x cols values count): dropping columns compacts the rows in place instead of copying them.
 */
public final class DenseMatrix implements Matrix {
    private final int rows;
    private final int cols;
    private final float[] values;

    public DenseMatrix(int rows, int cols, float[] values) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        if ((long) rows * cols > values.length)
            throw new IllegalArgumentException("values has " + values.length + " entries, expected " + rows + " x " + cols);
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public boolean isSparse() { return false; }
    @Override public long storedValues() { return (long) rows * cols; }
    @Override public long bytes() { return 4L * rows * cols; }

    /** The backing array (not a copy; row-major, at least rows x cols long). */
    public float[] array() { return values; }

    /** Whether the backing array holds exactly rows x cols values. */
    boolean exact() { return values.length == (long) rows * cols; }

    @Override public float get(int row, int col) { return values[row * cols + col]; }

    @Override public void copyRow(int row, float[] dst, int offset) {
        System.arraycopy(values, row * cols, dst, offset, cols);
    }

    /** Keeps the given columns (ascending), compacting every row in place; the returned matrix shares the array. */
    DenseMatrix keepColumns(int[] kept) {
        int w = kept.length;
        for (int r = 0; r < rows; r++) {
            int from = r * cols, to = r * w;
            for (int j = 0; j < w; j++) values[to + j] = values[from + kept[j]];   // to + j <= from + kept[j]: no overwrite ahead
        }
        return new DenseMatrix(rows, w, values);
    }
}
