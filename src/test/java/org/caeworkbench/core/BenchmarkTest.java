package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** What {@code cae bench} times is the try's own epochs: no epoch of the duplicate filling after it. */
class BenchmarkTest {

    @Test
    void theTimedEpochsAreTheTrysEvenWhenItEndsWithDuplicates() {
        NativeThreads.configure();
        Dataset data = Benchmark.randomData(300, 12, 7);
        TrainingConfig config = TrainingConfig.builder().k(10).epochs(2).batchSize(64).seed(1).build();
        assertTrue(config.fillDuplicates(), "filling is the default");
        // the same run as a user's: 10 selectors over 12 uniform features after 2 epochs share features, and are filled
        SelectionResult user = new Trainer(config.toBuilder().convergenceOff().build()).train(data, null, TrainingListener.NONE, null);
        assertTrue(user.history().size() > 2, "the user's run trains the filled decoder further: " + user.history().size() + " epochs");
        assertEquals(2, Benchmark.trainEpochSeconds(data, config, TrainingListener.NONE).length, "only the try's 2 epochs are timed");
    }
}
