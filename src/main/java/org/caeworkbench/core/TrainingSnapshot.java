package org.caeworkbench.core;

/**
 * What the trainer publishes while it runs: immutable, at most every ~100 ms and at each epoch end.
 *
 * @param tryNumber          1-based try of the convergence rule
 * @param epoch              1-based epoch within the try (the epoch in progress, or just finished)
 * @param epochs             epochs planned for this try
 * @param step               optimiser steps done in this try
 * @param steps              steps planned for this try
 * @param temperature        current temperature T
 * @param trainLoss          mean training loss of the current epoch so far
 * @param validationLoss     MSE on up to 512 held-out rows through the noise-free selector softmax(L/T) at the
 *                           current T (last epoch end; NaN before); near the end of annealing it equals hard selection
 * @param meanMaxProbability mean over selectors of max_j softmax(L)[i, j]
 * @param duplicates         k minus the number of distinct selected features
 * @param selected           each selector's current argmax feature
 * @param probabilities      softmax(L), k x d row-major, when k d is at most {@link Trainer#FULL_MATRIX_LIMIT}; else null
 * @param featureMaxProbability each feature's largest selection probability over selectors (length d)
 * @param topFeatures        when the full matrix is left out: each selector's {@link Trainer#TOP_FEATURES} most
 *                           probable features (k x TOP_FEATURES, row-major, most probable first); else null
 * @param topProbabilities   their probabilities, in the same layout; else null
 * @param elapsedSeconds     wall time since training started (all tries)
 * @param stepsPerSecond     recent optimiser throughput
 * @param epochEnd           true when published at the end of an epoch
 */
public record TrainingSnapshot(int tryNumber, int epoch, int epochs, long step, long steps, double temperature,
                               double trainLoss, double validationLoss, double meanMaxProbability, int duplicates,
                               int[] selected, float[] probabilities, float[] featureMaxProbability,
                               int[] topFeatures, float[] topProbabilities, double elapsedSeconds, double stepsPerSecond, boolean epochEnd) {

    /** Seconds left in this try at the current speed (NaN when unknown). */
    public double etaSeconds() {
        return stepsPerSecond > 0 ? (steps - step) / stepsPerSecond : Double.NaN;
    }
}
