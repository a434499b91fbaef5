package org.caeworkbench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.data.BackedMatrix;
import org.caeworkbench.data.DenseMatrix;
import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a Concrete Autoencoder with Adam and MSE, annealing the temperature, and applies the paper's
 * convergence rule: stop a try early when mean-max probability exceeds {@code stopMeanMax}; accept it
 * when it exceeds {@code acceptMeanMax}; otherwise start again from scratch with twice the epochs, up
 * to {@code maxTries}. Runs on the caller's thread; listeners are called on it and must not block.
 *
 * <p>Randomness: a try's initialisation comes from a generator seeded by (seed, try); each epoch's
 * shuffle from a generator re-seeded by (seed, try, epoch) at the epoch's start; each step's Gumbel
 * noise and dropout masks are functions of (seed, try, step) ({@link CounterRandom}). So with
 * {@link #checkpoints} a run can be resumed from any epoch boundary ({@link #resume}) and repeats the
 * uninterrupted run exactly, and the result does not depend on the thread that draws the noise.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Snapshots carry the whole k x d probability matrix up to this size, else per-feature maxima. */
    public static final long FULL_MATRIX_LIMIT = 2_000_000;
    /** Features per selector that snapshots carry when the whole matrix is too large. */
    public static final int TOP_FEATURES = 5;
    private static final long SNAPSHOT_INTERVAL_NANOS = 100_000_000L;
    /** A loss this many times the first step's means training has diverged (Adam's steps are too long). */
    static final double EXPLODED = 1e6;

    private final TrainingConfig config;
    private CheckpointSink sink;
    private long checkpointIntervalNanos;
    // per training call: the checkpoint throttle and what a checkpoint needs besides the model
    private long lastCheckpoint;
    private long checkpointWait;
    private long dataChecksum;
    private List<String> messagesSoFar;
    private boolean checkpointFailed;

    private boolean helperThread = SelectorPipeline.helperWanted();
    private boolean choosesBlasThreads = true;
    private Supervision supervision;      // per training call: the classes of a supervised objective, else null
    private FeaturePanel panel;       // per training call: the kept and excluded features of the data
    private EpochGate gate = EpochGate.NONE;
    private boolean epochTrained;     // per training call: whether an epoch has ended, so the next one passes the gate
    private long pausedNanos;         // per training call: time spent at the gate, left out of the run's seconds
    private Boolean livePays;         // per training call: whether the selector's products skip dead columns (null: not yet known)
    private boolean handChanged;      // per training call: whether a temperature was set at the gate (no more checkpoints)

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    /** Whether a try may choose one or two BLAS threads itself ({@link BlasThreadPlan}; the benchmark pins them). */
    Trainer choosesBlasThreads(boolean choose) {
        choosesBlasThreads = choose;
        return this;
    }

    /** Whether the selector's element-wise work may use a second thread (tests compare both; the result is the same). */
    Trainer helperThread(boolean use) {
        helperThread = use;
        return this;
    }

    /**
     * Hands a checkpoint to {@code sink} at epoch ends, at most every {@code minIntervalSeconds} and further
     * apart when writing one takes long (about 5% of the time at most; 0: every epoch, whatever it costs), and always at
     * the start of a retry of the convergence rule. Returns this trainer.
     */
    public Trainer checkpoints(CheckpointSink sink, double minIntervalSeconds) {
        this.sink = sink;
        this.checkpointIntervalNanos = (long) (Math.max(0, minIntervalSeconds) * 1e9);
        return this;
    }

    /**
     * Asks {@code gate} before each epoch that follows another (step mode: it may pause there, and set the
     * temperature); returns this trainer.
     */
    public Trainer gate(EpochGate gate) {
        this.gate = gate == null ? EpochGate.NONE : gate;
        return this;
    }

    /**
     * Trains on {@code train} (already scaled); {@code validation} (may be null) gives the validation
     * loss curve only. Throws IllegalArgumentException when the settings do not fit the data.
     */
    public SelectionResult train(Dataset train, Dataset validation, TrainingListener listener, Cancellation cancel) {
        return run(train, validation, listener, cancel, null);
    }

    /**
     * Continues from a checkpoint made by a trainer with the same settings on the same training data
     * (refused with an IllegalArgumentException otherwise) and returns what the uninterrupted training
     * would have returned (history and messages include those before the checkpoint).
     */
    public SelectionResult resume(TrainingCheckpoint from, Dataset train, Dataset validation, TrainingListener listener,
                                  Cancellation cancel) {
        String problem = mismatch(from, train);
        if (problem != null) throw new IllegalArgumentException(problem);
        return run(train, validation, listener, cancel, from);
    }

    /** Why {@code from} cannot continue with these settings on {@code train}, or null when it can. */
    public String mismatch(TrainingCheckpoint from, Dataset train) {
        String labels = config.objective().labelProblem(train);
        if (labels != null) return labels;
        int[] hidden = config.hiddenSizes();
        if (from.features() != train.cols() || from.k() != config.k() || !java.util.Arrays.equals(from.hidden(), hidden))
            return String.format("The checkpoint is of a model with %d features, k = %d and hidden layers %s, but the settings give %d, %d and %s; start a new run instead of resuming.",
                    from.features(), from.k(), java.util.Arrays.toString(from.hidden()), train.cols(), config.k(), java.util.Arrays.toString(hidden));
        int tries = config.convergenceRuleOn() ? config.maxTries() : 1;
        if (from.tryNumber() > tries || from.epochsOfTry() != epochsOfTry(from.tryNumber()))
            return "The checkpoint (try " + from.tryNumber() + " of " + from.epochsOfTry() + " epochs) does not fit the recorded epochs and convergence settings; start a new run instead of resuming.";
        long expected = new ParameterLayout(train.cols(), config.k(), config.keep().size(), hidden, config.effectiveIpDim(train.cols()),
                headShape(train)).size;
        if (from.parameters().length != expected)
            return "The checkpoint's " + from.parameters().length + " parameters do not fit the selector settings and the objective (--selector "
                    + config.selector().name().toLowerCase(Locale.ROOT) + ", --objective " + config.objective() + " and " + config.keep().size()
                    + " kept features on these data need " + expected
                    + "; was it made with other selector settings, another objective, other labels or other kept features?); start a new run instead of resuming.";
        if (from.dataChecksum() != dataChecksum(train))
            return "The training data differ from those the checkpoint was made on (was the data file changed?); start a new run instead of resuming.";
        return null;
    }

    /** The checksum a checkpoint records: the training matrix, and with a supervised objective its labels too. */
    private long dataChecksum(Dataset train) {
        long c = TrainingCheckpoint.dataChecksum(train);
        return config.objective().supervised() && train.hasLabels() ? c ^ (Supervision.labelChecksum(train) << 1) : c;
    }

    /** The classifier head of the objective on {@code train}, or null for reconstruct. */
    /** The classifier head's hidden width and classes ({h, C}) for a supervised objective on these data, else null. */
    private int[] headShape(Dataset train) {
        if (!config.objective().supervised()) return null;
        return Supervision.of(config.objective(), train).head(Supervision.headHidden(config.k() + config.keep().size())).shape();
    }

    private int epochsOfTry(int t) {
        return (int) Math.min(Integer.MAX_VALUE, (long) config.epochs() << (t - 1));
    }

    private SelectionResult run(Dataset train, Dataset validation, TrainingListener listener, Cancellation cancel,
                                TrainingCheckpoint from) {
        List<Problem> problems = config.problems(train.cols(), train.rows());
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0).sentence());
        supervision = config.objective().supervised() ? Supervision.of(config.objective(), train) : null;
        panel = FeaturePanel.resolve(config, org.caeworkbench.data.FeatureNames.of(train));
        NativeThreads.configure();
        listener = listener == null ? TrainingListener.NONE : listener;
        cancel = cancel == null ? new Cancellation() : cancel;

        // the validation loss uses the first rows of the validation set, copied once per try into a step's buffers
        int valCount = validation == null ? 0 : Math.min(config.validationRows(), validation.rows());
        float[] valRows = null;                // --validation-rows 0 or no rows: no validation loss
        if (valCount > 0) {                    // only these rows, dense: never a copy of the whole test part
            valRows = new float[Math.multiplyExact(valCount, validation.cols())];
            for (int r = 0; r < valCount; r++) validation.copyRow(r, valRows, r * validation.cols());
        }

        long started = System.nanoTime() - (from == null ? 0 : (long) (from.seconds() * 1e9));
        List<EpochRecord> history = new ArrayList<>(from == null ? List.of() : from.history());
        List<String> messages = new ArrayList<>(from == null ? List.of() : from.messages());
        messagesSoFar = messages;
        lastCheckpoint = System.nanoTime();
        checkpointWait = checkpointIntervalNanos;
        checkpointFailed = false;
        epochTrained = false;
        pausedNanos = 0;
        handChanged = false;
        livePays = null;
        dataChecksum = sink != null ? dataChecksum(train) : 0;
        if (supervision != null && from == null) for (String note : supervision.notes()) say(listener, messages, note);
        double selectorRate = config.effectiveSelectorLearningRate(train.cols(), train.rows());
        if (from == null && selectorRate != config.learningRate() && config.selectorLearningRate() == TrainingConfig.AUTO_SELECTOR_LR) {
            say(listener, messages, String.format(Locale.ROOT, "The selector learns at %s, the rest of the model at %s (--selector-lr auto:"
                    + " plain logits with a supervised objective on %d training rows get a rate of their own, so that they can settle"
                    + " within one try).", num(selectorRate), num(config.learningRate()), train.rows()));
        }
        if (from == null && train.matrix() instanceof BackedMatrix backed) {
            say(listener, messages, backed.trainingNote());
        }
        Run run = null;
        int tries = config.convergenceRuleOn() ? config.maxTries() : 1;
        for (int t = from == null ? 1 : from.tryNumber(); t <= tries; t++) {
            int epochs = epochsOfTry(t);
            if (run != null) run.model.release();    // a retry starts from scratch; the last try's model is the result
            run = new Run(t, epochs, train, valRows, valCount, listener, cancel, started, history,
                    from != null && t == from.tryNumber() ? from : null);
            run.execute();
            if (run.status != SelectionResult.Status.COMPLETED) break;
            if (!config.convergenceRuleOn() || run.meanMax > config.acceptMeanMax()) break;
            if (t == tries) {
                run.status = SelectionResult.Status.NOT_CONVERGED;
                say(listener, messages, String.format("Not converged after %d tries: mean-max probability %.3f is below %.3f, so some selectors still mix several features;"
                        + " keeping the last try (%d epochs). Try fewer features (k), more epochs, or --selector ip%s.",
                        t, run.meanMax, config.acceptMeanMax(), epochs,
                        config.objective().supervised() && config.objective().kind() == Objective.Kind.CLASSIFY
                                ? " with --objective mix:0.5 (the reconstruction term keeps the selectors on different features)" : ""));
            } else {
                say(listener, messages, String.format("Try %d ended before the selectors had each settled on one feature (mean-max"
                        + " probability %.3f; the convergence rule asks for %.3f), so the panel would still be partly random: restarting"
                        + " with %d epochs, twice as many, for a slower cooling.", t, run.meanMax, config.acceptMeanMax(), epochs * 2));
            }
        }
        messages.addAll(run.messages);
        if (config.fillDuplicates() && (run.status == SelectionResult.Status.COMPLETED || run.status == SelectionResult.Status.NOT_CONVERGED)
                && SelectionResult.duplicateCount(run.model.selectedIndices()) > 0) {
            run = fill(run, train, valRows, valCount, listener, cancel, started, history, messages);
        }
        if (supervision != null && Double.isFinite(run.crossEntropy)) {
            say(listener, messages, String.format(Locale.ROOT, "Objective %s: the classifier head's training cross-entropy in the last epoch was %.4f"
                    + " (%.4f predicting the class frequencies).", config.objective(), run.crossEntropy, supervision.priorCrossEntropy()));
        }
        int[] selected = run.model.selectedIndices();
        int dups = SelectionResult.duplicateCount(selected);
        // a diverged run's selection means nothing: its last message says why and what to change
        if (dups > 0 && run.status != SelectionResult.Status.DIVERGED && !run.filling) {
            say(listener, messages, dups + " of " + config.k() + " selectors chose a feature another selector also chose (duplicates); "
                    + (config.k() - dups) + " distinct features were selected, not " + config.k() + "."
                    + (config.fillDuplicates() ? "" : " --fill-duplicates on gives each less confident one its best remaining feature.")
                    + (config.redraw() ? " They remained after re-drawing duplicate selectors in the first half of the try;"
                            + " more epochs or a smaller k may help."
                            : " Re-drawing duplicate selectors (--redraw on) usually gives all " + config.k() + "."));
        }
        double seconds = (System.nanoTime() - started - pausedNanos) / 1e9;
        return new SelectionResult(run.status, selected, run.model.probabilities(), run.model.meanMaxProbability(),
                run.model, List.copyOf(history), run.tryNumber, run.epochsDone, seconds, List.copyOf(messages), panel.fixed().length,
                run.filledSelectors);
    }

    /**
     * Fills the slots of duplicate selectors (--fill-duplicates): for every feature several selectors chose, the
     * most confident keeps it, and each other one, most confident first, is committed to the free feature (one
     * no selector holds) that scores highest for the objective ({@link #fillScores}: the one the panel,
     * duplicates and all, reconstructs worst; the one that best separates the classes; or both). A selector's
     * own next logit was tried first and chose worse (docs/engine.md). Its logit is raised ln d + 10 above the
     * row's largest, so its softmax is above 0.9999. IP-CAE's logits become plain ones for this (the saved model
     * is plain anyway). The decoder (and a classifier head) then trains {@link TrainingConfig#fillEpochs} more epochs at the schedule's last
     * temperature with every selector held fixed, so it learns the new inputs. A pure function of the last
     * try's result, so a resumed run fills alike. Returns the run holding the result.
     */
    private Run fill(Run last, Dataset train, float[] valRows, int valCount, TrainingListener listener, Cancellation cancel,
                     long started, List<EpochRecord> history, List<String> messages) {
        int k = config.k(), d = train.cols();
        float[] flat = last.model.parameters();          // plain layout: the logits (IP-CAE's computed L) first
        int[] learned = new int[k];
        ConcreteSelector.selectAndMonitor(flat, k, d, panel.open(), learned, null);
        boolean[] held = new boolean[d];
        for (int f : panel.fixed()) held[f] = true;
        Integer[] bySureness = new Integer[k];
        double[] sure = new double[k];
        for (int r = 0; r < k; r++) {
            bySureness[r] = r;
            sure[r] = maxProbability(flat, r * d, d);
        }
        java.util.Arrays.sort(bySureness, (a, b) -> sure[a] != sure[b] ? Double.compare(sure[b], sure[a]) : Integer.compare(a, b));
        List<Integer> losers = new ArrayList<>();
        for (int r : bySureness) {
            if (held[learned[r]]) losers.add(r);
            else held[learned[r]] = true;
        }
        int[] open = panel.open();
        StringBuilder moves = new StringBuilder();
        int filled = 0;
        int[] filledSelectors = new int[losers.size()];
        double margin = Math.log(d) + 10;
        Objective objective = config.objective();
        double[] score = fillScores(objective, last.model, train);
        for (int r : losers) {
            int best = -1;
            int o = r * d;
            for (int c = 0, n = open == null ? d : open.length; c < n; c++) {
                int j = open == null ? c : open[c];
                if (!held[j] && (best < 0 || score[j] > score[best])) best = j;
            }
            if (best < 0) break;   // a guard: FeaturePanel refuses k above the selectable features, so a free one is always left
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < d; j++) max = Math.max(max, flat[o + j]);
            flat[o + best] = (float) (max + margin);
            held[best] = true;
            filledSelectors[filled] = r;
            if (filled++ < 8) moves.append(filled > 1 ? ", " : "").append(train.featureNames().get(learned[r])).append(" → ")
                    .append(train.featureNames().get(best));
        }
        if (filled == 0) return last;
        int epochs = TrainingConfig.fillEpochs(last.epochsDone);
        ConcreteAutoencoder plain = ConcreteAutoencoder.fromParameters(panel, k, config.hiddenSizes(), 0, last.model.head(), flat);
        last.model.release();
        say(listener, messages, String.format(Locale.ROOT, "%d of %d selectors had chosen a feature another selector also chose; %s"
                + " (%s%s), and the decoder trains %d more %s with the panel held fixed, so all %d features are distinct"
                + " (--fill-duplicates off keeps the duplicates, as the paper does).",
                filled, k, (filled == 1 ? "it takes the free feature " : "they take the free features ") + switch (objective.kind()) {
                    case RECONSTRUCT -> "the panel reconstructed worst";
                    case CLASSIFY -> "that best separate the classes on their own";
                    case MIX -> "that score best on both (reconstructed worst, separating the classes), weighted as the objective";
                },
                moves, filled > 8 ? ", …" : "", epochs, epochs == 1 ? "epoch" : "epochs", config.k() + panel.fixed().length));
        Run fill = new Run(last, plain, epochs, train, valRows, valCount, listener, cancel, started, history);
        fill.filledSelectors = java.util.Arrays.copyOf(filledSelectors, filled);
        fill.execute();
        messages.addAll(fill.messages);
        if (fill.status == SelectionResult.Status.COMPLETED) fill.status = last.status;
        return fill;
    }

    /**
     * What a freed selector is given when duplicates are filled, for each feature (the free one scoring highest):
     * reconstructing, the decoder's mean squared error of the feature over the training rows (the panel
     * reconstructs it worst; once selected its value is measured, so the slot removes that error); classifying,
     * its F statistic over the classes ({@link Supervision#fStatistics}); mix:W, (1 − W) and W times the two,
     * each relative to its largest.
     */
    private double[] fillScores(Objective objective, ConcreteAutoencoder model, Dataset train) {
        if (objective.kind() == Objective.Kind.RECONSTRUCT) return model.featureErrors(train);
        double[] f = supervision.fStatistics(train);
        if (objective.kind() == Objective.Kind.CLASSIFY) return f;
        double[] e = model.featureErrors(train);
        double maxE = 1e-300, maxF = 1e-300;
        for (int j = 0; j < f.length; j++) {
            maxE = Math.max(maxE, e[j]);
            maxF = Math.max(maxF, f[j]);
        }
        double w = objective.weight();
        for (int j = 0; j < f.length; j++) f[j] = (1 - w) * e[j] / maxE + w * f[j] / maxF;
        return f;
    }

    private static void say(TrainingListener listener, List<String> messages, String message) {
        messages.add(message);
        LOG.debug(message);
        listener.onMessage(message);
    }

    /**
     * Hands the state at the start of epoch {@code nextEpoch} of {@code run} to the sink when the interval
     * has passed (or {@code force}); the interval grows to 20 times the last write, so writing a large
     * model costs about 5% of the training time at most.
     */
    private void maybeCheckpoint(Run run, Adam adam, int nextEpoch, long step, double valLoss, boolean force) {
        if (sink == null || checkpointFailed || handChanged) return;
        long now = System.nanoTime();
        if (!force && now - lastCheckpoint < checkpointWait) return;
        ParameterLayout lay = run.model.layout();
        TrainingCheckpoint c = new TrainingCheckpoint(run.tryNumber, run.epochs, nextEpoch, step, lay.d, lay.k, lay.hidden(),
                dataChecksum, adam.parameters(), adam.firstMoment(), adam.secondMoment(), adam.steps(), valLoss,
                (now - run.started - pausedNanos) / 1e9, run.history, messagesSoFar);
        try {
            sink.save(c);
        } catch (java.io.IOException | RuntimeException e) {
            checkpointFailed = true;
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            String m = "Could not save a checkpoint, so training goes on without them (an interruption cannot be resumed from here on): "
                    + why + (why.endsWith(".") ? "" : ".");
            // the listener shows it (command line, window) and the result keeps it: a log line would say it twice
            LOG.debug(m, e);
            messagesSoFar.add(m);
            run.listener.onMessage(m);
            return;
        }
        long done = System.nanoTime();
        // 0 asks for every epoch, whatever a save costs (tests rely on it; a slow save under load must not skip one)
        checkpointWait = checkpointIntervalNanos == 0 ? 0 : Math.max(checkpointIntervalNanos, 20 * (done - now));
        lastCheckpoint = done;
        LOG.debug("checkpoint at try {}, epoch {}: {} ms", run.tryNumber, nextEpoch, (done - now) / 1_000_000);
    }

    /** A seed for (try seed, epoch) whose streams are unrelated for neighbouring epochs (SplitMix64's finaliser). */
    static long epochSeed(long trySeed, int epoch) {
        return CounterRandom.mix(trySeed * CounterRandom.GAMMA + epoch + 1);
    }

    /** One try of the convergence rule. */
    private final class Run {
        final int tryNumber;
        final int epochs;
        final Dataset data;
        final float[] valRows;
        final int valCount;
        final TrainingListener listener;
        final Cancellation cancel;
        final long started;
        final List<EpochRecord> history;
        final TrainingCheckpoint from;
        final List<String> messages = new ArrayList<>();
        ConcreteAutoencoder model;
        SelectionResult.Status status = SelectionResult.Status.COMPLETED;
        double meanMax;
        int epochsDone;
        float[] hostParameters;       // Adam's host copy of the parameters; the plain logits come first
        float[] hostLogits;           // the logits L on the host: hostParameters itself (plain), or IP-CAE's computed L
        boolean indirect;             // IP-CAE's parameterisation: L is computed after each update
        int[] selected;               // each selector's argmax at the last summary
        float[] probabilities;        // softmax(L) at the last summary, when a listener wants it
        int[] previousSelection;      // the selection at the end of the epoch before (null before the first)
        int stable;                   // epochs in a row whose end left every selector's choice as it was
        double crossEntropy = Double.NaN;   // the classifier head's mean training cross-entropy in the last epoch
        BlasThreadPlan threads;       // one or two BLAS threads for the multiplies (issue 18.3)
        final ConcreteAutoencoder given;   // filling duplicates: the model whose selectors are held fixed (else null)
        final boolean filling;        // the decoder's epochs after duplicates were filled ({@link #fill})
        BatchAhead batchAhead;        // the helper's gathering of the next minibatch (null: none)
        OfferedProduct helperProducts;  // weight gradients the helper may compute pieces of (output layer, IP-CAE; null: no helper)
        final int startEpoch;         // the epoch and step this run starts at (a checkpoint's, the filled try's, or 0)
        final long startStep;
        long stepsDone;
        int[] filledSelectors = new int[0];   // the selectors whose slots this run's epochs followed the filling of

        Run(int tryNumber, int epochs, Dataset data, float[] valRows, int valCount, TrainingListener listener,
            Cancellation cancel, long started, List<EpochRecord> history, TrainingCheckpoint from) {
            this(tryNumber, epochs, data, valRows, valCount, listener, cancel, started, history, from, null,
                    from == null ? 0 : from.epochsDone(), from == null ? 0 : from.step());
        }

        /** The epochs after duplicates were filled: {@code epochs} more of {@code last}'s try, with {@code model}'s selectors fixed. */
        Run(Run last, ConcreteAutoencoder model, int epochs, Dataset data, float[] valRows, int valCount, TrainingListener listener,
            Cancellation cancel, long started, List<EpochRecord> history) {
            this(last.tryNumber, last.epochsDone + epochs, data, valRows, valCount, listener, cancel, started, history, null, model,
                    last.epochsDone, last.stepsDone);
        }

        private Run(int tryNumber, int epochs, Dataset data, float[] valRows, int valCount, TrainingListener listener, Cancellation cancel,
                    long started, List<EpochRecord> history, TrainingCheckpoint from, ConcreteAutoencoder given, int startEpoch, long startStep) {
            this.tryNumber = tryNumber;
            this.epochs = epochs;
            this.data = data;
            this.valRows = valRows;
            this.valCount = valCount;
            this.listener = listener;
            this.cancel = cancel;
            this.started = started;
            this.history = history;
            this.from = from;
            this.given = given;
            this.filling = given != null;
            this.startEpoch = startEpoch;
            this.startStep = startStep;
        }

        void execute() {
            long seed = config.seed() * 1_000_003L + tryNumber;
            int d = data.cols();
            long stepFlop = new Benchmark.Shape(data.rows(), d, config.k(), config.hiddenSizes(), config.effectiveBatchSize(data.rows()),
                    config.effectiveIpDim(d)).flopsPerStep();
            try (SelectorPipeline selector = new SelectorPipeline(config.k(), d, seed, helperThread, panel.open());
                 BlasThreadPlan plan = BlasThreadPlan.forTry(stepFlop, choosesBlasThreads)) {
                threads = plan;
                execute(selector);
                if (plan.usedTwoThreads()) {
                    // said once per try, so a user who compares two runs of the same seed knows why the last digits differ
                    String m = "Try " + tryNumber + " chose its BLAS threads while it ran (" + plan.outcome() + "); two threads round"
                            + " the multiplies differently, so a rerun with the same seed reaches the same quality but not the same last"
                            + " digits. Set CAE_BLAS_THREADS=1 where bit-for-bit repeats matter.";
                    messages.add(m);
                    listener.onMessage(m);
                }
            }
        }

        private void execute(SelectorPipeline selector) {
            int n = data.rows(), d = data.cols();
            Random rng = Nd4j.getRandomFactory().getNewRandomInstance(selector.seed());
            ConcreteAutoencoder.Head head = supervision == null ? null
                    : supervision.head(Supervision.headHidden(config.k() + panel.fixed().length));
            int ipDim = config.effectiveIpDim(d);
            if (filling) {
                model = given;
                ipDim = 0;
            } else {
                model = from == null ? ConcreteAutoencoder.create(panel, config.k(), config.hiddenSizes(), ipDim, head, rng)
                        : ConcreteAutoencoder.fromParameters(panel, config.k(), config.hiddenSizes(), ipDim, head, from.parameters());
            }
            indirect = ipDim > 0;

            ParameterLayout layout = model.layout();
            INDArray params = model.parameterBuffer();
            INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
            ParameterLayout.Views gradViews = layout.views(grad);
            Adam adam = new Adam(config.learningRate(), params, grad);
            double selectorRate = config.effectiveSelectorLearningRate(d, n);
            if (filling) adam.selectorRate(layout.selectorSize, 0);     // the panel is held fixed: only the decoder learns
            else if (selectorRate != config.learningRate()) adam.selectorRate(layout.selectorSize, selectorRate);
            hostParameters = adam.parameters();
            hostLogits = indirect ? new float[config.k() * d] : hostParameters;
            if (indirect) model.refreshLogits(hostLogits);
            selected = new int[config.k()];
            if (filling) {
                meanMax = summarize(false);
                previousSelection = selected.clone();
            }
            if (from != null) {
                adam.restore(from.adamFirstMoment(), from.adamSecondMoment(), from.adamSteps());
                meanMax = summarize(false);
                // the stopping rule's count goes on from the checkpoint's last epoch of this try
                previousSelection = selected.clone();
                for (EpochRecord e : from.history()) if (e.tryNumber() == tryNumber) stable = e.stableEpochs();
            }

            int batch = config.effectiveBatchSize(n);
            int lastBatch = n % batch;
            // every native buffer of the try is made here and freed when it ends, so an epoch allocates none
            // after its noise, the selector's helper gathers the next full minibatch of a dense in-memory matrix ...
            boolean sparse = TrainingStep.sparseProductsPay(data.matrix());   // else a sparse matrix's minibatches go the dense way
            // dense minibatches: the selector's products skip columns zero in all their rows, where such columns are common
            if (livePays == null) livePays = LiveColumns.pay(data, batch);   // the same for every try of this call
            boolean live = livePays;
            batchAhead = selector.hasHelper() && n >= batch && data.matrix() instanceof DenseMatrix dm ? new BatchAhead(data, dm.array(), batch, live) : null;
            selector.alsoAhead(batchAhead);
            DropoutMasks dropout = null;
            if (config.dropout() > 0) {
                // ... and draws the step's dropout masks
                dropout = new DropoutMasks(selector.seed(), config.dropout());
                if (selector.hasHelper() && config.hiddenSizes().length > 0) selector.alsoAhead(dropout.drawAhead(config.hiddenSizes(), batch));
            }
            TrainingStep full = new TrainingStep(model, batch, config.redundancy(), selector, dropout).sparseProducts(sparse)
                    .liveColumns(live).batchAhead(batchAhead);
            TrainingStep partial = lastBatch > 0
                    ? new TrainingStep(model, lastBatch, config.redundancy(), selector, dropout).sparseProducts(sparse).liveColumns(live) : null;
            TrainingStep validation = valRows == null ? null : new TrainingStep(model, valCount, 0, selector, null).liveColumns(live);
            if (validation != null) validation.load(valRows);
            if (supervision != null) {
                Objective o = config.objective();
                for (TrainingStep ts : new TrainingStep[] {full, partial}) {
                    if (ts != null) ts.supervise(supervision.classOfRow(), o, supervision.reconstructionScale(o), supervision.crossEntropyScale(o));
                }
            }
            // the decoder's part of each update waits until the next step is announced (the helper needs only the selector's)
            OfferedProduct helperProducts = null;
            if (selector.hasHelper()) adam.deferFrom(layout.selectorSize);
            if (selector.hasHelper() && OfferedProduct.wanted()) {
                // products the helper can take pieces of while it would wait: the output layer's weight gradient (nothing in the
                // step reads it) and IP-CAE's dW (while this thread makes dPsi)
                helperProducts = selector.offers(new OfferedProduct(selector));
                full.offersProducts(helperProducts);
                if (partial != null) partial.offersProducts(helperProducts);
            }
            this.helperProducts = helperProducts;
            try {
                epochs(selector, adam, grad, gradViews, full, partial, validation);
                adam.finish();     // a run stopped within an epoch (cancelled, diverged) keeps its last update whole
            } finally {
                if (helperProducts != null) helperProducts.close();     // before the buffers it reads are freed
                TrainingStep.free(grad);
                for (TrainingStep ts : new TrainingStep[] {full, partial, validation}) if (ts != null) ts.close();
                if (batchAhead != null) batchAhead.close();
            }
        }

        private void epochs(SelectorPipeline selector, Adam adam, INDArray grad, ParameterLayout.Views gradViews,
                            TrainingStep full, TrainingStep partial, TrainingStep validation) {
            int n = data.rows();
            // the one copy of the data (its matrix, dense or sparse): each minibatch is gathered from its rows
            long seed = selector.seed();
            java.util.Random shuffler = new java.util.Random(seed);
            int batch = full.batch();
            int lastBatch = partial == null ? 0 : partial.batch();
            int stepsPerEpoch = n / batch + (lastBatch > 0 ? 1 : 0);
            long totalSteps = (long) stepsPerEpoch * epochs;

            int[] order = new int[n];
            int chunkRows = data.matrix().chunkRows();   // a matrix kept in its file: visit it chunk by chunk
            long step = startStep;
            int firstEpoch = startEpoch;
            epochsDone = firstEpoch;
            long lastSnapshot = System.nanoTime();
            long snapshotInterval = SNAPSHOT_INTERVAL_NANOS;
            long rateMark = lastSnapshot;
            long rateStep = step;
            double rate = 0;
            double valLoss = from == null ? Double.NaN : from.validationLoss();
            double temperature = config.schedule().start();
            double firstLoss = 0;
            // a retry starts from scratch: keep its start, so an interruption does not repeat the tries before it
            if (from == null && tryNumber > 1 && !filling) maybeCheckpoint(this, adam, 0, 0, valLoss, true);

            double handT = Double.NaN;      // a temperature set at the gate, and the position it was set at
            long handFrom = 0;
            for (int epoch = firstEpoch; epoch < epochs; epoch++) {
                if (epochTrained && gate != EpochGate.NONE && !filling) {     // without a gate, nothing changes here (a cancel is seen at the next step)
                    long waitStart = System.nanoTime();
                    double t = gate.beforeEpoch(tryNumber, epoch, epochs, temperature);
                    long waited = System.nanoTime() - waitStart;
                    pausedNanos += waited;
                    rateMark += waited;        // the speed shown after a pause is the training's, not the pause's
                    lastSnapshot += waited;
                    if (cancel.isCancelled()) {
                        // stopped while paused: the epochs so far are the result, nothing more is trained
                        status = SelectionResult.Status.CANCELLED;
                        epochsDone = epoch;
                        String m = String.format("Stopped by the user after epoch %d of %d; the selection so far is kept.", epoch, epochs);
                        messages.add(m);
                        listener.onMessage(m);
                        return;
                    }
                    if (t > 0 && Double.isFinite(t)) {
                        handT = t;
                        handFrom = config.annealing() == Annealing.STEP ? step : epoch;
                        handChanged = true;
                        String m = String.format(Locale.ROOT, "Temperature set by hand to %s after epoch %d of try %d (it was %s); annealing goes on"
                                + " from it to %s over the remaining %d epochs of the try. The command line in config.json does not repeat this run,"
                                + " and no further checkpoints are kept.", num(t), epoch, tryNumber, num(temperature), num(config.schedule().end()), epochs - epoch);
                        say(listener, messagesSoFar, m);     // the run's messages, kept through a retry (a try's own are not)
                    }
                }
                // this epoch's randomness depends on (seed, try, epoch) only, so a resumed run draws the same
                shuffler.setSeed(epochSeed(seed, epoch));
                for (int i = 0; i < n; i++) order[i] = i;
                shuffle(order, shuffler);
                if (chunkRows > 0) groupByChunk(order, data, chunkRows, shuffler);
                if (batchAhead != null) batchAhead.epoch(order, step);
                double lossSum = 0;
                double ceSum = 0;
                long lossRows = 0;
                for (int start = 0; start < n; start += batch) {
                    TrainingStep ts = start + batch <= n ? full : partial;
                    if (filling)
                        temperature = config.schedule().end();     // the panel is fixed: the last try's final temperature
                    else if (config.annealing() == Annealing.STEP)
                        temperature = Double.isNaN(handT) ? config.schedule().at(step, totalSteps) : config.schedule().from(handT, handFrom, step, totalSteps);
                    else
                        temperature = Double.isNaN(handT) ? config.schedule().at(epoch, epochs) : config.schedule().from(handT, handFrom, epoch, epochs);
                    threads.begin();
                    if (helperProducts != null) helperProducts.enabled(threads.threadsNow() == 1);   // two threads' calls are not made at once
                    ts.prepare(temperature, step, hostLogits);   // the selector's helper starts while the batch is gathered ...
                    adam.finish();                                // ... and while the decoder's part of the last update is made
                    ts.gather(data, order, start);
                    double loss = ts.run(grad, gradViews);
                    if (supervision != null) {
                        double ce = ts.lastCrossEntropy();
                        if (!Double.isFinite(ce)) loss = ce;       // a diverging head stops training like the MSE
                        ceSum += ce * ts.batch();
                    }
                    adam.step();
                    if (indirect) model.refreshLogits(hostLogits);   // IP-CAE: L = Psi W^T + b for the next step
                    // the output layer's dW, from the helper or made here: before the next announcement, after which the
                    // helper may gather the step after next into this step's minibatch buffers (BatchAhead), its operand
                    if (helperProducts != null) helperProducts.collect();
                    threads.end(ts == full);
                    step++;
                    stepsDone = step;
                    if (firstLoss == 0) firstLoss = loss;
                    String diverged = divergence(loss, firstLoss, epoch + 1);
                    if (diverged != null) {
                        status = SelectionResult.Status.DIVERGED;
                        messages.add(diverged);
                        listener.onMessage(diverged);
                        epochsDone = epoch + 1;
                        return;
                    }
                    lossSum += loss * ts.batch();
                    lossRows += ts.batch();
                    if (cancel.isCancelled()) {
                        status = SelectionResult.Status.CANCELLED;
                        epochsDone = epoch + 1;
                        meanMax = summarize(false);
                        String m = String.format("Stopped by the user at epoch %d of %d; the selection so far is kept.", epoch + 1, epochs);
                        messages.add(m);
                        listener.onMessage(m);
                        return;
                    }
                    long now = System.nanoTime();
                    if (now - lastSnapshot >= snapshotInterval && listener.wantsProgress()) {
                        if (now - rateMark > 0) rate = (step - rateStep) * 1e9 / (now - rateMark);
                        rateMark = now;
                        rateStep = step;
                        publish(epoch + 1, step, totalSteps, temperature, lossSum / lossRows, valLoss, rate, false);
                        lastSnapshot = System.nanoTime();
                        // keep publishing under ~2% of the time, however large the probability matrix
                        snapshotInterval = Math.max(SNAPSHOT_INTERVAL_NANOS, 50 * (lastSnapshot - now));
                    }
                }
                adam.finish();     // the whole update of the epoch's last step, before anything reads the parameters
                epochsDone = epoch + 1;
                epochTrained = true;
                // the monitor, the selection and (for the window) the probabilities: one pass over Adam's host copy
                meanMax = summarize(listener.wantsEpochProbabilities() || listener.wantsProbabilities());
                if (config.redraw() && !filling && epoch + 1 <= epochs / 2 && SelectionResult.duplicateCount(selected) > 0) {
                    redrawDuplicates(adam, seed, epoch);
                    meanMax = summarize(listener.wantsEpochProbabilities() || listener.wantsProbabilities());
                }
                if (validation != null) valLoss = validation.softLoss(hostLogits, temperature);
                int dups = SelectionResult.duplicateCount(selected);
                if (previousSelection == null) {
                    previousSelection = selected.clone();
                } else {
                    stable = java.util.Arrays.equals(previousSelection, selected) ? stable + 1 : 0;
                    System.arraycopy(selected, 0, previousSelection, 0, selected.length);
                }
                double trainLoss = lossSum / Math.max(1, lossRows);
                crossEntropy = ceSum / Math.max(1, lossRows);
                long endNow = System.nanoTime();
                if (step > rateStep) {
                    // throughput over the time since the last snapshot; short epochs may never see a mid-epoch one
                    rate = (step - rateStep) * 1e9 / Math.max(1, endNow - rateMark);
                    rateMark = endNow;
                    rateStep = step;
                }
                double seconds = (endNow - started - pausedNanos) / 1e9;
                history.add(new EpochRecord(tryNumber, epoch + 1, step, temperature, trainLoss, valLoss, meanMax, dups, seconds, stable));
                publish(epoch + 1, step, totalSteps, temperature, trainLoss, valLoss, rate, true);
                float[] preview = listener.previewRows();
                if (preview != null && preview.length > 0 && preview.length % model.features() == 0)
                    listener.onPreview(model.reconstruct(preview, preview.length / model.features()));   // a few rows: no cost to speak of
                lastSnapshot = System.nanoTime();
                if (filling) continue;     // all its epochs: no stopping rule, and no checkpoint (a resumed run fills again)
                if (config.convergenceRuleOn() && meanMax > config.stopMeanMax()) {
                    LOG.debug("try {} stopped early at epoch {}: mean-max {}", tryNumber, epoch + 1, meanMax);
                    return;
                }
                if (config.convergenceRuleOn() && config.stableEpochs() > 0 && stable >= config.stableEpochs() && meanMax > config.acceptMeanMax()) {
                    LOG.debug("try {} stopped early at epoch {}: the selection unchanged for {} epochs, mean-max {}", tryNumber, epoch + 1, stable, meanMax);
                    return;
                }
                if (epoch + 1 < epochs) maybeCheckpoint(this, adam, epoch + 1, step, valLoss, false);
            }
        }

        /**
         * Re-draws each selector whose argmax another selector shares, except the most confident of them
         * (largest max_j softmax(L_i)_j): its logits (plain: Glorot normal, as at the start; IP-CAE: its Psi row,
         * standard normal) from (seed, try, epoch, selector) and its Adam moments zeroed, so it starts afresh
         * while the others keep what they learnt. PERSIST (Covert et al. 2023) does the same at epoch ends.
         */
        private void redrawDuplicates(Adam adam, long seed, int epoch) {
            int k = config.k(), d = data.cols();
            ParameterLayout lay = model.layout();
            int width = indirect ? lay.ipDim : d;
            double sd = indirect ? 1.0 : Math.sqrt(2.0 / (k + d));
            int[] keeper = new int[d];
            java.util.Arrays.fill(keeper, -1);
            double[] confidence = new double[k];
            for (int r = 0; r < k; r++) {
                confidence[r] = maxProbability(hostLogits, r * d, d);
                int f = selected[r];
                if (keeper[f] < 0 || confidence[r] > confidence[keeper[f]]) keeper[f] = r;
            }
            long epochKey = CounterRandom.key(seed ^ REDRAW_STREAM, epoch);
            float[] fresh = new float[width];
            int redrawn = 0;
            for (int r = 0; r < k; r++) {
                if (keeper[selected[r]] == r) continue;
                gaussian(CounterRandom.key(epochKey, r), fresh, sd);
                adam.reset(r * width, fresh);   // Psi or the logits come first in the buffer, row by row
                redrawn++;
            }
            if (indirect) model.refreshLogits(hostLogits);
            LOG.debug("try {}, epoch {}: re-drew {} duplicate selectors", tryNumber, epoch + 1, redrawn);
        }

        /**
         * Why training has diverged, in one sentence naming the setting to change, or null: the loss is not a
         * number or infinite, or it has grown {@link #EXPLODED} times above the first step's (and above 1, so a
         * tiny first loss on nearly constant data does not count).
         */
        private String divergence(double loss, double first, int epoch) {
            String what;
            if (Double.isNaN(loss)) what = "the loss is not a number";
            else if (Double.isInfinite(loss)) what = "the loss is infinite";
            else if (first > 0 && loss > EXPLODED * first && loss > 1) what = String.format(Locale.ROOT, "the loss grew from %.3g to %.3g", first, loss);
            else return null;
            return String.format(Locale.ROOT, "Training diverged at epoch %d (%s): lower the learning rate (now %s) and train again.",
                    epoch, what, new java.math.BigDecimal(config.learningRate()).round(new java.math.MathContext(3)).stripTrailingZeros()
                            .toString().toLowerCase(Locale.ROOT).replace("+", ""));   // 0.01, 1e30
        }

        /**
         * meanMax of softmax(L) (returned), each selector's argmax into {@link #selected} and, when asked,
         * softmax(L) into {@link #probabilities}, from the host copy of the logits.
         */
        private double summarize(boolean withProbabilities) {
            int k = config.k(), d = data.cols();
            if (withProbabilities && probabilities == null) probabilities = new float[k * d];
            return ConcreteSelector.selectAndMonitor(hostLogits, k, d, panel.open(), selected, withProbabilities ? probabilities : null);
        }

        /** Hands a snapshot to the listener; at an epoch end {@link #summarize} has just run, else it runs here. */
        private void publish(int epoch, long step, long steps, double temperature, double trainLoss, double valLoss,
                             double rate, boolean epochEnd) {
            boolean wants = listener.wantsProbabilities() || (epochEnd && listener.wantsEpochProbabilities());
            double mm = epochEnd ? meanMax : summarize(wants);
            int k = config.k(), d = data.cols();
            boolean full = wants && (long) k * d <= FULL_MATRIX_LIMIT;
            float[] matrix = full ? probabilities.clone() : null;
            float[] featureMax = null;
            int[] topFeatures = null;
            float[] topProbabilities = null;
            if (wants) {
                featureMax = new float[d];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < d; j++) featureMax[j] = Math.max(featureMax[j], probabilities[i * d + j]);
                }
            }
            if (wants && !full) {
                int top = Math.min(TOP_FEATURES, d);
                topFeatures = new int[k * top];
                topProbabilities = new float[k * top];
                for (int i = 0; i < k; i++) topOfRow(probabilities, i * d, d, top, topFeatures, topProbabilities, i * top);
            }
            double seconds = (System.nanoTime() - started - pausedNanos) / 1e9;
            int[] chosen = selected.clone();
            listener.onSnapshot(new TrainingSnapshot(tryNumber, epoch, epochs, step, steps, temperature, trainLoss, valLoss,
                    mm, SelectionResult.duplicateCount(chosen), chosen, matrix, featureMax, topFeatures, topProbabilities,
                    seconds, rate, epochEnd));
        }
    }

    /** A temperature as a person would write it: 3 significant digits. */
    private static String num(double t) {
        return new java.math.BigDecimal(t).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Keys the random stream of re-drawn selectors apart from the noise's. */
    private static final long REDRAW_STREAM = 0x5EDBA11D0CA7L;

    /** max_j softmax(row)_j of row[offset, offset + d) = 1 / sum_j exp(row_j - max). */
    static double maxProbability(float[] row, int offset, int d) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = offset; j < offset + d; j++) max = Math.max(max, row[j]);
        double sum = 0;
        for (int j = offset; j < offset + d; j++) sum += Math.exp(row[j] - max);
        return 1 / sum;
    }

    /** Normal(0, sd^2) values into {@code out}, a pure function of {@code key} (Box-Muller on {@link CounterRandom} bits). */
    static void gaussian(long key, float[] out, double sd) {
        for (int i = 0; i < out.length; i += 2) {
            double u1 = ((CounterRandom.bits(key, i) >>> 11) + 1) * 0x1.0p-53;     // (0, 1]
            double u2 = (CounterRandom.bits(key, i + 1) >>> 11) * 0x1.0p-53;
            double radius = sd * Math.sqrt(-2 * Math.log(u1));
            out[i] = (float) (radius * Math.cos(2 * Math.PI * u2));
            if (i + 1 < out.length) out[i + 1] = (float) (radius * Math.sin(2 * Math.PI * u2));
        }
    }

    /** The {@code top} largest values of row[offset, offset + d), most probable first, by insertion into a short list. */
    static void topOfRow(float[] m, int offset, int d, int top, int[] idx, float[] val, int out) {
        int filled = 0;
        for (int j = 0; j < d; j++) {
            float v = m[offset + j];
            if (filled == top && v <= val[out + top - 1]) continue;
            int pos = filled < top ? filled++ : top - 1;
            while (pos > 0 && val[out + pos - 1] < v) {
                val[out + pos] = val[out + pos - 1];
                idx[out + pos] = idx[out + pos - 1];
                pos--;
            }
            val[out + pos] = v;
            idx[out + pos] = j;
        }
    }

    /**
     * The epoch's shuffled order regrouped for a matrix read from its file a chunk of {@code chunkRows} rows
     * at a time: the chunks are shuffled and taken {@link BackedMatrix#SHUFFLE_WINDOW} at a time, and the
     * rows of each group of chunks keep their shuffled order, so a minibatch mixes cells of several chunks
     * while each chunk is read once an epoch. Drawn from the epoch's generator: a resumed run regroups alike.
     */
    static void groupByChunk(int[] order, Dataset data, int chunkRows, java.util.Random shuffler) {
        int chunks = (data.matrix().rows() + chunkRows - 1) / chunkRows;
        int[] chunkOrder = new int[chunks];
        for (int c = 0; c < chunks; c++) chunkOrder[c] = c;
        shuffle(chunkOrder, shuffler);
        int[] group = new int[chunks];
        for (int p = 0; p < chunks; p++) group[chunkOrder[p]] = p / BackedMatrix.SHUFFLE_WINDOW;
        int groups = (chunks + BackedMatrix.SHUFFLE_WINDOW - 1) / BackedMatrix.SHUFFLE_WINDOW;
        int[] next = new int[groups + 1];
        for (int i : order) next[group[data.matrixRow(i) / chunkRows] + 1]++;
        for (int g = 0; g < groups; g++) next[g + 1] += next[g];
        int[] grouped = new int[order.length];
        for (int i : order) grouped[next[group[data.matrixRow(i) / chunkRows]]++] = i;
        System.arraycopy(grouped, 0, order, 0, order.length);
    }

    /** Fisher–Yates with the given generator (the epoch's order of rows; the sparse benchmark draws the same). */
    static void shuffle(int[] a, java.util.Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
