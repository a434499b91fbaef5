package org.caeworkbench.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of training: the chosen features, the probabilities behind them, the trained model
 * and the history of the accepted try.
 *
 * @param status     how training ended
 * @param selected   the panel: the {@code fixed} kept features first (--keep), then each selector's feature
 *                   (argmax of its logits), in selector order; the learned part may repeat
 * @param probabilities softmax(L), k x d, row-major (the learned selectors only; 0 at kept and excluded features)
 * @param meanMaxProbability the convergence monitor at the end
 * @param model      the trained model of the last try (hard selection + decoder)
 * @param history    one record per epoch, all tries
 * @param tries      tries run
 * @param epochs     epochs run in the last try
 * @param seconds    wall time of all tries
 * @param messages   what the user was told along the way
 * @param fixed      how many kept features open {@code selected} (0 without --keep)
 * @param filled     the learned selectors (0 .. k - 1) whose slot was filled after training ended on a duplicate
 *                   (--fill-duplicates): their feature was given, not learned; empty when none
 */
public record SelectionResult(Status status, int[] selected, float[] probabilities, double meanMaxProbability,
                              ConcreteAutoencoder model, List<EpochRecord> history, int tries, int epochs,
                              double seconds, List<String> messages, int fixed, int[] filled) {

    public SelectionResult {
        filled = filled == null ? new int[0] : filled.clone();
    }

    /** A result without filled slots. */
    public SelectionResult(Status status, int[] selected, float[] probabilities, double meanMaxProbability,
                           ConcreteAutoencoder model, List<EpochRecord> history, int tries, int epochs,
                           double seconds, List<String> messages, int fixed) {
        this(status, selected, probabilities, meanMaxProbability, model, history, tries, epochs, seconds, messages, fixed, null);
    }

    /** A result without kept features. */
    public SelectionResult(Status status, int[] selected, float[] probabilities, double meanMaxProbability,
                           ConcreteAutoencoder model, List<EpochRecord> history, int tries, int epochs,
                           double seconds, List<String> messages) {
        this(status, selected, probabilities, meanMaxProbability, model, history, tries, epochs, seconds, messages, 0);
    }

    public enum Status {
        /** The convergence rule accepted the run (or it was off and the run completed). */
        COMPLETED,
        /** Every try ran out of epochs below the acceptance threshold; the last try is kept. */
        NOT_CONVERGED,
        /** The user stopped it; the result so far is kept. */
        CANCELLED,
        /** The loss became NaN or infinite. */
        DIVERGED
    }

    /** The panel's size: kept features and learned selectors. */
    public int k() { return selected.length; }

    /** The learned selectors (the run's k). */
    public int learned() { return selected.length - fixed; }

    /** Whether position i of {@link #selected} is a kept feature, not a learned selector. */
    public boolean isFixed(int i) { return i < fixed; }

    /** Whether position i of {@link #selected} is a selector whose slot was filled after a duplicate ({@link #filled}). */
    public boolean isFilled(int i) {
        for (int s : filled) if (s == i - fixed) return true;
        return false;
    }

    /** The kept features (--keep), in the order given. */
    public int[] fixedFeatures() { return java.util.Arrays.copyOf(selected, fixed); }

    /** Each learned selector's feature, in selector order. */
    public int[] learnedFeatures() { return java.util.Arrays.copyOfRange(selected, fixed, selected.length); }

    /** The probability with which position i of {@link #selected} chose its feature; 1 for a kept feature. */
    public float probabilityOf(int selector) {
        if (selector < fixed) return 1f;
        int d = probabilities.length / learned();
        return probabilities[(selector - fixed) * d + selected[selector]];
    }

    /**
     * The positions of {@link #selected} ranked: kept features first, in the order given, then the selectors by how
     * firmly they chose their feature (highest probability first, ties by selector), filled slots last (their
     * probability was set, not learned): the order of selected_features.csv, the results table and the reduced data.
     */
    public int[] rankedSelectors() {
        return java.util.stream.IntStream.range(0, k()).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer i) -> i < fixed ? 0 : isFilled(i) ? 2 : 1)
                        .thenComparingDouble((Integer i) -> i < fixed ? 0 : -probabilityOf(i)).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The distinct selected features in {@link #rankedSelectors()} order (a duplicate counts once, at its best rank). */
    public int[] rankedFeatures() {
        return java.util.Arrays.stream(rankedSelectors()).map(i -> selected[i]).distinct().toArray();
    }

    /** For each feature chosen by more than one selector, the selectors that chose it. */
    public Map<Integer, List<Integer>> duplicateSelections() {
        return duplicates(selected);
    }

    public int distinctCount() {
        return (int) java.util.Arrays.stream(selected).distinct().count();
    }

    static Map<Integer, List<Integer>> duplicates(int[] selected) {
        Map<Integer, List<Integer>> bySelector = new LinkedHashMap<>();
        for (int i = 0; i < selected.length; i++) bySelector.computeIfAbsent(selected[i], f -> new ArrayList<>()).add(i);
        bySelector.values().removeIf(l -> l.size() < 2);
        return bySelector;
    }

    /** Number of selectors whose feature is also chosen by an earlier selector. */
    static int duplicateCount(int[] selected) {
        return selected.length - (int) java.util.Arrays.stream(selected).distinct().count();
    }
}
