package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingSnapshot;
import org.junit.jupiter.api.Test;

/** The pixel computation of the live views, on synthetic data (no training). */
class HeatmapsTest {

    private static final int DARK = Heatmaps.colour(0);

    @Test
    void columnOfIsTheInverseOfFirstFeature() {
        for (int d : new int[] {5, 784, 2048, 2049, 20_000, 123_457}) {
            for (int f : new int[] {0, 1, d / 3, d / 2, d - 2, d - 1}) {
                int x = Heatmaps.columnOf(f, d);
                assertTrue(Heatmaps.firstFeature(x, d) <= f && f < Math.max(Heatmaps.firstFeature(x, d) + 1, Heatmaps.firstFeature(x + 1, d)),
                        "d " + d + " f " + f + " x " + x);
            }
        }
    }

    @Test
    void topFeaturesLightTheirColumnsOnly() {
        int k = 4;
        int d = 600_000;                       // k d above the engine's full-matrix limit
        assertTrue((long) k * d > Trainer.FULL_MATRIX_LIMIT);
        int per = Trainer.TOP_FEATURES;
        int[] top = new int[k * per];
        float[] p = new float[k * per];
        for (int i = 0; i < k; i++)
            for (int t = 0; t < per; t++) {
                top[i * per + t] = (i * 100_003 + t * 37_001) % d;
                p[i * per + t] = 0.02f / (t + 1);
            }
        Heatmaps.Pixels px = Heatmaps.topFeaturesHeatmap(top, p, k, per, d, 1f);
        assertEquals(Heatmaps.MAX_WIDTH, px.width());
        assertEquals(k, px.height());
        for (int i = 0; i < k; i++) {
            List<Integer> lit = new ArrayList<>();
            for (int t = 0; t < per; t++) lit.add(Heatmaps.columnOf(top[i * per + t], d));
            for (int x = 0; x < px.width(); x++) {
                int c = px.argb()[i * px.width() + x];
                if (lit.contains(x)) assertNotEquals(DARK, c, "row " + i + " column " + x + " is lit");
                else assertEquals(DARK, c, "row " + i + " column " + x + " is dark");
            }
        }
        // scaled to the current maximum, the brightest entry takes the top colour
        Heatmaps.Pixels scaled = Heatmaps.topFeaturesHeatmap(top, p, k, per, d, Heatmaps.max(p));
        assertEquals(Heatmaps.colour(1f), scaled.argb()[Heatmaps.columnOf(top[0], d)]);
        assertNotEquals(Heatmaps.colour(1f), px.argb()[Heatmaps.columnOf(top[0], d)]);
    }

    @Test
    void theRendererDrawsTheLargeMatrixPathAndReadsOut() {
        int k = 3;
        int d = 700_001;
        int per = Trainer.TOP_FEATURES;
        int[] top = new int[k * per];
        float[] p = new float[k * per];
        for (int i = 0; i < k; i++)
            for (int t = 0; t < per; t++) {
                top[i * per + t] = i * 1000 + t;
                p[i * per + t] = 0.5f / (t + 1);
            }
        float[] featureMax = new float[d];
        for (int i = 0; i < top.length; i++) featureMax[top[i]] = Math.max(featureMax[top[i]], p[i]);
        List<String> names = new java.util.AbstractList<>() {
            @Override public String get(int i) { return "gene" + i; }
            @Override public int size() { return d; }
        };
        TrainingSnapshot s = new TrainingSnapshot(1, 1, 10, 5, 100, 5.0, 0.1, Double.NaN, 0.5, 0,
                new int[] {0, 1000, 2000}, null, featureMax, top, p, 1.0, 10, false);
        LiveRenderer.Frame f = LiveRenderer.render(s, null, names, true);
        assertNotNull(f.heat());
        assertEquals(Heatmaps.MAX_WIDTH, f.heat().width());
        assertEquals(k, f.heat().height());
        assertEquals(0.5f, f.scale(), 1e-6);
        assertEquals(Heatmaps.colour(1f), f.heat().argb()[0], "selector 0's best feature at full brightness");
        assertNotNull(f.strip());
        assertEquals(Heatmaps.MAX_WIDTH, f.strip().width());
        assertNull(f.pixelMap());
        String text = f.readout().at(0, 0);
        assertTrue(text.startsWith("selector 0, feature 0 (gene0): probability 0.5"), text);
        String empty = f.readout().at(Heatmaps.MAX_WIDTH - 1, 2);
        assertTrue(empty.contains("not among its 5 most probable"), empty);
    }

    @Test
    void theFullMatrixPathStillWorks() {
        int k = 2;
        int d = 6;
        float[] probs = {0.1f, 0.7f, 0.05f, 0.05f, 0.05f, 0.05f, 0.9f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f};
        TrainingSnapshot s = new TrainingSnapshot(1, 1, 1, 1, 1, 1.0, 0.1, 0.1, 0.8, 0,
                new int[] {1, 0}, probs, new float[] {0.9f, 0.7f, 0.05f, 0.05f, 0.05f, 0.05f}, null, null, 0, 0, true);
        LiveRenderer.Frame f = LiveRenderer.render(s, new org.caeworkbench.data.Dataset.ImageShape(2, 3),
                List.of("a", "b", "c", "d", "e", "f"), false);
        assertEquals(6, f.heat().width());
        assertEquals(2, f.heat().height());
        assertEquals(Heatmaps.colour(0.7f), f.heat().argb()[1]);
        assertNotNull(f.pixelMap());
        assertNotNull(f.mask());
        assertEquals("selector 1, feature 0 (a): probability 0.9000", f.readout().at(0, 1));
        // scaled: the range [min, max] of the matrix spans the whole colour map
        LiveRenderer.Frame scaled = LiveRenderer.render(s, null, List.of("a", "b", "c", "d", "e", "f"), true);
        assertEquals(Heatmaps.colour(1f), scaled.heat().argb()[6]);
        assertEquals(Heatmaps.colour(0f), scaled.heat().argb()[7]);
        assertEquals(0.02f, scaled.lo(), 1e-6);
        assertEquals(Heatmaps.STRIP_ROWS, scaled.strip().height());
    }
}
