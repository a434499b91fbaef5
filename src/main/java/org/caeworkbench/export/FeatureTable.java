package org.caeworkbench.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.data.Dataset;

/**
 * Every feature of the data file with what the run says of it, the columns a user adds to their own
 * table of genes (AnnData's {@code var}, a Seurat object's feature metadata):
 * <ul>
 * <li>{@code cae_selected}: whether the feature is in the panel;</li>
 * <li>{@code cae_rank}: its place in the panel, 1 for the most certain selector's feature, in the order of
 *     selected_features.csv (a feature two selectors chose counts once, at its better place); -1 when it
 *     is not in the panel;</li>
 * <li>{@code cae_probability}: the selection probability of its selector (1 for a kept feature), 0 when
 *     not in the panel.</li>
 * </ul>
 * Rows are the file's columns in file order, also those the preprocessing dropped (never selected), so
 * {@code index} is the column as in selected_features.csv. When the file names genes by Ensembl id
 * and by symbol, both are given ({@code gene_id}, {@code gene_symbol}) for the model's features.
 * A run folder holds it as {@value #FILE}; tabs and line breaks inside a name are written as spaces.
 */
public final class FeatureTable {
    public static final String FILE = "features.tsv";
    /** cae_rank of a feature outside the panel. */
    public static final int NOT_SELECTED = -1;

    /** One feature of the file: index is its column (0-based) among the file's features. */
    public record Row(int index, String name, String geneId, String symbol, int rank, double probability) {
        public boolean selected() { return rank > 0; }
        /** The symbol when known, else the name: what a person reads. */
        public String shownName() { return symbol == null || symbol.isEmpty() ? name : symbol; }
    }

    private final List<Row> rows;
    private final boolean genes;

    private FeatureTable(List<Row> rows, boolean genes) {
        this.rows = List.copyOf(rows);
        this.genes = genes;
    }

    public List<Row> rows() { return rows; }

    /** Whether gene ids and symbols are known. */
    public boolean hasGeneNames() { return genes; }

    /** The panel's features, in rank order. */
    public List<Row> panel() {
        List<Row> p = new ArrayList<>();
        for (Row r : rows) if (r.selected()) p.add(r);
        p.sort(java.util.Comparator.comparingInt(Row::rank));
        return p;
    }

    /**
     * The table of a result: {@code genes} are the gene ids and symbols of the model's features (null
     * when unknown).
     */
    public static FeatureTable of(SelectionResult r, SavedModel model, Dataset.GeneNames genes) {
        List<String> original = model.originalNames();
        int n = original.size();
        int[] rank = new int[n];
        double[] prob = new double[n];
        java.util.Arrays.fill(rank, NOT_SELECTED);
        int next = 1;
        for (int s : r.rankedSelectors()) {
            int c = model.originalIndex(r.selected()[s]);
            if (rank[c] != NOT_SELECTED) continue;
            rank[c] = next++;
            prob[c] = r.probabilityOf(s);
        }
        String[] ids = new String[n];
        String[] symbols = new String[n];
        if (genes != null) {
            for (int f = 0; f < genes.ids().size(); f++) {
                ids[model.originalIndex(f)] = genes.ids().get(f);
                symbols[model.originalIndex(f)] = genes.symbols().get(f);
            }
        }
        List<Row> rows = new ArrayList<>(n);
        for (int c = 0; c < n; c++) rows.add(new Row(c, original.get(c), ids[c], symbols[c], rank[c], prob[c]));
        return new FeatureTable(rows, genes != null);
    }

    /** features.tsv: one header line, then one line per feature of the file. */
    public void writeTsv(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.print("index\tname" + (genes ? "\tgene_id\tgene_symbol" : "") + "\tcae_selected\tcae_rank\tcae_probability\n");
            for (Row r : rows) {
                w.print(r.index() + "\t" + field(r.name()));
                if (genes) w.print("\t" + field(r.geneId()) + "\t" + field(r.symbol()));
                w.printf(Locale.ROOT, "\t%s\t%d\t%.6f%n", r.selected() ? "true" : "false", r.rank(), r.probability());
            }
            w.flush();
        });
    }

    private static String field(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * A run's table: its features.tsv, or for a run written before there was one, made from
     * selected_features.csv and the model's feature names.
     */
    public static FeatureTable read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (Files.exists(file)) return readTsv(file);
        List<RunDirectory.SelectedFeature> selected = RunDirectory.readSelected(runDir);
        List<String> names = RunDirectory.readModel(runDir).originalNames();
        int[] rank = new int[names.size()];
        double[] prob = new double[names.size()];
        java.util.Arrays.fill(rank, NOT_SELECTED);
        int next = 1;
        for (RunDirectory.SelectedFeature f : selected) {
            if (f.index() < 0 || f.index() >= names.size())
                throw new IOException(runDir.resolve(RunDirectory.SELECTED) + ": feature index " + f.index() + " is outside the model's "
                        + names.size() + " features.");
            if (rank[f.index()] != NOT_SELECTED) continue;
            rank[f.index()] = next++;
            prob[f.index()] = f.probability();
        }
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) rows.add(new Row(c, names.get(c), null, null, rank[c], prob[c]));
        return new FeatureTable(rows, false);
    }

    static FeatureTable readTsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IOException(file + " is empty.");
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int name = header.indexOf("name");
        int id = header.indexOf("gene_id");
        int symbol = header.indexOf("gene_symbol");
        int rank = header.indexOf("cae_rank");
        int prob = header.indexOf("cae_probability");
        if (name < 0 || rank < 0 || prob < 0) throw new IOException(file + " has no name, cae_rank or cae_probability column in its first line.");
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split("\t", -1);
            if (c.length < header.size()) throw new IOException(file + " line " + (i + 1) + " has " + c.length + " fields, "
                    + header.size() + " expected.");
            try {
                rows.add(new Row(i - 1, c[name], id < 0 || c[id].isEmpty() ? null : c[id], symbol < 0 || c[symbol].isEmpty() ? null : c[symbol],
                        Integer.parseInt(c[rank]), Double.parseDouble(c[prob])));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + " is damaged: " + e.getMessage());
            }
        }
        return new FeatureTable(rows, id >= 0);
    }
}
