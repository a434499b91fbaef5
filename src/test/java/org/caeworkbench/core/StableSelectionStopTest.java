package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stopping rule of {@code --stop-stable N}: a try ends at the first epoch whose selection has stayed the same
 * for N epochs in a row while mean-max is above the accept threshold; the run up to there is the run without the
 * rule, and a resumed run stops where the uninterrupted one does.
 */
class StableSelectionStopTest {
    static Dataset train;
    static Dataset validation;

    @BeforeAll
    static void data() {
        NativeThreads.configure();
        Dataset[] split = TrainerTest.scaledSplit(1000, 300);
        train = split[0];
        validation = split[1];
    }

    static TrainingConfig.Builder config() {
        // the paper's 0.998 early stop out of reach, so only the new rule can end the try before its 100 epochs
        return TrainerTest.shortRun().seed(2).stopMeanMax(1.0);
    }

    @Test
    void stopsAtTheFirstEpochWithNStableEpochsAboveTheAcceptThreshold() {
        SelectionResult full = new Trainer(config().build()).train(train, validation, null, null);
        List<EpochRecord> h = full.history();
        assertEquals(100, h.size(), "without the rule the try runs all its epochs");
        for (int i = 1; i < h.size(); i++) {
            int s = h.get(i).stableEpochs();
            assertTrue(s == 0 || s == h.get(i - 1).stableEpochs() + 1, "the count grows by one or starts again, epoch " + (i + 1));
        }
        int n = 5;
        int expectedStop = -1;
        for (EpochRecord e : h) {
            if (e.stableEpochs() >= n && e.meanMaxProbability() > 0.99) { expectedStop = e.epoch(); break; }
        }
        assertTrue(expectedStop > 0 && expectedStop < 100, "the data converge well before the end: " + expectedStop);

        SelectionResult stopped = new Trainer(config().stableEpochs(n).build()).train(train, validation, null, null);
        assertEquals(SelectionResult.Status.COMPLETED, stopped.status());
        assertEquals(1, stopped.tries());
        assertEquals(expectedStop, stopped.epochs(), "stops at the first epoch the rule allows");
        for (int i = 0; i < stopped.history().size(); i++) {
            assertEquals(h.get(i).trainLoss(), stopped.history().get(i).trainLoss(), 0.0, "the same run up to the stop, epoch " + (i + 1));
            assertEquals(h.get(i).stableEpochs(), stopped.history().get(i).stableEpochs());
        }
        // the selection then had not moved for n epochs, and on these data it is the one the full try ends with
        assertArrayEquals(java.util.Arrays.stream(full.selected()).sorted().toArray(),
                java.util.Arrays.stream(stopped.selected()).sorted().toArray());
    }

    @Test
    void aResumedRunStopsWhereTheUninterruptedOneDoes() {
        TrainingConfig cfg = config().stableEpochs(5).build();
        TrainerResumeTest.Keep keep = new TrainerResumeTest.Keep();
        SelectionResult straight = new Trainer(cfg).checkpoints(keep, 0).train(train, validation, null, null);
        int stop = straight.epochs();
        // resume from two epochs before the stop: within the stable stretch, so the count must come from the checkpoint
        TrainingCheckpoint c = keep.at(1, stop - 2);
        assertTrue(c.history().get(c.history().size() - 1).stableEpochs() > 0, "the checkpoint is inside a stable stretch");
        TrainerResumeTest.assertSameRun(straight, new Trainer(cfg).resume(c, train, validation, null, null));
    }
}
