package org.caeworkbench.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a GCT file (the Broad Institute's expression table, as GenePattern, GSEA and the CMap/L1000
 * tools write it): one row per feature, so the samples are its columns.
 *
 * <pre>
 * #1.2
 * 12625   128                         ← features, samples
 * Name  Description  S1  S2 ...       ← header
 * 1000_at  na  7.6  7.4 ...           ← one row per feature
 * </pre>
 * Version 1.3 is read too: its dimension line adds the number of row and column annotations
 * ({@code rows cols rowMeta colMeta}), the header lists the row annotations between the id and the
 * samples, and colMeta lines follow the header, each naming an annotation and giving one value per
 * sample; such an annotation can be the labels ({@code --label-column}). GCT 1.2 has no labels of its
 * own: give them in a sample annotation file ({@link ReadOptions#labelsFile()}).
 * The dimension line is checked against the content; values are written straight into the
 * samples × features matrix, with no intermediate copy.
 */
final class GctReader {
    private final ReadContext ctx;
    private final String file;
    private final LineSource lines;
    private final Fields fields = new Fields();
    private final NumberParser numbers = new NumberParser();
    private final long sizeEstimate;
    private int expectedWidth = 1;

    private GctReader(ReadContext ctx, LineSource lines, long sizeEstimate) {
        this.ctx = ctx;
        this.file = ctx.name;
        this.lines = lines;
        this.sizeEstimate = sizeEstimate;
    }

    static Dataset read(ReadContext ctx, LineSource lines, long sizeEstimate) throws IOException, DataException {
        return new GctReader(ctx, lines, sizeEstimate).read();
    }

    private Dataset read() throws IOException, DataException {
        if (!nextLine()) throw new DataException(file + " is empty");
        String version = firstField().trim();
        boolean v13;
        if (version.equals("#1.2")) v13 = false;
        else if (version.equals("#1.3")) v13 = true;
        else throw DataException.atLine(file, lines.lineNumber(), "a GCT file starts with '#1.2' (or '#1.3'), not '" + DelimitedReader.shorten(version) + "'");

        if (!nextLine()) throw new DataException(file + " ends after its first line; line 2 must give the numbers of features and samples");
        long dimsLine = lines.lineNumber();
        long[] dims = dimensions(v13 ? 4 : 2);
        if (dims[0] < 1 || dims[1] < 1) {
            throw DataException.atLine(file, dimsLine, "the numbers of features and samples must be positive, not " + dims[0] + " and " + dims[1]);
        }
        if (dims[0] > Integer.MAX_VALUE || dims[1] > Integer.MAX_VALUE) {
            throw DataException.atLine(file, dimsLine, "more features or samples than one matrix can hold");
        }
        int d = (int) dims[0];
        int n = (int) dims[1];
        int rowMeta = v13 ? (int) Math.min(dims[2], 1 << 20) : 1;   // 1.2: the Description column
        int colMeta = v13 ? (int) Math.min(dims[3], 1 << 20) : 0;
        if (rowMeta < 0 || colMeta < 0) throw DataException.atLine(file, dimsLine, "the numbers of annotations cannot be negative");

        if (!nextLine()) throw new DataException(file + " ends after line " + dimsLine + "; the header row of sample names is missing");
        int width = 1 + rowMeta + n;
        expectedWidth = width;
        splitTabs();
        if (fields.count() != width) {
            int samples = fields.count() - 1 - rowMeta;
            throw DataException.atLine(file, lines.lineNumber(), "the header names " + Math.max(0, samples) + " samples (after "
                    + (v13 ? "the id and " + rowMeta + " row annotation columns" : "Name and Description") + ") but line "
                    + dimsLine + " announces " + n);
        }
        List<String> ids = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            String id = fields.text(1 + rowMeta + j);
            ids.add(id.isEmpty() ? Integer.toString(j + 1) : id);
        }

        // column annotations (1.3): the label choices
        List<String> metaNames = new ArrayList<>();
        String[] labels = null;
        String wanted = ctx.opts.labelsFile() == null ? ctx.opts.labelColumn() : null;
        for (int m = 0; m < colMeta; m++) {
            if (!nextLine()) throw new DataException(file + " ends inside its column annotations, after line " + lines.lineNumber());
            splitTabs();
            if (fields.count() != width) throw ragged(width);
            String metaName = fields.text(0);
            metaNames.add(metaName);
            boolean isLabel = wanted != null ? metaName.equalsIgnoreCase(wanted)
                    : metaName.equalsIgnoreCase("label") || metaName.equalsIgnoreCase("class");
            if (isLabel && labels == null) {
                labels = new String[n];
                for (int j = 0; j < n; j++) {
                    labels[j] = fields.text(1 + rowMeta + j);
                    if (labels[j].isEmpty() || labels[j].equalsIgnoreCase("na")) {
                        if (ctx.opts.dropUnlabelled()) labels[j] = null;     // left out once read (DatasetReader)
                        else throw DataException.at(file, lines.lineNumber(), ids.get(j), 2 + rowMeta + j, "missing label; --unlabelled drop (in the window: Unlabelled)"
                                + " leaves such samples out");
                    }
                }
            }
        }
        ctx.labelChoices(metaNames);
        if (wanted != null && labels == null) {
            throw new DataException(file + (v13 ? " has no column annotation named '" + wanted + "'"
                    + (metaNames.isEmpty() ? "" : "; it has " + DelimitedReader.preview(metaNames))
                    : " is GCT 1.2, which has no labels; give them in a sample annotation file (--labels-file, a sample_id,label CSV)"));
        }

        int keep = ctx.samplesToRead(n);
        long cells = (long) d * n;
        // each value takes at least two characters ("0" and a tab): a far larger promise is a damaged line 2
        if (!ctx.isPreview() && sizeEstimate > 0 && 2 * cells > sizeEstimate * 4) {
            throw DataException.atLine(file, dimsLine, String.format(Locale.ROOT,
                    "it announces %,d features × %,d samples, far more values than the file holds", d, n));
        }
        int features = ctx.isPreview() ? Math.min(d, DelimitedReader.PREVIEW_FEATURE_ROWS) : d;
        if ((long) features * keep > FloatArrayBuilder.MAX_ARRAY) {
            throw DataException.atLine(file, dimsLine, String.format(Locale.ROOT, "%,d features × %,d samples do not fit in one matrix", d, n));
        }
        MemoryBudget.require(file, 4L * features * keep, keep, features);
        float[] values = new float[features * keep];
        List<String> names = new ArrayList<>(features);
        List<Long> lineOf = new ArrayList<>(features);
        boolean missingAllowed = ctx.opts.impute() == Imputation.MEAN;
        int firstValue = 1 + rowMeta;
        while (names.size() < features) {
            if (!nextLine()) {
                throw new DataException(file + " ends after " + names.size() + " feature rows (line " + lines.lineNumber()
                        + ") but line " + dimsLine + " announces " + d);
            }
            splitTabs();
            if (fields.count() != width) throw ragged(width);
            int i = names.size();
            char[] chars = fields.chars();
            for (int j = 0; j < keep; j++) {
                int c = firstValue + j;
                int status = numbers.parse(chars, fields.start(c), fields.end(c));
                if (status == NumberParser.NUMBER) values[j * features + i] = numbers.value;
                else if (status == NumberParser.MISSING && missingAllowed) values[j * features + i] = Float.NaN;
                else throw badValue(status, ids.get(j), c);
            }
            if (keep < n) checkRest(firstValue, keep, width, ids, missingAllowed);
            String name = fields.text(0);
            names.add(name.isEmpty() ? "row_" + lines.lineNumber() : name);
            lineOf.add(lines.lineNumber());
        }
        if (!ctx.isPreview() && nextLine()) {
            throw DataException.atLine(file, lines.lineNumber(), "a feature row beyond the " + d + " that line " + dimsLine
                    + " announces; correct the numbers on line " + dimsLine);
        }
        UniqueNames.makeUnique(names, null, i -> "line " + lineOf.get(i), "feature names", ctx);
        return new Dataset(file, keep, features, values, names, ids.subList(0, keep), labels == null ? null
                : java.util.Arrays.copyOf(labels, keep), PixelNames.detect(names), ctx.notes());
    }

    /** Values of a preview that are not kept must still be numbers, so the preview fails where the read would. */
    private void checkRest(int firstValue, int kept, int width, List<String> ids, boolean missingAllowed) throws DataException {
        for (int c = firstValue + kept; c < width; c++) {
            int status = numbers.parse(fields.chars(), fields.start(c), fields.end(c));
            if (status != NumberParser.NUMBER && !(status == NumberParser.MISSING && missingAllowed)) {
                throw badValue(status, ids.get(c - firstValue), c);
            }
        }
    }

    /** The dimension line: {@code count} whole numbers separated by tabs or spaces (trailing empty fields allowed). */
    private long[] dimensions(int count) throws DataException {
        String text = new String(lines.chars(), lines.start(), lines.end() - lines.start()).trim();
        String[] parts = text.split("[\t ]+");
        String expected = count == 2 ? "two numbers (features, samples)" : "four numbers (features, samples, row and column annotations)";
        if (parts.length != count) {
            throw DataException.atLine(file, lines.lineNumber(), "expected " + expected + ", found '" + DelimitedReader.shorten(text) + "'");
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw DataException.atLine(file, lines.lineNumber(), "expected " + expected + ", found '" + DelimitedReader.shorten(text) + "'");
            }
        }
        return out;
    }

    /** Next line that is not blank; false at the end. */
    private boolean nextLine() throws IOException, DataException {
        while (lines.next()) if (!lines.isBlank()) return true;
        return false;
    }

    private String firstField() {
        int end = lines.start();
        while (end < lines.end() && lines.chars()[end] != '\t') end++;
        return new String(lines.chars(), lines.start(), end - lines.start());
    }

    private void splitTabs() throws DataException {
        if (!fields.split(lines.chars(), lines.start(), lines.end(), '\t')) {
            throw DataException.atLine(file, lines.lineNumber(), fields.error());
        }
        // spreadsheets pad rows with empty cells (the first lines especially): drop trailing empty fields
        int count = fields.count();
        while (count > 1 && fields.isEmpty(count - 1) && count > expectedWidth) count--;
        fields.truncate(count);
    }

    private DataException ragged(int expected) {
        return DataException.atLine(file, lines.lineNumber(), "expected " + expected + " tab-separated fields as in the header, found "
                + fields.count());
    }

    private DataException badValue(int status, String sample, int column) {
        String shown = DelimitedReader.shorten(fields.text(column));
        String problem = status == NumberParser.MISSING
                ? "missing value; use --impute mean (in the window: Missing values) to fill missing values with the training mean"
                : status == NumberParser.NON_FINITE ? "'" + shown + "' is not a finite number"
                : "'" + shown + "' is not a number";
        return DataException.at(file, lines.lineNumber(), DelimitedReader.shorten(sample), column + 1, problem);
    }
}
