package org.caeworkbench.data;

/**
 * What to do with samples (cells) that have no label in the label column or the labels file: REFUSE the file, naming the
 * first such sample, or DROP them, with a note saying how many were left out.
 */
public enum Unlabelled { REFUSE, DROP }
