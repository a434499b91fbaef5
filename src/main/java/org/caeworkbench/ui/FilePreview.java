package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.ReadOptions;

/**
 * The first samples and features of a file exactly as it will be read (the reader itself reads them,
 * with the same format, orientation, names and labels), for the live preview of the reader-options
 * dialog. Without the toolkit, so it runs on a background task and in tests.
 *
 * @param columns         column titles: "sample", "label" when there are labels, then the first features
 * @param rows            up to {@link #ROWS} samples of those columns, as text
 * @param labelCandidates the names a label column (row, obs column, annotation) can take
 * @param note            how the file is read (format, orientation) and what the reader decided
 * @param matrices        an .h5ad file's matrices as --layer names them (X, its layers, raw.X); empty for other formats
 */
public record FilePreview(List<String> columns, List<List<String>> rows, List<String> labelCandidates, String note, List<String> matrices) {

    public static final int ROWS = 10;
    public static final int COLS = 10;

    /** Reads the preview; a file that cannot be read fails with the reader's own sentence. */
    public static FilePreview read(Path file, ReadOptions options) throws DataException {
        ReadOptions opts = options.withProgress(null).withKeepTopVariable(0);
        DatasetReader.Preview p = DatasetReader.preview(file, opts, ROWS);
        Dataset d = p.head();
        List<String> columns = new ArrayList<>();
        columns.add("sample");
        if (d.hasLabels()) columns.add("label");
        int features = Math.min(COLS - columns.size(), d.cols());
        List<String> symbols = org.caeworkbench.data.FeatureNames.symbolsBesideIds(d.featureNames(), d.geneNames());   // genes named by id
        for (int c = 0; c < features; c++) columns.add(d.featureNames().get(c) + (symbols == null ? "" : " (" + symbols.get(c) + ")"));
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < d.rows(); r++) {
            List<String> row = new ArrayList<>();
            row.add(d.sampleIds().get(r));
            if (d.hasLabels()) row.add(d.labels()[r]);
            for (int c = 0; c < features; c++) row.add(number(d.get(r, c)));
            rows.add(row);
        }
        StringBuilder note = new StringBuilder(describe(p.format()));
        note.append(p.orientation() == Orientation.FEATURES_AS_ROWS
                ? "; one row per feature in the file, so each column is a sample (shown transposed)"
                : "; one row per sample");
        note.append(d.hasLabels() ? "; labelled" : "; no labels");
        note.append('.');
        for (String n : d.notes()) note.append('\n').append(n);
        return new FilePreview(columns, rows, p.labelChoices(), note.toString(), p.matrixChoices());
    }

    static String describe(Format f) {
        return switch (f) {
            case CSV -> "Delimited text (CSV)";   // commas, or what the notes below say (tabs, semicolons)
            case TSV -> "Tab-separated text (TSV)";
            case GCT -> "GCT expression table";
            case MTX -> "10x Genomics / Matrix Market matrix";
            case H5AD -> "HDF5: AnnData (.h5ad), MuData (.h5mu), 10x Genomics (.h5) or Loom (.loom)";
            case IDX -> "IDX images";
            case AUTO -> "Data file";
        };
    }

    private static String number(float v) {
        if (v != v) return "NA";
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.5g", v);
    }

    /** Splits one line at the delimiter, honouring double quotes; at most {@code max} cells. */
    static List<String> split(String line, char delimiter, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length() && out.size() < max; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cell.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.append(c);
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (out.size() < max) out.add(cell.toString().trim());
        return out;
    }
}
