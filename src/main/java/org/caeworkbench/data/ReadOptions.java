package org.caeworkbench.data;

import java.nio.file.Path;

/**
 * How to read a data file.
 *
 * @param format      AUTO, or the format to force
 * @param labelColumn name of the label column (a row when transposed); null = automatic: a column named
 *                    {@code label} or {@code class} (any case), otherwise no labels
 * @param transpose   the file has features as rows and samples as columns (most gene tables)
 * @param impute      NONE refuses missing values; MEAN reads them as NaN to be filled after the split
 * @param labelsFile  IDX only: the labels file; null = derived from the images file name if it exists
 */
public record ReadOptions(Format format, String labelColumn, boolean transpose, Imputation impute, Path labelsFile) {

    public ReadOptions {
        if (format == null) format = Format.AUTO;
        if (impute == null) impute = Imputation.NONE;
        if (labelColumn != null && labelColumn.isBlank()) labelColumn = null;
    }

    public static ReadOptions defaults() {
        return new ReadOptions(Format.AUTO, null, false, Imputation.NONE, null);
    }

    public ReadOptions withFormat(Format f) { return new ReadOptions(f, labelColumn, transpose, impute, labelsFile); }
    public ReadOptions withLabelColumn(String c) { return new ReadOptions(format, c, transpose, impute, labelsFile); }
    public ReadOptions withTranspose(boolean t) { return new ReadOptions(format, labelColumn, t, impute, labelsFile); }
    public ReadOptions withImpute(Imputation i) { return new ReadOptions(format, labelColumn, transpose, i, labelsFile); }
    public ReadOptions withLabelsFile(Path p) { return new ReadOptions(format, labelColumn, transpose, impute, p); }
}
