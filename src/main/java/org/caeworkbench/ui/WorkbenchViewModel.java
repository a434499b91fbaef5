package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.beans.binding.Bindings;
import javafx.util.StringConverter;
import org.caeworkbench.core.Annealing;
import org.caeworkbench.core.FeaturePanel;
import org.caeworkbench.data.FeatureNames;
import org.caeworkbench.core.Problem;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TemperatureSchedule;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DatasetSummary;
import org.caeworkbench.data.Preprocessing;

/**
 * The state of the workbench behind the window: the training parameters as text (as the user types
 * them), their validation, the loaded dataset's shape and whether Train may be pressed. Holds only
 * JavaFX properties and no controls, so it is unit-testable without the toolkit running; all its
 * methods must be called on one thread (the FX thread in the application).
 */
public final class WorkbenchViewModel {

    /**
     * Names for the parameter fields the window and its tests set by hand. Each is a setting of the
     * catalogue (core.Settings); the view-model and the panel hold a field for every one of
     * {@link Settings#TRAINING}, named or not.
     */
    public static final class Field {
        private Field() {}
        public static final Setting<TrainingConfig, ?> K = Settings.K;
        public static final Setting<TrainingConfig, ?> EPOCHS = Settings.EPOCHS;
        public static final Setting<TrainingConfig, ?> T0 = Settings.START_TEMP;
        public static final Setting<TrainingConfig, ?> TEND = Settings.END_TEMP;
        public static final Setting<TrainingConfig, ?> LR = Settings.LR;
        public static final Setting<TrainingConfig, ?> BATCH = Settings.BATCH;
        public static final Setting<TrainingConfig, ?> HIDDEN = Settings.HIDDEN;
        public static final Setting<TrainingConfig, ?> DROPOUT = Settings.DROPOUT;
        public static final Setting<TrainingConfig, ?> SEED = Settings.SEED;
        public static final Setting<TrainingConfig, ?> THRESHOLD = Settings.CONVERGENCE;
        public static final Setting<TrainingConfig, ?> REDUNDANCY = Settings.REDUNDANCY;
    }

    /** Each setting's text as typed (a choice's word), in the catalogue's order. */
    private final Map<Setting<TrainingConfig, ?>, StringProperty> text = new LinkedHashMap<>();
    /** The switch of each setting that can be off (the convergence rule): off gives the setting its off value. */
    private final Map<Setting<TrainingConfig, ?>, BooleanProperty> on = new LinkedHashMap<>();
    private final ObjectProperty<TemperatureSchedule.Shape> shape;
    private final ObjectProperty<Annealing> annealing;

    /** Features (d) and training rows (n) of the loaded data; d = 0 when nothing is loaded. */
    private final ReadOnlyObjectWrapper<DatasetSummary> summary = new ReadOnlyObjectWrapper<>();
    private int trainRows;

    // preprocessing of the next load (see data.Preprocessing); topVariable "" or "all" keeps every feature
    private final BooleanProperty cpm = new SimpleBooleanProperty();
    private final BooleanProperty log1p = new SimpleBooleanProperty();
    private final BooleanProperty dropConstant = new SimpleBooleanProperty();
    private final StringProperty topVariable = new SimpleStringProperty("");

    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    /** Why another job (a comparison, stability runs) keeps Train off; empty when none runs. */
    private final StringProperty otherJob = new SimpleStringProperty("");

    private final ObservableMap<Setting<TrainingConfig, ?>, String> fieldErrors = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    /** The loaded data's feature names (empty: none loaded, or not known): kept and excluded names are checked against them. */
    private List<String> featureNames = List.of();
    private FeatureNames lookup = new FeatureNames(List.of());   // the names and, for genes named both ways, their other names
    /** The file's feature names before the preprocessing's filters (empty: the same as featureNames). */
    private List<String> fileNames = List.of();
    /** What the kept and excluded features make of the panel, in one line; empty when none are given. */
    private final ReadOnlyStringWrapper panelSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TrainingConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canTrain = new ReadOnlyBooleanWrapper();

    public WorkbenchViewModel() {
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            StringProperty p = new SimpleStringProperty(s.defaultText());
            text.put(s, p);
            if (s.offWord() != null) {
                BooleanProperty b = new SimpleBooleanProperty(!offByDefault(s));
                if (!b.get()) p.set("");
                // switched on with nothing typed: the catalogue's typical value, so that training is not refused for an empty field
                b.addListener((o, was, now) -> {
                    if (now && (p.get() == null || p.get().isBlank()) && s.typicalOnText() != null) p.set(s.typicalOnText());
                });
                on.put(s, b);
            }
        }
        shape = typed(Settings.SCHEDULE);
        annealing = typed(Settings.ANNEAL);
        for (StringProperty p : text.values()) p.addListener((o, a, b) -> validate());
        for (BooleanProperty b : on.values()) b.addListener((o, a, c) -> validate());
        running.addListener((o, a, b) -> validate());
        loading.addListener((o, a, b) -> validate());
        otherJob.addListener((o, a, b) -> validate());
        validate();
    }

    private static <V> boolean offByDefault(Setting<TrainingConfig, V> s) {
        return s.isOff(s.defaultValue());
    }

    /** A typed view of a choice's text (the schedule's shape, the annealing). */
    private <V> ObjectProperty<V> typed(Setting<TrainingConfig, V> s) {
        ObjectProperty<V> p = new SimpleObjectProperty<>(s.defaultValue());
        Bindings.bindBidirectional(text(s), p, new StringConverter<V>() {
            @Override public String toString(V v) { return v == null ? "" : s.format(v); }
            @Override public V fromString(String t) {
                try {
                    return s.parse(t);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        });
        return p;
    }

    /** The text of a setting's field (a choice's word). */
    public StringProperty text(Setting<TrainingConfig, ?> f) { return text.get(f); }
    /** The switch of a setting that can be off (null for the others). */
    public BooleanProperty onProperty(Setting<TrainingConfig, ?> f) { return on.get(f); }
    public ObjectProperty<TemperatureSchedule.Shape> shapeProperty() { return shape; }
    public ObjectProperty<Annealing> annealingProperty() { return annealing; }
    public BooleanProperty convergenceProperty() { return on.get(Settings.CONVERGENCE); }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty otherJobProperty() { return otherJob; }
    public BooleanProperty cpmProperty() { return cpm; }
    public BooleanProperty log1pProperty() { return log1p; }
    public BooleanProperty dropConstantProperty() { return dropConstant; }
    public StringProperty topVariableProperty() { return topVariable; }

    /** The preprocessing as set, or empty when the number of most variable features is not a positive whole number. */
    public Optional<Preprocessing> preprocessing() {
        String t = topVariable.get() == null ? "" : topVariable.get().trim();
        int top = 0;
        if (!t.isEmpty() && !t.equalsIgnoreCase("all")) {
            try {
                top = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (top < 1) return Optional.empty();
        }
        return Optional.of(new Preprocessing(cpm.get(), log1p.get(), dropConstant.get(), top));
    }

    /** Shows the preprocessing of loaded data (a resumed run's, for example) in the controls. */
    public void setPreprocessing(Preprocessing p) {
        cpm.set(p.cpm());
        log1p.set(p.log1p());
        dropConstant.set(p.dropConstant());
        topVariable.set(p.topVariable() > 0 ? Integer.toString(p.topVariable()) : "");
    }

    /** Puts a run's training settings into the fields (to show what a resumed training uses). */
    public void setConfig(TrainingConfig c) {
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) show(s, c);
    }

    private <V> void show(Setting<TrainingConfig, V> s, TrainingConfig c) {
        V v = s.get(c);
        if (s.offWord() != null) {
            on.get(s).set(!s.isOff(v));
            if (s.isOff(v)) return;     // the field keeps the threshold last typed
        }
        text(s).set(s.format(v));
    }
    public BooleanProperty loadingProperty() { return loading; }
    public ReadOnlyObjectProperty<DatasetSummary> summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObservableMap<Setting<TrainingConfig, ?>, String> fieldErrors() { return fieldErrors; }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    /** "Panel: 20 kept + k = 10 learned = 30 features; 13 excluded (re:^MT- matches 13); 22,250 selectable." or empty. */
    public ReadOnlyStringProperty panelSummaryProperty() { return panelSummary.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TrainingConfig> configProperty() { return config.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canTrainProperty() { return canTrain.getReadOnlyProperty(); }

    /** The settings as typed, when they are valid for the loaded data. */
    public Optional<TrainingConfig> config() { return Optional.ofNullable(config.get()); }

    /** Tells the view-model what data is loaded (null: none), so k can be checked against d. */
    public void setDataset(DatasetSummary s, int trainRows) {
        setDataset(s, trainRows, List.of());
    }

    /** {@link #setDataset(DatasetSummary, int)} with the features' names, so kept and excluded names are checked as typed. */
    public void setDataset(DatasetSummary s, int trainRows, List<String> names) {
        setDataset(s, trainRows, names, List.of());
    }

    /** The same, with the file's names before the preprocessing dropped some (so a dropped kept gene is said as such). */
    public void setDataset(DatasetSummary s, int trainRows, List<String> names, List<String> namesInFile) {
        setDataset(s, trainRows, names, namesInFile, null);
    }

    /**
     * The same, with each feature's other name ({@link FeatureNames#aliases}: the symbols of genes named by id, or the
     * other way round; null: none), by which kept and excluded names may be given too.
     */
    public void setDataset(DatasetSummary s, int trainRows, List<String> names, List<String> namesInFile, List<String> aliases) {
        this.trainRows = trainRows;
        this.featureNames = s == null || names == null ? List.of() : List.copyOf(names);
        this.lookup = new FeatureNames(featureNames, s == null || names == null || aliases == null ? null : List.copyOf(aliases));
        this.fileNames = s == null || namesInFile == null ? List.of() : List.copyOf(namesInFile);
        summary.set(s);
        validate();
    }

    /** Re-checks every field; called on each change. */
    void validate() {
        Map<Setting<TrainingConfig, ?>, String> errors = new LinkedHashMap<>();
        TrainingConfig candidate = TrainingConfig.builder().build();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) candidate = read(s, candidate, errors);

        TrainingConfig cfg = null;
        List<String> general = new ArrayList<>();
        if (errors.isEmpty()) {
            DatasetSummary s = summary.get();
            int d = s == null ? 0 : s.d();
            int n = s == null ? 1 : trainRows;
            for (Problem p : candidate.problems(d, n)) {
                // the problem names its setting: that setting's field is marked
                Setting<TrainingConfig, ?> field = fieldOf(p);
                if (field != null) errors.putIfAbsent(field, capitalise(p.sentence()));
                else general.add(capitalise(p.sentence()));
            }
            if (errors.isEmpty()) checkPanel(candidate, s, errors);
            if (errors.isEmpty() && general.isEmpty()) cfg = candidate;
        }
        fieldErrors.keySet().retainAll(errors.keySet());
        fieldErrors.putAll(errors);
        List<String> all = new ArrayList<>();
        for (String e : errors.values()) all.add(capitalise(e));
        all.addAll(general);
        config.set(cfg);
        String message = String.join(" ", all);
        if (message.isEmpty() && summary.get() == null) message = loading.get() ? "Loading data…" : "Load a dataset to train.";
        if (message.isEmpty()) message = otherJob.get();
        problem.set(message);
        canTrain.set(cfg != null && summary.get() != null && !running.get() && !loading.get() && otherJob.get().isEmpty());
    }

    /**
     * What needs the loaded data itself: a supervised objective needs two classes; kept and excluded names
     * must be the data's (each checked on its own, so the right field is marked). Sets the panel summary.
     */
    private void checkPanel(TrainingConfig c, DatasetSummary s, Map<Setting<TrainingConfig, ?>, String> errors) {
        panelSummary.set("");
        if (s == null) return;
        if (c.objective().supervised() && s.labelCounts().size() < 2)
            errors.put(Settings.OBJECTIVE, "The objective " + c.objective() + " needs labelled data with at least two classes; "
                    + (s.labelCounts().isEmpty() ? "these data have no labels (choose a label column or labels file when opening them)."
                    : "these data have one.") + " Or use reconstruct.");
        if ((c.keep().isEmpty() && c.exclude().isEmpty()) || featureNames.isEmpty()) return;
        List<String> inFile = fileNames.isEmpty() ? null : fileNames;
        // kept names the preprocessing dropped are put back when training prepares the data again
        List<String> putBack = FeaturePanel.droppedKept(c, lookup, inFile);
        if (!putBack.isEmpty()) {
            List<String> present = new ArrayList<>(c.keep());
            present.removeAll(putBack);
            c = c.toBuilder().keep(present).build();
        }
        FeaturePanel panel;
        try {
            panel = FeaturePanel.resolve(c, lookup, inFile);
        } catch (IllegalArgumentException e) {
            // mark the field at fault: the keep list's when it fails alone, else the exclude list's
            try {
                FeaturePanel.resolve(c.toBuilder().exclude(List.of()).build(), lookup, inFile);
            } catch (IllegalArgumentException keepProblem) {
                errors.put(Settings.KEEP, keepProblem.getMessage());
                return;
            }
            errors.put(Settings.EXCLUDE, e.getMessage());
            return;
        }
        StringBuilder b = new StringBuilder("Panel: ");
        int f = panel.fixed().length + putBack.size();
        b.append(f > 0 ? String.format(Locale.ROOT, "%d kept + k = %d learned = %d features", f, c.k(), f + c.k())
                : String.format(Locale.ROOT, "k = %d learned features", c.k()));
        int excluded = panel.excluded().length;
        if (excluded > 0) {
            b.append(String.format(Locale.ROOT, "; %,d excluded", excluded));
            List<String> regexes = new ArrayList<>();
            for (String e : c.exclude()) {
                if (!e.startsWith(FeaturePanel.REGEX)) continue;
                java.util.regex.Pattern p = java.util.regex.Pattern.compile(e.substring(FeaturePanel.REGEX.length()));
                long hits = java.util.stream.IntStream.range(0, lookup.size()).filter(j -> lookup.matches(j, p)).count();
                regexes.add(String.format(Locale.ROOT, "%s matches %,d", e, hits));
            }
            if (!regexes.isEmpty()) b.append(" (").append(String.join(", ", regexes)).append(")");
        }
        b.append(String.format(Locale.ROOT, "; %,d of %,d selectable.", panel.selectable(), panel.features()));
        if (!putBack.isEmpty())
            b.append(String.format(Locale.ROOT, " %s the preprocessing dropped (%s) %s put back when training starts.",
                    putBack.size() == 1 ? "One kept feature" : putBack.size() + " kept features",
                    String.join(", ", putBack.subList(0, Math.min(3, putBack.size()))) + (putBack.size() > 3 ? ", …" : ""),
                    putBack.size() == 1 ? "is" : "are"));
        panelSummary.set(b.toString());
    }

    /** {@code c} with the setting's field read into it; a field that is no value is noted in {@code errors}. */
    private <V> TrainingConfig read(Setting<TrainingConfig, V> s, TrainingConfig c, Map<Setting<TrainingConfig, ?>, String> errors) {
        if (s.offWord() != null && !on.get(s).get()) return s.with(c, s.offValue());
        String t = text(s).get() == null ? "" : text(s).get().trim();
        try {
            return s.with(c, s.parse(t));
        } catch (Setting.Invalid e) {
            errors.put(s, capitalise(s.subject() + " " + e.getMessage() + " (it is '" + t + "')."));
            return c;
        }
    }

    /** The field of the setting a problem names, or null when it names none. */
    private Setting<TrainingConfig, ?> fieldOf(Problem p) {
        for (Setting<TrainingConfig, ?> s : text.keySet()) if (s == p.setting()) return s;
        return null;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Remembers the parameters as typed (valid or not) between launches. */
    public void saveTo(java.util.prefs.Preferences p) {
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            String v = text(s).get() == null ? "" : text(s).get();
            // lists of feature names (kept, excluded) belong to the data they name, not to the next launch's data;
            // any value over the store's limit is not remembered rather than failing the rest
            if (namesOf(s) || v.length() > java.util.prefs.Preferences.MAX_VALUE_LENGTH) p.remove(s.key());
            else p.put(s.key(), v);
            if (on.containsKey(s)) p.putBoolean(switchKey(s), on.get(s).get());
        }
    }

    /** Restores what {@link #saveTo} stored; unknown or missing entries keep the defaults. */
    /** Whether the setting is a list of feature names (kept, excluded): those are not remembered between launches. */
    private static boolean namesOf(Setting<TrainingConfig, ?> s) {
        return s.defaultValue() instanceof List<?>;
    }

    public void loadFrom(java.util.prefs.Preferences p) {
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            String v = namesOf(s) ? null : p.get(s.key(), null);
            if (v != null && !s.choices().isEmpty()) {
                try {
                    v = word(s, v);         // a word, whatever the version that stored it
                } catch (IllegalArgumentException e) {
                    v = null;               // stored by another version: keep the default
                }
            }
            if (v != null) text(s).set(v);
            if (on.containsKey(s)) on.get(s).set(p.getBoolean(switchKey(s), on.get(s).get()));
        }
    }

    private static <V> String word(Setting<TrainingConfig, V> s, String text) {
        return s.format(s.parse(text));
    }

    /** The saved name of a setting's switch: CONVERGENCE for --convergence. */
    private static String switchKey(Setting<TrainingConfig, ?> s) {
        return s.json().toUpperCase(java.util.Locale.ROOT);
    }

    /** What a field does and the paper's value, for the tooltips. */
    public static String help(Setting<?, ?> f) {
        return f.help();
    }

    public static String label(Setting<?, ?> f) {
        return f.label();
    }
}
