package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.Scaling;
import org.caeworkbench.eval.LinearReconstruction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
    static final int[] SOURCES = {3, 17, 42, 68, 91};

    /**
     * d = 100 columns: 5 "source" columns of independent uniform values, and 95 columns that are each
     * a fixed random convex mix of the sources plus Gaussian noise (sd 0.15), min-max scaled as the
     * application scales tables. Only the sources reconstruct every column without the noise.
     */
    static Dataset synthetic(int n, long seed) {
        int d = 100;
        Random fixed = new Random(20190127);     // the same mixing for every sample set
        double[][] mix = new double[d][SOURCES.length];
        for (double[] row : mix) {
            double sum = 0;
            for (int s = 0; s < row.length; s++) sum += row[s] = fixed.nextDouble();
            for (int s = 0; s < row.length; s++) row[s] /= sum;
        }
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] src = new double[SOURCES.length];
            for (int s = 0; s < src.length; s++) src[s] = r.nextDouble();
            int s = 0;
            for (int j = 0; j < d; j++) {
                if (s < SOURCES.length && j == SOURCES[s]) {
                    v[i * d + j] = (float) src[s++];
                } else {
                    double x = 0;
                    for (int t = 0; t < src.length; t++) x += mix[j][t] * src[t];
                    v[i * d + j] = (float) (x + 0.15 * r.nextGaussian());
                }
            }
        }
        List<String> names = IntStream.range(0, d).mapToObj(j -> "f" + j).toList();
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "s" + i).toList();
        return new Dataset("synthetic", n, d, v, names, ids, null, null);
    }

    /** Training and test sets, scaled by min-max fitted on the training set. */
    static Dataset[] scaledSplit(int trainRows, int testRows) {
        Dataset train = synthetic(trainRows, 1);
        Scaler scaler = Scaler.fit(train, Scaling.MINMAX);
        return new Dataset[] {scaler.apply(train), scaler.apply(synthetic(testRows, 2))};
    }

    @BeforeAll
    static void threads() {
        NativeThreads.configure();
    }

    static TrainingConfig.Builder shortRun() {
        return TrainingConfig.builder().k(5).epochs(100).batchSize(16).learningRate(1e-2).hidden("none").dropout(0).seed(3);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void findsTheSourceColumnsAndConverges(long seed) {
        Dataset[] split = scaledSplit(1000, 300);
        Dataset train = split[0];
        Dataset test = split[1];
        List<Double> meanMax = new ArrayList<>();
        List<Double> temperatures = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd()) { meanMax.add(s.meanMaxProbability()); temperatures.add(s.temperature()); }
            }
        };
        SelectionResult result = new Trainer(shortRun().seed(seed).convergenceOff().build()).train(train, test, listener, null);

        long found = Arrays.stream(result.selected()).filter(f -> Arrays.stream(SOURCES).anyMatch(s -> s == f)).count();
        assertTrue(found >= 4, "found " + found + " of 5 sources: " + Arrays.toString(result.selected()));
        assertTrue(result.meanMaxProbability() > 0.99, "mean-max " + result.meanMaxProbability());
        assertTrue(meanMax.get(meanMax.size() - 1) > meanMax.get(0), "mean-max should rise: " + meanMax);
        assertEquals(100, result.history().size());
        // the schedule ends exactly at T_end on the last step
        assertEquals(0.01, temperatures.get(temperatures.size() - 1), 1e-12);
        assertEquals(SelectionResult.Status.COMPLETED, result.status());
        // the trained decoder reconstructs held-out data far better than the column means would
        double decoderMse = result.model().reconstructionMse(test.values(), test.rows());
        assertTrue(decoderMse < 0.5 * LinearReconstruction.meanPredictorMse(train, test), "decoder MSE " + decoderMse);
    }

    @Test
    void sameSeedSameSelection() {
        Dataset train = synthetic(400, 1);
        TrainingConfig cfg = shortRun().epochs(5).convergenceOff().build();
        SelectionResult a = new Trainer(cfg).train(train, null, null, null);
        SelectionResult b = new Trainer(cfg).train(train, null, null, null);
        assertArrayEquals(a.selected(), b.selected());
        assertArrayEquals(a.probabilities(), b.probabilities());
    }

    @Test
    void theHelperThreadDoesNotChangeTheResult() {
        // a decoder with dropout, so the masks are exercised too; 7 epochs of 25 steps plus a partial batch
        Dataset train = synthetic(410, 1);
        TrainingConfig cfg = shortRun().epochs(7).hidden("8").dropout(0.2).convergenceOff().build();
        SelectionResult alone = new Trainer(cfg).helperThread(false).train(train, null, null, null);
        SelectionResult helped = new Trainer(cfg).helperThread(true).train(train, null, null, null);
        assertArrayEquals(alone.model().parameters(), helped.model().parameters());
        assertArrayEquals(alone.probabilities(), helped.probabilities());
        // and the seed matters: another seed gives other parameters
        SelectionResult other = new Trainer(shortRun().epochs(7).hidden("8").dropout(0.2).seed(4).convergenceOff().build())
                .train(train, null, null, null);
        assertTrue(!Arrays.equals(alone.model().parameters(), other.model().parameters()));
    }

    @Test
    void convergenceRuleStopsEarlyAndRetriesWithTwiceTheEpochs() {
        Dataset train = synthetic(1000, 1);
        // plenty of epochs: the rule stops the try as soon as mean-max passes 0.998
        SelectionResult early = new Trainer(shortRun().epochs(400).build()).train(train, null, null, null);
        assertTrue(early.epochs() < 400, "stopped after " + early.epochs());
        assertTrue(early.meanMaxProbability() > 0.998);
        assertEquals(1, early.tries());

        // far too few epochs: each try fails the 0.99 test and the next doubles the epochs
        List<String> messages = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override public void onMessage(String m) { messages.add(m); }
        };
        SelectionResult retried = new Trainer(shortRun().epochs(1).learningRate(1e-3).maxTries(3).build()).train(train, null, l, null);
        assertEquals(3, retried.tries());
        assertEquals(4, retried.epochs());
        assertEquals(SelectionResult.Status.NOT_CONVERGED, retried.status());
        assertTrue(messages.stream().anyMatch(m -> m.contains("restarting with 2 epochs")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Not converged")), messages.toString());
    }

    @Test
    void cancelStopsWithinAStepAndKeepsTheResult() {
        Dataset train = synthetic(1000, 1);
        Cancellation cancel = new Cancellation();
        AtomicInteger snapshots = new AtomicInteger();
        TrainingListener l = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd() && snapshots.incrementAndGet() == 2) cancel.cancel();
            }
        };
        SelectionResult r = new Trainer(shortRun().epochs(1000).build()).train(train, null, l, cancel);
        assertEquals(SelectionResult.Status.CANCELLED, r.status());
        assertEquals(3, r.epochs());   // cancelled at the first step of epoch 3
        assertEquals(5, r.selected().length);
    }

    /**
     * Issue 12: --lr 1e30 ended with a message about duplicates. The last message (the one the command line and
     * the window show) says that training diverged and which setting to change, and the convergence rule
     * does not retry.
     */
    @Test
    void divergenceIsReportedNotHidden() {
        Dataset train = synthetic(200, 1);
        SelectionResult r = new Trainer(shortRun().learningRate(1e30).acceptMeanMax(0.99).maxTries(5).build())
                .train(train, null, null, null);
        assertEquals(SelectionResult.Status.DIVERGED, r.status());
        assertEquals(1, r.tries());
        String last = r.messages().get(r.messages().size() - 1);
        assertTrue(last.matches("Training diverged at epoch 1 \\(the loss is (not a number|infinite)\\): lower the learning rate \\(now 1e30\\) and train again\\."), last);
        assertTrue(r.messages().stream().noneMatch(m -> m.contains("duplicates")), r.messages().toString());
    }

    @Test
    void duplicatesAreCounted() {
        assertEquals(2, SelectionResult.duplicateCount(new int[] {4, 4, 4, 1}));
        assertEquals(List.of(0, 1, 2), SelectionResult.duplicates(new int[] {4, 4, 4, 1}).get(4));
    }
}
