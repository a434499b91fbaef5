package org.caeworkbench.data;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds features by a name as a user types it: the exact name, else the one name equal to it ignoring
 * case (none when two names fold to the same). The kept and excluded features of a panel, a panel given to a
 * comparison and the feature filter's kept features are matched by this one rule.
 *
 * <p>A file that names its genes both ways (an {@code .h5ad} indexed by Ensembl id with a symbol column, as
 * CELLxGENE writes them; a 10x matrix named by symbol with its ids: {@link Dataset#geneNames()}) also finds a
 * feature by its other name: a panel of symbols works on data named by id, and the other way round. The feature's
 * own name comes first; another name is used only when it names one feature.
 */
public final class FeatureNames {
    private final List<String> names;
    private final List<String> aliases;                              // null: none
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();    // lower case; -1 when two names fold to one
    private final Map<String, Integer> aliasExact = new HashMap<>();   // -1 when two features share the alias
    private final Map<String, Integer> aliasFolded = new HashMap<>();

    public FeatureNames(List<String> names) {
        this(names, null);
    }

    /**
     * @param aliases each feature's other name (its symbol, or its id), in the order of {@code names}; null: none
     */
    public FeatureNames(List<String> names, List<String> aliases) {
        if (aliases != null && aliases.size() != names.size())
            throw new IllegalArgumentException(aliases.size() + " other names for " + names.size() + " features");
        this.names = names;
        this.aliases = aliases;
        for (int j = 0; j < names.size(); j++) {
            exact.putIfAbsent(names.get(j), j);
            folded.merge(names.get(j).toLowerCase(Locale.ROOT), j, (a, b) -> -1);
            if (aliases != null && aliases.get(j) != null && !aliases.get(j).isEmpty()) {
                aliasExact.merge(aliases.get(j), j, (a, b) -> -1);
                aliasFolded.merge(aliases.get(j).toLowerCase(Locale.ROOT), j, (a, b) -> -1);
            }
        }
    }

    /** The features of {@code d} by name, with their other names when the file gives genes both ways. */
    public static FeatureNames of(Dataset d) {
        return new FeatureNames(d.featureNames(), aliases(d.featureNames(), d.geneNames()));
    }

    /** Of genes named both ways, the names that {@code names} are not (the symbols when the features are named by id); else null. */
    public static List<String> aliases(List<String> names, Dataset.GeneNames genes) {
        List<String> symbols = symbolsBesideIds(names, genes);
        return symbols != null ? symbols : genes == null || genes.ids().size() != names.size() ? null : genes.ids();
    }

    /**
     * The symbols of features named by id ({@code names} equal to the genes' ids: an .h5ad indexed by Ensembl id), to show
     * beside them ("ENSG00000105374 (NKG7)"); null otherwise (features named by symbol already, or no genes named both ways).
     */
    public static List<String> symbolsBesideIds(List<String> names, Dataset.GeneNames genes) {
        return genes != null && genes.ids().equals(names) ? genes.symbols() : null;
    }

    /** The index of the feature {@code name} means, or -1 when none (or two ignoring case). */
    public int find(String name) {
        Integer j = exact.get(name);
        if (j != null) return j;
        j = aliasExact.get(name);
        if (j != null) return j;
        j = folded.get(name.toLowerCase(Locale.ROOT));
        if (j == null || j < 0) j = aliasFolded.get(name.toLowerCase(Locale.ROOT));
        return j == null ? -1 : j;
    }

    public boolean contains(String name) {
        return find(name) >= 0;
    }

    /** How many features. */
    public int size() {
        return names.size();
    }

    /** The features' own names. */
    public List<String> names() {
        return names;
    }

    /** Whether the feature {@code j}'s name, or its other name, contains a match of {@code p} (--exclude re:). */
    public boolean matches(int j, Pattern p) {
        if (p.matcher(names.get(j)).find()) return true;
        return aliases != null && aliases.get(j) != null && p.matcher(aliases.get(j)).find();
    }
}
