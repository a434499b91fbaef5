package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalerTest {
    private static final float EPS = 1e-6f;

    @Test
    void minMaxIsPerFeatureAndFittedOnTrainOnly() {
        Dataset train = Fixtures.of(2, 0, 10, 5, 20, 10, 30);   // feature 0 in [0,10], feature 1 in [10,30]
        Scaler s = Scaler.fit(train, Scaling.MINMAX);
        assertEquals(Scaling.MINMAX, s.kind());
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, 1, 1, 1}, new float[] {
            s.apply(train).get(0, 0), s.apply(train).get(1, 0), s.apply(train).get(1, 1),
            s.apply(train).get(2, 0), s.apply(train).get(2, 1), s.apply(train).get(2, 1)}, EPS);
        assertEquals(0f, s.apply(train).get(0, 1), EPS);
        // test rows outside the training range fall outside [0, 1]: nothing is fitted on them
        Dataset test = Fixtures.of(2, -5, 40);
        Dataset scaled = s.apply(test);
        assertEquals(-0.5f, scaled.get(0, 0), EPS);
        assertEquals(1.5f, scaled.get(0, 1), EPS);
        assertArrayEquals(new float[] {-5, 40}, test.values());   // the input is left alone
        assertNotSame(test.values(), scaled.values());
    }

    @Test
    void globalMinMaxUsesOneRangeForAllFeatures() {
        Dataset train = Fixtures.of(2, 0, 10, 5, 20, 10, 30);
        Scaler s = Scaler.fit(train, Scaling.MINMAX_GLOBAL);
        assertArrayEquals(new float[] {0, 0}, s.offset());
        assertArrayEquals(new float[] {1 / 30f, 1 / 30f}, s.scale(), EPS);
        Dataset scaled = s.apply(train);
        assertEquals(10 / 30f, scaled.get(0, 1), EPS);
        assertEquals(10 / 30f, scaled.get(2, 0), EPS);   // per feature this would be 1
    }

    @Test
    void autoIsGlobalForImagesAndPerFeatureOtherwise() {
        Dataset table = Fixtures.of(4, 0, 1, 2, 3, 4, 5, 6, 7);
        Dataset image = new Dataset("img", 2, 4, table.values(), PixelNames.of(2, 2), List.of("a", "b"), null,
                new Dataset.ImageShape(2, 2));
        assertEquals(Scaling.MINMAX, Scaler.fit(table, Scaling.AUTO).kind());
        assertEquals(Scaling.MINMAX_GLOBAL, Scaler.fit(image, Scaling.AUTO).kind());
    }

    @Test
    void standardGivesMeanZeroAndUnitPopulationSd() {
        Dataset train = Fixtures.of(2, 1, 100, 2, 100, 3, 100, 4, 100);
        Scaler s = Scaler.fit(train, Scaling.STANDARD);
        Dataset z = s.apply(train);
        double mean = 0;
        double sq = 0;
        for (int r = 0; r < 4; r++) { mean += z.get(r, 0); sq += z.get(r, 0) * z.get(r, 0); }
        assertEquals(0, mean / 4, 1e-6);
        assertEquals(1, sq / 4, 1e-5);
        assertEquals(2.5f, s.offset()[0], EPS);
        assertEquals((float) (1 / Math.sqrt(1.25)), s.scale()[0], EPS);
        // the constant feature: scale 1, so it becomes 0 instead of dividing by zero
        assertEquals(1f, s.scale()[1]);
        for (int r = 0; r < 4; r++) assertEquals(0f, z.get(r, 1));
    }

    @Test
    void constantFeatureUnderMinMaxBecomesZero() {
        Dataset train = Fixtures.of(2, 7, 1, 7, 2, 7, 3);
        Scaler s = Scaler.fit(train, Scaling.MINMAX);
        assertEquals(1f, s.scale()[0]);
        Dataset scaled = s.apply(train);
        for (int r = 0; r < 3; r++) assertEquals(0f, scaled.get(r, 0));
        for (float x : scaled.values()) assertTrue(Float.isFinite(x));
    }

    @Test
    void inverseRoundTripsEveryKind() {
        Dataset train = Fixtures.grid(20, 5);
        Dataset test = Fixtures.of(5, -3, 1000, 0.25f, 7, 8);
        for (Scaling kind : Scaling.values()) {
            Scaler s = Scaler.fit(train, kind);
            assertTrue(s.kind() != Scaling.AUTO);
            Dataset scaled = s.apply(test);
            assertArrayEquals(test.values(), s.inverse(scaled.values(), 5), 1e-3f, kind.name());
            assertArrayEquals(test.values(), s.inverse(scaled).values(), 1e-3f, kind.name());
            // a subset of the features, e.g. the selected ones, in any order
            float[] picked = {scaled.get(0, 3), scaled.get(0, 1)};
            assertArrayEquals(new float[] {7, 1000}, s.inverse(picked, new int[] {3, 1}), 1e-3f, kind.name());
        }
    }

    @Test
    void rebuiltFromSavedParametersItScalesTheSame() {
        Dataset train = Fixtures.grid(10, 4);
        Scaler fitted = Scaler.fit(train, Scaling.STANDARD);
        Scaler rebuilt = Scaler.of(fitted.kind(), fitted.offset(), fitted.scale());
        assertArrayEquals(fitted.apply(train).values(), rebuilt.apply(train).values());
        assertThrows(IllegalArgumentException.class, () -> Scaler.of(Scaling.AUTO, new float[1], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> Scaler.of(Scaling.MINMAX, new float[1], new float[2]));
        assertThrows(IllegalArgumentException.class, () -> fitted.apply(Fixtures.grid(2, 3)));
    }

    @Test
    void missingValuesAreIgnoredWhenFittingAndStayMissing() {
        Dataset train = Fixtures.of(1, 0, Float.NaN, 10);
        Scaler s = Scaler.fit(train, Scaling.MINMAX);
        assertEquals(0.1f, s.scale()[0], EPS);
        assertTrue(Float.isNaN(s.apply(train).get(1, 0)));
    }
}
