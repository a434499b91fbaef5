package org.caeworkbench.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV or TSV table with a header row, streaming: one line at a time into a growing float
 * array. Samples are rows, unless {@link ReadOptions#transpose()} says features are rows.
 */
final class DelimitedReader {
    /** Header names of a first column that holds sample ids rather than a feature. */
    private static final Set<String> ID_NAMES = Set.of("", "id", "ids", "sample_id", "sampleid", "sample id",
            "sample", "samples", "sample_name", "name", "names", "rownames");
    /** Names that mark the label column (or row) when none is named. */
    private static final Set<String> LABEL_NAMES = Set.of("label", "class");
    private static final int ID_COLUMN = -1;
    private static final int LABEL_COLUMN = -2;

    private final String file;
    private final LineSource lines;
    private final ReadOptions opts;
    private final Fields fields = new Fields();
    private final NumberParser numbers = new NumberParser();
    private char delimiter;
    private long headerLine;

    private DelimitedReader(String file, LineSource lines, char delimiter, ReadOptions opts) {
        this.file = file;
        this.lines = lines;
        this.delimiter = delimiter;
        this.opts = opts;
    }

    /** @param delimiter ',' or '\t', or 0 to choose by counting both in the header line */
    static Dataset read(String file, LineSource lines, char delimiter, ReadOptions opts) throws IOException, DataException {
        return new DelimitedReader(file, lines, delimiter, opts).read();
    }

    private Dataset read() throws IOException, DataException {
        if (!nextNonBlank()) throw new DataException(file + " is empty");
        if (delimiter == 0) delimiter = sniffDelimiter();
        splitLine();
        List<String> header = new ArrayList<>(fields.count());
        for (int i = 0; i < fields.count(); i++) header.add(fields.text(i));
        if (header.size() == 1) checkSingleColumnHeader();
        headerLine = lines.lineNumber();
        if (!nextNonBlank()) {
            throw new DataException(file + " has only a header row (line " + headerLine + ") and no data rows");
        }
        splitLine();
        // R's write.table leaves out the corner cell: the header is one field short of the rows
        if (fields.count() == header.size() + 1) header.add(0, "");
        return opts.transpose() ? readFeatureRows(header) : readSampleRows(header);
    }

    // ---- samples as rows (the usual layout) ----

    private Dataset readSampleRows(List<String> header) throws IOException, DataException {
        int width = header.size();
        int labelCol = findLabelColumn(header);
        int idCol = -1;
        if (labelCol != 0 && width > 1 && (ID_NAMES.contains(lower(header.get(0))) || firstValueIsText())) idCol = 0;

        int[] role = new int[width];   // feature index, or ID_COLUMN / LABEL_COLUMN
        List<String> names = new ArrayList<>(width);
        Map<String, Integer> columnOfName = new HashMap<>();
        for (int c = 0; c < width; c++) {
            if (c == idCol) { role[c] = ID_COLUMN; continue; }
            if (c == labelCol) { role[c] = LABEL_COLUMN; continue; }
            String name = header.get(c).isEmpty() ? "column_" + (c + 1) : header.get(c);
            Integer before = columnOfName.putIfAbsent(name, c);
            if (before != null) {
                throw DataException.atLine(file, headerLine, "the feature name '" + name + "' appears twice, in columns "
                        + (before + 1) + " and " + (c + 1) + "; feature names must be unique");
            }
            role[c] = names.size();
            names.add(name);
        }
        int d = names.size();
        if (d == 0) throw new DataException(file + " has no feature columns, only " + String.join(", ", header));

        FloatArrayBuilder values = new FloatArrayBuilder((int) Math.min((long) d * 1024, 1 << 24));
        List<String> ids = new ArrayList<>();
        List<String> labels = labelCol >= 0 ? new ArrayList<>() : null;
        boolean missingAllowed = opts.impute() == Imputation.MEAN;
        do {
            if (!ids.isEmpty()) splitLine();   // the first data row was split already
            if (fields.count() != width) throw ragged(width);
            float[] buf = values.reserve(d);
            if (buf == null) throw tooLarge(ids.size(), d);
            int base = values.size();
            char[] chars = fields.chars();
            for (int c = 0; c < width; c++) {
                int r = role[c];
                if (r >= 0) {
                    int status = numbers.parse(chars, fields.start(c), fields.end(c));
                    if (status == NumberParser.NUMBER) buf[base + r] = numbers.value;
                    else if (status == NumberParser.MISSING && missingAllowed) buf[base + r] = Float.NaN;
                    else throw badValue(status, header.get(c), c);
                } else if (r == LABEL_COLUMN) {
                    labels.add(label(c, header.get(c)));
                }
            }
            values.advance(d);
            ids.add(idCol >= 0 ? fields.text(idCol) : Integer.toString(ids.size() + 1));
        } while (nextNonBlank());

        String[] labelArray = labels == null ? null : labels.toArray(new String[0]);
        return new Dataset(file, ids.size(), d, values.toArray(), names, ids, labelArray, PixelNames.detect(names));
    }

    /** True when the first field of the (already split) first data row is text, so column 1 holds ids. */
    private boolean firstValueIsText() {
        return fields.count() > 0 && numbers.parse(fields.chars(), fields.start(0), fields.end(0)) == NumberParser.TEXT;
    }

    private int findLabelColumn(List<String> header) throws DataException {
        String wanted = opts.labelColumn();
        if (wanted == null) {
            for (int c = 0; c < header.size(); c++) if (LABEL_NAMES.contains(lower(header.get(c)))) return c;
            return -1;
        }
        int exact = header.indexOf(wanted);
        if (exact >= 0) return exact;
        int found = -1;
        for (int c = 0; c < header.size(); c++) {
            if (!header.get(c).equalsIgnoreCase(wanted)) continue;
            if (found >= 0) {
                throw new DataException(file + " has several columns named '" + wanted + "' in different cases ('"
                        + header.get(found) + "', '" + header.get(c) + "'); give the label column's exact name");
            }
            found = c;
        }
        if (found >= 0) return found;
        throw new DataException(file + " has no column named '" + wanted + "'; its columns include " + preview(header));
    }

    // ---- features as rows (transposed: most gene tables) ----

    private Dataset readFeatureRows(List<String> header) throws IOException, DataException {
        int width = header.size();
        int n = width - 1;
        if (n == 0) throw new DataException(file + " has no sample columns: with --transpose the header row must list the sample ids after the first field");
        List<String> ids = new ArrayList<>(header.subList(1, width));
        for (int j = 0; j < n; j++) if (ids.get(j).isEmpty()) ids.set(j, Integer.toString(j + 1));

        FloatArrayBuilder values = new FloatArrayBuilder((int) Math.min((long) n * 1024, 1 << 24));
        List<String> names = new ArrayList<>();
        Map<String, Long> lineOfName = new HashMap<>();
        String[] labels = null;
        boolean missingAllowed = opts.impute() == Imputation.MEAN;
        boolean first = true;
        do {
            if (!first) splitLine();
            first = false;
            if (fields.count() != width) throw ragged(width);
            String name = fields.text(0);
            if (isLabelRow(name)) {
                if (labels != null) throw DataException.atLine(file, lines.lineNumber(), "a second label row '" + name + "'");
                labels = new String[n];
                for (int j = 0; j < n; j++) labels[j] = label(j + 1, ids.get(j));
                continue;
            }
            if (name.isEmpty()) name = "row_" + lines.lineNumber();
            Long before = lineOfName.putIfAbsent(name, lines.lineNumber());
            if (before != null) {
                throw DataException.atLine(file, lines.lineNumber(), "the feature name '" + name
                        + "' appears twice, on lines " + before + " and " + lines.lineNumber() + "; feature names must be unique");
            }
            float[] buf = values.reserve(n);
            if (buf == null) throw tooLarge(n, names.size());   // samples x features
            int base = values.size();
            char[] chars = fields.chars();
            for (int j = 0; j < n; j++) {
                int c = j + 1;
                int status = numbers.parse(chars, fields.start(c), fields.end(c));
                if (status == NumberParser.NUMBER) buf[base + j] = numbers.value;
                else if (status == NumberParser.MISSING && missingAllowed) buf[base + j] = Float.NaN;
                else throw badValue(status, header.get(c), c);
            }
            values.advance(n);
            names.add(name);
        } while (nextNonBlank());

        if (opts.labelColumn() != null && labels == null) {
            throw new DataException(file + " has no row named '" + opts.labelColumn() + "' in its first column; its rows include " + preview(names));
        }
        int d = names.size();
        if (d == 0) throw new DataException(file + " has no feature rows, only a header and a label row");
        float[] samplesByFeatures = transpose(values.toArray(), d, n);
        return new Dataset(file, n, d, samplesByFeatures, names, ids, labels, PixelNames.detect(names));
    }

    private boolean isLabelRow(String name) {
        String wanted = opts.labelColumn();
        return wanted == null ? LABEL_NAMES.contains(lower(name)) : name.equalsIgnoreCase(wanted);
    }

    /** rows × cols to cols × rows, in cache-sized blocks. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        final int block = 64;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++) t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    // ---- lines, fields and messages ----

    private boolean nextNonBlank() throws IOException, DataException {
        while (lines.next()) if (!lines.isBlank()) return true;
        return false;
    }

    private void splitLine() throws DataException {
        if (!fields.split(lines.chars(), lines.start(), lines.end(), delimiter)) {
            throw DataException.atLine(file, lines.lineNumber(), fields.error());
        }
    }

    /** Tab-separated when the header line has more tabs than commas. */
    private char sniffDelimiter() {
        int tabs = 0;
        int commas = 0;
        char[] c = lines.chars();
        for (int i = lines.start(); i < lines.end(); i++) {
            if (c[i] == '\t') tabs++;
            else if (c[i] == ',') commas++;
        }
        return tabs > commas ? '\t' : ',';
    }

    /**
     * A one-field header that holds another separator means the wrong format was forced, or a
     * semicolon-separated file (as spreadsheets write in countries with decimal commas).
     */
    private void checkSingleColumnHeader() throws DataException {
        char other = delimiter == ',' ? '\t' : ',';
        boolean semicolons = false;
        char[] c = lines.chars();
        for (int i = lines.start(); i < lines.end(); i++) {
            if (c[i] == other) {
                throw DataException.atLine(file, lines.lineNumber(), "the header has no " + describe(delimiter)
                        + " but has " + describe(other) + "; use --format " + (other == ',' ? "csv" : "tsv") + " or auto");
            }
            semicolons |= c[i] == ';';
        }
        if (semicolons) {
            throw DataException.atLine(file, lines.lineNumber(), "the header is separated by semicolons; save the table"
                    + " with commas or tabs as separators and dots as decimal points");
        }
    }

    private String label(int column, String columnName) throws DataException {
        String label = fields.text(column);
        if (label.isEmpty() || label.equalsIgnoreCase("NA")) {
            throw DataException.at(file, lines.lineNumber(), columnName, column + 1, "missing label; fill it in or remove the row");
        }
        return label;
    }

    private DataException ragged(int expected) {
        return DataException.atLine(file, lines.lineNumber(), "expected " + expected + (expected == 1 ? " field" : " fields")
                + " as in the header, found " + fields.count());
    }

    private DataException badValue(int status, String columnName, int column) {
        String shown = shorten(fields.text(column));
        String problem;
        if (status == NumberParser.MISSING) {
            problem = "missing value; use --impute mean to fill missing values with the training mean";
        } else if (status == NumberParser.NON_FINITE) {
            problem = "'" + shown + "' is not a finite number; only finite numbers and missing values are allowed";
        } else {
            problem = "'" + shown + "' is not a number; " + textHint();
        }
        return DataException.at(file, lines.lineNumber(), shorten(columnName), column + 1, problem);
    }

    private String textHint() {
        if (!opts.transpose()) {
            return "only the sample id column and the label column may hold text, use --label-column if this column holds the classes";
        }
        if (opts.labelColumn() != null) {
            return "in a transposed table only the label row may hold text, and the label row is named '" + opts.labelColumn() + "'";
        }
        return "in a transposed table only the label row may hold text, use --label-column to name it";
    }

    private DataException tooLarge(int rows, int cols) {
        return new DataException(file + " is too large: more than " + rows + " x " + cols
                + " values do not fit in one matrix (the limit is about 2.1 billion values)");
    }

    private static String describe(char delimiter) {
        return delimiter == '\t' ? "tabs" : delimiter == ',' ? "commas" : "'" + delimiter + "'";
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** The first and last few names (label columns are often last), for a message that says what is there. */
    static String preview(List<String> names) {
        if (names.size() <= 7) return quoted(names);
        return quoted(names.subList(0, 4)) + ", ..., " + quoted(names.subList(names.size() - 2, names.size()))
                + " (" + names.size() + " in all)";
    }

    private static String quoted(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            if (sb.length() > 0) sb.append(", ");
            sb.append('\'').append(shorten(name)).append('\'');
        }
        return sb.toString();
    }
}
