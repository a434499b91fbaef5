package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caeworkbench.core.SelectionResult;

/**
 * One row of the results table: a selector's chosen feature, or a kept one ({@code --keep}: selector -1,
 * probability 1, {@code kept} true); {@code filled}: a selector whose slot was filled after training ended on a
 * duplicate (--fill-duplicates). {@code symbol}: the gene symbol when the file names genes by Ensembl id and by
 * symbol (null otherwise).
 */
public record FeatureRow(int rank, int selector, int index, String name, double probability, boolean duplicate, boolean kept,
                         boolean filled, String symbol) {

    public FeatureRow(int rank, int selector, int index, String name, double probability, boolean duplicate, boolean kept) {
        this(rank, selector, index, name, probability, duplicate, kept, false, null);
    }

    /** The same row with a gene symbol. */
    public FeatureRow withSymbol(String geneSymbol) {
        return new FeatureRow(rank, selector, index, name, probability, duplicate, kept, filled, geneSymbol);
    }

    public FeatureRow(int rank, int selector, int index, String name, double probability, boolean duplicate) {
        this(rank, selector, index, name, probability, duplicate, false);
    }

    /** "kept", "filled" or "learned", as selected_features.csv's role column. */
    public String role() {
        return kept ? "kept" : filled ? "filled" : "learned";
    }

    /** Whether the row's role is worth a column: a kept feature or a filled slot. */
    public boolean hasRole() {
        return kept || filled;
    }

    /** Rows ranked by probability (highest first), like selected_features.csv. */
    public static List<FeatureRow> of(SelectionResult r, List<String> names) {
        return of(r, names, null);
    }

    /** The same, with each feature's index in the data file ({@code originalIndex[f]}; null: f itself). */
    public static List<FeatureRow> of(SelectionResult r, List<String> names, int[] originalIndex) {
        return of(r, names, originalIndex, null);
    }

    /** The same, with each model feature's gene symbol from {@code genes} (null: none). */
    public static List<FeatureRow> of(SelectionResult r, List<String> names, int[] originalIndex,
                                      org.caeworkbench.data.Dataset.GeneNames genes) {
        Map<Integer, List<Integer>> dups = r.duplicateSelections();
        List<FeatureRow> rows = new ArrayList<>();
        int rank = 1;
        for (int i : r.rankedSelectors()) {
            int f = r.selected()[i];
            List<Integer> sel = dups.get(f);
            boolean dup = sel != null && sel.get(0) != i;
            rows.add(new FeatureRow(rank++, r.isFixed(i) ? -1 : i - r.fixed(), originalIndex == null ? f : originalIndex[f],
                    f < names.size() ? names.get(f) : "f" + f, r.probabilityOf(i), dup, r.isFixed(i), r.isFilled(i),
                    genes != null && f < genes.symbols().size() ? genes.symbols().get(f) : null));
        }
        return rows;
    }

    /** Tab-separated with a header, for the clipboard (pastes into a spreadsheet). */
    public static String toTsv(List<FeatureRow> rows) {
        boolean roles = rows.stream().anyMatch(FeatureRow::hasRole);
        boolean symbols = rows.stream().anyMatch(r -> r.symbol != null);
        StringBuilder b = new StringBuilder("rank\tselector\tindex\tname\tprobability\tduplicate" + (roles ? "\trole" : "")
                + (symbols ? "\tsymbol" : "") + "\n");
        for (FeatureRow r : rows)
            b.append(String.format(Locale.ROOT, "%d\t%d\t%d\t%s\t%.6f\t%s%s%s%n", r.rank, r.selector, r.index, r.name, r.probability,
                    r.duplicate ? "yes" : "", roles ? "\t" + r.role() : "", symbols ? "\t" + (r.symbol == null ? "" : r.symbol) : ""));
        return b.toString();
    }
}
