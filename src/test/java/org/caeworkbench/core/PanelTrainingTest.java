package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Training with kept and excluded features on data whose answer is known: five independent sources A..E,
 * each copied with a little noise into three columns (A0, A1, A2, ...: noise sd 0.05, 0.15, 0.25), a weaker copy of E (Esub = E + much
 * more noise) and pure-noise columns. Five features that reconstruct the rest are one copy of each source.
 */
class PanelTrainingTest {
    static final String[] SOURCES = {"A", "B", "C", "D", "E"};

    /** n rows: columns A0..E2 (15), Esub, N0..N5. */
    static Dataset data(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<String> names = new ArrayList<>();
        for (String s : SOURCES) for (int c = 0; c < 3; c++) names.add(s + c);
        names.add("Esub");
        for (int i = 0; i < 6; i++) names.add("N" + i);
        int d = names.size();
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] src = new double[SOURCES.length];
            for (int s = 0; s < src.length; s++) src[s] = r.nextGaussian();
            int j = 0;
            for (int s = 0; s < src.length; s++) for (int c = 0; c < 3; c++) v[i * d + j++] = (float) (src[s] + 0.05 * (1 + 2 * c) * r.nextGaussian());
            v[i * d + j++] = (float) (src[4] + 0.5 * r.nextGaussian());
            for (int k = 0; k < 6; k++) v[i * d + j++] = (float) r.nextGaussian();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add("s" + i);
        return new Dataset("sources", n, d, v, names, ids, null, null);
    }

    static TrainingConfig cfg(int k, String keep, String exclude) {
        TrainingConfig c = TrainingConfig.builder().k(k).epochs(200).hidden("none").seed(3).convergenceOff().build();
        if (keep != null) c = Settings.KEEP.apply(c, keep, "--keep");
        if (exclude != null) c = Settings.EXCLUDE.apply(c, exclude, "--exclude");
        return c;
    }

    static String source(Dataset d, int feature) {
        String name = d.featureNames().get(feature);
        return name.equals("Esub") ? "E" : name.substring(0, 1);
    }

    @Test
    void keepingTwoSourcesTheSelectorFindsTheOtherThree() {
        Dataset train = data(800, 1);
        SelectionResult r = new Trainer(cfg(3, "A1,B2", null)).train(train, null, null, null);
        assertEquals(SelectionResult.Status.COMPLETED, r.status(), r.messages().toString());
        assertTrue(r.meanMaxProbability() > 0.5, "the selectors committed: " + r.meanMaxProbability());
        assertEquals(2, r.fixed());
        assertEquals(5, r.k());
        assertArrayEquals(new int[] {1, 5}, r.fixedFeatures(), "the kept features come first, in the order given");
        assertArrayEquals(r.selected(), r.model().selectedIndices(), "the model's panel is the result's");
        Set<String> learned = new HashSet<>();
        for (int f : r.learnedFeatures()) learned.add(source(train, f));
        assertEquals(Set.of("C", "D", "E"), learned, "learned " + names(train, r.learnedFeatures()));
        assertEquals(3, r.probabilities().length / train.cols(), "probabilities are the learned selectors'");
        for (int s = 0; s < 3; s++) for (int j : r.fixedFeatures()) assertEquals(0f, r.probabilities()[s * train.cols() + j]);
    }

    @Test
    void withoutTheKeptFeaturesTheSameBudgetIsSpentOnAllFiveSources() {
        // the control for the test above: k = 3 without --keep cannot cover all five sources, so which three
        // it takes is its own choice; with A and B kept it must take C, D and E
        Dataset train = data(800, 1);
        SelectionResult r = new Trainer(cfg(5, null, null)).train(train, null, null, null);
        Set<String> learned = new HashSet<>();
        for (int f : r.selected()) learned.add(source(train, f));
        assertEquals(Set.of("A", "B", "C", "D", "E"), learned, "selected " + names(train, r.selected()));
    }

    @Test
    void anExcludedSourceIsNeverPickedAndItsSubstituteIs() {
        Dataset train = data(800, 2);
        SelectionResult r = new Trainer(cfg(5, null, "re:^E[0-9]$")).train(train, null, null, null);
        assertEquals(SelectionResult.Status.COMPLETED, r.status(), r.messages().toString());
        assertTrue(r.meanMaxProbability() > 0.5, "the selectors committed: " + r.meanMaxProbability());
        List<String> chosen = names(train, r.selected());
        for (String n : chosen) assertFalse(n.matches("E[0-9]"), "an excluded feature was picked: " + chosen);
        assertTrue(chosen.contains("Esub"), "the substitute of the excluded source: " + chosen);
        Set<String> sources = new HashSet<>();
        for (int f : r.selected()) sources.add(source(train, f));
        assertEquals(5, sources.size(), "one feature per source: " + chosen);
        // masked probabilities are exactly zero, in the result and in the model
        int d = train.cols();
        for (float[] p : List.of(r.probabilities(), r.model().probabilities())) {
            for (int s = 0; s < 5; s++) for (int j = 12; j < 15; j++) assertEquals(0f, p[s * d + j], "selector " + s + ", " + train.featureNames().get(j));
        }
        // the monitor too runs over the selectable columns: it is the mean of the largest probabilities
        double meanMax = 0;
        for (int s = 0; s < 5; s++) {
            float max = 0;
            for (int j = 0; j < d; j++) max = Math.max(max, r.probabilities()[s * d + j]);
            meanMax += max / 5.0;
        }
        assertEquals(meanMax, r.meanMaxProbability(), 1e-5);
    }

    @Test
    void aKeepRunResumedFromACheckpointRepeatsTheUninterruptedRun() {
        Dataset train = data(300, 4);
        TrainingConfig c = cfg(3, "A0,B0", "re:^N").toBuilder().epochs(6).build();
        SelectionResult whole = new Trainer(c).helperThread(false).train(train, null, null, null);
        TrainerResumeTest.Keep keep = new TrainerResumeTest.Keep();
        new Trainer(c).helperThread(false).checkpoints(keep, 0).train(train, null, null, null);
        SelectionResult resumed = new Trainer(c).helperThread(false).resume(keep.at(1, 3), train, null, null, null);
        TrainerResumeTest.assertSameRun(whole, resumed);
        assertEquals(2, resumed.fixed());
        // a checkpoint of the model without the kept features does not fit
        String problem = new Trainer(c.toBuilder().keep(List.of()).build()).mismatch(keep.at(1, 3), train);
        assertTrue(problem != null && problem.contains("parameters"), String.valueOf(problem));
    }

    static List<String> names(Dataset d, int[] features) {
        List<String> out = new ArrayList<>();
        for (int f : features) out.add(d.featureNames().get(f));
        return out;
    }
}
