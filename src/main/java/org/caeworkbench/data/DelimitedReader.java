package org.caeworkbench.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a CSV or TSV table with a header row, streaming: one line at a time into a growing float
 * array. Lines starting with {@code #} are comments. Samples are rows or features are rows as
 * {@link ReadOptions#orientation()} says; AUTO guesses from the header and the table's shape (see
 * {@link #guessOrientation}) and notes what it chose.
 */
final class DelimitedReader {
    /** Header names of a first column that holds sample ids rather than a feature. */
    private static final Set<String> ID_NAMES = Set.of("", "id", "ids", "sample_id", "sampleid", "sample id",
            "sample", "samples", "sample_name", "name", "names", "rownames");
    /** Names that mark the label column (or row) when none is named. */
    private static final Set<String> LABEL_NAMES = Set.of("label", "class");
    /** Header names of a first column that holds feature (gene, probe) names: the table has features as rows. */
    private static final Set<String> FEATURE_NAMES = Set.of("gene", "genes", "gene_id", "geneid", "gene id", "gene_name",
            "gene_symbol", "genesymbol", "gene symbol", "symbol", "hgnc_symbol", "probe", "probe_id", "probeid", "probeset",
            "probeset_id", "probe_set", "probe set", "id_ref", "ensembl", "ensembl_id", "ensembl_gene_id", "feature", "features",
            "feature_id", "transcript", "transcript_id", "protein", "protein_id", "accession", "entrez", "entrez_id", "entrezid");
    /** With names in the first column, this many more rows than columns means features are rows. */
    private static final int ROWS_PER_COLUMN = 10;
    private static final long MIN_FEATURE_ROWS = 500;
    /** A preview of a table with features as rows reads this many features. */
    static final int PREVIEW_FEATURE_ROWS = 400;
    private static final int ID_COLUMN = -1;
    private static final int LABEL_COLUMN = -2;
    /** The empty last column of a table whose every line ends in a separator (as some programs save them). */
    private static final int EMPTY_COLUMN = -3;
    /** A column of text left out (--text-columns drop). */
    private static final int TEXT_COLUMN = -4;

    private final String file;
    private final LineSource lines;
    private final ReadOptions opts;
    private final ReadContext ctx;
    private final long sizeEstimate;   // decompressed bytes of the file, about
    private boolean onFirstRow;        // reading the first data row (of samples, or of features for a transposed table)
    private final Fields fields = new Fields();
    private final NumberParser numbers = new NumberParser();
    private char delimiter;
    private long headerLine;
    private boolean featureRows;
    private java.util.function.IntFunction<String> shapeNote;   // the orientation note, given the number of feature rows

    private DelimitedReader(ReadContext ctx, LineSource lines, char delimiter, long sizeEstimate) {
        this.file = ctx.name;
        this.lines = lines;
        this.delimiter = delimiter;
        this.opts = ctx.opts;
        this.ctx = ctx;
        this.sizeEstimate = sizeEstimate;
    }

    /**
     * @param delimiter    ',' or '\t', or 0 to choose by counting both in the header line; with the format left to auto, a
     *                     header that is one field by it is read by the other one of the two if it holds that one, else
     *                     as semicolon-separated (numbers with a decimal comma) if it holds semicolons
     * @param sizeEstimate about how many bytes the (decompressed) file holds, for the orientation guess and
     *                     the memory check; 0 when unknown
     */
    static Dataset read(ReadContext ctx, LineSource lines, char delimiter, long sizeEstimate) throws IOException, DataException {
        return new DelimitedReader(ctx, lines, delimiter, sizeEstimate).read();
    }

    private Dataset read() throws IOException, DataException {
        String comment = null;       // the comment line just before the header, which may be the header itself
        long commentLine = 0;
        while (true) {
            if (!lines.next()) throw new DataException(file + (commentLine > 0 ? " holds only comment lines" : " is empty"));
            if (lines.isBlank()) continue;
            if (isComment()) {
                comment = new String(lines.chars(), lines.start() + 1, lines.end() - lines.start() - 1);
                commentLine = lines.lineNumber();
                continue;
            }
            break;
        }
        if (delimiter == 0) delimiter = sniffDelimiter();
        splitLine();
        if (fields.count() == 1 && opts.format() == Format.AUTO && lines.contains(delimiter == ',' ? '\t' : ',')) {
            // the extension said one separator, the header uses the other (a tab-separated table saved as .csv, say)
            char other = delimiter == ',' ? '\t' : ',';
            ctx.note(file + ": fields separated by " + describe(other) + ", not " + describe(delimiter) + " as its name suggests");
            delimiter = other;
            splitLine();
        }
        if (fields.count() == 1 && opts.format() == Format.AUTO && lines.contains(';')) {
            // a spreadsheet saved where the comma is the decimal mark: semicolons between fields
            delimiter = ';';
            numbers.decimalComma(true);
            ctx.note(file + ": fields separated by semicolons, as spreadsheets save tables where the comma is the decimal mark;"
                    + " numbers are read with a decimal comma or point");
            splitLine();
        }
        List<String> header = new ArrayList<>(fields.count());
        for (int i = 0; i < fields.count(); i++) header.add(fields.text(i));
        headerLine = lines.lineNumber();
        if (comment != null && header.size() >= 2 && restIsNumeric()) {
            // "#gene<TAB>s1<TAB>s2" then data: the header was written as a comment
            List<String> commented = splitText(comment);
            if (commented.size() == header.size() || commented.size() + 1 == header.size()) {
                ctx.note(file + ": line " + headerLine + " holds numbers, so the comment line " + commentLine
                        + " above it was taken as the header");
                headerLine = commentLine;
                return readTable(commented);
            }
        }
        if (header.size() == 1) checkSingleColumnHeader();
        if (!nextContent()) {
            throw new DataException(file + " has only a header row (line " + headerLine + ") and no data rows");
        }
        splitLine();
        return readTable(header);
    }

    /** The header is read and the current line, already split, is the first data row. */
    private Dataset readTable(List<String> header) throws IOException, DataException {
        // R's write.table leaves out the corner cell: the header is one field short of the rows
        if (fields.count() == header.size() + 1) header.add(0, "");
        featureRows = switch (opts.orientation()) {
            case FEATURES_AS_ROWS -> true;
            case SAMPLES_AS_ROWS -> false;
            case AUTO -> guessOrientation(header, lines.end() - lines.start() + 1);
        };
        ctx.featureRows(featureRows);
        if (!featureRows) ctx.labelChoices(header);
        return featureRows ? readFeatureRows(header) : readSampleRows(header);
    }

    /**
     * Features are rows when a label row is asked for by name, or the first column is headed like gene
     * or probe names, or the first column holds names and the file has far more rows than columns (an
     * expression table: thousands of genes, tens or hundreds of samples). Otherwise samples are rows.
     * Says which, and why, in a note.
     */
    private boolean guessOrientation(List<String> header, long rowLength) {
        String first = lower(header.get(0));
        String how = "; --transpose or --no-transpose (in the window: Orientation) decides otherwise";
        if (opts.labelColumn() != null && header.stream().anyMatch(h -> h.equalsIgnoreCase(opts.labelColumn()))) return false;
        if (header.stream().anyMatch(h -> LABEL_NAMES.contains(lower(h)))) return false;
        if (FEATURE_NAMES.contains(first)) {
            ctx.note(file + ": features taken as rows (one sample per column), since the first column is headed '"
                    + header.get(0) + "'" + how);
            return true;
        }
        if (!firstValueIsText() || header.size() < 2) return false;
        long rows = sizeEstimate > 0 ? sizeEstimate / Math.max(1, rowLength) : 0;
        int columns = header.size() - 1;
        if (rows >= MIN_FEATURE_ROWS && rows >= (long) ROWS_PER_COLUMN * columns) {
            // said once the rows are counted
            // (a preview reads only the first rows: it gives the estimate)
            shapeNote = features -> String.format(Locale.ROOT, "%s: features taken as rows (one sample per column), since the first"
                    + " column holds names and the file has %s%,d rows but only %,d columns, as expression tables do%s",
                    file, ctx.isPreview() ? "about " : "", ctx.isPreview() ? rows : features, columns, how);
            return true;
        }
        return false;
    }

    /** True when every field after the first of the current (split) line is a number or missing. */
    private boolean restIsNumeric() {
        for (int i = 1; i < fields.count(); i++) {
            if (numbers.parse(fields.chars(), fields.start(i), fields.end(i)) == NumberParser.TEXT) return false;
        }
        return true;
    }

    /** Splits a line held as a string (a commented header). */
    private List<String> splitText(String text) {
        Fields f = new Fields();
        char[] c = text.toCharArray();
        List<String> out = new ArrayList<>();
        if (!f.split(c, 0, c.length, delimiter)) return out;
        for (int i = 0; i < f.count(); i++) out.add(f.text(i));
        return out;
    }

    // ---- samples as rows (the usual layout) ----

    private Dataset readSampleRows(List<String> header) throws IOException, DataException {
        int width = header.size();
        int labelCol = findLabelColumn(header);
        int idCol = -1;
        if (labelCol != 0 && width > 1 && (ID_NAMES.contains(lower(header.get(0))) || firstValueIsText())) idCol = 0;

        int[] role = new int[width];   // feature index, or ID_COLUMN / LABEL_COLUMN
        List<String> names = new ArrayList<>(width);
        List<Integer> columnOf = new ArrayList<>(width);
        int emptyCol = endsInSeparator(header, 2) ? width - 1 : -1;
        List<String> dropped = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c == idCol) { role[c] = ID_COLUMN; continue; }
            if (c == labelCol) { role[c] = LABEL_COLUMN; continue; }
            if (c == emptyCol) { role[c] = EMPTY_COLUMN; continue; }
            if (opts.dropTextColumns() && c < fields.count() && isText(c)) {
                role[c] = TEXT_COLUMN;
                dropped.add(header.get(c).isEmpty() ? "column_" + (c + 1) : header.get(c));
                continue;
            }
            role[c] = names.size();
            names.add(header.get(c).isEmpty() ? "column_" + (c + 1) : header.get(c));
            columnOf.add(c + 1);
        }
        noteTextColumns(dropped);
        int d = names.size();
        if (d == 0) throw new DataException(file + " has no feature columns, only " + String.join(", ", header));
        UniqueNames.makeUnique(names, null, i -> "column " + columnOf.get(i), "feature names", ctx);

        FloatArrayBuilder values = new FloatArrayBuilder(initialCapacity(d));
        List<String> ids = new ArrayList<>();
        List<String> labels = labelCol >= 0 ? new ArrayList<>() : null;
        boolean missingAllowed = opts.impute() == Imputation.MEAN;
        do {
            onFirstRow = ids.isEmpty();
            if (!onFirstRow) splitLine();   // the first data row was split already
            if (fields.count() != width) throw ragged(width);
            float[] buf = values.reserve(d);
            if (buf == null) throw tooLarge(values, ids.size(), d);
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
                } else if (r == EMPTY_COLUMN && fields.end(c) != fields.start(c)) {
                    throw valueInEmptyColumn(c);
                }
            }
            values.advance(d);
            ids.add(idCol >= 0 ? fields.text(idCol) : Integer.toString(ids.size() + 1));
        } while (ids.size() != ctx.previewSamples && nextContent());

        String[] labelArray = labels == null ? null : labels.toArray(new String[0]);
        float[] array = values.toArray();
        if (array == null) throw tooLarge(values, ids.size(), d);
        return new Dataset(file, ids.size(), d, array, names, ids, labelArray, PixelNames.detect(names), ctx.notes());
    }

    /**
     * Room for the whole table when the file's size tells how many rows it has (saving the copies of a
     * growing array), as long as that fits in memory; else room for a thousand rows.
     */
    private int initialCapacity(int rowWidth) {
        long rowLength = Math.max(1, lines.end() - lines.start() + 1);
        long small = Math.min((long) rowWidth * 1024, 1 << 24);
        if (sizeEstimate <= 0) return (int) small;
        long rows = sizeEstimate / rowLength;
        long wanted = Math.min((rows + rows / 16 + 16) * rowWidth, FloatArrayBuilder.MAX_ARRAY);
        return (int) (wanted > small && MemoryBudget.fitsNow(8 * wanted) ? wanted : small);
    }

    /** True when field {@code c} of the current (split) line is text: neither a number nor missing. */
    private boolean isText(int c) {
        return numbers.parse(fields.chars(), fields.start(c), fields.end(c)) == NumberParser.TEXT;
    }

    /** Says which columns of text were left out (--text-columns drop). */
    private void noteTextColumns(List<String> dropped) {
        if (dropped.isEmpty()) return;
        ctx.note(String.format(Locale.ROOT, "%s: left out %d column%s of text (--text-columns drop): %s", file, dropped.size(),
                dropped.size() == 1 ? "" : "s", preview(dropped)));
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
        throw new DataException(file + " has no column named '" + wanted + "'; its columns include " + preview(header)
                + (opts.orientation() == Orientation.AUTO ? " (if it is a row, the table has features as rows: use --transpose)" : ""));
    }

    // ---- features as rows (transposed: most gene tables) ----

    private Dataset readFeatureRows(List<String> header) throws IOException, DataException {
        int width = header.size();
        boolean trailing = endsInSeparator(header, 3);
        int n = width - 1 - (trailing ? 1 : 0);
        if (n == 0) throw new DataException(file + " has no sample columns: with features as rows the header row must list the sample ids after the first field");
        List<String> ids = new ArrayList<>(header.subList(1, 1 + n));
        for (int j = 0; j < n; j++) if (ids.get(j).isEmpty()) ids.set(j, Integer.toString(j + 1));
        int[] cols = new int[n];      // the file's column of each sample: j + 1, until columns of text are left out
        for (int j = 0; j < n; j++) cols[j] = j + 1;

        FloatArrayBuilder values = new FloatArrayBuilder(initialCapacity(n));
        List<String> names = new ArrayList<>();
        List<Long> lineOfName = new ArrayList<>();
        String[] labels = null;
        String labelRow = null;
        boolean missingAllowed = opts.impute() == Imputation.MEAN;
        boolean first = true;
        do {
            if (!first) splitLine();
            first = false;
            if (fields.count() != width) throw ragged(width);
            if (trailing && fields.end(width - 1) != fields.start(width - 1)) throw valueInEmptyColumn(width - 1);
            String name = fields.text(0);
            if (isLabelRow(name)) {
                if (labels != null) throw DataException.atLine(file, lines.lineNumber(), "a second label row '" + name + "'");
                labels = new String[n];
                labelRow = name;
                for (int j = 0; j < n; j++) labels[j] = label(cols[j], ids.get(j));
                continue;
            }
            onFirstRow = names.isEmpty();
            if (onFirstRow && opts.dropTextColumns()) {
                // columns of text beside the names (a gene symbol, a description), judged by the first feature row
                List<String> dropped = new ArrayList<>();
                int kept = 0;
                for (int j = 0; j < n; j++) {
                    if (isText(cols[j])) dropped.add(header.get(cols[j]));
                    else {
                        if (labels != null) labels[kept] = labels[j];
                        ids.set(kept, ids.get(j));
                        cols[kept++] = cols[j];
                    }
                }
                if (!dropped.isEmpty()) {
                    noteTextColumns(dropped);
                    if (kept == 0) throw new DataException(file + " has no sample columns of numbers, only columns of text: " + preview(dropped));
                    n = kept;
                    cols = java.util.Arrays.copyOf(cols, n);
                    ids.subList(n, ids.size()).clear();
                    if (labels != null) labels = java.util.Arrays.copyOf(labels, n);
                }
            }
            if (name.isEmpty()) name = "row_" + lines.lineNumber();
            float[] buf = values.reserve(n);
            if (buf == null) throw tooLarge(values, n, names.size());   // samples x features
            int base = values.size();
            char[] chars = fields.chars();
            for (int j = 0; j < n; j++) {
                int c = cols[j];
                int status = numbers.parse(chars, fields.start(c), fields.end(c));
                if (status == NumberParser.NUMBER) buf[base + j] = numbers.value;
                else if (status == NumberParser.MISSING && missingAllowed) buf[base + j] = Float.NaN;
                else throw badValue(status, header.get(c), c);
            }
            values.advance(n);
            names.add(name);
            lineOfName.add(lines.lineNumber());
        } while (!(ctx.isPreview() && names.size() >= PREVIEW_FEATURE_ROWS) && nextContent());
        if (ctx.isPreview()) {
            List<String> choices = new ArrayList<>(names);
            if (labelRow != null) choices.add(0, labelRow);
            ctx.labelChoices(choices);
        }

        if (opts.labelColumn() != null && labels == null) {
            throw new DataException(file + " has no row named '" + opts.labelColumn() + "' in its first column; its rows include " + preview(names));
        }
        int d = names.size();
        if (d == 0) throw new DataException(file + " has no feature rows, only a header and a label row");
        if (shapeNote != null) ctx.note(shapeNote.apply(d));
        UniqueNames.makeUnique(names, null, i -> "line " + lineOfName.get(i), "feature names", ctx);
        if (!MemoryBudget.fits(4L * d * n)) throw tooLarge(values, n, d);
        float[] samplesByFeatures = transpose(values.raw(), d, n);
        Dataset all = new Dataset(file, n, d, samplesByFeatures, names, ids, labels, PixelNames.detect(names), ctx.notes());
        if (!ctx.isPreview() || ctx.previewSamples >= n) return all;
        int[] head = new int[ctx.previewSamples];
        for (int i = 0; i < head.length; i++) head[i] = i;
        return all.selectRows(head);
    }

    private boolean isLabelRow(String name) {
        String wanted = opts.labelColumn();
        return wanted == null ? LABEL_NAMES.contains(lower(name)) : name.equalsIgnoreCase(wanted);
    }

    /** rows × cols (the first rows·cols values of a) to cols × rows, in cache-sized blocks. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
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

    /** Moves to the next line that is neither blank nor a comment; false at the end of the file. */
    private boolean nextContent() throws IOException, DataException {
        while (lines.next()) if (!lines.isBlank() && !isComment()) return true;
        return false;
    }

    /** A line starting with '#'. */
    private boolean isComment() {
        return lines.end() > lines.start() && lines.chars()[lines.start()] == '#';
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
     * Whether every line ends in a separator (as some programs save tables): the header, of at least {@code minWidth}
     * fields, has an empty last name and the first data row (the current line) an empty last field. Says so in a note.
     */
    private boolean endsInSeparator(List<String> header, int minWidth) {
        int width = header.size();
        boolean ends = width >= minWidth && header.get(width - 1).isEmpty() && fields.count() == width
                && fields.end(width - 1) == fields.start(width - 1);
        if (ends) ctx.note(file + ": every line ends in a separator, so its empty last column is left out");
        return ends;
    }

    /** A value, on the current line, in the nameless last column that {@link #endsInSeparator} left out. */
    private DataException valueInEmptyColumn(int column) {
        return DataException.at(file, lines.lineNumber(), "(no name)", column + 1, "'" + shorten(fields.text(column))
                + "' in the last column, which has no name and is empty in the first row; name it in the header, or remove it");
    }

    /**
     * A one-field header that holds another separator means the wrong format was forced (a semicolon-separated
     * table is read as such only when the format is left to auto).
     */
    private void checkSingleColumnHeader() throws DataException {
        if (delimiter == ';') return;
        char other = delimiter == ',' ? '\t' : ',';
        if (lines.contains(other)) {
            throw DataException.atLine(file, lines.lineNumber(), "the header has no " + describe(delimiter)
                    + " but has " + describe(other) + "; use --format " + (other == ',' ? "csv" : "tsv") + " or auto");
        }
        if (lines.contains(';')) {
            throw DataException.atLine(file, lines.lineNumber(), "the header has no " + describe(delimiter)
                    + " but has semicolons; use --format auto, which reads semicolon-separated tables with decimal commas");
        }
    }

    private String label(int column, String columnName) throws DataException {
        String label = fields.text(column);
        if (label.isEmpty() || label.equalsIgnoreCase("NA")) {
            if (opts.dropUnlabelled()) return null;     // left out once read (DatasetReader)
            throw DataException.at(file, lines.lineNumber(), columnName, column + 1, "missing label; fill it in, remove the row,"
                    + " or leave such rows out with --unlabelled drop (in the window: Unlabelled)");
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
            problem = "missing value; use --impute mean (in the window: Missing values) to fill missing values with the training mean";
        } else if (status == NumberParser.NON_FINITE) {
            problem = "'" + shown + "' is not a finite number; only finite numbers and missing values are allowed";
        } else {
            problem = "'" + shown + "' is not a number; " + textHint();
        }
        return DataException.at(file, lines.lineNumber(), shorten(columnName), column + 1, problem);
    }

    private String textHint() {
        String hint = textHintByOrientation();
        return featureRows && onFirstRow ? hint + "; --text-columns drop (in the window: Text columns) leaves columns of text (a gene symbol, a description) out" : hint;
    }

    private String textHintByOrientation() {
        if (!featureRows) {
            return "only the sample id column and the label column may hold text, use --label-column (in the window: Label column) if this column holds the classes"
                    + (onFirstRow ? ", or --text-columns drop (in the window: Text columns) to leave columns of text out" : "");
        }
        if (opts.orientation() == Orientation.AUTO) {
            return "the table was taken to have features as rows, where only the label row may hold text; --no-transpose reads rows as samples";
        }
        if (opts.labelColumn() != null) {
            return "in a transposed table only the label row may hold text, and the label row is named '" + opts.labelColumn() + "'";
        }
        return "in a transposed table only the label row may hold text, use --label-column (in the window: Label column) to name it";
    }

    private DataException tooLarge(FloatArrayBuilder values, int rows, int cols) {
        if (values.outOfMemory()) {
            // what the whole file would take, from the share read so far, plus the copy at the end
            long rowsAbout = Math.max(rows, sizeEstimate > 0 ? sizeEstimate / Math.max(1, lines.end() - lines.start() + 1) : rows);
            long perRow = 4L * (featureRows ? rows : cols);
            long need = 2 * perRow * rowsAbout;
            return new DataException(MemoryBudget.tooLarge(file, need, featureRows ? rows : rowsAbout,
                    featureRows ? rowsAbout : cols, MemoryBudget.available()));
        }
        return new DataException(file + " is too large: more than " + rows + " x " + cols
                + " values do not fit in one matrix (the limit is about 2.1 billion values)");
    }

    private static String describe(char delimiter) {
        return delimiter == '\t' ? "tabs" : delimiter == ',' ? "commas" : delimiter == ';' ? "semicolons" : "'" + delimiter + "'";
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** At most 40 characters, control characters and undecodable bytes shown as '?' (for messages). */
    static String shorten(String s) {
        String t = s.length() <= 40 ? s : s.substring(0, 37) + "...";
        StringBuilder b = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean odd = c < ' ' || (c >= 0x7f && c < 0xa0) || c == '\uFFFD';
            if (odd && b == null) b = new StringBuilder(t.substring(0, i));
            if (b != null) b.append(odd ? '?' : c);
        }
        return b == null ? t : b.toString();
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
