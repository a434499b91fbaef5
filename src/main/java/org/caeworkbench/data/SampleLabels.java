package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels from a sample annotation file, for formats that have no place for them (GCT 1.2, 10x) or
 * whose labels the user wants to replace:
 * <ul>
 * <li>a CSV or TSV table with the sample id in its first column and the label in the column named by
 *     {@link ReadOptions#labelColumn()}, else the one named {@code label} or {@code class}, else its
 *     second column (of two). A header row is optional: it is there when the first row's first field
 *     is not a sample id of the data. Samples are matched by id, in any order; ids not in the data are
 *     ignored (one annotation file can serve a training and a test file);</li>
 * <li>a GSEA {@code .cls} file: {@code n k 1}, {@code # class names}, then the n labels in the data's
 *     sample order.</li>
 * </ul>
 */
final class SampleLabels {
    private static final int MAX_LINE = 1 << 20;

    private SampleLabels() {}

    static Dataset apply(Dataset data, Path labelsFile, ReadContext ctx) throws IOException, DataException {
        DataFiles.checkReadable(labelsFile);
        String name = DataFiles.displayName(labelsFile);
        String lower = name.toLowerCase(Locale.ROOT);
        String[] labels;
        try {
            labels = lower.endsWith(".cls") || lower.endsWith(".cls.gz") ? readCls(labelsFile, name, data)
                    : readTable(labelsFile, name, data, ctx);
        } catch (IOException e) {
            throw DataFiles.explain(e, name);
        }
        if (data.hasLabels()) ctx.note(data.name() + ": the labels in the file were replaced by those of " + name);
        return data.withLabels(labels);
    }

    private static LineSource open(Path file, String name) throws IOException {
        return new LineSource(new InputStreamReader(DataFiles.open(file), StandardCharsets.UTF_8), name, MAX_LINE);
    }

    private static String[] readTable(Path file, String name, Dataset data, ReadContext ctx) throws IOException, DataException {
        Map<String, Integer> rowOf = new HashMap<>(data.rows() * 2);
        for (int r = 0; r < data.rows(); r++) rowOf.putIfAbsent(data.sampleIds().get(r), r);
        String[] labels = new String[data.rows()];
        long[] lineOf = new long[data.rows()];
        int labelCol = -1;
        char delimiter = 0;
        int width = 0;
        int extra = 0;
        boolean first = true;
        Fields fields = new Fields();
        try (LineSource lines = open(file, name)) {
            while (lines.next()) {
                if (lines.isBlank() || lines.chars()[lines.start()] == '#') continue;
                long line = lines.lineNumber();
                if (delimiter == 0) {      // by the first line: tabs, commas, or semicolons (a spreadsheet's where the comma is the decimal mark)
                    int tabs = lines.count('\t'), commas = lines.count(','), semicolons = lines.count(';');
                    delimiter = semicolons > commas && semicolons > tabs ? ';' : tabs > commas ? '\t' : ',';
                }
                if (!fields.split(lines.chars(), lines.start(), lines.end(), delimiter)) throw DataException.atLine(name, line, fields.error());
                if (first) {
                    first = false;
                    width = fields.count();
                    if (width < 2) {
                        throw DataException.atLine(name, line, "a labels file needs two columns, the sample id and the label, separated by "
                                + "a comma, a tab or a semicolon; this line has one");
                    }
                    if (!rowOf.containsKey(fields.text(0))) {   // a header
                        List<String> header = new ArrayList<>();
                        for (int i = 0; i < width; i++) header.add(fields.text(i));
                        labelCol = labelColumn(header, ctx.opts.labelColumn(), name, line);
                        continue;
                    }
                    labelCol = width == 2 ? 1 : -1;
                    if (labelCol < 0) {
                        throw DataException.atLine(name, line, "without a header naming the label column, a labels file must have exactly"
                                + " two columns (sample id, label); this one has " + width);
                    }
                }
                if (fields.count() != width) {
                    throw DataException.atLine(name, line, "expected " + width + " fields as in the first line, found " + fields.count());
                }
                String id = fields.text(0);
                Integer row = rowOf.get(id);
                if (row == null) {
                    extra++;
                    continue;
                }
                String label = fields.text(labelCol);
                if (label.isEmpty() || label.equalsIgnoreCase("NA")) {
                    if (ctx.opts.dropUnlabelled()) continue;     // left without a label, and out once read (DatasetReader)
                    throw DataException.at(name, line, "label", labelCol + 1, "missing label for sample '" + DelimitedReader.shorten(id)
                            + "'; --unlabelled drop (in the window: Unlabelled) leaves such samples out");
                }
                if (labels[row] != null && !labels[row].equals(label)) {
                    throw DataException.atLine(name, line, "sample '" + DelimitedReader.shorten(id) + "' is given the label '" + label
                            + "' but line " + lineOf[row] + " gave it '" + labels[row] + "'");
                }
                labels[row] = label;
                lineOf[row] = line;
            }
        }
        if (first) throw new DataException(name + " is empty");
        int missing = 0;
        int firstMissing = -1;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] == null && rowOf.get(data.sampleIds().get(r)) != r) {
                labels[r] = labels[rowOf.get(data.sampleIds().get(r))];   // a repeated sample id shares its label
            }
            if (labels[r] == null && missing++ == 0) firstMissing = r;
        }
        if (missing > 0 && !ctx.opts.dropUnlabelled()) {
            throw new DataException(name + " has no label for " + missing + " of the " + data.rows() + " samples of " + data.name()
                    + ", for example '" + DelimitedReader.shorten(data.sampleIds().get(firstMissing)) + "'; its first column must hold the sample ids"
                    + "; --unlabelled drop (in the window: Unlabelled) leaves the samples without one out");
        }
        if (extra > 0 && !ctx.isPreview()) ctx.note(name + ": " + extra + " sample ids are not in " + data.name() + " and were not used");
        return labels;
    }

    private static int labelColumn(List<String> header, String wanted, String name, long line) throws DataException {
        if (wanted != null) {
            for (int i = 1; i < header.size(); i++) if (header.get(i).equalsIgnoreCase(wanted)) return i;
            throw DataException.atLine(name, line, "no column named '" + wanted + "'; the columns are " + DelimitedReader.preview(header));
        }
        for (int i = 1; i < header.size(); i++) {
            String h = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (h.equals("label") || h.equals("class")) return i;
        }
        if (header.size() == 2) return 1;
        throw DataException.atLine(name, line, "which column holds the labels? Name it with --label-column; the columns are "
                + DelimitedReader.preview(header));
    }

    /** GSEA categorical class file. */
    private static String[] readCls(Path file, String name, Dataset data) throws IOException, DataException {
        List<String> content = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (LineSource lines = open(file, name)) {
            while (lines.next() && content.size() < 3) {
                if (lines.isBlank()) continue;
                content.add(new String(lines.chars(), lines.start(), lines.end() - lines.start()).trim());
                numbers.add(lines.lineNumber());
            }
        }
        if (content.size() < 3) throw new DataException(name + " ends early: a .cls file has three lines (sizes, # class names, labels)");
        String[] sizes = content.get(0).split("[\\s]+");
        int n;
        try {
            n = Integer.parseInt(sizes[0]);
        } catch (NumberFormatException e) {
            throw DataException.atLine(name, numbers.get(0), "a .cls file starts with the number of samples, not '" + DelimitedReader.shorten(sizes[0]) + "'");
        }
        if (!content.get(1).startsWith("#")) {
            throw DataException.atLine(name, numbers.get(1), "the second line of a .cls file starts with '#' and names the classes");
        }
        String[] labels = content.get(2).split("[\\s]+");
        if (labels.length != n) {
            throw DataException.atLine(name, numbers.get(2), "has " + labels.length + " labels but line " + numbers.get(0) + " announces " + n);
        }
        if (n != data.rows()) {
            throw new DataException(name + " has " + n + " labels but " + data.name() + " has " + data.rows() + " samples; a .cls file gives one"
                    + " label per sample, in the data's order");
        }
        return labels;
    }
}
