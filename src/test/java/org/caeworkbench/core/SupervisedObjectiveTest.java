package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervised objectives on data where the answer is known: three low-variance columns carry the
 * label (one bit each), thirty high-variance columns are pure noise. Reconstruction prefers the noise
 * (each noise column explains 9 times the variance of a label column); classification must find the
 * three label columns, and so must mix:0.5, whose terms are each relative to the trivial predictor.
 */
class SupervisedObjectiveTest {
    static final int[] LABEL_COLUMNS = {4, 17, 29};
    static final int D = 33;
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void data() {
        NativeThreads.configure();
        train = labelled(900, 5);
        test = labelled(300, 6);
    }

    /** n rows: label columns ±1 (plus small noise), the class the three bits they carry; other columns N(0, 3²). */
    static Dataset labelled(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * D];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = 0; j < D; j++) v[i * D + j] = (float) (3 * r.nextGaussian());
            for (int b = 0; b < LABEL_COLUMNS.length; b++) {
                boolean bit = r.nextBoolean();
                if (bit) c |= 1 << b;
                v[i * D + LABEL_COLUMNS[b]] = (float) ((bit ? 1.0 : -1.0) + 0.15 * r.nextGaussian());
            }
            labels[i] = "class" + c;
        }
        List<String> names = IntStream.range(0, D).mapToObj(j -> "f" + j).toList();
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "s" + i).toList();
        return new Dataset("labelled", n, D, v, names, ids, labels, null);
    }

    static TrainingConfig.Builder config(Objective o) {
        return TrainingConfig.builder().k(3).epochs(100).dropout(0).seed(3).objective(o).convergenceOff();
    }

    static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    @Test
    void reconstructionPicksTheNoiseButClassificationAndTheMixFindTheLabelColumns() {
        SelectionResult rec = new Trainer(config(Objective.RECONSTRUCT).build()).train(train, test, null, null);
        for (int f : rec.selected()) assertTrue(Arrays.binarySearch(LABEL_COLUMNS, f) < 0, "reconstruct chose a label column: " + Arrays.toString(rec.selected()));
        assertNull(rec.model().head());

        SelectionResult cls = new Trainer(config(Objective.CLASSIFY).build()).train(train, test, null, null);
        assertArrayEquals(LABEL_COLUMNS, sorted(cls.selected()), "classify chose " + Arrays.toString(cls.selected()));
        assertEquals(8, cls.model().head().classes().size());
        assertTrue(cls.model().headAccuracy(test) > 0.9, "head accuracy " + cls.model().headAccuracy(test));
        // the decoder still learned to reconstruct from the chosen panel: better than the column means
        double meanMse = Supervision.meanMse(test);
        assertTrue(cls.model().reconstructionMse(test.values(), test.rows()) < 1.01 * meanMse);
        assertTrue(cls.messages().stream().anyMatch(m -> m.startsWith("Objective classify: the classifier head's training cross-entropy")),
                cls.messages().toString());

        SelectionResult mix = new Trainer(config(Objective.mix(0.5)).build()).train(train, test, null, null);
        assertArrayEquals(LABEL_COLUMNS, sorted(mix.selected()), "mix:0.5 chose " + Arrays.toString(mix.selected()));
    }

    /**
     * Two selectors held on the label column f4 (a checkpoint whose logits prefer it by 30) and one on f17: with a
     * classify objective the freed slot is filled with the free feature that best separates the classes, the third
     * label column f29, not one of the 30 noise columns of larger variance (what a reconstruction criterion would take);
     * the F statistic that decides it is far larger for every label column than for any noise column.
     */
    @Test
    void withClassifyADuplicateSlotIsFilledWithTheFeatureThatBestSeparatesTheClasses() {
        TrainingConfig cfg = config(Objective.CLASSIFY).epochs(20).selectorLearningRate(0.01).build();
        int[] preferred = {4, 4, 17};
        TrainingCheckpoint forced = TrainerResumeTest.afterEpoch1(cfg, train, p -> {
            for (int row = 0; row < 3; row++) {
                Arrays.fill(p, row * D, row * D + D, 0f);
                p[row * D + preferred[row]] = 30f;
            }
        });

        SelectionResult kept = new Trainer(cfg.toBuilder().fillDuplicates(false).build()).resume(forced, train, test, null, null);
        assertArrayEquals(new int[] {4, 4, 17}, sorted(kept.selected()));
        SelectionResult filled = new Trainer(cfg).resume(forced, train, test, null, null);
        assertArrayEquals(LABEL_COLUMNS, sorted(filled.selected()), "filled with " + Arrays.toString(filled.selected()));
        assertTrue(filled.messages().stream().anyMatch(m -> m.contains("best separate the classes") && m.contains("f4 → f29")),
                filled.messages().toString());
        assertTrue(filled.model().headAccuracy(test) > kept.model().headAccuracy(test),
                filled.model().headAccuracy(test) + " against " + kept.model().headAccuracy(test) + " with the duplicate");

        double[] f = Supervision.of(Objective.CLASSIFY, train).fStatistics(train);
        double noise = 0;
        for (int j = 0; j < D; j++) if (Arrays.binarySearch(LABEL_COLUMNS, j) < 0) noise = Math.max(noise, f[j]);
        for (int j : LABEL_COLUMNS) assertTrue(f[j] > 10 * noise, "F of f" + j + " " + f[j] + " against the noise's largest " + noise);
    }

    /**
     * A small, wide table like a gene-expression study: 45 training rows, 2,000 columns N(0, 1), and two label
     * bits (four classes), each carried by a group of 20 columns (the bit ±1 plus noise of sd 0.5, as co-expressed
     * genes carry a state). Batches of 16 give 3 optimiser steps an epoch, so at the model's learning rate the
     * plain logits cannot open a gap of a few ln d in one 300-epoch try (on a 45-row expression table they did not
     * commit in five tries). The automatic selector learning rate scales with ln d over the try's steps, so the
     * default supervised run commits in its first try, and onto a label-carrying column; at the model's rate the
     * same first try ends uncommitted.
     */
    @Test
    void onASmallWideTableTheDefaultSupervisedRunCommitsInOneTry() {
        int wide = 2000;
        int[][] groups = new int[2][20];
        for (int b = 0; b < 2; b++) for (int i = 0; i < 20; i++) groups[b][i] = 37 + 1000 * b + 41 * i;
        Dataset small = grouped(45, wide, groups, 11);
        TrainingConfig cfg = TrainingConfig.builder().k(2).seed(1).objective(Objective.CLASSIFY).build();
        assertTrue(cfg.effectiveSelectorLearningRate(wide, 45) > 10 * cfg.learningRate(), "automatic selector rate " + cfg.effectiveSelectorLearningRate(wide, 45));

        SelectionResult r = new Trainer(cfg).train(small, null, null, null);
        assertEquals(SelectionResult.Status.COMPLETED, r.status(), r.messages().toString());
        assertEquals(1, r.tries(), r.messages().toString());
        assertEquals(2, r.distinctCount());
        assertTrue(Arrays.stream(r.selected()).anyMatch(f -> Arrays.stream(groups).anyMatch(g -> Arrays.binarySearch(g, f) >= 0)),
                "no label-carrying column among " + Arrays.toString(r.selected()));

        // the same first try with the selector at the model's rate (the build before the setting) stays uncommitted
        SelectionResult before = new Trainer(cfg.toBuilder().selectorLearningRate(cfg.learningRate()).maxTries(1).build()).train(small, null, null, null);
        assertEquals(SelectionResult.Status.NOT_CONVERGED, before.status(), "mean-max " + before.meanMaxProbability());
        assertTrue(before.meanMaxProbability() < 0.5 * r.meanMaxProbability(), before.meanMaxProbability() + " against " + r.meanMaxProbability());
    }

    /** n rows of d columns N(0, 1); each group's columns carry one bit of the class (±1 plus noise of sd 0.5). */
    static Dataset grouped(int n, int d, int[][] groups, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = 0; j < d; j++) v[i * d + j] = (float) r.nextGaussian();
            for (int b = 0; b < groups.length; b++) {
                boolean bit = r.nextBoolean();
                if (bit) c |= 1 << b;
                for (int j : groups[b]) v[i * d + j] = (float) ((bit ? 1.0 : -1.0) + 0.5 * r.nextGaussian());
            }
            labels[i] = "class" + c;
        }
        List<String> names = IntStream.range(0, d).mapToObj(j -> "g" + j).toList();
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "s" + i).toList();
        return new Dataset("wide", n, d, v, names, ids, labels, null);
    }

    @Test
    void theReconstructObjectiveTrainsExactlyAsWithoutTheSetting() {
        // an explicit reconstruct is the default, and the default draws no head and changes nothing
        TrainingConfig plain = TrainingConfig.builder().k(3).epochs(3).seed(9).convergenceOff().build();
        assertEquals(Objective.RECONSTRUCT, plain.objective());
        SelectionResult a = new Trainer(plain).train(train, test, null, null);
        SelectionResult b = new Trainer(plain.toBuilder().objective(Objective.RECONSTRUCT).build()).train(train, test, null, null);
        assertArrayEquals(a.model().parameters(), b.model().parameters());
        int expected = 3 * D + (3 + 1) * 5 + (5 + 1) * D;    // logits, decoder 3 -> 5 -> 33: no head parameters
        assertEquals(expected, a.model().parameters().length);
        // a supervised run starts from the same logits and decoder (the head is drawn after them)
        SelectionResult c = new Trainer(plain.toBuilder().objective(Objective.CLASSIFY).epochs(1).build()).train(train, test, null, null);
        assertNotEquals(expected, c.model().parameters().length);
    }

    @Test
    void aSupervisedObjectiveWithoutLabelsOrWithOneClassIsOneSentence() {
        Dataset unlabelled = train.withLabels(null);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(Objective.CLASSIFY).build()).train(unlabelled, null, null, null));
        assertEquals("The objective classify needs class labels, but the data labelled have none: name the label column (--label-column)"
                + " or a labels file (--labels-file), or use --objective reconstruct.", none.getMessage());
        String[] one = new String[train.rows()];
        Arrays.fill(one, "A");
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(Objective.mix(0.3)).build()).train(train.withLabels(one), null, null, null));
        assertEquals("The objective mix:0.3 needs at least two classes, but every training row of labelled has the label 'A'; use"
                + " --objective reconstruct.", single.getMessage());
        assertNull(Objective.RECONSTRUCT.labelProblem(unlabelled));
    }

    @Test
    void aClassWithFewRowsIsNamedAndTrainingGoesOn() {
        String[] labels = train.labels().clone();
        labels[0] = "rare";
        SelectionResult r = new Trainer(config(Objective.CLASSIFY).epochs(2).build()).train(train.withLabels(labels), null, null, null);
        assertEquals(SelectionResult.Status.COMPLETED, r.status());
        assertEquals(9, r.model().head().classes().size());
        assertTrue(r.messages().get(0).startsWith("The class 'rare' (1) has fewer than 3 training rows"), r.messages().toString());
        // a test label the head never saw counts as wrong
        String[] testLabels = new String[test.rows()];
        Arrays.fill(testLabels, "unseen");
        assertEquals(0.0, r.model().headAccuracy(test.withLabels(testLabels)));
    }

    @Test
    void aSupervisedRunResumesExactlyAndRefusesAnotherObjective() {
        TrainingConfig cfg = config(Objective.mix(0.5)).epochs(4).batchSize(64).build();
        SelectionResult straight = new Trainer(cfg).train(train, test, null, null);
        TrainerResumeTest.Keep keep = new TrainerResumeTest.Keep();
        new Trainer(cfg).checkpoints(keep, 0).train(train, test, null, null);
        TrainingCheckpoint at2 = keep.at(1, 2);
        TrainerResumeTest.assertSameRun(straight, new Trainer(cfg).resume(at2, train, test, null, null));

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(cfg.toBuilder().objective(Objective.RECONSTRUCT).build()).resume(at2, train, test, null, null));
        assertTrue(other.getMessage().contains("another objective"), other.getMessage());
        String[] relabelled = train.labels().clone();
        relabelled[0] = relabelled[0].equals("class0") ? "class1" : "class0";
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(cfg).resume(at2, train.withLabels(relabelled), test, null, null));
        assertTrue(labels.getMessage().startsWith("The training data differ"), labels.getMessage());
    }

    @Test
    void objectivesReadAndWriteAsText() {
        assertEquals(Objective.RECONSTRUCT, Objective.parse("reconstruct"));
        assertEquals(Objective.CLASSIFY, Objective.parse(" Classify "));
        assertEquals(Objective.mix(0.25), Objective.parse("mix:0.25"));
        assertEquals("mix:0.25", Objective.mix(0.25).toString());
        assertEquals("classify", Objective.CLASSIFY.toString());
        for (String bad : List.of("mix:0", "mix:1", "mix:x", "mix:", "supervised", "")) {
            assertThrows(Setting.Invalid.class, () -> Objective.parse(bad), bad);
        }
        Setting.Invalid e = assertThrows(Setting.Invalid.class, () -> Objective.parse("mix:1.5"));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    }
}
