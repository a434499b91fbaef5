package org.caeworkbench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides a training run. Immutable; {@link #builder()} starts from the defaults.
 *
 * @param k              number of features to select (rows of the selector logits)
 * @param epochs         epochs of the first try; each retry doubles them
 * @param schedule       temperature schedule (T0 to T_B)
 * @param annealing      per step (reference code) or per epoch (paper)
 * @param batchSize      minibatch size; {@link #AUTO_BATCH} (0): n/16 kept within [16, 256], so small data
 *                       sets still take at least a handful of steps per epoch; {@link #REFERENCE_BATCH}
 *                       (-1): the reference code's rule max(n / 256, 16)
 * @param learningRate   Adam's learning rate
 * <p>The defaults differ from the paper in three places, the automatic batch (256 for n = 6000;
 * reference: max(n/256, 16), i.e. 23) and
 * learning rate 1e-2 (paper: 1e-3): on MNIST they reach a better selection in about a seventh of the
 * time (docs/engine.md); and IP-CAE's indirect logits ({@link Parameterisation#IP}), which on the six
 * benchmark sets converged in one try in a fraction of the epochs (docs/engine.md). The paper's settings are
 * {@code batchSize(REFERENCE_BATCH).learningRate(1e-3).selector(Parameterisation.PLAIN)}.
 * @param hidden         decoder hidden layers: "auto" (one layer of 3k/2, the paper's benchmarks),
 *                       "none" (a linear decoder, the paper's GEO experiment) or sizes like "320,320"
 * @param dropout        dropout rate after each hidden layer
 * @param seed           seed of every random draw (initialisation, noise, shuffling, dropout)
 * @param acceptMeanMax  convergence rule: a try is accepted when mean-max probability exceeds this;
 *                       0 switches the rule (early stop and retries) off
 * @param stopMeanMax    convergence rule: stop a try early once mean-max exceeds this
 * @param maxTries       convergence rule: at most this many tries
 * @param stableEpochs   convergence rule: also stop a try early once mean-max exceeds acceptMeanMax and no selector's
 *                       choice has changed for this many epochs in a row; 0: only the stopMeanMax rule
 * @param redundancy     weight of a penalty on the mean squared correlation between the soft-selected
 *                       features ({@link RedundancyPenalty}); 0, the default, is the paper's loss
 * @param validationRows the validation loss of each epoch is measured on the first this many validation
 *                       rows (512 by default); 0: no validation loss
 * @param objective      what the selector is trained for ({@link Objective}): reconstruct (the paper's,
 *                       the default), classify or mix:W; the last two need labels
 * @param selector       the logits' parameterisation: plain (the paper's) or IP-CAE's indirect one
 * @param ipDim          IP-CAE's embedding size m (Psi is k x m, W d x m); {@link #AUTO_IP_DIM} (0): min(d, {@link #IP_DIM_CAP})
 * @param redraw         at each epoch end of a try's first half, re-draw the logits (IP: the Psi row) and Adam
 *                       moments of a selector whose choice another selector also made (as PERSIST does)
 * @param keep           names of features always in the panel (--keep); the k selectors learn features beside
 *                       them and the decoder sees both ({@link FeaturePanel}); empty: none, the paper's model
 * @param exclude        names of features never selectable, or {@code re:REGEX} entries (--exclude); empty: none
 * @param selectorLearningRate the learning rate of the selector's parameters (the logits, or IP-CAE's Psi, W and b);
 *                       {@link #AUTO_SELECTOR_LR} (0): {@link #effectiveSelectorLearningRate(int, int)}'s choice
 * @param fillDuplicates when a run ends with selectors on the same feature, each less confident one takes its best
 *                       remaining feature and the decoder trains {@link #fillEpochs(int)} more epochs with the panel held
 *                       fixed, so the panel has k distinct features (not in the paper, whose panels may be shorter)
 *
 * <p>Each setting is described once, for the command line, the window and the run's record, in
 * {@link Settings}.
 */
public record TrainingConfig(int k, int epochs, TemperatureSchedule schedule, Annealing annealing,
                             int batchSize, double learningRate, String hidden, double dropout, long seed,
                             double acceptMeanMax, double stopMeanMax, int maxTries, int stableEpochs, double redundancy,
                             int validationRows, Objective objective, Parameterisation selector, int ipDim, boolean redraw,
                             List<String> keep, List<String> exclude, double selectorLearningRate,
                             boolean fillDuplicates) {

    public TrainingConfig {
        keep = keep == null ? List.of() : List.copyOf(keep);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public static final int DEFAULT_K = 50;

    /**
     * The k used when none is given, on data of {@code features} features: {@link #DEFAULT_K} (the paper's), or half
     * the features when the data have fewer than that (a wine or a clinical table of 13 columns; the window and the
     * command line alike).
     */
    public static int defaultK(int features) {
        return features >= DEFAULT_K ? DEFAULT_K : Math.max(1, features / 2);
    }
    public static final int AUTO_BATCH = 0;
    public static final int REFERENCE_BATCH = -1;
    public static final int AUTO_IP_DIM = 0;
    public static final double AUTO_SELECTOR_LR = 0;
    /** The automatic selector learning rate lets a plain logit travel this many ln d in the first try (measured: 10 was too few on 45 rows). */
    public static final double SELECTOR_TRAVEL = 20;
    /** The automatic IP-CAE embedding size is min(d, this) (docs/engine.md: what was measured). */
    public static final int IP_DIM_CAP = 128;

    /** IP-CAE's embedding size m for d features, or 0 with plain logits. */
    public int effectiveIpDim(int d) {
        if (selector.resolve(objective) != Parameterisation.IP) return 0;
        return ipDim > 0 ? ipDim : Math.max(1, Math.min(d, IP_DIM_CAP));
    }

    /**
     * The learning rate of the selector's parameters for d features and n training rows: the one set, or for
     * {@link #AUTO_SELECTOR_LR} the model's learning rate, except for plain logits with a supervised objective:
     * there max(lr, {@link #SELECTOR_TRAVEL} · ln d / the first try's optimiser steps), so that Adam, which moves
     * a logit by about its learning rate a step, can open the gap of a few ln d between a selector's feature and
     * the rest within one try however few rows (steps) the table has (docs/engine.md, "The supervised objective on
     * small, wide tables"). On MNIST-sized data this is the model's rate; reconstruct always keeps it.
     */
    public double effectiveSelectorLearningRate(int d, int n) {
        if (selectorLearningRate > 0) return selectorLearningRate;
        if (!objective.supervised() || selector.resolve(objective) != Parameterisation.PLAIN || d < 2 || n < 1) return learningRate;
        int b = effectiveBatchSize(n);
        double steps = (double) epochs * ((n + b - 1) / b);
        return Math.max(learningRate, SELECTOR_TRAVEL * Math.log(d) / steps);
    }

    /**
     * Epochs the decoder trains after duplicate selectors took their next choices ({@link #fillDuplicates}): a fifth
     * of the epochs the last try ran, at least {@link #FILL_MIN_EPOCHS} so the decoder learns the new inputs, but
     * never more than the try itself ran (a one-epoch smoke test gets one more epoch, not ten).
     */
    public static int fillEpochs(int epochsOfTry) {
        return Math.min(Math.max(1, epochsOfTry), Math.max(FILL_MIN_EPOCHS, (epochsOfTry + 4) / 5));
    }

    /** The fewest epochs of the decoder after duplicates are filled. */
    public static final int FILL_MIN_EPOCHS = 10;

    public boolean convergenceRuleOn() {
        return acceptMeanMax > 0;
    }

    /** Hidden layer sizes of the decoder for this k (empty for a linear decoder); "auto" counts the kept features as inputs too. */
    public int[] hiddenSizes() {
        return parseHidden(hidden, k + keep.size());
    }

    /** The batch size used for n training rows. */
    public int effectiveBatchSize(int n) {
        int b = switch (batchSize) {
            case AUTO_BATCH -> Math.max(16, Math.min(256, n / 16));
            case REFERENCE_BATCH -> Math.max(n / 256, 16);
            default -> batchSize;
        };
        return Math.max(1, Math.min(b, n));
    }

    /**
     * Problems with these settings for data of d features and n training rows, each a sentence and the
     * setting it is about ({@link Settings}); when there are none and d is known, whether the model fits
     * in memory ({@link ModelMemory}).
     */
    public List<Problem> problems(int d, int n) {
        List<Problem> p = new ArrayList<>();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            Problem outOfRange = s.check(this);
            if (outOfRange != null) p.add(outOfRange);
        }
        if (k >= 1 && d > 0 && k > d)
            p.add(new Problem(Settings.K, "k = " + k + " is larger than the number of features (" + d + ")."));
        else if (k >= 1 && d > 0 && k + keep.size() > d)
            p.add(new Problem(Settings.KEEP, "k = " + k + " and " + keep.size() + " kept features are more than the " + d + " features."));
        if (schedule.end() > schedule.start() && schedule.shape() != TemperatureSchedule.Shape.CONSTANT)
            p.add(new Problem(Settings.END_TEMP, "the end temperature (" + schedule.end() + ") must not exceed the start temperature ("
                    + schedule.start() + ")."));
        try {
            parseHidden(hidden, Math.max(k, 1));
        } catch (IllegalArgumentException e) {
            p.add(new Problem(Settings.HIDDEN, e.getMessage()));
        }
        if (n == 0) p.add(new Problem(null, "the training split has no rows."));
        if (p.isEmpty() && d > 0) {
            String memory = ModelMemory.problem(this, d, n);
            if (memory != null) p.add(new Problem(hidden.trim().matches("(?i)auto|none|linear|") ? Settings.K : Settings.HIDDEN, memory));
        }
        return p;
    }

    static int[] parseHidden(String spec, int k) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase();
        if (s.equals("auto")) return new int[] {Math.max(1, (int) Math.round(1.5 * k))};
        if (s.equals("none") || s.equals("linear") || s.isEmpty()) return new int[0];
        String[] parts = s.split("[,\\s]+");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                sizes[i] = -1;
            }
            if (sizes[i] < 1)
                throw new IllegalArgumentException("hidden layers must be 'auto', 'none' or positive sizes like '320,320' (got '" + spec + "').");
        }
        return sizes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.k = k; b.epochs = epochs; b.schedule = schedule; b.annealing = annealing; b.batchSize = batchSize;
        b.learningRate = learningRate; b.hidden = hidden; b.dropout = dropout; b.seed = seed;
        b.acceptMeanMax = acceptMeanMax; b.stopMeanMax = stopMeanMax; b.maxTries = maxTries; b.stableEpochs = stableEpochs;
        b.redundancy = redundancy; b.validationRows = validationRows;
        b.objective = objective;
        b.selector = selector; b.ipDim = ipDim; b.redraw = redraw;
        b.keep = keep; b.exclude = exclude;
        b.selectorLearningRate = selectorLearningRate;
        b.fillDuplicates = fillDuplicates;
        return b;
    }

    /** Builder holding the defaults the application offers. */
    public static final class Builder {
        private int k = DEFAULT_K;
        private int epochs = 300;
        private TemperatureSchedule schedule = new TemperatureSchedule(TemperatureSchedule.Shape.EXPONENTIAL, 10, 0.01);
        private Annealing annealing = Annealing.STEP;
        private int batchSize = AUTO_BATCH;
        private double learningRate = 1e-2;
        private String hidden = "auto";
        private double dropout = 0.1;
        private long seed = 1;
        private double acceptMeanMax = 0.99;
        private double stopMeanMax = 0.998;
        private int maxTries = 5;
        private int stableEpochs = 0;
        private double redundancy = 0;
        private int validationRows = 512;
        private Objective objective = Objective.RECONSTRUCT;
        private Parameterisation selector = Parameterisation.AUTO;
        private int ipDim = AUTO_IP_DIM;
        private boolean redraw = false;
        private List<String> keep = List.of();
        private List<String> exclude = List.of();
        private double selectorLearningRate = AUTO_SELECTOR_LR;
        private boolean fillDuplicates = true;

        public Builder k(int v) { k = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder schedule(TemperatureSchedule v) { schedule = v; return this; }
        public Builder annealing(Annealing v) { annealing = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder hidden(String v) { hidden = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder acceptMeanMax(double v) { acceptMeanMax = v; return this; }
        public Builder stopMeanMax(double v) { stopMeanMax = v; return this; }
        public Builder maxTries(int v) { maxTries = v; return this; }
        public Builder stableEpochs(int v) { stableEpochs = v; return this; }
        public Builder redundancy(double v) { redundancy = v; return this; }
        public Builder validationRows(int v) { validationRows = v; return this; }
        public Builder objective(Objective v) { objective = v; return this; }
        public Builder selector(Parameterisation v) { selector = v; return this; }
        public Builder ipDim(int v) { ipDim = v; return this; }
        public Builder redraw(boolean v) { redraw = v; return this; }
        public Builder keep(List<String> v) { keep = v; return this; }
        public Builder exclude(List<String> v) { exclude = v; return this; }
        public Builder selectorLearningRate(double v) { selectorLearningRate = v; return this; }
        public Builder fillDuplicates(boolean v) { fillDuplicates = v; return this; }
        /** Switches the convergence rule off: exactly {@code epochs}, no early stop, no retry. */
        public Builder convergenceOff() { acceptMeanMax = 0; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(k, epochs, schedule, annealing, batchSize, learningRate, hidden, dropout,
                    seed, acceptMeanMax, stopMeanMax, maxTries, stableEpochs, redundancy, validationRows, objective, selector, ipDim, redraw,
                    keep, exclude, selectorLearningRate, fillDuplicates);
        }
    }
}
