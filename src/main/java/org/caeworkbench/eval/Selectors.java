package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The selectors shipped, by name, in the order tables list them. */
public final class Selectors {
    private static final Map<String, Supplier<FeatureSelector>> ALL = new LinkedHashMap<>();
    static {
        ALL.put("cae", CaeSelector::new);
        ALL.put("cae-linear", CaeSelector::linear);
        ALL.put("cae-classify", CaeSelector::classify);
        ALL.put("random", RandomSelector::new);
        ALL.put("variance", VarianceSelector::new);
        ALL.put("laplacian", LaplacianScoreSelector::new);
        ALL.put("pfa", PfaSelector::new);
        ALL.put("mcfs", McfsSelector::new);
    }

    /** What {@code cae compare} runs when no methods are named. */
    public static final List<String> DEFAULT = List.of("cae", "random", "variance", "laplacian", "pfa", "mcfs");

    private Selectors() {}

    public static List<String> names() { return List.copyOf(ALL.keySet()); }

    /** A fresh selector of that name (case-insensitive). */
    public static FeatureSelector byName(String name) {
        Supplier<FeatureSelector> s = ALL.get(name.trim().toLowerCase(Locale.ROOT));
        if (s == null) throw new IllegalArgumentException("unknown method '" + name.trim() + "'; the methods are " + String.join(", ", ALL.keySet()) + ".");
        return s.get();
    }

    /** Parses a comma-separated list such as {@code cae,pfa,variance}. Names must not repeat. */
    public static List<FeatureSelector> parse(String list) {
        List<FeatureSelector> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) continue;
            FeatureSelector s = byName(part);
            if (seen.contains(s.name())) throw new IllegalArgumentException("the method '" + s.name() + "' is named twice.");
            seen.add(s.name());
            out.add(s);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("name at least one method, e.g. cae,pfa.");
        return out;
    }
}
