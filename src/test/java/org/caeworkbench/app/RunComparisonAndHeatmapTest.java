package org.caeworkbench.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** The run history's comparison of two panels and the clustered data heatmap's ordering. */
class RunComparisonAndHeatmapTest {

    @Test
    void twoPanelsShareTheirCommonFeaturesAndSayTheirJaccardIndexAndDifferingSettings() {
        TrainingConfig a = TrainingConfig.builder().k(4).epochs(100).build();
        TrainingConfig b = a.toBuilder().k(5).seed(9).build();
        // A repeats pixel_5 (a duplicate selection): distinct features count once
        RunComparison c = RunComparison.of(List.of("pixel_1", "pixel_5", "pixel_5", "pixel_9"), 0.02, a,
                List.of("pixel_9", "pixel_2", "pixel_1", "pixel_7", "pixel_8"), 0.03, b);
        assertEquals(List.of("pixel_1", "pixel_9"), c.both());
        assertEquals(List.of("pixel_5"), c.onlyA());
        assertEquals(List.of("pixel_2", "pixel_7", "pixel_8"), c.onlyB());
        assertEquals(2.0 / 6.0, c.jaccard(), 1e-12);
        assertEquals(0.02, c.mseA());
        assertEquals(0.03, c.mseB());
        assertEquals(2, c.differences().size(), c.differences().toString());
        assertTrue(c.differences().get(0).startsWith("k (features): 4 → 5"), c.differences().toString());
        assertTrue(c.differences().get(1).contains("1 → 9"), c.differences().toString());

        RunComparison same = RunComparison.of(List.of("x", "y"), Double.NaN, a, List.of("y", "x"), Double.NaN, a);
        assertEquals(1.0, same.jaccard());
        assertTrue(same.differences().isEmpty());
        assertEquals(0.0, RunComparison.of(List.of("x"), 0, null, List.of("y"), 0, a).jaccard());
        assertTrue(RunComparison.of(List.of("x"), 0, null, List.of("y"), 0, a).differences().isEmpty(), "no settings to compare");
    }

    /** 60 samples of three labels; columns in three correlated groups, interleaved in the file. */
    private static Dataset blocks() {
        Random rnd = new Random(5);
        int rows = 60, cols = 18;
        float[] v = new float[rows * cols];
        String[] labels = new String[rows];
        for (int r = 0; r < rows; r++) {
            double[] factor = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            for (int c = 0; c < cols; c++) v[r * cols + c] = (float) (factor[c % 3] + 0.2 * rnd.nextGaussian());
            labels[r] = new String[] {"b", "c", "a"}[(r * 7) % 3];
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("g" + c + "_group" + (c % 3));
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rows; r++) ids.add("s" + r);
        return new Dataset("blocks", rows, cols, v, names, ids, labels, null);
    }

    @Test
    void theHeatmapOrdersRowsByLabelAndPutsCorrelatedColumnsTogether() {
        Dataset d = blocks();
        DataHeatmap h = DataHeatmap.of(d, new int[] {4, 4, 11}, 1);
        assertEquals(60, h.rows());
        assertEquals(18, h.cols());
        // rows by label: a..., b..., c...
        String[] sorted = h.rowLabels().clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, h.rowLabels(), "rows are ordered by label");
        for (int i = 0; i < h.rows(); i++) assertEquals(d.labels()[h.rowIndex()[i]], h.rowLabels()[i]);
        // each group of correlated columns is one contiguous block
        int changes = 0;
        for (int j = 1; j < h.cols(); j++) if (h.colIndex()[j] % 3 != h.colIndex()[j - 1] % 3) changes++;
        assertEquals(2, changes, "three blocks, two boundaries: " + h.colNames());
        // the selected features are marked, once each, by name
        int marked = 0;
        for (int j = 0; j < h.cols(); j++) {
            if (h.selected()[j]) {
                marked++;
                assertTrue(h.colIndex()[j] == 4 || h.colIndex()[j] == 11);
                assertEquals(d.featureNames().get(h.colIndex()[j]), h.colNames().get(j));
            }
        }
        assertEquals(2, marked);
        // values: the z-score of the shown cell, clipped
        for (int i = 0; i < h.rows(); i += 7)
            for (int j = 0; j < h.cols(); j += 5) assertTrue(Math.abs(h.values()[i * h.cols() + j]) <= DataHeatmap.CLIP);
    }

    @Test
    void genesNamedByIdAreLabelledByTheirSymbols() {
        Dataset d = blocks();
        List<String> ids = d.featureNames();
        List<String> symbols = ids.stream().map(n -> "SYM" + n.substring(1, n.indexOf('_'))).toList();
        Dataset named = d.withGeneNames(new Dataset.GeneNames(ids, symbols));
        DataHeatmap h = DataHeatmap.of(named, new int[] {4, 11}, 1);
        for (int j = 0; j < h.cols(); j++) assertEquals(symbols.get(h.colIndex()[j]), h.colNames().get(j));
    }

    @Test
    void aWideTableShowsItsSelectedFeaturesAndASampleOfTheOthers() {
        Dataset d = blocks();
        DataHeatmap h = DataHeatmap.of(d, new int[] {0, 1, 2}, 3, 40, 8);
        assertEquals(8, h.cols());
        assertEquals(40, h.rows());
        long marked = 0;
        for (boolean s : h.selected()) if (s) marked++;
        assertEquals(3, marked, "every selected feature is shown");
        assertEquals(8, Arrays.stream(h.colIndex()).distinct().count());
    }

    @Test
    void averageLinkageKeepsTightGroupsTogether() {
        double[] x = {0.0, 10.0, 0.2, 10.3, 0.1, 20.0, 10.1};
        int[] order = DataHeatmap.averageLinkageOrder(x.length, (a, b) -> Math.abs(x[a] - x[b]));
        assertEquals(7, Arrays.stream(order).distinct().count());
        StringBuilder groups = new StringBuilder();
        for (int i : order) groups.append(x[i] < 5 ? 'a' : x[i] < 15 ? 'b' : 'c');
        assertTrue(groups.toString().matches("a{3}b{3}c|cb{3}a{3}|b{3}a{3}c|ca{3}b{3}|a{3}cb{3}|b{3}ca{3}"), groups.toString());
    }
}
