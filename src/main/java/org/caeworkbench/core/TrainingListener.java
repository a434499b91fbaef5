package org.caeworkbench.core;

/**
 * Receives the trainer's progress on the training thread. Implementations must return quickly
 * (store the latest snapshot, or print a line): the trainer never waits for a listener to catch up.
 */
public interface TrainingListener {
    /** A progress snapshot; see {@link TrainingSnapshot}. */
    default void onSnapshot(TrainingSnapshot snapshot) {}

    /** Whether snapshots should carry the probability matrix (costs a softmax and a copy each time). */
    default boolean wantsProbabilities() { return false; }

    /**
     * Whether the epoch-end snapshots should carry them (a replay recorder wants them there only, where they
     * cost one softmax an epoch); at least {@link #wantsProbabilities()}.
     */
    default boolean wantsEpochProbabilities() { return wantsProbabilities(); }

    /** One line a user should see: a restart of the convergence rule, divergence, duplicates. */
    default void onMessage(String message) {}

    /** Whether it wants the snapshots between epoch ends (progress); epoch ends are always published. */
    default boolean wantsProgress() { return true; }

    /**
     * A few rows (row-major, the training data's features) whose reconstruction by the model the listener
     * wants at each epoch end, or null (the default: nothing is computed). The window shows them beside
     * the originals while training.
     */
    default float[] previewRows() { return null; }

    /**
     * The reconstruction of {@link #previewRows()} by the model as it is at an epoch end (hard selection:
     * each selector's most probable feature, then the decoder), on the training thread.
     */
    default void onPreview(float[] reconstruction) {}

    TrainingListener NONE = new TrainingListener() {
        @Override
        public boolean wantsProgress() { return false; }
    };
}
