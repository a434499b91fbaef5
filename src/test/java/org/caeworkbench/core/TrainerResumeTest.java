package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A run stopped after a checkpoint and resumed from it ends exactly as the uninterrupted run. */
class TrainerResumeTest {
    static Dataset train;
    static Dataset validation;

    @BeforeAll
    static void data() {
        NativeThreads.configure();
        Dataset[] split = TrainerTest.scaledSplit(400, 100);
        train = split[0];
        validation = split[1];
    }

    /** Dropout and a hidden layer, so every random draw of the step (noise, shuffle, dropout) is exercised. */
    static TrainingConfig.Builder config() {
        return TrainingConfig.builder().k(5).epochs(6).batchSize(32).learningRate(1e-2).hidden("8").dropout(0.2).seed(11);
    }

    /** A sink that keeps a deep copy of every checkpoint (the trainer's arrays are live). */
    static final class Keep implements CheckpointSink {
        final List<TrainingCheckpoint> saved = new ArrayList<>();

        @Override public void save(TrainingCheckpoint c) {
            saved.add(new TrainingCheckpoint(c.tryNumber(), c.epochsOfTry(), c.epochsDone(), c.step(), c.features(), c.k(),
                    c.hidden().clone(), c.dataChecksum(), c.parameters().clone(), c.adamFirstMoment().clone(),
                    c.adamSecondMoment().clone(), c.adamSteps(), c.validationLoss(), c.seconds(), c.history(), c.messages()));
        }

        TrainingCheckpoint at(int tryNumber, int epochsDone) {
            return saved.stream().filter(c -> c.tryNumber() == tryNumber && c.epochsDone() == epochsDone).findFirst().orElseThrow(
                    () -> new AssertionError("no checkpoint at try " + tryNumber + ", epoch " + epochsDone + " among " + saved.size()));
        }
    }

    /**
     * The checkpoint of {@code cfg} on {@code data} after its first epoch, with its parameters changed by {@code edit}
     * (a copy) and Adam's moments zeroed: a run forced into a state (tests of duplicates) to resume from.
     */
    static TrainingCheckpoint afterEpoch1(TrainingConfig cfg, Dataset data, java.util.function.Consumer<float[]> edit) {
        Keep keep = new Keep();
        Cancellation cancel = new Cancellation();
        TrainingListener stopAfter1 = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd() && s.epoch() == 1) cancel.cancel();
            }
        };
        new Trainer(cfg).checkpoints(keep, 0).train(data, null, stopAfter1, cancel);
        TrainingCheckpoint c = keep.at(1, 1);
        float[] p = c.parameters().clone();
        edit.accept(p);
        return new TrainingCheckpoint(c.tryNumber(), c.epochsOfTry(), c.epochsDone(), c.step(), c.features(), c.k(),
                c.hidden(), c.dataChecksum(), p, new float[p.length], new float[p.length], c.adamSteps(), c.validationLoss(),
                c.seconds(), c.history(), c.messages());
    }

    static void assertSameRun(SelectionResult expected, SelectionResult actual) {
        RunAssertions.assertSameRun(expected, actual);
    }

    @Test
    void stoppedAfterThreeEpochsAndResumedEqualsSixEpochsStraight() {
        TrainingConfig cfg = config().convergenceOff().build();
        SelectionResult straight = new Trainer(cfg).train(train, validation, null, null);

        // the "crash": stopped at the first step of epoch 4, after the checkpoint of epoch 3's end
        Keep keep = new Keep();
        Cancellation cancel = new Cancellation();
        TrainingListener stopAfter3 = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd() && s.epoch() == 3) cancel.cancel();
            }
        };
        SelectionResult stopped = new Trainer(cfg).checkpoints(keep, 0).train(train, validation, stopAfter3, cancel);
        assertEquals(SelectionResult.Status.CANCELLED, stopped.status());
        assertEquals(List.of(1, 2, 3), keep.saved.stream().map(TrainingCheckpoint::epochsDone).toList());
        TrainingCheckpoint at3 = keep.at(1, 3);
        assertEquals(3, at3.history().size());
        assertEquals(at3.step(), at3.adamSteps(), "one optimiser step per training step");

        SelectionResult resumed = new Trainer(cfg).resume(at3, train, validation, null, null);
        assertSameRun(straight, resumed);
        assertTrue(resumed.seconds() >= at3.seconds());
    }

    @Test
    void retriesOfTheConvergenceRuleResumeFromTheirStart() {
        // one epoch at a tenth of the learning rate cannot converge: three tries of 1, 2 and 4 epochs
        TrainingConfig cfg = config().epochs(1).learningRate(1e-3).maxTries(3).build();
        Keep keep = new Keep();
        SelectionResult straight = new Trainer(cfg).checkpoints(keep, 3600).train(train, validation, null, null);
        assertEquals(3, straight.tries());
        assertEquals(SelectionResult.Status.NOT_CONVERGED, straight.status());
        // an hour between checkpoints: only the try boundaries were kept, each at its first epoch
        assertEquals(List.of("2/0", "3/0"), keep.saved.stream().map(c -> c.tryNumber() + "/" + c.epochsDone()).toList());
        TrainingCheckpoint try2 = keep.at(2, 0);
        assertEquals(1, try2.history().size());
        assertEquals(1, try2.messages().size());
        assertTrue(try2.messages().get(0).contains("restarting with 2 epochs"), try2.messages().toString());

        assertSameRun(straight, new Trainer(cfg).resume(try2, train, validation, null, null));
        assertSameRun(straight, new Trainer(cfg).resume(keep.at(3, 0), train, validation, null, null));
    }

    @Test
    void otherDataOrSettingsAreRefused() {
        TrainingConfig cfg = config().epochs(3).convergenceOff().build();
        Keep keep = new Keep();
        new Trainer(cfg).checkpoints(keep, 0).train(train, null, null, null);
        TrainingCheckpoint c = keep.at(1, 1);

        Dataset other = TrainerTest.scaledSplit(401, 10)[0];
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(cfg).resume(c, other.selectRows(java.util.stream.IntStream.range(0, 400).toArray()), null, null, null));
        assertTrue(data.getMessage().startsWith("The training data differ"), data.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(cfg.toBuilder().k(6).build()).resume(c, train, null, null, null));
        assertTrue(k.getMessage().contains("k = 5"), k.getMessage());
        IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(cfg.toBuilder().epochs(10).build()).resume(c, train, null, null, null));
        assertTrue(epochs.getMessage().contains("does not fit the recorded epochs"), epochs.getMessage());
    }

    @Test
    void aFailingSinkIsReportedOnceAndTrainingGoesOn() {
        TrainingConfig cfg = config().epochs(4).convergenceOff().build();
        int[] calls = {0};
        SelectionResult r = new Trainer(cfg).checkpoints(c -> {
            calls[0]++;
            throw new java.io.IOException("disk full");
        }, 0).train(train, null, null, null);
        assertEquals(SelectionResult.Status.COMPLETED, r.status());
        assertEquals(1, calls[0]);
        assertEquals(4, r.history().size());
        assertTrue(r.messages().get(0).contains("Could not save a checkpoint") && r.messages().get(0).endsWith(": disk full."), r.messages().toString());
    }
}
