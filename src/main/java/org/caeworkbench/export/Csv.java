package org.caeworkbench.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.caeworkbench.data.Dataset;

/** CSV output: quoting where needed, and whole datasets (sample_id, features..., label). */
public final class Csv {
    private Csv() {}

    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Writes a dataset with a header, the sample ids first and the labels last (if any), atomically. */
    public static void writeDataset(Path file, Dataset data) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("sample_id");
            for (String n : data.featureNames()) w.write("," + quote(n));
            if (data.hasLabels()) w.write(",label");
            w.write('\n');
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < data.rows(); r++) {
                line.setLength(0);
                line.append(quote(data.sampleIds().get(r)));
                for (int c = 0; c < data.cols(); c++) line.append(',').append(format(data.get(r, c)));
                if (data.hasLabels()) line.append(',').append(quote(data.labels()[r]));
                line.append('\n');
                w.write(line.toString());
            }
            w.flush();
        });
    }

    /**
     * The reduced data: {@code raw} (the file's rows and features as read, before any filter) with only
     * the selected columns, each once, in the order given ({@link org.caeworkbench.core.SelectionResult#rankedFeatures()}: the
     * order of selected_features.csv). {@code features} holds the model's feature indices; {@code filter} (null when every feature was kept) maps them to the file's columns, and the
     * names are checked against {@code modelNames}, so a file changed since it was trained on is refused
     * instead of exported with other columns.
     */
    public static void writeReduced(Path file, Dataset raw, int[] features, java.util.List<String> modelNames,
                                    org.caeworkbench.data.FeatureFilter filter) throws IOException {
        int[] distinct = java.util.Arrays.stream(features).distinct().toArray();
        int[] columns = filter == null || filter.isIdentity() ? distinct : filter.originalColumns(distinct);
        for (int i = 0; i < columns.length; i++) {
            String expected = modelNames.get(distinct[i]);
            if (columns[i] >= raw.cols() || !raw.featureNames().get(columns[i]).equals(expected))
                throw new IOException(raw.name() + " no longer has the feature '" + expected + "' in column " + (columns[i] + 1)
                        + "; was the file changed since it was trained on? Nothing was written.");
        }
        writeDataset(file, raw.selectColumns(columns));
    }

    /** Shortest text that reads back as the same float; integers without ".0"; NaN as empty. */
    static String format(float v) {
        if (Float.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Integer.toString((int) v);
        return Float.toString(v);
    }

    /** A CSV file as rows of fields (RFC 4180 quoting), or null when it does not exist. */
    public static java.util.List<java.util.List<String>> read(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) return null;
        String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        java.util.List<String> row = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (any || field.length() > 0) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new java.util.ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

}
