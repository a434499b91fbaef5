package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.caeworkbench.core.FeaturePanel;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** The baselines of a comparison under --keep / --exclude: the kept features, then their k among the selectable columns. */
class ComparisonPanelTest {
    static Dataset data(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int d = 10;
        float[] v = new float[n * d];
        // column j has standard deviation (j + 1)^2: variance ranks the last columns first
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) v[i * d + j] = (float) ((j + 1) * (j + 1) * r.nextGaussian());
        List<String> names = new ArrayList<>(), ids = new ArrayList<>();
        for (int j = 0; j < d; j++) names.add("f" + j);
        for (int i = 0; i < n; i++) ids.add("s" + i);
        return new Dataset("d", n, d, v, names, ids, null, null);
    }

    @Test
    void aBaselinesPanelIsTheKeptFeaturesThenItsBestAmongTheSelectable() {
        Dataset train = data(200, 1), test = data(50, 2);
        FeaturePanel panel = FeaturePanel.of(10, new int[] {0, 2}, new int[] {9, 8});
        Comparison c = new Comparison(train, test, 1, 3, null).withPanel(panel);
        Comparison.Row variance = c.run(new VarianceSelector(), 3);
        assertArrayEquals(new int[] {0, 2}, Arrays.copyOf(variance.selected(), 2), "the kept features first");
        assertArrayEquals(new int[] {5, 6, 7}, Arrays.stream(variance.selected(), 2, 5).sorted().toArray(),
                "then the most variable of the rest (9 and 8 excluded)");
        assertEquals(3, variance.k());
        for (int draw = 0; draw < 3; draw++) {
            int[] random = c.run(new RandomSelector(), 4).selected();
            assertEquals(6, random.length);
            assertArrayEquals(new int[] {0, 2}, Arrays.copyOf(random, 2));
            for (int f : Arrays.copyOfRange(random, 2, 6)) assertFalse(f == 0 || f == 2 || f == 8 || f == 9, Arrays.toString(random));
        }
        // without a panel the same selector takes the excluded columns first
        assertArrayEquals(new int[] {7, 8, 9}, Arrays.stream(new Comparison(train, test, 1, 1, null).run(new VarianceSelector(), 3).selected()).sorted().toArray());
    }
}
