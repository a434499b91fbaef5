package org.caeworkbench.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.caeworkbench.data.Dataset;

/**
 * The metrics' one way of reading a data matrix: a run of consecutive rows at a time, dense and
 * row-major, optionally of a subset of the rows. The metrics never ask for the whole matrix at once,
 * so their memory is that of one chunk (rows × features) plus their own results; a sparse or on-disk
 * matrix needs only another {@link #read} here (densifying one chunk into the scratch array) for every
 * metric to work on it. Not thread-safe: one reader per pass, the work on a chunk may be parallel.
 */
final class RowChunks {
    /** Values of one chunk held at most (floats, 16 MiB): rows per chunk = this / features, at least 1. */
    static final int CHUNK_VALUES = 1 << 22;
    /** Seed of the row subsets: a metric measured twice on the same data uses the same rows. */
    static final long SUBSET_SEED = 0x5EEDL;

    private final float[] values;   // row-major, all rows of the source; null when the rows are read from {@code source}
    private final Dataset source;   // a row view or a sparse matrix, read a row at a time; null with values
    private final int sourceRows;
    private final int cols;
    private final int[] subset;     // rows of the source in use, ascending; null: all
    private final int chunkRows;
    private float[] scratch;        // a gathered chunk of a subset

    /** Rows of the chunk asked for, row-major in {@code values} from {@code offset}. */
    record Chunk(float[] values, int offset) {}

    RowChunks(Dataset data) {
        this(data, defaultChunkRows(data.cols()));
    }

    /** A dense matrix's own array is read in place; a row view or a sparse matrix a chunk of rows at a time. */
    RowChunks(Dataset data, int chunkRows) {
        this(data.isPlainDense() ? data.values() : null, data.isPlainDense() ? null : data, data.rows(), data.cols(), null, chunkRows);
    }

    /** A raw row-major matrix. */
    RowChunks(float[] values, int rows, int cols, int chunkRows) {
        this(values, null, rows, cols, null, chunkRows);
    }

    private RowChunks(float[] values, Dataset source, int rows, int cols, int[] subset, int chunkRows) {
        if (chunkRows < 1) throw new IllegalArgumentException("a chunk needs at least 1 row, got " + chunkRows);
        if (rows < 0 || cols < 0 || (values != null && (long) rows * cols != values.length))
            throw new IllegalArgumentException("the matrix has " + values.length + " values, expected " + rows + " x " + cols);
        this.values = values;
        this.source = source;
        this.sourceRows = rows;
        this.cols = cols;
        this.subset = subset;
        this.chunkRows = chunkRows;
    }

    /** Rows a chunk holds: {@link #CHUNK_VALUES} values, or an eighth of the memory left when that is less (a small heap). */
    static int defaultChunkRows(int cols) {
        Runtime rt = Runtime.getRuntime();
        long left = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long values = Math.max(1L << 16, Math.min(CHUNK_VALUES, left / 8 / Float.BYTES));
        return (int) Math.max(1, values / Math.max(1, cols));
    }

    /** Rows in use (the subset's size, else all). */
    int rows() { return subset == null ? sourceRows : subset.length; }
    /** Rows of the whole matrix. */
    int sourceRows() { return sourceRows; }
    int cols() { return cols; }
    int chunkRows() { return chunkRows; }
    boolean isSubset() { return subset != null; }

    /**
     * At most {@code maxRows} of these rows: all of them when they are that many or fewer, else a random
     * subset of that size (seeded with {@link #SUBSET_SEED}, kept in the original order).
     */
    RowChunks atMost(int maxRows) {
        if (subset != null) throw new IllegalStateException("already a subset");
        if (maxRows >= sourceRows) return this;
        int[] all = new int[sourceRows];
        for (int i = 0; i < all.length; i++) all[i] = i;
        SplittableRandom random = new SplittableRandom(SUBSET_SEED);
        for (int i = 0; i < maxRows; i++) {              // partial Fisher–Yates: the first maxRows are the draw
            int j = i + random.nextInt(sourceRows - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] pick = Arrays.copyOf(all, Math.max(0, maxRows));
        Arrays.sort(pick);
        return new RowChunks(values, source, sourceRows, cols, pick, chunkRows);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of those in use, at most {@link #chunkRows()}
     * of them, row-major. All rows of a dense matrix: its own array (no copy), at the offset of row
     * {@code from}; a subset, a row view or a sparse matrix: gathered (densified) into a scratch array of one chunk.
     */
    Chunk read(int from, int to) {
        if (from < 0 || to > rows() || to < from || to - from > chunkRows)
            throw new IllegalArgumentException("rows " + from + ".." + to + " of " + rows() + " in chunks of " + chunkRows);
        if (subset == null && values != null) return new Chunk(values, from * cols);
        if (scratch == null) scratch = new float[Math.min(chunkRows, rows()) * cols];
        for (int r = from; r < to; r++) {
            int row = subset == null ? r : subset[r];
            if (values != null) System.arraycopy(values, row * cols, scratch, (r - from) * cols, cols);
            else source.copyRow(row, scratch, (r - from) * cols);
        }
        return new Chunk(scratch, 0);
    }

    /** The selected columns of all rows in use, row-major (rows × selected.length). */
    float[] selectedColumns(int[] selected) {
        int k = selected.length;
        for (int s : selected)
            if (s < 0 || s >= cols) throw new IllegalArgumentException("selected column " + s + " is outside 0.." + (cols - 1));
        float[] out = new float[rows() * k];
        for (int start = 0; start < rows(); start += chunkRows) {
            int end = Math.min(rows(), start + chunkRows);
            Chunk c = read(start, end);
            for (int r = start; r < end; r++) {
                int base = c.offset() + (r - start) * cols;
                int o = r * k;
                for (int j = 0; j < k; j++) out[o + j] = c.values()[base + selected[j]];
            }
        }
        return out;
    }
}
