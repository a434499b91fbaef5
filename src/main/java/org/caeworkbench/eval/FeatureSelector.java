package org.caeworkbench.eval;

import org.caeworkbench.data.Dataset;

/**
 * Something that picks k of a dataset's features from its training rows alone (labels are never
 * used): the baselines of the paper and the Concrete Autoencoder behind one interface, so that the
 * comparison, the command line and the window treat them alike.
 */
public interface FeatureSelector {
    /** Short lower-case name used on the command line and in tables (e.g. {@code pfa}). */
    String name();

    /**
     * The indices of the k chosen columns of {@code train} (already scaled), most important first
     * where the method ranks them. Only the CAE may return a feature twice (a duplicate selection);
     * every baseline returns k distinct features.
     *
     * @throws IllegalArgumentException when k is not in 1..train.cols() or the data are too small
     */
    int[] select(Dataset train, int k, long seed);

    /** The check every selector makes first. */
    static void checkK(Dataset train, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1 (it is " + k + ").");
        if (k > train.cols())
            throw new IllegalArgumentException("k = " + k + " is larger than the number of features (" + train.cols() + ").");
        if (train.rows() < 2) throw new IllegalArgumentException("feature selection needs at least 2 training rows.");
    }
}
