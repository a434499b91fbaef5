package org.caeworkbench.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.caeworkbench.app.CompareRun;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.FeatureNames;
import org.caeworkbench.eval.GivenPanel;
import org.caeworkbench.eval.Selectors;

/**
 * What the Compare tab asks for, without the toolkit: the k values, the CAE's epochs and the methods
 * chosen, turned into the comparison to run (the same as {@code cae compare --k-list K --epochs E
 * --methods M}) or one sentence saying what to fix.
 */
final class CompareViewModel {
    private final StringProperty k = new SimpleStringProperty("10");
    private final StringProperty epochs = new SimpleStringProperty("300");
    private final Map<String, BooleanProperty> methods = new LinkedHashMap<>();
    private final StringProperty panel = new SimpleStringProperty("");

    CompareViewModel() {
        for (String name : Selectors.names()) methods.put(name, new SimpleBooleanProperty(Selectors.DEFAULT.contains(name)));
    }

    StringProperty kProperty() { return k; }
    StringProperty epochsProperty() { return epochs; }
    /** Your panel: a file of names or names, scored as it is beside the methods (cae compare --panel); empty: none. */
    StringProperty panelProperty() { return panel; }

    /**
     * Your panel on data of features {@code featureNames} (the names found and those not), or null when none is
     * given; an IllegalArgumentException with one sentence when it cannot be read or none of its names is a feature.
     */
    GivenPanel.Match panel(FeatureNames featureNames) {
        if (panel.get() == null || panel.get().isBlank()) return null;
        return GivenPanel.read(panel.get(), "Your panel").match(featureNames);
    }

    /** Your panel's names as given (empty without one); an IllegalArgumentException with one sentence when they cannot be read. */
    List<String> panelNames() {
        if (panel.get() == null || panel.get().isBlank()) return List.of();
        return GivenPanel.read(panel.get(), "Your panel").names();
    }

    /** Your panel checked against the data: the line under its field, and its match (null when there is none to score). */
    record PanelCheck(String line, GivenPanel.Match match) {}

    /**
     * Your panel on the data: the line under the field (how many of its names the data have, or why it cannot be used;
     * empty without one) and the match. {@code inFile}: the file's features before the preprocessing's filters (null:
     * none dropped), to say which missing names the preprocessing dropped.
     */
    PanelCheck check(FeatureNames featureNames, List<String> inFile) {
        try {
            if (panel.get() == null || panel.get().isBlank()) return new PanelCheck("", null);
            GivenPanel given = GivenPanel.read(panel.get(), "Your panel");
            // names the file has but the preprocessing dropped: Run prepares the data again with them (as for kept features)
            List<String> dropped = org.caeworkbench.core.FeaturePanel.droppedNames(given.names(), featureNames, inFile);
            String putBack = dropped.isEmpty() ? "" : " " + dropped.size() + " of them " + (dropped.size() == 1 ? "is" : "are")
                    + " in the file but dropped by the preprocessing (constant, or not among the most variable): "
                    + org.caeworkbench.core.FeaturePanel.firstFew(dropped) + "; Run puts them back.";
            GivenPanel.Match m;
            try {
                m = given.match(featureNames);
            } catch (IllegalArgumentException none) {
                if (dropped.isEmpty()) throw none;
                return new PanelCheck(given.label() + ": none of its " + given.names().size() + " names is in the data as prepared." + putBack, null);
            }
            String line = m.missing().isEmpty() ? String.format(Locale.ROOT, "%d feature(s), all in the data; scored as they are.", m.size())
                    : m.note() + putBack;
            return new PanelCheck(given.label() + ": " + line, m);
        } catch (IllegalArgumentException e) {
            return new PanelCheck(e.getMessage(), null);
        }
    }

    /** Every method by name, in the order tables list them, each with whether it is chosen. */
    Map<String, BooleanProperty> methods() { return methods; }

    /** Chooses exactly the methods named. */
    void choose(List<String> names) {
        methods.forEach((n, p) -> p.set(names.contains(n)));
    }

    /** A comparison to run: its k values, settings and methods. */
    record Plan(int[] ks, CompareRun run, List<String> methods) {}

    /** {@link #plan(int, TrainingConfig)} with the default settings for the CAE. */
    Plan plan(int features) {
        return plan(features, TrainingConfig.builder().build());
    }

    /**
     * The comparison for data of {@code features} features, its CAE trained with {@code settings} (the
     * Parameters panel's, as {@code cae compare} takes the training options) but this tab's k values and
     * epochs; one sentence (a capital first) when a choice is not valid.
     */
    Plan plan(int features, TrainingConfig settings) {
        int[] ks;
        try {
            ks = Settings.kList(k.get());
        } catch (Setting.Invalid e) {
            String m = Setting.sentence("k", e, k.get());
            throw new IllegalArgumentException(Character.toUpperCase(m.charAt(0)) + m.substring(1));
        }
        for (int v : ks)
            if (v > features) throw new IllegalArgumentException("k = " + v + " is larger than the number of features (" + features + ").");
        int e;
        try {
            e = Integer.parseInt(epochs.get().trim());
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("CAE epochs must be a whole number (got '" + epochs.get().trim() + "').");
        }
        if (e < 1) throw new IllegalArgumentException("CAE epochs must be at least 1 (it is " + e + ").");
        List<String> chosen = methods.entrySet().stream().filter(m -> m.getValue().get()).map(Map.Entry::getKey).toList();
        if (chosen.isEmpty() && (panel.get() == null || panel.get().isBlank()))
            throw new IllegalArgumentException("Choose at least one method, or give a panel of your own to score.");
        return new Plan(ks, new CompareRun(settings.toBuilder().epochs(e).build(), 1), chosen);
    }

    /** The progress line of one step: "pfa, k = 20 … (3 of 12)". */
    static String step(String method, int k, int done, int total) {
        return String.format(Locale.ROOT, "%s, k = %d … (%d of %d)", method, k, done + 1, total);
    }
}
