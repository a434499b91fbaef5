package org.caeworkbench.core;

/**
 * One row of history.csv: the state at the end of an epoch.
 *
 * @param stableEpochs epochs in a row, up to this one, after which every selector's choice was the same as
 *                     at the end of the epoch before (0 when a choice changed in this epoch); the stopping
 *                     rule's count ({@link TrainingConfig#stableEpochs()})
 */
public record EpochRecord(int tryNumber, int epoch, long step, double temperature, double trainLoss,
                          double validationLoss, double meanMaxProbability, int duplicates, double seconds, int stableEpochs) {

    /** A record without the stopping rule's count (runs written before it, pictures, tests). */
    public EpochRecord(int tryNumber, int epoch, long step, double temperature, double trainLoss,
                       double validationLoss, double meanMaxProbability, int duplicates, double seconds) {
        this(tryNumber, epoch, step, temperature, trainLoss, validationLoss, meanMaxProbability, duplicates, seconds, 0);
    }
}
