package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.LinearReconstruction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IP-CAE's indirect parameterisation and the re-drawing of duplicate selectors, through the trainer. */
class IndirectAndRedrawTest {
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void data() {
        NativeThreads.configure();
        Dataset[] split = TrainerTest.scaledSplit(1000, 300);
        train = split[0];
        test = split[1];
    }

    static TrainingConfig.Builder ip() {
        return TrainerTest.shortRun().selector(Parameterisation.IP).ipDim(16);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void theIndirectSelectorFindsTheSourceColumns(long seed) {
        SelectionResult r = new Trainer(ip().seed(seed).convergenceOff().build()).train(train, test, null, null);
        long found = Arrays.stream(r.selected()).filter(f -> Arrays.stream(TrainerTest.SOURCES).anyMatch(s -> s == f)).count();
        assertTrue(found >= 4, "found " + found + " of 5 sources: " + Arrays.toString(r.selected()));
        assertTrue(r.meanMaxProbability() > 0.99, "mean-max " + r.meanMaxProbability());
        assertEquals(5, r.distinctCount());
        double mse = r.model().reconstructionMse(test.values(), test.rows());
        // seed 2 finds 4 of the 5 sources (misses 42): 0.0146 against the column means' 0.0284
        assertTrue(mse < 0.6 * LinearReconstruction.meanPredictorMse(train, test), "decoder MSE " + mse + " mean " + LinearReconstruction.meanPredictorMse(train, test) + " selected " + Arrays.toString(r.selected()));
    }

    @Test
    void theSavedFormOfAnIndirectModelIsThePlainLayoutWithTheComputedLogits() {
        SelectionResult r = new Trainer(ip().epochs(5).convergenceOff().build()).train(train, null, null, null);
        ConcreteAutoencoder m = r.model();
        assertEquals(16, m.ipDim());
        float[] saved = m.parameters();
        assertEquals(new ParameterLayout(100, 5, new int[0]).size, saved.length);
        ConcreteAutoencoder back = ConcreteAutoencoder.fromParameters(100, 5, new int[0], saved);
        assertArrayEquals(m.logits(), back.logits());
        assertArrayEquals(m.selectedIndices(), back.selectedIndices());
        assertEquals(m.reconstructionMse(test.values(), test.rows()), back.reconstructionMse(test.values(), test.rows()), 0.0);
    }

    @Test
    void anIndirectRunWithRedrawingResumesExactly() {
        TrainingConfig cfg = TrainerResumeTest.config().selector(Parameterisation.IP).ipDim(6).redraw(true).convergenceOff().build();
        Dataset small = TrainerResumeTest.train;
        if (small == null) {
            TrainerResumeTest.data();
            small = TrainerResumeTest.train;
        }
        SelectionResult straight = new Trainer(cfg).train(small, TrainerResumeTest.validation, null, null);
        TrainerResumeTest.Keep keep = new TrainerResumeTest.Keep();
        Cancellation cancel = new Cancellation();
        TrainingListener stopAfter2 = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd() && s.epoch() == 2) cancel.cancel();
            }
        };
        new Trainer(cfg).checkpoints(keep, 0).train(small, TrainerResumeTest.validation, stopAfter2, cancel);
        TrainingCheckpoint at2 = keep.at(1, 2);
        assertEquals(new ParameterLayout(100, 5, new int[] {8}, 6).size, at2.parameters().length, "the checkpoint holds Psi, W and b");
        TrainerResumeTest.assertSameRun(straight, new Trainer(cfg).resume(at2, small, TrainerResumeTest.validation, null, null));

        // the same checkpoint with the plain parameterisation is refused in one sentence
        Dataset small2 = small;
        TrainingConfig plain = cfg.toBuilder().selector(Parameterisation.PLAIN).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(plain).resume(at2, small2, null, null, null));
        assertTrue(e.getMessage().contains("do not fit the selector settings"), e.getMessage());
    }

    @Test
    void theEmbeddingSizeIsIgnoredByThePlainSelector() {
        TrainingConfig a = TrainerTest.shortRun().selector(Parameterisation.PLAIN).epochs(3).convergenceOff().build();
        TrainingConfig b = a.toBuilder().ipDim(16).build();
        assertArrayEquals(new Trainer(a).train(train, null, null, null).model().parameters(),
                new Trainer(b).train(train, null, null, null).model().parameters());
    }

    /**
     * Two selectors made to choose the same feature (a checkpoint whose logits rows 0 and 1 are the same strong
     * preference): without re-drawing the duplicate stays to the end; with it, one of the two starts afresh at the
     * next epoch end, the other keeps its choice, and the epoch's record shows no duplicate.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "IP"})
    void aSelectorThatDuplicatesAnotherIsRedrawn(String kind) {
        TrainingConfig base = TrainerTest.shortRun().epochs(20).selector(Parameterisation.valueOf(kind)).ipDim(8).convergenceOff()
                .fillDuplicates(false).build();
        TrainingCheckpoint forced = forcedDuplicate(base, kind, false);

        SelectionResult kept = new Trainer(base).resume(forced, train, null, null, null);
        SelectionResult redrawn = new Trainer(base.toBuilder().redraw(true).build()).resume(forced, train, null, null, null);
        assertTrue(kept.history().get(1).duplicates() >= 1, "without re-drawing the forced duplicate is there at epoch 2");
        if (kind.equals("PLAIN")) {
            assertEquals(kept.selected()[0], kept.selected()[1]);
            // a shorter panel is said in plain words, with what to do
            assertTrue(kept.messages().stream().anyMatch(m -> m.contains("distinct features were selected, not 5")
                    && m.contains("--redraw on") && m.contains("--fill-duplicates on")), kept.messages().toString());
        }
        assertEquals(0, redrawn.history().get(1).duplicates(), "re-drawn at the end of epoch 2");
        assertTrue(redrawn.messages().stream().noneMatch(m -> m.contains("distinct features")), redrawn.messages().toString());
        assertNotEquals(redrawn.selected()[0], redrawn.selected()[1]);
        assertEquals(5, redrawn.distinctCount(), Arrays.toString(redrawn.selected()));
        // after the first half of the try nothing is re-drawn: the history's later epochs may show what remains
        assertTrue(redrawn.history().size() == 20);
    }

    /**
     * The same forced duplicate with --fill-duplicates (the default): the run ends with 5 distinct features, every
     * feature of the unfilled run's panel still in it (the selectors that did not collide keep their choices), the
     * filled slot on a feature no other selector holds, the decoder trained its extra epochs with the panel fixed
     * (and reconstructing the test rows better than the panel with the duplicate), the message naming the move,
     * and a saved model that reads back with the same panel. The same checkpoint filled twice gives the same run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "IP"})
    void aDuplicateSlotIsFilledWithTheSelectorsBestFreeFeature(String kind) {
        TrainingConfig off = TrainerTest.shortRun().epochs(20).selector(Parameterisation.valueOf(kind)).ipDim(8).convergenceOff()
                .fillDuplicates(false).build();
        TrainingConfig on = off.toBuilder().fillDuplicates(true).build();
        TrainingCheckpoint forced = forcedDuplicate(off, kind, true);
        SelectionResult kept = new Trainer(off).resume(forced, train, test, null, null);
        SelectionResult filled = new Trainer(on).resume(forced, train, test, null, null);
        assertTrue(kept.distinctCount() < 5, "the forced duplicate stays without filling: " + Arrays.toString(kept.selected()));

        assertEquals(5, filled.distinctCount(), Arrays.toString(filled.selected()));
        // reconstructing, each freed selector takes the free feature the panel with the duplicate reconstructs worst
        double[] error = kept.model().featureErrors(train);
        int[] added = Arrays.stream(filled.selected()).filter(f -> Arrays.stream(kept.selected()).noneMatch(g -> g == f)).toArray();
        int[] worst = java.util.stream.IntStream.range(0, 100).boxed()
                .filter(j -> Arrays.stream(kept.selected()).noneMatch(g -> g == j))
                .sorted((a, b) -> Double.compare(error[b], error[a])).mapToInt(Integer::intValue).limit(added.length).sorted().toArray();
        assertArrayEquals(worst, sorted(added), "the filled features " + Arrays.toString(added) + " are the worst reconstructed free ones");
        // the result says which slots were filled (selected_features.csv's role, the results table): exactly those
        assertEquals(0, kept.filled().length);
        assertEquals(added.length, filled.filled().length);
        for (int s = 0; s < 5; s++) {
            int f = filled.selected()[s];
            assertEquals(Arrays.stream(added).anyMatch(g -> g == f), filled.isFilled(s), "slot " + s);
        }
        for (int f : kept.selected())
            assertTrue(Arrays.stream(filled.selected()).anyMatch(g -> g == f), f + " of " + Arrays.toString(kept.selected())
                    + " is missing from the filled panel " + Arrays.toString(filled.selected()));
        assertEquals(20 + TrainingConfig.fillEpochs(20), filled.history().size(), "the decoder's extra epochs are in the history");
        assertEquals(20 + TrainingConfig.fillEpochs(20), filled.epochs());
        assertEquals(kept.status(), filled.status());
        // the filled selectors are committed to their new features, the others unchanged
        assertTrue(filled.meanMaxProbability() >= kept.meanMaxProbability() - 1e-6, filled.meanMaxProbability() + " " + kept.meanMaxProbability());
        assertTrue(filled.messages().stream().anyMatch(m -> m.contains("all 5 features are distinct") && m.contains("→")
                && m.contains("--fill-duplicates off")), filled.messages().toString());
        assertTrue(filled.messages().stream().noneMatch(m -> m.contains("distinct features were selected")), filled.messages().toString());
        double keptMse = kept.model().reconstructionMse(test.values(), test.rows());
        double filledMse = filled.model().reconstructionMse(test.values(), test.rows());
        assertTrue(filledMse < keptMse, "filled " + filledMse + " against " + keptMse + " with the duplicate");

        ConcreteAutoencoder back = ConcreteAutoencoder.fromParameters(100, 5, filled.model().hidden(), filled.model().parameters());
        assertArrayEquals(filled.selected(), back.selectedIndices());
        assertArrayEquals(filled.model().parameters(), new Trainer(on).resume(forced, train, test, null, null).model().parameters());
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    /**
     * A checkpoint after epoch 1 of {@code base} whose selectors 0 and 1 are made to prefer the same feature; with
     * {@code hold} and IP-CAE also a bias of 1000 for feature 50, which holds every selector on it to the end (equal Psi
     * rows alone drift apart under their own noise).
     */
    private static TrainingCheckpoint forcedDuplicate(TrainingConfig base, String kind, boolean hold) {
        return TrainerResumeTest.afterEpoch1(base, train, p -> {
            if (kind.equals("PLAIN")) {
                // rows 0 and 1: the same strong preference for feature 50, which is no source (a lead of 30 that
                // 19 epochs of Adam steps of at most 0.01 cannot undo)
                for (int row = 0; row < 2; row++) {
                    Arrays.fill(p, row * 100, row * 100 + 100, 0f);
                    p[row * 100 + 50] = 30f;
                }
            } else {
                // Psi rows 0 and 1 equal: the two selectors have the same logits, whatever W and b are
                System.arraycopy(p, 0, p, 8, 8);
                if (hold) p[5 * 8 + 100 * 8 + 50] = 1000f;     // b follows Psi (5 x 8) and W (100 x 8)
            }
        });
    }

    @Test
    void gaussianDrawsHaveTheRightMomentsAndDependOnTheKeyOnly() {
        float[] a = new float[20001];
        Trainer.gaussian(CounterRandom.key(7, 3), a, 2.0);
        double mean = 0, sq = 0;
        for (float v : a) { mean += v; sq += v * v; }
        mean /= a.length;
        double sd = Math.sqrt(sq / a.length - mean * mean);
        assertEquals(0, mean, 0.05);
        assertEquals(2.0, sd, 0.05);
        float[] b = new float[20001];
        Trainer.gaussian(CounterRandom.key(7, 3), b, 2.0);
        assertArrayEquals(a, b);
    }
}
