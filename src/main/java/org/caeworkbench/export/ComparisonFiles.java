package org.caeworkbench.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.eval.Comparison;

/** The files of a comparison: {@code comparison.csv} and the chart of MSE against k. */
public final class ComparisonFiles {
    public static final String CSV = "comparison.csv";
    public static final String CHART = "mse_vs_k.png";
    public static final String HEADER = "method,k,linear_mse,accuracy,seconds,distinct";

    private ComparisonFiles() {}

    /** {@code method,k,linear_mse,accuracy,seconds,distinct}; accuracy empty without labels; written atomically. */
    public static void writeCsv(Path file, List<Comparison.Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Comparison.Row r : rows) {
            sb.append(Csv.quote(r.method())).append(',').append(r.k()).append(',').append(num(r.linearMse())).append(',')
                    .append(num(r.accuracy())).append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                    .append(r.distinct()).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** The features each method chose: {@code comparison_features.csv}. */
    public static final String FEATURES = "comparison_features.csv";
    public static final String FEATURES_HEADER = "method,k,rank,index,name";

    /**
     * {@code method,k,rank,index,name}: a line per feature of each row's selection, in the method's order (rank 1 first;
     * for a random subset, its last draw); index is the feature's column in the data as prepared, name its name. Rows
     * without a selection (the PCA bound, the mean) have no lines. With {@code symbols} (genes named by id: their symbols;
     * null otherwise) a {@code gene_symbol} column follows. Written atomically.
     */
    public static void writeFeatures(Path file, List<Comparison.Row> rows, List<String> names, List<String> symbols) throws IOException {
        StringBuilder sb = new StringBuilder(FEATURES_HEADER).append(symbols == null ? "" : ",gene_symbol").append('\n');
        for (Comparison.Row r : rows) {
            for (int i = 0; i < r.selected().length; i++) {
                int j = r.selected()[i];
                sb.append(Csv.quote(r.method())).append(',').append(r.k()).append(',').append(i + 1).append(',').append(j).append(',')
                        .append(Csv.quote(names.get(j)));
                if (symbols != null) sb.append(',').append(Csv.quote(symbols.get(j)));
                sb.append('\n');
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Shortest round-trip text of a double; empty for NaN. */
    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The long form kept by {@code cae reproduce}: every field of a row, plus the dataset; selected = the (last) selection's indices. */
    public static final String LONG_HEADER = "dataset,method,k,linear_mse,accuracy,seconds,distinct,draws,decoder_mse,train_rows,test_rows,features,note,selected";

    public static void writeLongCsv(Path file, String dataset, int trainRows, int testRows, int features,
                                    List<Comparison.Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(LONG_HEADER).append('\n');
        for (Comparison.Row r : rows) {
            sb.append(dataset).append(',').append(r.method()).append(',').append(r.k()).append(',').append(num(r.linearMse()))
                    .append(',').append(num(r.accuracy())).append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds()))
                    .append(',').append(r.distinct()).append(',').append(r.draws()).append(',').append(num(r.decoderMse()))
                    .append(',').append(trainRows).append(',').append(testRows).append(',').append(features).append(',')
                    .append(r.note().replace(',', ';').replace('\n', ' ')).append(',')
                    .append(String.join(" ", java.util.Arrays.stream(r.selected()).mapToObj(Integer::toString).toList())).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** A row of the long form read back. */
    public record Stored(String dataset, Comparison.Row row, int trainRows, int testRows, int features) {}

    public static List<Stored> readLongCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String older = LONG_HEADER.substring(0, LONG_HEADER.lastIndexOf(','));   // before the selected column
        if (lines.isEmpty() || !(lines.get(0).equals(LONG_HEADER) || lines.get(0).equals(older)))
            throw new IOException(file + " is not a result file of cae reproduce");
        int fields = lines.get(0).split(",").length;
        List<Stored> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            if (f.length != fields) throw new IOException(file + ": a line has " + f.length + " fields instead of " + fields);
            int[] selected = fields == 14 && !f[13].isBlank()
                    ? java.util.Arrays.stream(f[13].trim().split(" ")).mapToInt(Integer::parseInt).toArray() : new int[0];
            Comparison.Row row = new Comparison.Row(f[1], Integer.parseInt(f[2]), dbl(f[3]), dbl(f[4]), dbl(f[5]),
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]), dbl(f[8]), selected, f[12]);
            out.add(new Stored(f[0], row, Integer.parseInt(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11])));
        }
        return out;
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
