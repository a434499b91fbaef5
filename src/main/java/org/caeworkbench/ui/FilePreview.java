package org.caeworkbench.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.caeworkbench.data.Format;

/**
 * The first rows and columns of a delimited file, read from its first lines only (for the live preview
 * of the reader-options dialog). Without the toolkit, so it runs on a background task and in tests.
 *
 * @param columns   column titles of the preview (the header, or the first column when transposed)
 * @param rows      up to maxRows rows of up to maxCols cells each (after transposing when asked)
 * @param labelCandidates the names a label column (a label row when transposed) can take
 * @param note      one line about the file (format, delimiter, or why there is no table)
 */
public record FilePreview(List<String> columns, List<List<String>> rows, List<String> labelCandidates, String note) {

    public static final int ROWS = 10;
    public static final int COLS = 10;
    private static final int LINES_FOR_LABELS = 400;

    /** Reads the preview; IDX files (binary) get a note and no table. */
    public static FilePreview read(Path file, Format format, boolean transpose) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean idx = format == Format.IDX || (format == Format.AUTO && (name.contains("-ubyte") || name.endsWith(".idx")
                || name.endsWith(".idx.gz")));
        if (idx) return new FilePreview(List.of(), List.of(), List.of(), "IDX images (binary): no preview; labels come from the matching labels file.");
        List<List<String>> lines = new ArrayList<>();
        char delimiter = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int wanted = transpose ? LINES_FOR_LABELS : ROWS + 1;
            while (lines.size() < wanted && (line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                if (delimiter == 0) delimiter = delimiter(format, name, line);
                // keep at most the first few cells (but all names of the first column when transposed)
                lines.add(split(line, delimiter, transpose && !lines.isEmpty() ? COLS + 1 : Integer.MAX_VALUE));
            }
        }
        if (lines.isEmpty()) return new FilePreview(List.of(), List.of(), List.of(), "The file is empty.");
        String how = delimiter == '\t' ? "tab-separated" : "comma-separated";
        if (!transpose) {
            List<String> header = lines.get(0);
            List<String> cols = header.subList(0, Math.min(COLS, header.size()));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.size() && rows.size() < ROWS; i++) {
                List<String> l = lines.get(i);
                rows.add(new ArrayList<>(l.subList(0, Math.min(COLS, l.size()))));
            }
            return new FilePreview(List.copyOf(cols), rows, List.copyOf(header), String.format(Locale.ROOT,
                    "%s, %d columns; rows are samples", how, header.size()));
        }
        // transposed: file rows are features, so preview columns are the first column's names
        List<String> header = lines.get(0);
        List<String> cols = new ArrayList<>();
        cols.add(header.isEmpty() ? "" : header.get(0));
        for (int i = 1; i < lines.size() && cols.size() < COLS; i++) cols.add(lines.get(i).isEmpty() ? "" : lines.get(i).get(0));
        List<List<String>> rows = new ArrayList<>();
        for (int c = 1; c < header.size() && rows.size() < ROWS; c++) {
            List<String> row = new ArrayList<>();
            row.add(header.get(c));
            for (int i = 1; i < lines.size() && row.size() < COLS; i++) row.add(c < lines.get(i).size() ? lines.get(i).get(c) : "");
            rows.add(row);
        }
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) if (!lines.get(i).isEmpty()) labels.add(lines.get(i).get(0));
        return new FilePreview(cols, rows, labels, String.format(Locale.ROOT,
                "%s, %d samples as columns; transposed so rows are samples", how, header.size() - 1));
    }

    private static char delimiter(Format format, String name, String firstLine) {
        if (format == Format.TSV) return '\t';
        if (format == Format.CSV) return ',';
        if (name.endsWith(".tsv") || name.endsWith(".tsv.gz") || name.endsWith(".tab")) return '\t';
        long tabs = firstLine.chars().filter(c -> c == '\t').count();
        long commas = firstLine.chars().filter(c -> c == ',').count();
        return tabs > commas ? '\t' : ',';
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
