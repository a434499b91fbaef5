package org.caeworkbench.data;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds features by a name as a user types it: the exact name, else the one name equal to it ignoring
 * case (none when two names fold to the same). The kept and excluded features of a panel and the
 * feature filter's kept features are matched by this one rule.
 */
public final class FeatureNames {
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();    // lower case; -1 when two names fold to one

    public FeatureNames(List<String> names) {
        for (int j = 0; j < names.size(); j++) {
            exact.putIfAbsent(names.get(j), j);
            folded.merge(names.get(j).toLowerCase(Locale.ROOT), j, (a, b) -> -1);
        }
    }

    /** The index of the feature {@code name} means, or -1 when none (or two ignoring case). */
    public int find(String name) {
        Integer j = exact.get(name);
        if (j != null) return j;
        j = folded.get(name.toLowerCase(Locale.ROOT));
        return j == null ? -1 : j;
    }

    public boolean contains(String name) {
        return find(name) >= 0;
    }
}
