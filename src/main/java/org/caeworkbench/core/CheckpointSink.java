package org.caeworkbench.core;

import java.io.IOException;

/**
 * Where the trainer puts its checkpoints (a file in a run's folder, for example). Called on the
 * training thread at epoch ends, at most as often as the trainer was asked to; the checkpoint's arrays
 * are live and valid during the call only. A failure is reported to the user once and training goes on.
 */
@FunctionalInterface
public interface CheckpointSink {
    void save(TrainingCheckpoint checkpoint) throws IOException;
}
