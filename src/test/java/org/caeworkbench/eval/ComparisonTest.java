package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** The comparison driver and the CAE adapter on small synthetic data. */
class ComparisonTest {

    /** Three latent signals, each spread over four noisy columns; the label is the sign of the first. */
    static Dataset latent(int n, long seed, boolean labels) {
        Random r = new Random(seed);
        int d = 12;
        float[] v = new float[n * d];
        String[] lab = labels ? new String[n] : null;
        for (int i = 0; i < n; i++) {
            double[] s = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            for (int c = 0; c < d; c++) v[i * d + c] = (float) (0.2 + 0.6 * s[c / 4] + 0.02 * r.nextGaussian());
            if (labels) lab[i] = s[0] > 0.5 ? "high" : "low";
        }
        return Synthetic.of(v, n, d, lab);
    }

    @Test
    void everyRowIsScoredAndNoSelectionBeatsThePcaBound() {
        // scored on the training rows themselves, where PCA is exactly the best rank-k linear map
        Dataset train = latent(300, 1, true), test = train;
        List<String> started = new ArrayList<>();
        Comparison c = new Comparison(train, test, 3, 4, new Comparison.Listener() {
            @Override public void starting(String method, int k) { started.add(method + "@" + k); }
        });
        List<Comparison.Row> rows = c.run(List.of(new RandomSelector(), new VarianceSelector(), new PfaSelector()), new int[] {2, 3});
        assertEquals(8, rows.size());
        assertEquals(List.of("random@2", "variance@2", "pfa@2", Comparison.PCA + "@2", "random@3", "variance@3", "pfa@3",
                Comparison.PCA + "@3"), started);
        for (int k : new int[] {2, 3}) {
            double bound = rows.stream().filter(r -> r.k() == k && r.method().equals(Comparison.PCA)).findFirst().orElseThrow().linearMse();
            for (Comparison.Row r : rows) {
                if (r.k() != k || r.method().equals(Comparison.PCA)) continue;
                assertTrue(bound <= r.linearMse() + 1e-6, r.method() + " at k = " + k + " is below the bound");
                assertEquals(k, r.distinct());
                assertTrue(r.accuracy() >= 0 && r.accuracy() <= 1);
            }
        }
        Comparison.Row random = rows.get(0);
        assertEquals(4, random.draws(), "the random subset is averaged over the draws asked for");
        assertEquals(1, rows.get(1).draws());
        // PFA with k = 3 takes one column of each latent signal: close to the bound, far below the mean
        Comparison.Row pfa3 = rows.get(6);
        assertEquals(3, java.util.Arrays.stream(pfa3.selected()).map(f -> f / 4).distinct().count());
        assertTrue(pfa3.linearMse() < 3 * rows.get(7).linearMse(), pfa3.linearMse() + " vs bound " + rows.get(7).linearMse());
        assertTrue(pfa3.linearMse() < c.mean().linearMse() / 10);
        assertEquals(LinearReconstruction.meanPredictorMse(train, test), c.mean().linearMse(), 0);
    }

    @Test
    void withoutLabelsThereIsNoAccuracy() {
        Comparison c = new Comparison(latent(100, 1, false), latent(50, 2, false), 0, 1, null);
        assertTrue(Double.isNaN(c.run(new VarianceSelector(), 3).accuracy()));
    }

    @Test
    void caeSelectorTrainsTheCoreModelWithTheGivenKAndSeed() {
        Dataset train = latent(256, 3, false), test = latent(64, 4, false);
        CaeSelector cae = new CaeSelector("cae", TrainingConfig.builder().epochs(40).hidden("none").convergenceOff().build(), null);
        Comparison.Row row = new Comparison(train, test, 5, 1, null).run(cae, 3);
        SelectionResult r = cae.lastResult();
        assertEquals(3, r.k());
        assertEquals(40, r.epochs());
        assertEquals(3, row.selected().length);
        assertTrue(Double.isFinite(row.decoderMse()));
        assertTrue(row.note().startsWith("completed"), row.note());
        assertTrue(row.linearMse() < new Comparison(train, test, 5, 1, null).mean().linearMse(), "better than the mean");
        int[] again = new CaeSelector("cae", cae.config(), null).select(train, 3, 5);
        assertEquals(java.util.Arrays.toString(row.selected()), java.util.Arrays.toString(again), "same seed, same selection");
    }

    @Test
    void selectorsAreFoundByNameAndBadListsAreRefused() {
        assertEquals(List.of("cae", "pfa"), Selectors.parse("cae, PFA").stream().map(FeatureSelector::name).toList());
        assertEquals("cae-linear", Selectors.byName("cae-linear").name());
        assertEquals("none", ((CaeSelector) Selectors.byName("cae-linear")).config().hidden());
        for (String bad : new String[] {"", "pfa,pfa", "pca", "lasso"}) {
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Selectors.parse(bad))
                    .getMessage().length() > 10, bad);
        }
    }
}
