package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Feature names must be unique (they name the selected features, the columns of exported files and
 * the inputs of a saved model), but real files repeat them: gene symbols shared by several probes or
 * Ensembl ids. Every reader handles a repeat the same way: the first occurrence keeps its name, each
 * later one gets a suffix (its feature id where the file has one, else _2, _3, ...), and a note says so.
 */
public final class UniqueNames {
    private UniqueNames() {}

    /**
     * @param names      the names as read (changed in place)
     * @param alternates a second, usually unique identifier of each name (10x feature ids), or null
     * @param where      where name i is in the file, for the note ("column 4", "line 9")
     * @param what       what the names are ("feature names", "gene names")
     */
    static void makeUnique(List<String> names, List<String> alternates, IntFunction<String> where, String what, ReadContext ctx) {
        List<String> before = List.copyOf(names);
        List<Integer> repeats = rename(names, alternates);
        if (repeats.isEmpty()) return;
        int i0 = repeats.get(0);
        String example = before.get(i0);
        String counted = repeats.size() == 1 ? "1 " + what.substring(0, what.length() - 1) + " repeats"
                : repeats.size() + " " + what + " repeat";
        ctx.note(String.format(java.util.Locale.ROOT, "%s: %s an earlier one (the first: '%s' at %s and %s);"
                + " each repeat keeps the name with %s appended, e.g. '%s'",
                ctx.name, counted, DelimitedReader.shorten(example), where.apply(before.indexOf(example)), where.apply(i0),
                alternates != null ? "its id" : "_2, _3, ...", DelimitedReader.shorten(names.get(i0))));
    }

    /**
     * The names a reader gives features named {@code names} (with {@code alternates}, or null): for a writer that must
     * name them the same way without reading the data again (the annotated .h5ad made from a 10x .h5).
     */
    public static List<String> asReadersName(List<String> names, List<String> alternates) {
        List<String> out = new ArrayList<>(names);
        rename(out, alternates);
        return out;
    }

    /** Renames the repeats in place; returns their positions. */
    private static List<Integer> rename(List<String> names, List<String> alternates) {
        Map<String, Integer> first = new HashMap<>(names.size() * 2);
        List<Integer> repeats = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (first.putIfAbsent(names.get(i), i) != null) repeats.add(i);
        }
        if (repeats.isEmpty()) return repeats;
        Set<String> taken = new HashSet<>(names);
        // the next suffix to try for each repeated name: each try that fails skips a name that is taken,
        // and no taken name is skipped twice, so the whole pass is linear in the number of names
        Map<String, Integer> nextSuffix = new HashMap<>();
        boolean byId = alternates != null;
        for (int i : repeats) {
            String base = names.get(i);
            String candidate = byId ? base + "_" + alternates.get(i) : null;
            if (candidate == null || taken.contains(candidate)) {
                int k = nextSuffix.getOrDefault(base, 2);
                while (taken.contains(candidate = base + "_" + k)) k++;
                nextSuffix.put(base, k + 1);
            }
            names.set(i, candidate);
            taken.add(candidate);
        }
        return repeats;
    }
}
