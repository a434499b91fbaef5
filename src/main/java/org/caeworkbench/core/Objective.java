package org.caeworkbench.core;

import java.util.Locale;

/**
 * What the selector is trained for ({@code --objective}).
 * <ul>
 *   <li>{@code reconstruct}: the paper's loss, the decoder's mean squared error; no classifier head.</li>
 *   <li>{@code classify}: the selector is trained by the cross-entropy of a classifier head fed by the
 *       selected features Z (Z → hidden of round(3k/2), LeakyReLU → one logit per class, softmax). The
 *       decoder still learns to reconstruct every feature from Z with its own MSE, but that MSE sends no
 *       gradient to the selector, so the panel is chosen for the labels alone and {@code cae impute} and
 *       the reconstruction metrics still work.</li>
 *   <li>{@code mix:W} (0 &lt; W &lt; 1): every parameter is trained on
 *       (1 − W) · MSE / MSE₀ + W · CE / CE₀, where MSE₀ is the MSE of predicting every feature by its
 *       training mean (the mean variance of the training columns) and CE₀ the cross-entropy of predicting
 *       every row by the training class frequencies (their entropy, in nats). Both terms are 1 for the
 *       trivial predictor and 0 for a perfect one, so W weighs the same two fractions whatever the
 *       data's scale and number of classes.</li>
 * </ul>
 *
 * @param kind   which objective
 * @param weight W of {@code mix:W}; 0 for reconstruct, 1 for classify
 */
public record Objective(Kind kind, double weight) {

    public enum Kind { RECONSTRUCT, CLASSIFY, MIX }

    public static final Objective RECONSTRUCT = new Objective(Kind.RECONSTRUCT, 0);
    public static final Objective CLASSIFY = new Objective(Kind.CLASSIFY, 1);

    public Objective {
        if (kind == null) throw new IllegalArgumentException("no objective");
        if (kind == Kind.MIX && !(weight > 0 && weight < 1))
            throw new IllegalArgumentException("the weight of mix:W must be between 0 and 1, both excluded (mix:0 is reconstruct, mix:1 is classify)");
    }

    /** A mix of reconstruction and classification with classification weight w in (0, 1). */
    public static Objective mix(double w) {
        return new Objective(Kind.MIX, w);
    }

    /** Whether training needs labels (a classifier head). */
    public boolean supervised() {
        return kind != Kind.RECONSTRUCT;
    }

    /** Whether the reconstruction error's gradient reaches the selector (reconstruct and mix). */
    public boolean selectorLearnsReconstruction() {
        return kind != Kind.CLASSIFY;
    }

    /**
     * Why this objective cannot be trained on {@code train}, in one sentence, or null when it can (always
     * for reconstruct): a supervised objective needs labels of at least two classes.
     */
    public String labelProblem(org.caeworkbench.data.Dataset train) {
        if (!supervised()) return null;
        if (!train.hasLabels())
            return "The objective " + this + " needs class labels, but the data " + train.name() + " have none: name the label"
                    + " column (--label-column) or a labels file (--labels-file), or use --objective reconstruct.";
        java.util.List<String> classes = train.labelClasses();
        if (classes.size() < 2)
            return "The objective " + this + " needs at least two classes, but every training row of " + train.name()
                    + " has the label '" + (classes.isEmpty() ? "" : classes.get(0)) + "'; use --objective reconstruct.";
        return null;
    }

    /**
     * Parses {@code reconstruct}, {@code classify} or {@code mix:W}; a {@link Setting.Invalid} with the
     * end of a sentence otherwise.
     */
    public static Objective parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("reconstruct")) return RECONSTRUCT;
        if (t.equals("classify")) return CLASSIFY;
        if (t.startsWith("mix:")) {
            double w;
            try {
                w = Double.parseDouble(t.substring(4).trim());
            } catch (NumberFormatException e) {
                throw new Setting.Invalid("must be reconstruct, classify or mix:W with a number W, like mix:0.5");
            }
            if (!(w > 0 && w < 1))
                throw new Setting.Invalid("must have a weight W between 0 and 1 in mix:W, both excluded (mix:0 is reconstruct, mix:1 is classify)");
            return mix(w);
        }
        throw new Setting.Invalid("must be reconstruct, classify or mix:W (W between 0 and 1, like mix:0.5)");
    }

    /** As {@link #parse} reads it: reconstruct, classify, mix:0.5. */
    @Override
    public String toString() {
        return switch (kind) {
            case RECONSTRUCT -> "reconstruct";
            case CLASSIFY -> "classify";
            case MIX -> "mix:" + Settings.num(weight);
        };
    }
}
