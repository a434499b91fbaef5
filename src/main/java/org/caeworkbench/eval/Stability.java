package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How often each feature is chosen over several selections of the same data (e.g. CAE runs with
 * different seeds): a robust gene is chosen in most runs, a lucky one in few. A feature counts once
 * per run even if two selectors of that run chose it.
 */
public final class Stability {
    private Stability() {}

    /** A feature chosen at least once: in {@code times} of the runs, i.e. a fraction {@code times / runs}. */
    public record Feature(int index, String name, int times, double fraction) {}

    /** The features chosen at least once, most often first (ties: lower index first). */
    public static List<Feature> count(List<int[]> selections, List<String> featureNames) {
        if (selections.isEmpty()) throw new IllegalArgumentException("no selections to count");
        int d = featureNames.size();
        int[] times = new int[d];
        for (int[] sel : selections) {
            boolean[] seen = new boolean[d];
            for (int f : sel) {
                if (f < 0 || f >= d) throw new IllegalArgumentException("feature " + f + " is outside 0.." + (d - 1));
                if (!seen[f]) {
                    seen[f] = true;
                    times[f]++;
                }
            }
        }
        List<Feature> out = new ArrayList<>();
        for (int f = 0; f < d; f++) {
            if (times[f] > 0) out.add(new Feature(f, featureNames.get(f), times[f], (double) times[f] / selections.size()));
        }
        out.sort(Comparator.comparingInt(Feature::times).reversed().thenComparingInt(Feature::index));
        return out;
    }
}
