package org.caeworkbench.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.caeworkbench.data.FeatureNames;

/**
 * The must-include ({@code --keep}) and never-selectable ({@code --exclude}) features of a run, resolved
 * against the prepared data's feature names (docs/panels.md).
 *
 * <ul>
 *   <li>{@link #fixed()}: the kept features, in the order given. The model feeds them to the decoder as
 *       its first inputs, beside the k learned selectors, so the panel is fixed ++ learned.</li>
 *   <li>{@link #open()}: the columns the learned selectors may choose (neither kept nor excluded), ascending;
 *       null when every column may be chosen, the paper's case, so the engine keeps its unmasked loops.</li>
 * </ul>
 * The settings hold names, not indices ({@link TrainingConfig#keep()}, {@link TrainingConfig#exclude()}):
 * an exclude entry {@code re:REGEX} is a regular expression found anywhere in a name ({@code re:^MT-}).
 */
public record FeaturePanel(int features, int[] fixed, int[] open) {

    /** The prefix of an exclude entry that is a regular expression. */
    public static final String REGEX = "re:";

    /** No kept and no excluded feature among {@code d}. */
    public static FeaturePanel none(int d) {
        return new FeaturePanel(d, new int[0], null);
    }

    /** The panel of {@code d} features with these kept and excluded ones (a saved model's). */
    public static FeaturePanel of(int d, int[] fixed, int[] excluded) {
        if (fixed.length == 0 && excluded.length == 0) return none(d);
        boolean[] blocked = new boolean[d];
        for (int j : fixed) blocked[j] = true;
        for (int j : excluded) blocked[j] = true;
        int free = 0;
        for (boolean b : blocked) if (!b) free++;
        int[] open = null;
        if (free < d) {
            open = new int[free];
            int i = 0;
            for (int j = 0; j < d; j++) if (!blocked[j]) open[i++] = j;
        }
        return new FeaturePanel(d, fixed.clone(), open);
    }

    /** Whether nothing is kept or excluded (the paper's model). */
    public boolean isNone() {
        return fixed.length == 0 && open == null;
    }

    /** How many columns the learned selectors may choose. */
    public int selectable() {
        return open == null ? features : open.length;
    }

    /** The columns nobody may select: the excluded ones (kept ones not included). */
    public int[] excluded() {
        if (open == null) return new int[0];
        boolean[] free = new boolean[features];
        for (int j : open) free[j] = true;
        for (int j : fixed) free[j] = true;
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < features; j++) if (!free[j]) out.add(j);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * {@link #resolve(TrainingConfig, List)} on data whose preprocessing may have dropped features
     * ({@code fileNames}: the features before the filters; null: none dropped). An excluded name that the
     * preprocessing dropped is fine (nobody can select it); a kept name that it dropped is an error that says so.
     * Training prepares the data with the kept features never dropped, so that error means data prepared
     * for another keep list ({@link #droppedKept} tells the window which to put back).
     */
    public static FeaturePanel resolve(TrainingConfig c, FeatureNames names, List<String> fileNames) {
        if (fileNames == null || fileNames.size() == names.size()) return resolve(c, names);
        List<String> droppedExclude = droppedNames(c.exclude().stream().filter(n -> !n.startsWith(REGEX)).toList(), names, fileNames);
        List<String> exclude = new ArrayList<>(c.exclude());
        exclude.removeAll(droppedExclude);
        TrainingConfig present = droppedExclude.isEmpty() ? c : c.toBuilder().exclude(exclude).build();
        try {
            return resolve(present, names);
        } catch (IllegalArgumentException e) {
            List<String> dropped = droppedKept(c, names, fileNames);
            if (dropped.isEmpty()) throw e;
            throw new IllegalArgumentException(e.getMessage() + " " + (dropped.size() == 1 ? "It is" : dropped.size() + " of them are")
                    + " in the file but dropped by the preprocessing (constant, or not among the most variable): " + firstFew(dropped)
                    + "; prepare the data again with them kept.", e);
        }
    }

    /** The kept names of {@code c} that are features of the file ({@code fileNames}) but not of the prepared data ({@code names}). */
    public static List<String> droppedKept(TrainingConfig c, FeatureNames names, List<String> fileNames) {
        return droppedNames(c.keep(), names, fileNames);
    }

    /**
     * The names of {@code wanted} that match a feature of the file ({@code fileNames}; null: nothing dropped) but none of the
     * prepared data (the same matching rule for both).
     */
    public static List<String> droppedNames(List<String> wanted, FeatureNames present, List<String> fileNames) {
        if (wanted.isEmpty() || fileNames == null) return List.of();
        FeatureNames inFile = new FeatureNames(fileNames);
        return wanted.stream().filter(n -> !present.contains(n) && inFile.contains(n)).toList();
    }

    /**
     * The kept and excluded features of {@code c} among {@code names} (the prepared data's), or an
     * IllegalArgumentException with one sentence: names that match no feature (the first few and how many),
     * a regular expression that matches nothing, a feature both kept and excluded, or fewer than k
     * selectable features left.
     */
    public static FeaturePanel resolve(TrainingConfig c, FeatureNames index) {
        int d = index.size();
        if (c.keep().isEmpty() && c.exclude().isEmpty()) return none(d);
        LinkedHashSet<Integer> fixed = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String n : c.keep()) {
            int j = index.find(n);
            if (j < 0) unknown.add(n);
            else fixed.add(j);
        }
        if (!unknown.isEmpty()) throw new IllegalArgumentException(noMatch("--keep", unknown, d));
        boolean[] excluded = new boolean[d];
        for (String e : c.exclude()) {
            if (e.startsWith(REGEX)) {
                Pattern p = pattern(e.substring(REGEX.length()));
                int hits = 0;
                for (int j = 0; j < d; j++) {
                    if (index.matches(j, p)) {
                        excluded[j] = true;
                        hits++;
                    }
                }
                if (hits == 0) throw new IllegalArgumentException("--exclude " + e + " matches none of the " + d
                        + " features' names; check the expression (it is searched for anywhere in a name: use ^ and $ to anchor it).");
            } else {
                int j = index.find(e);
                if (j < 0) unknown.add(e);
                else excluded[j] = true;
            }
        }
        if (!unknown.isEmpty()) throw new IllegalArgumentException(noMatch("--exclude", unknown, d));
        List<String> both = new ArrayList<>();
        for (int j : fixed) if (excluded[j]) both.add(index.names().get(j));
        if (!both.isEmpty()) throw new IllegalArgumentException(both.size() + " feature(s) are both kept and excluded: "
                + firstFew(both) + "; remove them from --keep or from --exclude.");
        int[] f = fixed.stream().mapToInt(Integer::intValue).toArray();
        boolean[] blocked = excluded.clone();
        for (int j : f) blocked[j] = true;
        int free = 0;
        for (boolean b : blocked) if (!b) free++;
        if (free < c.k()) {
            int ex = 0;
            for (boolean b : excluded) if (b) ex++;
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "only %d of the %d features remain selectable (%d kept, %d excluded), fewer than k = %d; lower k or keep or exclude fewer.",
                    free, d, f.length, ex, c.k()));
        }
        int[] open = null;
        if (free < d) {
            open = new int[free];
            int i = 0;
            for (int j = 0; j < d; j++) if (!blocked[j]) open[i++] = j;
        }
        return new FeaturePanel(d, f, open);
    }

    private static String noMatch(String option, List<String> unknown, int d) {
        String hint = unknown.size() == 1 ? notAFileEither(unknown.get(0)) : "";
        return option + ": " + unknown.size() + (unknown.size() == 1 ? " name matches" : " names match") + " none of the " + d
                + " features: " + firstFew(unknown) + hint + ".";
    }

    /** " (there is no file of that name either)" when a name that matches no feature looks like a file's path, else empty. */
    public static String notAFileEither(String name) {
        return name.contains("/") || name.contains("\\") || name.matches("(?i).*\\.(txt|csv|tsv|list)$") ? " (there is no file of that name either)" : "";
    }

    /** The first five of {@code items} separated by commas, then ", ... (N more)" when there are more. */
    public static String firstFew(List<String> items) {
        int shown = Math.min(5, items.size());
        String s = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + ", ... (" + (items.size() - shown) + " more)" : s;
    }

    static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Setting.Invalid("must be a valid regular expression after 're:' (" + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    // ---- the settings' text: FILE, names separated by commas, or (exclude) re:REGEX

    /**
     * A list of feature names from text: {@code re:REGEX} as one entry (only where {@code regex} is allowed),
     * the names in a file when the text is the path of one, else names separated by commas (a name with a
     * comma or quote in double quotes, as in CSV). A file holds one name per line, or, when its lines hold
     * commas or tabs, a table whose first line is a header: the column named {@code name} (else the first); of a
     * stability count (stability.csv: times_chosen and fraction columns), the features chosen in more than half of the runs; of
     * a feature table with a {@code cae_selected} column (a run's features.tsv, the annotated .h5ad's var), the selected ones
     * in their {@code cae_rank} order.
     * Blank lines and lines starting with # are skipped. Repeated names count once.
     */
    public static List<String> names(String text, boolean regex) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return List.of();
        if (t.startsWith(REGEX)) {
            if (!regex) throw new Setting.Invalid("takes feature names or a file of them, not a regular expression");
            pattern(t.substring(REGEX.length()));
            return List.of(t);
        }
        Path file = fileOf(t);
        List<String> out = file != null ? fromFile(file, regex) : t.indexOf('\n') >= 0 ? lines(t) : splitList(t);
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String n : out) {
            String s = n.trim();
            if (s.isEmpty()) continue;
            if (s.startsWith(REGEX)) {
                if (!regex) throw new Setting.Invalid("takes feature names, not a regular expression ('" + s + "')");
                pattern(s.substring(REGEX.length()));
            }
            unique.add(s);
        }
        return List.copyOf(unique);
    }

    /** A run folder's panel, in the folder as {@code cae train} and the window write it. */
    public static final String RUN_PANEL_FILE = "selected_features.csv";

    /**
     * The file that {@code text} names: a file of names, or a run folder's {@link #RUN_PANEL_FILE} when it names a run
     * folder (so {@code --keep runs/old} keeps that run's panel); null when it names neither.
     */
    public static Path fileOf(String text) {
        try {
            Path p = Path.of(text.trim());
            if (Files.isRegularFile(p)) return p;
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(RUN_PANEL_FILE))) return p.resolve(RUN_PANEL_FILE);
        } catch (java.nio.file.InvalidPathException notAPath) {
            // names
        }
        return null;
    }

    private static List<String> fromFile(Path file, boolean regex) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Setting.Invalid("names a file that is not text in UTF-8 (" + file + "); give a list of names, one a line, or a CSV or TSV table");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Setting.Invalid("names a file that cannot be read (" + file + ": " + e.getMessage() + ")");
        }
        List<String> content = lines.stream().filter(l -> !l.isBlank() && !l.trim().startsWith("#")).toList();
        if (content.isEmpty()) throw new Setting.Invalid("names a file with no feature names in it (" + file + ")");
        boolean table = content.stream().anyMatch(l -> l.indexOf(',') >= 0 || l.indexOf('\t') >= 0);
        if (!table) return content.stream().map(String::trim).toList();
        char sep = content.get(0).indexOf('\t') >= 0 ? '\t' : ',';
        List<String> header = split(content.get(0), sep);
        int col = 0;
        int fraction = -1;
        boolean counted = false;
        int selectedCol = -1, rankCol = -1;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).trim();
            if (h.equalsIgnoreCase("name")) col = i;
            if (h.equalsIgnoreCase("fraction")) fraction = i;
            if (h.equalsIgnoreCase("times_chosen")) counted = true;
            if (h.equalsIgnoreCase("cae_selected")) selectedCol = i;
            if (h.equalsIgnoreCase("cae_rank")) rankCol = i;
        }
        // a run's features.tsv (every feature, cae_selected true for the panel's) or a var table written from the annotated
        // .h5ad: the panel, in its rank order, not every feature of the data
        if (selectedCol >= 0) return selectedIn(content, sep, col, selectedCol, rankCol, file);
        // the stability count's table (stability.csv of --repeats and the Stability tab): the features chosen in most runs,
        // as the window's "Keep those chosen in most runs", not every feature some run chose
        boolean stability = counted && fraction >= 0;
        List<String> out = new ArrayList<>();
        for (int i = 1; i < content.size(); i++) {
            List<String> fields = split(content.get(i), sep);
            int need = Math.max(col, stability ? fraction : 0);
            if (need >= fields.size()) throw new Setting.Invalid("names a file whose line " + (lines.indexOf(content.get(i)) + 1) + " has no column "
                    + (need + 1) + " (" + file + ")");
            if (stability && !(fractionOf(fields.get(fraction), file) > 0.5)) continue;
            out.add(fields.get(col));
        }
        if (stability && out.isEmpty()) {
            throw new Setting.Invalid("names a stability count in which no feature was chosen in more than half of the runs (" + file + ")");
        }
        return out;
    }

    private static List<String> selectedIn(List<String> content, char sep, int col, int selectedCol, int rankCol, Path file) {
        List<String[]> chosen = new ArrayList<>();   // rank, name
        for (int i = 1; i < content.size(); i++) {
            List<String> fields = split(content.get(i), sep);
            if (Math.max(col, Math.max(selectedCol, rankCol)) >= fields.size()) continue;
            String v = fields.get(selectedCol).trim();
            if (v.equalsIgnoreCase("true") || v.equals("1")) chosen.add(new String[] {rankCol >= 0 ? fields.get(rankCol).trim() : "", fields.get(col)});
        }
        if (chosen.isEmpty()) throw new Setting.Invalid("names a feature table in which no feature has cae_selected true (" + file + ")");
        if (rankCol >= 0) chosen.sort(java.util.Comparator.comparingDouble(r -> rankOf(r[0])));
        return chosen.stream().map(r -> r[1]).toList();
    }

    private static double rankOf(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    private static double fractionOf(String text, Path file) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new Setting.Invalid("names a stability count whose fraction '" + text.trim() + "' is not a number (" + file + ")");
        }
    }

    /**
     * Text of several lines (names pasted into the window, one or several a line): each line that starts with
     * {@code re:} is one entry, the others names separated by commas; blank lines and # comments are skipped.
     */
    private static List<String> lines(String t) {
        List<String> out = new ArrayList<>();
        for (String line : t.split("\\R")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (l.startsWith(REGEX)) out.add(l);
            else out.addAll(splitList(l));
        }
        return out;
    }

    private static List<String> splitList(String t) {
        return split(t, ',');
    }

    /** Fields separated by {@code sep}; a field in double quotes may hold the separator ("" is a quote). */
    private static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (ch == '"') quoted = false;
                else f.append(ch);
            } else if (ch == '"' && f.toString().isBlank()) {
                quoted = true;
                f.setLength(0);
            } else if (ch == sep) {
                out.add(f.toString().trim());
                f.setLength(0);
            } else {
                f.append(ch);
            }
        }
        out.add(f.toString().trim());
        return out;
    }

    /** The text {@link #names} reads back into the same list (a lone regular expression as it is). */
    static String text(List<String> names) {
        if (names.size() == 1 && names.get(0).startsWith(REGEX)) return names.get(0);
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            if (b.length() > 0) b.append(',');
            boolean quote = n.indexOf(',') >= 0 || n.indexOf('"') >= 0 || n.startsWith(REGEX) || !n.equals(n.trim());
            b.append(quote ? '"' + n.replace("\"", "\"\"") + '"' : n);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeaturePanel p && p.features == features && Arrays.equals(p.fixed, fixed) && Arrays.equals(p.open, open);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * features + Arrays.hashCode(fixed)) + Arrays.hashCode(open);
    }

    @Override
    public String toString() {
        return "FeaturePanel[" + features + " features, fixed " + Arrays.toString(fixed) + ", " + selectable() + " selectable]";
    }
}
