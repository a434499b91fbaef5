package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /**
     * A mostly-zero table held sparse (as a 10x or .h5ad matrix is) compares as the same values held dense: the
     * variance ranking and the random draws read the rows one at a time, the CAE's decoder MSE a chunk at a time.
     */
    @Test
    void aSparseTableComparesAsTheSameValuesHeldDense() {
        Random r = new Random(5);
        int n = 240, d = 30;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) if (r.nextDouble() < 0.1) v[i] = 1 + r.nextInt(3 + (i % d));   // wider counts to the right
        Dataset dense = Synthetic.of(v, n, d, null);
        Dataset sparse = new Dataset("sparse", org.caeworkbench.data.CsrMatrix.of(n, d, v), dense.featureNames(), dense.sampleIds(),
                null, null, List.of());
        assertTrue(sparse.isSparse() && !sparse.isPlainDense());
        Comparison a = new Comparison(dense, dense, 1, 2, null), b = new Comparison(sparse, sparse, 1, 2, null);
        CaeSelector cae = new CaeSelector("cae", TrainingConfig.builder().epochs(5).hidden("none").convergenceOff().build(), null);
        for (FeatureSelector s : List.<FeatureSelector>of(new VarianceSelector(), new RandomSelector(), cae)) {
            Comparison.Row x = a.run(s, 4), y = b.run(s, 4);
            assertArrayEquals(x.selected(), y.selected(), s.name());
            assertEquals(x.linearMse(), y.linearMse(), 1e-6 * x.linearMse(), s.name());
            if (s == cae) assertEquals(x.decoderMse(), y.decoderMse(), 1e-3 * x.decoderMse(), "the decoder's MSE");
        }
        // the variance ranking is the columns' population variance, computed here directly
        double[] var = new double[d];
        for (int c = 0; c < d; c++) {
            double m = 0, q = 0;
            for (int i = 0; i < n; i++) m += v[i * d + c];
            m /= n;
            for (int i = 0; i < n; i++) q += (v[i * d + c] - m) * (v[i * d + c] - m);
            var[c] = q / n;
        }
        int[] top = java.util.stream.IntStream.range(0, d).boxed().sorted((x, y) -> Double.compare(var[y], var[x])).limit(4)
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(top, b.run(new VarianceSelector(), 4).selected());
    }

    @Test
    void withoutLabelsThereIsNoAccuracy() {
        Comparison c = new Comparison(latent(100, 1, false), latent(50, 2, false), 0, 1, null);
        assertTrue(Double.isNaN(c.run(new VarianceSelector(), 3).accuracy()));
    }

    @Test
    void caeSelectorTrainsTheCoreModelWithTheGivenKAndSeed() {
        Dataset train = latent(256, 3, false), test = latent(64, 4, false);
        CaeSelector cae = new CaeSelector("cae", TrainingConfig.builder().epochs(40).hidden("none").convergenceOff()
                .fillDuplicates(false).build(), null);
        Comparison.Row row = new Comparison(train, test, 5, 1, null).run(cae, 3);
        SelectionResult r = cae.lastResult();
        assertEquals(3, r.k());
        assertEquals(40, r.epochs(), "the configuration's epochs (no filling of duplicates after them)");
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
