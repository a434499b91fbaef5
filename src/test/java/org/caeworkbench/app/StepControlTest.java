package org.caeworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.caeworkbench.core.Annealing;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.Scaling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step mode on real digits (the first 600 MNIST training images, 200 test images): a run that paused and went
 * on unchanged equals the uninterrupted run bit for bit; a temperature set while paused follows the documented rule.
 */
class StepControlTest {
    static final Path TRAIN = Path.of("samples/mnist/train6000-images-idx3-ubyte.gz");
    static final Path TEST = Path.of("samples/mnist/test4000-images-idx3-ubyte.gz");
    static Dataset train;
    static Dataset test;
    static final ExecutorService THREAD = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void digits() throws Exception {
        org.caeworkbench.data.TestFiles.skipUnless(Files.exists(TRAIN), "bundled sample missing: " + TRAIN);
        Dataset tr = DatasetReader.read(TRAIN, ReadOptions.defaults()).selectRows(IntStream.range(0, 600).toArray());
        Dataset te = DatasetReader.read(TEST, ReadOptions.defaults()).selectRows(IntStream.range(0, 200).toArray());
        Scaler s = Scaler.fit(tr, Scaling.MINMAX);
        train = s.apply(tr);
        test = s.apply(te);
    }

    @AfterAll
    static void stop() {
        THREAD.shutdownNow();
    }

    /** A decoder with a hidden layer and dropout, so every random draw (noise, shuffle, dropout) is exercised. */
    static TrainingConfig.Builder config() {
        return TrainingConfig.builder().k(10).epochs(8).batchSize(64).learningRate(1e-2).hidden("16").dropout(0.1).seed(5).convergenceOff();
    }

    Future<SelectionResult> start(TrainingConfig cfg, StepControl steps, Cancellation cancel) {
        return THREAD.submit(() -> TrainingJob.start(cfg, train, test, null, -1).run(TrainingListener.NONE, cancel, steps));
    }

    static StepControl.Pause awaitPause(StepControl steps) throws InterruptedException {
        StepControl.Pause p = steps.awaitPause(5, TimeUnit.MINUTES);
        assertNotNull(p, "training did not pause");
        return p;
    }

    static void assertSameRun(SelectionResult expected, SelectionResult actual) {
        org.caeworkbench.core.RunAssertions.assertSameRun(expected, actual);
    }

    @Test
    void pausedTwiceAndContinuedEqualsTheUninterruptedRun() throws Exception {
        TrainingConfig cfg = config().build();
        SelectionResult straight = TrainingJob.train(cfg, train, test);

        StepControl steps = new StepControl();
        steps.pauseAfter(3);
        Future<SelectionResult> run = start(cfg, steps, null);
        StepControl.Pause first = awaitPause(steps);
        assertEquals(3, first.epochsDone());
        assertEquals(3, first.trained());
        assertFalse(run.isDone(), "paused, not finished");
        assertTrue(steps.go(1, Double.NaN));
        StepControl.Pause second = awaitPause(steps);
        assertEquals(4, second.epochsDone());
        assertTrue(steps.go(0, Double.NaN));
        SelectionResult stepped = run.get(5, TimeUnit.MINUTES);

        assertSameRun(straight, stepped);
    }

    @Test
    void pausesBetweenTriesOfTheConvergenceRuleChangeNothingEither() throws Exception {
        // a tenth of the learning rate cannot converge in 2 epochs, nor in 4: two tries, 6 epochs
        TrainingConfig cfg = config().epochs(2).learningRate(1e-3).acceptMeanMax(0.99).maxTries(2).build();
        SelectionResult straight = TrainingJob.train(cfg, train, test);
        assertEquals(2, straight.tries());

        StepControl steps = new StepControl();
        steps.pauseAfter(1);
        Future<SelectionResult> run = start(cfg, steps, null);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < 5; i++) {      // 6 epochs: a pause after each but the last
            StepControl.Pause p = awaitPause(steps);
            where.append(p.tryNumber()).append('/').append(p.epochsDone()).append(' ');
            steps.go(1, Double.NaN);
        }
        assertEquals("1/1 2/0 2/1 2/2 2/3 ", where.toString(), "the pause before a retry comes after the last epoch of the try before");
        assertSameRun(straight, run.get(5, TimeUnit.MINUTES));
    }

    @Test
    void aTemperatureSetWhilePausedIsAnnealedFromThereToTheEnd() throws Exception {
        TrainingConfig cfg = config().annealing(Annealing.EPOCH).build();
        StepControl steps = new StepControl();
        steps.pauseAfter(3);
        Future<SelectionResult> run = start(cfg, steps, null);
        StepControl.Pause p = awaitPause(steps);
        assertEquals(cfg.schedule().at(2, 8), p.temperature(), 0.0, "the temperature of epoch 3");
        assertFalse(steps.go(0, -1), "a negative temperature is refused");
        assertTrue(steps.go(0, 2.0));
        SelectionResult r = run.get(5, TimeUnit.MINUTES);

        // epochs 4..8 (positions 3..7): exponential from 2.0 to the end temperature, 2.0 first and the end last
        assertEquals(2.0, r.history().get(3).temperature(), 0.0);
        assertEquals(cfg.schedule().end(), r.history().get(7).temperature(), 1e-12);
        double ratio = cfg.schedule().end() / 2.0;
        assertEquals(2.0 * Math.pow(ratio, 2.0 / 4), r.history().get(5).temperature(), 1e-9);
        assertEquals(cfg.schedule().at(0, 8), r.history().get(0).temperature(), 0.0, "before the change: the schedule");
        assertTrue(r.messages().stream().anyMatch(m -> m.contains("Temperature set by hand to 2 after epoch 3")), r.messages().toString());
    }

    @Test
    void aRetryStartsFromTheSettingsScheduleAndTheRunStillSaysTheHandChange() throws Exception {
        TrainingConfig cfg = config().epochs(2).learningRate(1e-3).acceptMeanMax(0.99).maxTries(2).build();
        SelectionResult straight = TrainingJob.train(cfg, train, test);
        StepControl steps = new StepControl();
        steps.pauseAfter(1);
        Future<SelectionResult> run = start(cfg, steps, null);
        awaitPause(steps);
        steps.go(0, 5.0);
        SelectionResult r = run.get(5, TimeUnit.MINUTES);
        assertEquals(2, r.tries());
        assertEquals(6, r.history().size());
        assertEquals(straight.history().get(0).temperature(), r.history().get(0).temperature(), 0.0);
        // epoch 2, the try's last, anneals from 5 to the end temperature (which its record, of its last step, shows)
        assertEquals(cfg.schedule().end(), r.history().get(1).temperature(), 0.0);
        assertNotEquals(straight.history().get(1).trainLoss(), r.history().get(1).trainLoss(), "epoch 2 was trained at other temperatures");
        for (int i = 2; i < 6; i++)
            assertEquals(straight.history().get(i).temperature(), r.history().get(i).temperature(), 0.0, "try 2 follows the settings' schedule");
        assertTrue(r.messages().stream().anyMatch(m -> m.startsWith("Temperature set by hand to 5 after epoch 1 of try 1")), r.messages().toString());
    }

    @Test
    void stoppedWhilePausedKeepsTheEpochsDone() throws Exception {
        TrainingConfig cfg = config().build();
        StepControl steps = new StepControl();
        steps.pauseAfter(2);
        Cancellation cancel = new Cancellation();
        Future<SelectionResult> run = start(cfg, steps, cancel);
        awaitPause(steps);
        cancel.cancel();
        steps.release();
        SelectionResult r = run.get(5, TimeUnit.MINUTES);
        assertEquals(SelectionResult.Status.CANCELLED, r.status());
        assertEquals(2, r.epochs());
        assertEquals(2, r.history().size());
    }
}
