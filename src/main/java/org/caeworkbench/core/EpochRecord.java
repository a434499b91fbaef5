package org.caeworkbench.core;

/** One row of history.csv: the state at the end of an epoch. */
public record EpochRecord(int tryNumber, int epoch, long step, double temperature, double trainLoss,
                          double validationLoss, double meanMaxProbability, int duplicates, double seconds) {}
