package org.caeworkbench.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.caeworkbench.core.Annealing;
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

    /** The parameter fields, in the order the panel shows them. */
    public enum Field { K, EPOCHS, T0, TEND, LR, BATCH, HIDDEN, DROPOUT, SEED, THRESHOLD, REDUNDANCY }

    private final Map<Field, StringProperty> text = new LinkedHashMap<>();
    private final ObjectProperty<TemperatureSchedule.Shape> shape = new SimpleObjectProperty<>(TemperatureSchedule.Shape.EXPONENTIAL);
    private final ObjectProperty<Annealing> annealing = new SimpleObjectProperty<>(Annealing.STEP);
    private final BooleanProperty convergence = new SimpleBooleanProperty(true);

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

    private final ObservableMap<Field, String> fieldErrors = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TrainingConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canTrain = new ReadOnlyBooleanWrapper();

    public WorkbenchViewModel() {
        TrainingConfig d = TrainingConfig.builder().build();
        put(Field.K, Integer.toString(d.k()));
        put(Field.EPOCHS, Integer.toString(d.epochs()));
        put(Field.T0, num(d.schedule().start()));
        put(Field.TEND, num(d.schedule().end()));
        put(Field.LR, num(d.learningRate()));
        put(Field.BATCH, batchText(d.batchSize()));
        put(Field.HIDDEN, d.hidden());
        put(Field.DROPOUT, num(d.dropout()));
        put(Field.SEED, Long.toString(d.seed()));
        put(Field.THRESHOLD, num(d.acceptMeanMax()));
        put(Field.REDUNDANCY, num(d.redundancy()));
        shape.set(d.schedule().shape());
        annealing.set(d.annealing());
        shape.addListener((o, a, b) -> validate());
        annealing.addListener((o, a, b) -> validate());
        convergence.addListener((o, a, b) -> validate());
        running.addListener((o, a, b) -> validate());
        loading.addListener((o, a, b) -> validate());
        otherJob.addListener((o, a, b) -> validate());
        validate();
    }

    private void put(Field f, String value) {
        StringProperty p = new SimpleStringProperty(value);
        p.addListener((o, a, b) -> validate());
        text.put(f, p);
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return Double.toString(v);
    }

    public StringProperty text(Field f) { return text.get(f); }
    public ObjectProperty<TemperatureSchedule.Shape> shapeProperty() { return shape; }
    public ObjectProperty<Annealing> annealingProperty() { return annealing; }
    public BooleanProperty convergenceProperty() { return convergence; }
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
        text(Field.K).set(Integer.toString(c.k()));
        text(Field.EPOCHS).set(Integer.toString(c.epochs()));
        text(Field.T0).set(num(c.schedule().start()));
        text(Field.TEND).set(num(c.schedule().end()));
        text(Field.LR).set(num(c.learningRate()));
        text(Field.BATCH).set(batchText(c.batchSize()));
        text(Field.HIDDEN).set(c.hidden());
        text(Field.DROPOUT).set(num(c.dropout()));
        text(Field.SEED).set(Long.toString(c.seed()));
        if (c.convergenceRuleOn()) text(Field.THRESHOLD).set(num(c.acceptMeanMax()));
        text(Field.REDUNDANCY).set(num(c.redundancy()));
        shape.set(c.schedule().shape());
        annealing.set(c.annealing());
        convergence.set(c.convergenceRuleOn());
    }
    public BooleanProperty loadingProperty() { return loading; }
    public ReadOnlyObjectProperty<DatasetSummary> summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObservableMap<Field, String> fieldErrors() { return fieldErrors; }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TrainingConfig> configProperty() { return config.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canTrainProperty() { return canTrain.getReadOnlyProperty(); }

    /** The settings as typed, when they are valid for the loaded data. */
    public Optional<TrainingConfig> config() { return Optional.ofNullable(config.get()); }

    /** Tells the view-model what data is loaded (null: none), so k can be checked against d. */
    public void setDataset(DatasetSummary s, int trainRows) {
        this.trainRows = trainRows;
        summary.set(s);
        validate();
    }

    /** Re-checks every field; called on each change. */
    void validate() {
        Map<Field, String> errors = new LinkedHashMap<>();
        Integer k = parseInt(Field.K, "k", errors);
        Integer epochs = parseInt(Field.EPOCHS, "epochs", errors);
        Double t0 = parseDouble(Field.T0, "the start temperature", errors);
        Double tend = parseDouble(Field.TEND, "the end temperature", errors);
        Double lr = parseDouble(Field.LR, "the learning rate", errors);
        Integer batch = parseBatch(errors);
        Double dropout = parseDouble(Field.DROPOUT, "dropout", errors);
        Long seed = null;
        try {
            seed = Long.parseLong(text(Field.SEED).get().trim());
        } catch (NumberFormatException e) {
            errors.put(Field.SEED, "the seed must be a whole number.");
        }
        Double redundancy = parseDouble(Field.REDUNDANCY, "the redundancy penalty", errors);
        Double threshold = convergence.get() ? parseDouble(Field.THRESHOLD, "the convergence threshold", errors) : Double.valueOf(0);
        if (t0 != null && !(t0 > 0)) errors.put(Field.T0, "the start temperature must be positive (it is " + text(Field.T0).get().trim() + ").");
        if (tend != null && !(tend > 0)) errors.put(Field.TEND, "the end temperature must be positive (it is " + text(Field.TEND).get().trim() + ").");
        if (convergence.get() && threshold != null && !(threshold > 0 && threshold < 1))
            errors.put(Field.THRESHOLD, "the convergence threshold must be between 0 and 1 (it is " + text(Field.THRESHOLD).get().trim() + ").");

        TrainingConfig cfg = null;
        List<String> general = new ArrayList<>();
        if (errors.isEmpty()) {
            TrainingConfig.Builder b = TrainingConfig.builder().k(k).epochs(epochs)
                    .schedule(new TemperatureSchedule(shape.get(), t0, tend)).annealing(annealing.get())
                    .batchSize(batch).learningRate(lr).hidden(text(Field.HIDDEN).get()).dropout(dropout).redundancy(redundancy).seed(seed);
            if (convergence.get()) b.acceptMeanMax(threshold);
            else b.convergenceOff();
            TrainingConfig candidate = b.build();
            DatasetSummary s = summary.get();
            int d = s == null ? 0 : s.d();
            int n = s == null ? 1 : trainRows;
            for (String p : candidate.problems(d, n)) {
                Field f = fieldOf(p);
                if (f != null) errors.putIfAbsent(f, capitalise(p));
                else general.add(capitalise(p));
            }
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

    private static Field fieldOf(String problem) {
        String p = problem.toLowerCase();
        if (p.startsWith("k ")) return Field.K;
        if (p.startsWith("epochs")) return Field.EPOCHS;
        if (p.startsWith("the end temperature")) return Field.TEND;
        if (p.startsWith("batch")) return Field.BATCH;
        if (p.startsWith("learning rate")) return Field.LR;
        if (p.startsWith("dropout")) return Field.DROPOUT;
        if (p.startsWith("the convergence")) return Field.THRESHOLD;
        if (p.startsWith("hidden")) return Field.HIDDEN;
        if (p.startsWith("the redundancy")) return Field.REDUNDANCY;
        return null;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String batchText(int batch) {
        if (batch == TrainingConfig.AUTO_BATCH) return "auto";
        if (batch == TrainingConfig.REFERENCE_BATCH) return "reference";
        return Integer.toString(batch);
    }

    private Integer parseBatch(Map<Field, String> errors) {
        String s = text(Field.BATCH).get() == null ? "" : text(Field.BATCH).get().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("auto")) return TrainingConfig.AUTO_BATCH;
        if (s.equals("reference")) return TrainingConfig.REFERENCE_BATCH;
        try {
            int b = Integer.parseInt(s);
            if (b < 1) throw new NumberFormatException();
            return b;
        } catch (NumberFormatException e) {
            errors.put(Field.BATCH, "the batch size must be a positive whole number, 'auto' or 'reference' (it is '" + s + "').");
            return null;
        }
    }

    private Integer parseInt(Field f, String what, Map<Field, String> errors) {
        String s = text(f).get() == null ? "" : text(f).get().trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            errors.put(f, what + " must be a whole number (it is '" + s + "').");
            return null;
        }
    }

    private Double parseDouble(Field f, String what, Map<Field, String> errors) {
        String s = text(f).get() == null ? "" : text(f).get().trim();
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            errors.put(f, what + " must be a number (it is '" + s + "').");
            return null;
        }
    }

    /** Remembers the parameters as typed (valid or not) between launches. */
    public void saveTo(java.util.prefs.Preferences p) {
        for (Field f : Field.values()) p.put(f.name(), text(f).get() == null ? "" : text(f).get());
        p.put("SHAPE", shape.get().name());
        p.put("ANNEALING", annealing.get().name());
        p.putBoolean("CONVERGENCE", convergence.get());
    }

    /** Restores what {@link #saveTo} stored; unknown or missing entries keep the defaults. */
    public void loadFrom(java.util.prefs.Preferences p) {
        for (Field f : Field.values()) {
            String v = p.get(f.name(), null);
            if (v != null) text(f).set(v);
        }
        try {
            shape.set(TemperatureSchedule.Shape.valueOf(p.get("SHAPE", shape.get().name())));
            annealing.set(Annealing.valueOf(p.get("ANNEALING", annealing.get().name())));
        } catch (IllegalArgumentException ignored) {
            // stored by another version: keep the defaults
        }
        convergence.set(p.getBoolean("CONVERGENCE", convergence.get()));
    }

    /** What each field does and the paper's value, for the tooltips. */
    public static String help(Field f) {
        return switch (f) {
            case K -> "Number of features to select (rows of the selector). Paper: 50 on MNIST.";
            case EPOCHS -> "Epochs of the first try; each retry of the convergence rule doubles them. Paper: 300 on MNIST.";
            case T0 -> "Start temperature T0 of the concrete distribution: high means the selectors explore. Paper: 10.";
            case TEND -> "End temperature T_B: low means each selector commits to one feature. Paper: 0.01.";
            case LR -> "Adam learning rate. Paper: 0.001; default here 0.01 (with batch 256 the paper's rate does not converge in 300 epochs).";
            case BATCH -> "Minibatch size: a number, 'auto' (n/16 within [16, 256]: 256 for n = 6000) or 'reference' (the reference code's max(n/256, 16): 23 for n = 6000, the paper's setting).";
            case HIDDEN -> "Decoder hidden layers: 'auto' (one layer of 3k/2, the paper's benchmarks), 'none' (linear, the paper's GEO experiment) or sizes like '320,320'.";
            case DROPOUT -> "Dropout after each hidden layer of the decoder. Paper: 0.1.";
            case SEED -> "Seed of every random draw (initialisation, noise, shuffling, dropout); the same seed repeats a run.";
            case THRESHOLD -> "Convergence rule: accept a try when the mean-max probability exceeds this, else retry with twice the epochs (up to 5 tries). Paper: 0.99.";
            case REDUNDANCY -> "Weight of a penalty on selecting correlated features (their mean squared correlation). Not in the paper, which uses 0 (the default); try 0.001-0.01 when the data have many near-copies of the same measurement.";
        };
    }

    public static String label(Field f) {
        return switch (f) {
            case K -> "k (features)";
            case EPOCHS -> "Epochs";
            case T0 -> "Start temperature";
            case TEND -> "End temperature";
            case LR -> "Learning rate";
            case BATCH -> "Batch size";
            case HIDDEN -> "Hidden layers";
            case DROPOUT -> "Dropout";
            case SEED -> "Seed";
            case THRESHOLD -> "Accept mean-max";
            case REDUNDANCY -> "Redundancy";
        };
    }
}
