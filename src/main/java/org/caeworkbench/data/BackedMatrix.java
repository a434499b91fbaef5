package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A matrix kept in its file (out of core, {@code --backed}): only the row pointers stay in memory, and
 * rows are read from the file a chunk of consecutive rows at a time (about {@link #CHUNK_VALUES} stored
 * values, 8 MiB for a sparse chunk), prepared as they arrive and kept in a small cache of the last few
 * chunks. The trainer visits the rows chunk by chunk ({@link #chunkRows()}, {@link #SHUFFLE_WINDOW}), so
 * each chunk is read once an epoch.
 *
 * <p>The file is only read. Preparation cannot change its values in place as it does for a matrix in
 * memory, so each in-place step (imputation, the transforms, the scaling: {@link MatrixRows}) and each
 * column selection is recorded here and applied, in the same order, to every chunk as it is read. The
 * result is the same values the in-memory matrix would hold after the same steps (a test checks it).
 *
 * <p>Thread-safe: the trainer and the window's background tasks may read rows at the same time.
 */
public final class BackedMatrix implements Matrix {
    /** Stored values a chunk holds, about (a sparse chunk takes 8 bytes a value). */
    static final long CHUNK_VALUES = 1L << 20;
    /**
     * Chunks whose rows one stretch of an epoch's order mixes: the trainer shuffles the chunks, takes
     * them this many at a time and shuffles the rows of each group, so that a minibatch holds cells
     * from several places in the file while each chunk is still read once an epoch.
     */
    public static final int SHUFFLE_WINDOW = 4;
    /** Chunks kept: a minibatch at the border of two groups needs the chunks of both (64 MiB of sparse chunks). */
    private static final int CACHED = 2 * SHUFFLE_WINDOW;

    /** Raw rows from the file. */
    interface Source {
        /** The file's name, for messages. */
        String name();
        /** Where the rows are read from, for the user: the file itself, or a temporary copy of it. */
        default String where() { return name(); }
        int rows();
        /** Columns in the file (before any selection). */
        int cols();
        boolean sparse();
        /** Values the file stores (non-zeros of a sparse matrix, all cells of a dense one). */
        long storedValues();
        /** Bytes of memory the source keeps (row pointers). */
        long bytes();
        /** Rows {@code first .. first + count) as read: a {@link CsrMatrix} or a {@link DenseMatrix} of the file's columns. */
        Matrix read(int first, int count) throws DataException;
        /** Files made for this source that go when it does (a 10x folder's copy in cell order); none for a file read in place. */
        default List<java.nio.file.Path> temporaryFiles() { return List.of(); }
    }

    /** The files made to read this matrix from (none when it is read from the user's file itself). */
    List<java.nio.file.Path> temporaryFiles() {
        return source.temporaryFiles();
    }

    private final Source source;
    private final int cols;
    private final int chunkRows;
    private final List<Object> steps;   // int[]: keep these columns (ascending); MatrixRows.NamedRow: change each row (by its row in the file)
    private final Map<Integer, Matrix> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long chunksRead;

    BackedMatrix(Source source) {
        this(source, source.cols(), chunkRowsFor(source), new ArrayList<>());
    }

    private BackedMatrix(Source source, int cols, int chunkRows, List<Object> steps) {
        this.source = source;
        this.cols = cols;
        this.chunkRows = chunkRows;
        this.steps = steps;
    }

    /**
     * Rows per chunk: about {@link #CHUNK_VALUES} stored values, at least 16 rows (the system property
     * {@code cae.backedChunkValues} sets another size: tests use small chunks, and a benchmark may try
     * others).
     */
    static int chunkRowsFor(Source s) {
        // the cache's chunks take at most a quarter of the memory left, so a small heap gets smaller chunks rather than
        // an OutOfMemoryError (a 160 MB heap: about 0.4 M values a chunk)
        long bytesPerValue = s.sparse() ? 8 : 4;
        long fitting = Math.max(4096, MemoryBudget.available() / 4 / CACHED / bytesPerValue);
        long values = Math.max(1, Long.getLong("cae.backedChunkValues", Math.min(CHUNK_VALUES, fitting)));
        double perRow = Math.max(1.0, s.storedValues() / (double) Math.max(1, s.rows()));
        long rows = (long) (values / perRow);
        return (int) Math.max(1, Math.min(s.rows(), Math.max(values < CHUNK_VALUES ? 1 : 16, rows)));
    }

    @Override public int rows() { return source.rows(); }
    @Override public int cols() { return cols; }
    @Override public boolean isSparse() { return source.sparse(); }
    @Override public long storedValues() { return source.storedValues(); }

    /** Bytes held in memory: the row pointers and the cached chunks (the values stay in the file). */
    @Override public synchronized long bytes() {
        long b = source.bytes();
        for (Matrix m : cache.values()) b += m.bytes();
        return b;
    }

    @Override public int chunkRows() { return chunkRows; }

    /** Chunks of {@link #chunkRows()} rows (the last may be shorter). */
    public int chunks() {
        return (rows() + chunkRows - 1) / chunkRows;
    }

    /** The file the rows are read from. */
    public String fileName() { return source.name(); }

    /** Chunks read from the file so far (a measure of how well the cache works). */
    public synchronized long chunksRead() { return chunksRead; }

    /** A sentence for the user: where the rows come from and how. */
    public String describe() {
        return String.format(Locale.ROOT, "the %,d × %,d matrix stays in %s on disk (out of core): rows are read in chunks of %,d,"
                + " about %s each, and an epoch visits the chunks in a shuffled order, mixing the rows of %d chunks at a time",
                rows(), cols, source.where(), chunkRows, MemoryBudget.size(Math.max(1, bytesPerChunk())), SHUFFLE_WINDOW);
    }

    /**
     * The reader's note: {@link #describe()}, and when the reader chose the disk by itself ({@code inMemory}
     * ≥ 0, the bytes the matrix would need in memory) why, and how to choose otherwise.
     */
    String readNote(long inMemory) {
        return describe() + (inMemory < 0 ? "" : String.format(Locale.ROOT, " (held in memory it would need about %s, more than Java may"
                + " use now; --in-memory to insist, --backed to choose this)", MemoryBudget.size(inMemory)));
    }

    /** A sentence for the start of training: how an epoch reads the file. */
    public String trainingNote() {
        int chunks = chunks();
        return String.format(Locale.ROOT, "Training out of core: each epoch reads the training cells from %s once, %,d %s of %,d"
                + " cells in a shuffled order, the cells of %d chunks mixed at a time.", source.where(), chunks, chunks == 1 ? "chunk" : "chunks",
                chunkRows, SHUFFLE_WINDOW);
    }

    private long bytesPerChunk() {
        double perRow = source.storedValues() / (double) Math.max(1, rows());
        return (long) (perRow * chunkRows * (source.sparse() ? 8 : 4));
    }

    /**
     * Chunk {@code index}: rows {@code index * chunkRows()} on, read and prepared (a {@link CsrMatrix} or a
     * {@link DenseMatrix} with this matrix's columns). Callers must not change it.
     */
    public synchronized Matrix chunk(int index) {
        Matrix m = cache.get(index);
        if (m != null) return m;
        int first = index * chunkRows;
        int count = Math.min(chunkRows, rows() - first);
        if (index < 0 || count <= 0) throw new IndexOutOfBoundsException("chunk " + index + " of " + chunks());
        try {
            m = prepare(source.read(first, count), first);
        } catch (DataException e) {
            throw new BackedReadException(e);
        }
        chunksRead++;
        cache.put(index, m);
        if (cache.size() > CACHED) {
            Integer eldest = cache.keySet().iterator().next();
            cache.remove(eldest);
        }
        return m;
    }

    private Matrix prepare(Matrix m, int first) throws DataException {
        for (Object step : steps) {
            if (step instanceof int[] kept) {
                m = m instanceof CsrMatrix c ? c.keepColumns(kept) : ((DenseMatrix) m).keepColumns(kept);
            } else {
                MatrixRows.NamedRow change = (MatrixRows.NamedRow) step;
                int w = m.cols();
                if (m instanceof CsrMatrix c) {
                    int[] start = c.rowStart();
                    for (int r = 0; r < c.rows(); r++) change.row(first + r, c.values(), start[r], start[r + 1], c.columns());
                } else {
                    float[] a = ((DenseMatrix) m).array();
                    for (int r = 0; r < m.rows(); r++) change.row(first + r, a, r * w, r * w + w, null);
                }
            }
        }
        return m;
    }

    /** Records an in-place step (given each row's index in the file), applied to every chunk from now on, after the steps before it. */
    synchronized void addStep(MatrixRows.NamedRow change) {
        steps.add(change);
        cache.clear();
    }

    /** The same file with only the given columns (ascending) kept; this matrix is left as it is. */
    synchronized BackedMatrix keepColumns(int[] kept) {
        List<Object> s = new ArrayList<>(steps);
        s.add(kept.clone());
        return new BackedMatrix(source, kept.length, chunkRows, s);
    }

    @Override public float get(int row, int col) {
        return chunk(row / chunkRows).get(row % chunkRows, col);
    }

    @Override public void copyRow(int row, float[] dst, int offset) {
        chunk(row / chunkRows).copyRow(row % chunkRows, dst, offset);
    }

    /** Reads the rows in the order of their chunks (each chunk once), writing each where it was asked for. */
    @Override public void copyRows(int[] order, int start, int count, float[] dst) {
        long[] byRow = new long[count];
        for (int i = 0; i < count; i++) byRow[i] = ((long) order[start + i] << 32) | i;
        java.util.Arrays.sort(byRow);
        for (long e : byRow) copyRow((int) (e >>> 32), dst, (int) e * cols);
    }

    /**
     * A read of the file that failed while training or measuring (the file changed or went away after it
     * was opened): unchecked, as the readers of a {@link Matrix} do not expect one, with the reader's
     * sentence as its message.
     */
    public static final class BackedReadException extends IllegalStateException {
        BackedReadException(DataException e) {
            super(e.getMessage(), e);
        }
    }
}
