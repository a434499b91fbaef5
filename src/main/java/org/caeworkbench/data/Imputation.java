package org.caeworkbench.data;

/**
 * What to do with missing values. NONE refuses a file that has any; MEAN keeps them as NaN while
 * reading and fills them later with the training-split mean (see {@link MeanImputer}).
 */
public enum Imputation { NONE, MEAN }
