package org.caeworkbench.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.core.FeaturePanel;
import org.caeworkbench.core.Setting;
import org.caeworkbench.data.FeatureNames;

/**
 * A panel the user brings to a comparison (a gene panel already in use, a list from a paper, another run's
 * selected_features.csv or features.tsv), scored as it is beside the selectors: {@code cae compare --panel FILE|NAMES} and the Compare
 * tab's <i>Your panel</i>. Its names are read as {@code --keep} reads them (a file of names one a line, a table's
 * {@code name} or first column, names separated by commas) and matched to the data's features by the same rule
 * (exact, else ignoring case). Names the data do not have are left out and said so: a panel designed for one
 * platform seldom matches another's features exactly; a panel none of whose names match is refused.
 *
 * @param label what the comparison calls it: the file's name, or "N names" for names typed in
 * @param names the panel's names, each once, in the order given
 */
public record GivenPanel(String label, List<String> names) {

    /** The method name of a given panel's row starts with this. */
    public static final String PREFIX = "panel: ";

    public GivenPanel {
        names = List.copyOf(names);
    }

    /**
     * The panel in {@code text} (a file's path, or names separated by commas or one a line); {@code option} names
     * the setting in the sentence of an IllegalArgumentException when the text holds no names or the file cannot be read.
     */
    public static GivenPanel read(String text, String option) {
        String t = text == null ? "" : text.trim();
        List<String> names;
        try {
            names = FeaturePanel.names(t, false);
        } catch (Setting.Invalid e) {
            throw new IllegalArgumentException(Setting.sentence(option, e, t), e);
        }
        if (names.isEmpty()) throw new IllegalArgumentException(option + " holds no feature names; give a file of names or names separated by commas.");
        Path file = FeaturePanel.fileOf(t);
        // a file by its name; a run folder by the folder's
        String label = file == null ? (names.size() == 1 ? names.get(0) : names.size() + " names")
                : Files.isDirectory(Path.of(t)) ? Path.of(t).toAbsolutePath().normalize().getFileName() + "/" : file.getFileName().toString();
        return new GivenPanel(label, names);
    }

    /** The name of this panel's row in a comparison ("panel: my_panel.txt"). */
    public String method() {
        return PREFIX + label;
    }

    /**
     * The panel on the data's features ({@link FeatureNames#of}: by name, or by the other name of genes named both ways):
     * the indices of the names found, in the panel's order (a name that two of the panel's spellings find counts once),
     * and the names not found. Refused in one sentence when none is found.
     */
    public Match match(FeatureNames index) {
        LinkedHashSet<Integer> found = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            int j = index.find(n);
            if (j < 0) missing.add(n);
            else found.add(j);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Panel %s: none of its %d name(s) is a feature of the data (%d features): %s%s.",
                    label, names.size(), index.size(), FeaturePanel.firstFew(missing), names.size() == 1 ? FeaturePanel.notAFileEither(names.get(0)) : ""));
        }
        return new Match(this, found.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(missing));
    }

    /**
     * A given panel on one dataset.
     *
     * @param features the indices of its names that the data have
     * @param missing  its names the data do not have
     */
    public record Match(GivenPanel panel, int[] features, List<String> missing) {

        /** How many of its features the data have: its row's k. */
        public int size() {
            return features.length;
        }

        /**
         * "48 of its 50 names are features of the data; not found: Xist, Tsix." or, when all are, empty.
         * Goes with the row, in the table's note and on the command line.
         */
        public String note() {
            if (missing.isEmpty()) return "";
            return String.format(Locale.ROOT, "%d of its %d names are features of the data; scored on those (not found: %s).",
                    features.length, features.length + missing.size(), FeaturePanel.firstFew(missing));
        }
    }
}
