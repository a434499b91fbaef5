package org.caeworkbench.ui;

import java.util.Locale;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingSnapshot;

/**
 * The plain sentences beside the training charts, from the newest snapshot and the settings: what the
 * temperature is doing now, what mean-max means and how far the convergence rule is, what a duplicate
 * is and how many there are, and what the validation loss is compared with. No toolkit inside; the
 * window shows them at most once per drain of the training service (tested without the toolkit).
 */
final class Explanations {
    /** The paper's values the sentences name (Balın, Abid and Zou, ICML 2019). */
    static final double PAPER_START_T = 10, PAPER_END_T = 0.01, PAPER_RULE = 0.99;

    /**
     * What the validation loss is compared with, measured once before training on the same validation rows.
     *
     * @param meanPredictor MSE of predicting each feature by its training mean (NaN: not known yet)
     * @param pca           MSE of the reconstruction from the top k principal components of the training rows (NaN: not known)
     * @param rows          validation rows both were measured on
     */
    record Baselines(double meanPredictor, double pca, int rows) {
        static final Baselines NONE = new Baselines(Double.NaN, Double.NaN, 0);
    }

    /** The sentences for one state. */
    record Text(String temperature, String meanMax, String duplicates, String loss) {}

    private Explanations() {}

    /** How the temperature stands: HIGH, COOLING or LOW, by its place between T0 and T_B on a log scale. */
    enum Phase { HIGH, COOLING, LOW }

    static Phase phase(double t, double start, double end) {
        if (!(start > end)) return t >= 1 ? Phase.HIGH : t > 0.1 ? Phase.COOLING : Phase.LOW;    // constant or rising schedules
        double f = Math.log(start / t) / Math.log(start / end);     // 0 at T0, 1 at T_B
        return f < 1 / 3.0 ? Phase.HIGH : f < 0.75 ? Phase.COOLING : Phase.LOW;
    }

    /** The sentences before any epoch has ended: what will happen. */
    static Text before(TrainingConfig cfg, boolean image) {
        String f = image ? "pixels" : "features";
        return new Text(
                String.format(Locale.ROOT, "T will fall from %s to %s (paper: %s → %s): high T lets each selector average many %s and explore, low T makes it pick one.",
                        num(cfg.schedule().start()), num(cfg.schedule().end()), num(PAPER_START_T), num(PAPER_END_T), f),
                "Mean-max is the average, over the selectors, of each one's largest selection probability: 1 when every selector has settled on one "
                        + (image ? "pixel" : "feature") + ". " + rule(cfg),
                duplicates(0, cfg.k(), image, false, false),
                "The validation loss is the decoder's mean squared error on held-out rows; it is compared with predicting every "
                        + (image ? "pixel" : "feature") + " by its training mean.");
    }

    /** The sentences for snapshot {@code s}. */
    static Text of(TrainingSnapshot s, TrainingConfig cfg, boolean image, Baselines b) {
        return new Text(temperature(s.temperature(), cfg, image), meanMax(s.meanMaxProbability(), cfg, image),
                duplicates(s.duplicates(), cfg.k(), image, cfg.redraw(), cfg.fillDuplicates()), loss(s.validationLoss(), cfg, image, b == null ? Baselines.NONE : b));
    }

    static String temperature(double t, TrainingConfig cfg, boolean image) {
        String many = image ? "pixels" : "features";
        String one = image ? "pixel" : "feature";
        String now = "T = " + num(t);
        return switch (phase(t, cfg.schedule().start(), cfg.schedule().end())) {
            case HIGH -> now + " is high: the selectors still average many " + many + " with similar weights, and the noise makes each try"
                    + " others at every step.";
            case COOLING -> now + " is cooling: each selector's weight gathers on a few " + many + "; the noise still swaps near-equals.";
            case LOW -> now + " is low: each selector's softmax is nearly one-hot, so it already uses one " + one
                    + " at a time, as the final selection will.";
        } + String.format(Locale.ROOT, " Annealing goes from %s to %s (paper: %s → %s).", num(cfg.schedule().start()), num(cfg.schedule().end()),
                num(PAPER_START_T), num(PAPER_END_T));
    }

    static String meanMax(double mm, TrainingConfig cfg, boolean image) {
        String one = image ? "pixel" : "feature";
        String what = String.format(Locale.ROOT, "Mean-max %.3f: on average a selector gives %.0f%% of its weight to its favourite %s.", mm, 100 * mm, one);
        if (!cfg.convergenceRuleOn()) return what + " The convergence rule is off: all epochs are trained whatever it is (paper: accept above "
                + num(PAPER_RULE) + ").";
        double p = cfg.acceptMeanMax();
        if (mm > p) return what + " It is above " + num(p) + ": every selector has, in effect, settled on one " + one
                + ", so the convergence rule accepts this try (paper: " + num(PAPER_RULE) + ").";
        return what + String.format(Locale.ROOT, " The convergence rule accepts a try above %s (paper: %s): %.3f to go; a try that ends below it is"
                + " trained again with twice the epochs.", num(p), num(PAPER_RULE), p - mm);
    }

    static String duplicates(int dups, int k, boolean image, boolean redraw, boolean fill) {
        String one = image ? "pixel" : "feature";
        String def = "A duplicate is a selector whose " + one + " another selector also chose, so fewer than k distinct " + one + "s are selected.";
        if (dups == 0) return def + " Now: none, all " + k + " are distinct.";
        return def + String.format(Locale.ROOT, " Now: %d, so %d of k = %d are distinct; they often part as T falls%s.", dups, k - dups, k,
                redraw ? " (re-drawing restarts them in the first half)" : "")
                + (fill ? " Any left at the end are filled: each less confident selector takes its most probable free " + one
                        + ", and the decoder trains a few more epochs with the panel fixed." : "");
    }

    static String loss(double val, TrainingConfig cfg, boolean image, Baselines b) {
        String each = image ? "pixel" : "feature";
        if (cfg.objective().supervised())
            return "The loss mixes the reconstruction error and the classifier head's cross-entropy (objective " + cfg.objective()
                    + "); the paper's loss is the reconstruction's mean squared error alone.";
        if (!Double.isFinite(val))
            return "The loss is the mean squared error of the decoder's reconstruction (the paper's loss); the validation loss appears after the first epoch.";
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "Validation MSE %s: the decoder's error on %s held-out rows through the"
                + " noise-free selectors at the current T", num(val), b.rows() > 0 ? String.valueOf(b.rows()) : "the"));
        if (Double.isFinite(b.meanPredictor()) && b.meanPredictor() > 0) {
            double gain = 1 - val / b.meanPredictor();
            t.append(String.format(Locale.ROOT, ", against %s for the mean predictor (each %s guessed as its training mean): ", num(b.meanPredictor()), each));
            t.append(gain > 0 ? String.format(Locale.ROOT, "%.0f%% less error.", 100 * gain) : "not better yet.");
        } else {
            t.append('.');
        }
        if (Double.isFinite(b.pca()))
            t.append(String.format(Locale.ROOT, " PCA with k = %d components (not a selection: each mixes every %s) reaches %s.", cfg.k(), each, num(b.pca())));
        return t.toString();
    }

    /** The convergence rule in one sentence, with the paper's threshold. */
    static String rule(TrainingConfig cfg) {
        if (!cfg.convergenceRuleOn()) return "The convergence rule is off: all epochs are trained (paper: accept above " + num(PAPER_RULE) + ").";
        return "The convergence rule accepts a try when it passes " + num(cfg.acceptMeanMax()) + " (paper: " + num(PAPER_RULE)
                + "), else trains again with twice the epochs.";
    }

    /** Three significant digits, without an exponent for everyday values. */
    static String num(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) return String.format(Locale.ROOT, "%.2e", v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
