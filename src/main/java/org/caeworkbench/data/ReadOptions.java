package org.caeworkbench.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to read a data file.
 *
 * @param format          AUTO, or the format to force
 * @param labelColumn     name of the label column (a row when features are rows; an {@code obs} column of
 *                        an .h5ad file); null = automatic: a column named {@code label} or {@code class}
 *                        (any case), otherwise no labels
 * @param orientation     AUTO guesses whether features are rows (gene tables) or columns; CSV and TSV only
 *                        (GCT and 10x always have features as rows, h5ad and IDX always samples as rows)
 * @param impute          NONE refuses missing values; MEAN reads them as NaN to be filled after the split
 * @param labelsFile      IDX: the labels file (null = derived from the images file name if it exists);
 *                        other formats: a sample annotation file ({@code sample_id,label} CSV/TSV, or a
 *                        GSEA .cls file) whose labels replace any in the data file
 * @param keepTopVariable 0 keeps every feature; N keeps the N features of highest variance, chosen while
 *                        reading, so that the dropped ones never take memory (for 10x and h5ad files
 *                        too large to hold whole)
 * @param progress        hears the progress of the read and its notes; not part of equality
 * @param backing         .h5ad only: hold X in memory, read it from the file in chunks ({@link BackedMatrix}),
 *                        or decide by whether it fits the heap (AUTO)
 * @param layer           .h5ad only: the matrix to read instead of X, a name in {@code layers} or {@link #RAW}
 *                        ({@code raw/X}, with {@code raw/var}'s genes); null (or "X") reads X
 * @param unlabelled      samples without a label: refuse the file (the default) or leave them out
 * @param textColumns     CSV/TSV: columns of text besides the ids and labels (judged by the first data row): refuse the
 *                        file (the default) or leave them out
 */
public record ReadOptions(Format format, String labelColumn, Orientation orientation, Imputation impute, Path labelsFile,
                          int keepTopVariable, ReadProgress progress, Backing backing, String layer, Unlabelled unlabelled,
                          TextColumns textColumns) {

    /** The layer that names an .h5ad file's raw matrix, as anndata spells it ({@code adata.raw.X}). */
    public static final String RAW = "raw.X";

    public ReadOptions {
        if (format == null) format = Format.AUTO;
        if (orientation == null) orientation = Orientation.AUTO;
        if (impute == null) impute = Imputation.NONE;
        if (labelColumn != null && labelColumn.isBlank()) labelColumn = null;
        if (keepTopVariable < 0) throw new IllegalArgumentException("the number of features to keep must be 0 (all) or positive, not " + keepTopVariable);
        if (progress == null) progress = ReadProgress.NONE;
        if (backing == null) backing = Backing.AUTO;
        if (layer != null && (layer.isBlank() || layer.trim().equals("X"))) layer = null;
        if (layer != null) layer = layer.trim();
        if (unlabelled == null) unlabelled = Unlabelled.REFUSE;
        if (textColumns == null) textColumns = TextColumns.REFUSE;
    }

    public ReadOptions(Format format, String labelColumn, Orientation orientation, Imputation impute, Path labelsFile,
                       int keepTopVariable, ReadProgress progress) {
        this(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, progress, Backing.AUTO, null, null, null);
    }

    /** As before orientations existed: {@code transpose} true means features are rows, false lets the reader guess. */
    public ReadOptions(Format format, String labelColumn, boolean transpose, Imputation impute, Path labelsFile) {
        this(format, labelColumn, transpose ? Orientation.FEATURES_AS_ROWS : Orientation.AUTO, impute, labelsFile, 0, null);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(Format.AUTO, null, Orientation.AUTO, Imputation.NONE, null, 0, null);
    }

    /** Whether {@code layer} names an AnnData's raw matrix: raw.X, or raw (a layer of that name comes first, the reader's rule). */
    public static boolean namesRaw(String layer) {
        return RAW.equals(layer) || "raw".equals(layer);
    }

    /** Whether samples without a label are left out (else the file is refused). */
    public boolean dropUnlabelled() { return unlabelled == Unlabelled.DROP; }

    /** Whether a table's text columns (besides ids and labels) are left out (else the file is refused). */
    public boolean dropTextColumns() { return textColumns == TextColumns.DROP; }

    /** True when the file is to be read with features as rows. */
    public boolean transpose() { return orientation == Orientation.FEATURES_AS_ROWS; }

    public ReadOptions withFormat(Format f) { return new ReadOptions(f, labelColumn, orientation, impute, labelsFile, keepTopVariable, progress, backing, layer, unlabelled, textColumns); }
    public ReadOptions withLabelColumn(String c) { return new ReadOptions(format, c, orientation, impute, labelsFile, keepTopVariable, progress, backing, layer, unlabelled, textColumns); }
    /** true: features are rows; false: let the reader guess (AUTO). */
    public ReadOptions withTranspose(boolean t) { return withOrientation(t ? Orientation.FEATURES_AS_ROWS : Orientation.AUTO); }
    public ReadOptions withOrientation(Orientation o) { return new ReadOptions(format, labelColumn, o, impute, labelsFile, keepTopVariable, progress, backing, layer, unlabelled, textColumns); }
    public ReadOptions withImpute(Imputation i) { return new ReadOptions(format, labelColumn, orientation, i, labelsFile, keepTopVariable, progress, backing, layer, unlabelled, textColumns); }
    public ReadOptions withLabelsFile(Path p) { return new ReadOptions(format, labelColumn, orientation, impute, p, keepTopVariable, progress, backing, layer, unlabelled, textColumns); }
    public ReadOptions withKeepTopVariable(int n) { return new ReadOptions(format, labelColumn, orientation, impute, labelsFile, n, progress, backing, layer, unlabelled, textColumns); }
    public ReadOptions withBacking(Backing b) { return new ReadOptions(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, progress, b, layer, unlabelled, textColumns); }
    public ReadOptions withLayer(String l) { return new ReadOptions(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, progress, backing, l, unlabelled, textColumns); }
    public ReadOptions withUnlabelled(Unlabelled u) { return new ReadOptions(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, progress, backing, layer, u, textColumns); }
    public ReadOptions withTextColumns(TextColumns t) { return new ReadOptions(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, progress, backing, layer, unlabelled, t); }
    public ReadOptions withProgress(ReadProgress p) { return new ReadOptions(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, p, backing, layer, unlabelled, textColumns); }

    /** Equal when they read a file the same way; the progress listener does not count. */
    @Override public boolean equals(Object o) {
        return o instanceof ReadOptions r && format == r.format && Objects.equals(labelColumn, r.labelColumn)
                && orientation == r.orientation && impute == r.impute && Objects.equals(labelsFile, r.labelsFile)
                && keepTopVariable == r.keepTopVariable && backing == r.backing && Objects.equals(layer, r.layer) && unlabelled == r.unlabelled
                && textColumns == r.textColumns;
    }

    @Override public int hashCode() {
        return Objects.hash(format, labelColumn, orientation, impute, labelsFile, keepTopVariable, backing, layer, unlabelled, textColumns);
    }

    @Override public String toString() {
        return "ReadOptions[format=" + format + ", labelColumn=" + labelColumn + ", orientation=" + orientation + ", impute="
                + impute + ", labelsFile=" + labelsFile + ", keepTopVariable=" + keepTopVariable + ", backing=" + backing + ", layer=" + layer + ", unlabelled=" + unlabelled
                + ", textColumns=" + textColumns + "]";
    }
}
