package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data matrix of {@code rows} samples by {@code cols} features, float32, row-major, with feature
 * names, sample ids and optional class labels. Immutable by convention: {@link #values()} returns
 * the backing array without copying, for speed; callers must not write to it.
 */
public final class Dataset {
    private final String name;
    private final int rows;
    private final int cols;
    private final float[] values;
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
        this.name = Objects.requireNonNull(name);
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        if ((long) rows * cols != values.length)
            throw new IllegalArgumentException("values has " + values.length + " entries, expected " + rows + " x " + cols);
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
        this.values = values;
        this.featureNames = List.copyOf(featureNames);
        this.sampleIds = List.copyOf(sampleIds);
        this.labels = labels;
        this.imageShape = imageShape;
        this.notes = List.copyOf(notes);
    }

    public String name() { return name; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /** Row-major backing array (not a copy). */
    public float[] values() { return values; }
    public float get(int row, int col) { return values[row * cols + col]; }
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
        return new Dataset(name, rows, cols, values, featureNames, sampleIds, labels, imageShape, newNotes).carry(geneNames);
    }

    /** Each feature's gene id and symbol when the file has both, else null. */
    public GeneNames geneNames() { return geneNames; }

    /** The same data with these gene ids and symbols (null for none). */
    public Dataset withGeneNames(GeneNames genes) {
        if (genes != null && genes.ids().size() != cols)
            throw new IllegalArgumentException(genes.ids().size() + " gene ids for " + cols + " columns");
        return new Dataset(name, rows, cols, values, featureNames, sampleIds, labels, imageShape, notes).carry(genes);
    }

    private Dataset carry(GeneNames genes) {
        this.geneNames = genes;
        return this;
    }

    /** The same data with other labels (null for none). */
    public Dataset withLabels(String[] newLabels) {
        return new Dataset(name, rows, cols, values, featureNames, sampleIds, newLabels, imageShape, notes).carry(geneNames);
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

    /** A new dataset holding the given rows, in the given order. */
    public Dataset selectRows(int[] rowIndices) {
        float[] out = new float[rowIndices.length * cols];
        List<String> ids = new ArrayList<>(rowIndices.length);
        String[] lab = labels == null ? null : new String[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            System.arraycopy(values, r * cols, out, i * cols, cols);
            ids.add(sampleIds.get(r));
            if (lab != null) lab[i] = labels[r];
        }
        return new Dataset(name, rowIndices.length, cols, out, featureNames, ids, lab, imageShape, notes).carry(geneNames);
    }

    /** A new dataset holding the given columns, in the given order (no longer an image). */
    public Dataset selectColumns(int[] colIndices) {
        float[] out = new float[rows * colIndices.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int o = r * colIndices.length;
            for (int j = 0; j < colIndices.length; j++) out[o + j] = values[base + colIndices[j]];
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

    @Override public String toString() {
        return name + " (" + rows + " x " + cols + (labels != null ? ", labelled" : "") + ")";
    }
}
