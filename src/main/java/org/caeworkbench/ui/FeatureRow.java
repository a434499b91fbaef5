package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caeworkbench.core.SelectionResult;

/**
 * One row of the results table: a selector's chosen feature, or a kept one ({@code --keep}: selector -1,
 * probability 1, {@code kept} true).
 */
public record FeatureRow(int rank, int selector, int index, String name, double probability, boolean duplicate, boolean kept) {

    public FeatureRow(int rank, int selector, int index, String name, double probability, boolean duplicate) {
        this(rank, selector, index, name, probability, duplicate, false);
    }

    /** "kept" or "learned", as selected_features.csv's role column. */
    public String role() {
        return kept ? "kept" : "learned";
    }

    /** Rows ranked by probability (highest first), like selected_features.csv. */
    public static List<FeatureRow> of(SelectionResult r, List<String> names) {
        return of(r, names, null);
    }

    /** The same, with each feature's index in the data file ({@code originalIndex[f]}; null: f itself). */
    public static List<FeatureRow> of(SelectionResult r, List<String> names, int[] originalIndex) {
        Map<Integer, List<Integer>> dups = r.duplicateSelections();
        List<FeatureRow> rows = new ArrayList<>();
        int rank = 1;
        for (int i : r.rankedSelectors()) {
            int f = r.selected()[i];
            List<Integer> sel = dups.get(f);
            boolean dup = sel != null && sel.get(0) != i;
            rows.add(new FeatureRow(rank++, r.isFixed(i) ? -1 : i - r.fixed(), originalIndex == null ? f : originalIndex[f],
                    f < names.size() ? names.get(f) : "f" + f, r.probabilityOf(i), dup, r.isFixed(i)));
        }
        return rows;
    }

    /** Tab-separated with a header, for the clipboard (pastes into a spreadsheet). */
    public static String toTsv(List<FeatureRow> rows) {
        boolean roles = rows.stream().anyMatch(FeatureRow::kept);
        StringBuilder b = new StringBuilder("rank\tselector\tindex\tname\tprobability\tduplicate" + (roles ? "\trole" : "") + "\n");
        for (FeatureRow r : rows)
            b.append(String.format(Locale.ROOT, "%d\t%d\t%d\t%s\t%.6f\t%s%s%n", r.rank, r.selector, r.index, r.name, r.probability,
                    r.duplicate ? "yes" : "", roles ? "\t" + r.role() : ""));
        return b.toString();
    }
}
