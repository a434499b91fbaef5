package org.caeworkbench.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;

/**
 * Two runs side by side, as the window's run history shows them: which selected features both panels
 * hold and which only one, their Jaccard index (shared over all distinct), the linear-reconstruction MSE
 * of each, and the settings (from the one catalogue, {@code core.Settings}) in which they differ.
 * Features are matched by name, so runs prepared differently (other filters, a transposed reading) still
 * compare by what a user reads in the table.
 *
 * @param both      features in both panels, in A's order
 * @param onlyA     features only in A's panel, in A's order
 * @param onlyB     features only in B's panel, in B's order
 * @param jaccard   |A ∩ B| / |A ∪ B| of the distinct features (1 when both are empty)
 * @param mseA      A's linear-reconstruction test MSE (NaN when unknown)
 * @param mseB      B's (NaN when unknown)
 * @param differences one line per setting that differs: "label: A's value → B's value"
 */
public record RunComparison(List<String> both, List<String> onlyA, List<String> onlyB, double jaccard, double mseA, double mseB,
                            List<String> differences) {

    public RunComparison {
        both = List.copyOf(both);
        onlyA = List.copyOf(onlyA);
        onlyB = List.copyOf(onlyB);
        differences = List.copyOf(differences);
    }

    /**
     * Compares panel {@code a} (feature names, repeats allowed) with panel {@code b}; {@code configA} and
     * {@code configB} may be null (a run folder whose settings could not be read), then no setting is listed.
     */
    public static RunComparison of(Collection<String> a, double mseA, TrainingConfig configA,
                                   Collection<String> b, double mseB, TrainingConfig configB) {
        Set<String> setA = new LinkedHashSet<>(a);
        Set<String> setB = new LinkedHashSet<>(b);
        List<String> both = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        for (String f : setA) (setB.contains(f) ? both : onlyA).add(f);
        for (String f : setB) if (!setA.contains(f)) onlyB.add(f);
        int union = both.size() + onlyA.size() + onlyB.size();
        double jaccard = union == 0 ? 1 : (double) both.size() / union;
        return new RunComparison(both, onlyA, onlyB, jaccard, mseA, mseB, differences(configA, configB));
    }

    /** The settings in which two configurations differ, one line each, in the catalogue's order. */
    public static List<String> differences(TrainingConfig a, TrainingConfig b) {
        List<String> out = new ArrayList<>();
        if (a == null || b == null) return out;
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            String x = s.text(a);
            String y = s.text(b);
            if (!Objects.equals(x, y)) out.add(s.label() + ": " + show(x) + " → " + show(y));
        }
        return out;
    }

    private static String show(String v) {
        return v == null || v.isEmpty() ? "(none)" : v;
    }
}
