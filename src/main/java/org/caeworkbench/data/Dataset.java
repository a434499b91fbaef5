package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data matrix of {@code rows} samples by {@code cols} features, float32, with feature names, sample
 * ids and optional class labels. The values live in a {@link Matrix} (dense row-major or sparse CSR);
 * a dataset may be a <em>view</em> of some rows of it ({@link #selectRows}: the split's training and
 * test parts share the one matrix as read). Read rows with {@link #copyRow}/{@link #copyRows} or
 * {@link #forEachRow}; {@link #values()} is the dense row-major array, without copying only for a
 * dense dataset that is not a view (otherwise a new dense copy: see {@link #isPlainDense()}).
 * Immutable by convention: callers must not write to arrays they get.
 */
public final class Dataset {
    private final String name;
    private final int rows;
    private final int cols;
    private final Matrix matrix;
    private final int[] rowIndex;           // row i is matrix row rowIndex[i]; null: the matrix's rows in order
    private final List<String> featureNames;
    private final List<String> sampleIds;
    private final String[] labels;          // null when the data has no labels
    private final ImageShape imageShape;    // null unless each row is an image
    private final List<String> notes;       // what the reader decided on the user's behalf
    private GeneNames geneNames;            // null unless the file names genes by id and by symbol; set once, by withGeneNames

    /**
     * The two names of each gene, when the file has both: its stable id (Ensembl, ENSG.../ENSMUSG...)
     * and its symbol (10x features.tsv's columns 1 and 2; an h5ad var index of ids beside a
     * {@code gene_symbols} or {@code feature_name} column). Parallel to {@link #featureNames()}, which
     * holds one of them (or a symbol made unique). Exports write both; the window and report show the
     * symbol.
     */
    public record GeneNames(List<String> ids, List<String> symbols) {
        public GeneNames {
            ids = List.copyOf(ids);
            symbols = List.copyOf(symbols);
            if (ids.size() != symbols.size()) throw new IllegalArgumentException(ids.size() + " gene ids but " + symbols.size() + " symbols");
        }

        /** Those of the given features, in the given order. */
        public GeneNames select(int[] features) {
            List<String> i = new ArrayList<>(features.length);
            List<String> s = new ArrayList<>(features.length);
            for (int f : features) {
                i.add(ids.get(f));
                s.add(symbols.get(f));
            }
            return new GeneNames(i, s);
        }

        /** Whether a name looks like an Ensembl gene id (ENSG00000141510, ENSMUSG..., with or without a version). */
        public static boolean looksLikeEnsembl(String name) {
            return name != null && ENSEMBL.matcher(name).matches();
        }

        private static final java.util.regex.Pattern ENSEMBL = java.util.regex.Pattern.compile("ENS[A-Z]*G\\d{6,}(\\.\\d+)?");

        /**
         * Ids and symbols when most ids look like Ensembl ids and the symbols are not the ids again; else
         * null (nothing worth carrying).
         */
        public static GeneNames ifEnsembl(List<String> ids, List<String> symbols) {
            if (ids == null || symbols == null || ids.size() != symbols.size() || ids.isEmpty()) return null;
            int ensembl = 0;
            int different = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (looksLikeEnsembl(ids.get(i))) ensembl++;
                if (!ids.get(i).equals(symbols.get(i))) different++;
            }
            return ensembl * 2 > ids.size() && different > 0 ? new GeneNames(ids, symbols) : null;
        }
    }

    /** Width and height of an image whose pixels are the features, row-major. */
    public record ImageShape(int height, int width) {
        public ImageShape {
            if (height <= 0 || width <= 0) throw new IllegalArgumentException("image shape must be positive");
        }
    }

    public Dataset(String name, int rows, int cols, float[] values, List<String> featureNames,
                   List<String> sampleIds, String[] labels, ImageShape imageShape) {
        this(name, rows, cols, values, featureNames, sampleIds, labels, imageShape, List.of());
    }

    /** @param notes sentences about decisions the reader took (orientation guessed, names made unique, ...) */
    public Dataset(String name, int rows, int cols, float[] values, List<String> featureNames,
                   List<String> sampleIds, String[] labels, ImageShape imageShape, List<String> notes) {
        this(name, exactDense(rows, cols, values), null, featureNames, sampleIds, labels, imageShape, notes);
    }

    private static Matrix exactDense(int rows, int cols, float[] values) {
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        if ((long) rows * cols != values.length)
            throw new IllegalArgumentException("values has " + values.length + " entries, expected " + rows + " x " + cols);
        return new DenseMatrix(rows, cols, values);
    }

    /** A dataset over a matrix (dense or sparse), all its rows in order. */
    public Dataset(String name, Matrix matrix, List<String> featureNames, List<String> sampleIds, String[] labels,
                   ImageShape imageShape, List<String> notes) {
        this(name, matrix, null, featureNames, sampleIds, labels, imageShape, notes);
    }

    /** @param rowIndex the matrix's row of each row (a view); null: all of them, in order */
    Dataset(String name, Matrix matrix, int[] rowIndex, List<String> featureNames,
            List<String> sampleIds, String[] labels, ImageShape imageShape, List<String> notes) {
        this.name = Objects.requireNonNull(name);
        int rows = rowIndex == null ? matrix.rows() : rowIndex.length;
        int cols = matrix.cols();
        if (featureNames.size() != cols)
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + cols + " columns");
        if (sampleIds.size() != rows)
            throw new IllegalArgumentException(sampleIds.size() + " sample ids for " + rows + " rows");
        if (labels != null && labels.length != rows)
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        if (imageShape != null && (long) imageShape.height() * imageShape.width() != cols)
            throw new IllegalArgumentException("image shape " + imageShape + " does not match " + cols + " columns");
        this.rows = rows;
        this.cols = cols;
        this.matrix = matrix;
        this.rowIndex = rowIndex;
        this.featureNames = List.copyOf(featureNames);
        this.sampleIds = List.copyOf(sampleIds);
        this.labels = labels;
        this.imageShape = imageShape;
        this.notes = List.copyOf(notes);
    }

    public String name() { return name; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /**
     * The values, dense and row-major: the backing array (not a copy) when {@link #isPlainDense()}, else
     * a new dense copy of the rows (a sparse matrix densified, a view's rows gathered). Paths that must
     * not double the memory read rows instead ({@link #copyRows}, {@link #forEachRow}). A copy that does
     * not fit in the memory left is refused with one sentence ({@link IllegalArgumentException}, which the
     * front ends show as such) rather than an OutOfMemoryError halfway.
     */
    public float[] values() {
        if (isPlainDense()) return ((DenseMatrix) matrix).array();
        long bytes = 4L * rows * cols;
        if (bytes > FloatArrayBuilder.MAX_ARRAY * 4L || !MemoryBudget.fits(bytes)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: this step needs its %,d × %,d values as one"
                    + " dense matrix (%s), more than the memory Java may still use (%s free); training does not (it reads the rows"
                    + " where they are), so train without it, or give Java more memory (java -Xmx..., JAVA_TOOL_OPTIONS=-Xmx...)",
                    name, rows, cols, MemoryBudget.size(bytes), MemoryBudget.size(Math.max(0, MemoryBudget.available()))));
        }
        float[] out = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) copyRow(r, out, r * cols);
        return out;
    }

    /** Whether {@link #values()} is the backing array itself: dense, not a view, exactly rows x cols. */
    public boolean isPlainDense() {
        return rowIndex == null && matrix instanceof DenseMatrix dm && dm.exact();
    }

    /** Where the values live (shared with every view of the same rows; not a copy). */
    public Matrix matrix() { return matrix; }

    /** Whether the values are kept sparse (CSR). */
    public boolean isSparse() { return matrix.isSparse(); }

    /** The matrix row of row {@code row} (the same index unless this is a view). */
    public int matrixRow(int row) { return rowIndex == null ? row : rowIndex[row]; }

    public float get(int row, int col) { return matrix.get(matrixRow(row), col); }

    /** Writes row {@code row} densely into {@code dst[offset .. offset + cols)}. */
    public void copyRow(int row, float[] dst, int offset) { matrix.copyRow(matrixRow(row), dst, offset); }

    /** Writes rows {@code order[start .. start + count)} densely into {@code dst} from 0 (a minibatch). */
    public void copyRows(int[] order, int start, int count, float[] dst) {
        if (rowIndex == null) { matrix.copyRows(order, start, count, dst); return; }
        int[] mapped = new int[count];
        for (int i = 0; i < count; i++) mapped[i] = rowIndex[order[start + i]];
        matrix.copyRows(mapped, 0, count, dst);
    }

    /**
     * Calls {@code visitor} with each row in order, dense: a dense matrix's own array at the row's
     * offset (no copy), a sparse row densified into one reused buffer. The visitor must not write.
     */
    public void forEachRow(Matrix.RowVisitor visitor) {
        if (matrix instanceof DenseMatrix dm) {
            float[] a = dm.array();
            for (int r = 0; r < rows; r++) visitor.row(r, a, matrixRow(r) * cols);
            return;
        }
        float[] buf = new float[cols];
        for (int r = 0; r < rows; r++) {
            matrix.copyRow(matrixRow(r), buf, 0);
            visitor.row(r, buf, 0);
        }
    }
    public List<String> featureNames() { return featureNames; }
    public List<String> sampleIds() { return sampleIds; }
    public boolean hasLabels() { return labels != null; }
    /** The label of each row, or null when there are none. */
    public String[] labels() { return labels; }
    public ImageShape imageShape() { return imageShape; }
    public boolean isImage() { return imageShape != null; }
    /**
     * What the reader decided without being told, one sentence each (for example that it took the
     * file's rows as features); empty when it decided nothing worth saying.
     */
    public List<String> notes() { return notes; }

    /** The same data with these notes (replacing any). */
    public Dataset withNotes(List<String> newNotes) {
        return new Dataset(name, matrix, rowIndex, featureNames, sampleIds, labels, imageShape, newNotes).carry(geneNames);
    }

    /** Each feature's gene id and symbol when the file has both, else null. */
    public GeneNames geneNames() { return geneNames; }

    /** The same data with these gene ids and symbols (null for none). */
    public Dataset withGeneNames(GeneNames genes) {
        if (genes != null && genes.ids().size() != cols)
            throw new IllegalArgumentException(genes.ids().size() + " gene ids for " + cols + " columns");
        return new Dataset(name, matrix, rowIndex, featureNames, sampleIds, labels, imageShape, notes).carry(genes);
    }

    private Dataset carry(GeneNames genes) {
        this.geneNames = genes;
        return this;
    }

    /** The same data with other labels (null for none). */
    public Dataset withLabels(String[] newLabels) {
        return new Dataset(name, matrix, rowIndex, featureNames, sampleIds, newLabels, imageShape, notes).carry(geneNames);
    }

    /** Distinct labels in order of first appearance (empty when unlabelled). */
    public List<String> labelClasses() {
        if (labels == null) return List.of();
        return List.copyOf(new java.util.LinkedHashSet<>(Arrays.asList(labels)));
    }

    /** Count of each label, in order of first appearance. */
    public Map<String, Integer> labelCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (labels != null) for (String l : labels) counts.merge(l, 1, Integer::sum);
        return counts;
    }

    /**
     * The given rows, in the given order, as a view: the same matrix (no copy of the values), with its own
     * sample ids and labels.
     */
    public Dataset selectRows(int[] rowIndices) {
        int[] mapped = new int[rowIndices.length];
        List<String> ids = new ArrayList<>(rowIndices.length);
        String[] lab = labels == null ? null : new String[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            mapped[i] = matrixRow(r);
            ids.add(sampleIds.get(r));
            if (lab != null) lab[i] = labels[r];
        }
        return new Dataset(name, matrix, mapped, featureNames, ids, lab, imageShape, notes).carry(geneNames);
    }

    /** A new dense dataset holding the given columns, in the given order (no longer an image). */
    public Dataset selectColumns(int[] colIndices) {
        float[] out = new float[Math.multiplyExact(rows, colIndices.length)];
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            int o = r * colIndices.length;
            copyRow(r, row, 0);
            for (int j = 0; j < colIndices.length; j++) out[o + j] = row[colIndices[j]];
        }
        List<String> names = new ArrayList<>(colIndices.length);
        for (int c : colIndices) names.add(featureNames.get(c));
        return new Dataset(name, rows, colIndices.length, out, names, sampleIds, labels, null, notes)
                .carry(geneNames == null ? null : geneNames.select(colIndices));
    }

    /** The same samples and names with other values (same shape), e.g. after scaling. */
    public Dataset withValues(float[] newValues) {
        return new Dataset(name, rows, cols, newValues, featureNames, sampleIds, labels, imageShape, notes).carry(geneNames);
    }

    /**
     * The same rows over another matrix of the same row layout (the one matrix after preparation changed
     * it in place, e.g. dropped columns), with these feature names.
     */
    Dataset onMatrix(Matrix m, List<String> names, ImageShape shape) {
        return new Dataset(name, m, rowIndex, names, sampleIds, labels, shape, notes);
    }

    @Override public String toString() {
        return name + " (" + rows + " x " + cols + (labels != null ? ", labelled" : "") + ")";
    }
}
