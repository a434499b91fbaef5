package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanImputerTest {
    private static final float NAN = Float.NaN;

    @Test
    void fillsWithTheTrainingMeanIgnoringMissing() throws Exception {
        Dataset train = Fixtures.of(2, 1, 10, NAN, 20, 3, NAN);
        MeanImputer imputer = MeanImputer.fit(train);
        assertArrayEquals(new float[] {2, 15}, imputer.means());
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 15}, imputer.apply(train).values());
        assertTrue(MeanImputer.hasMissing(train));   // the input is left alone
        // test rows are filled with the training means, not their own
        Dataset test = Fixtures.of(2, NAN, 100, 50, NAN);
        assertArrayEquals(new float[] {2, 100, 50, 15}, imputer.apply(test).values());
    }

    @Test
    void nothingMissingReturnsTheSameData() throws Exception {
        Dataset full = Fixtures.of(1, 1, 2);
        assertFalse(MeanImputer.hasMissing(full));
        assertSame(full, MeanImputer.fit(full).apply(full));
    }

    @Test
    void aColumnWithoutAnyValueIsAUserError() {
        Dataset train = Fixtures.of(2, 1, NAN, 2, NAN);
        DataException e = assertThrows(DataException.class, () -> MeanImputer.fit(train));
        TestFiles.assertMessage(e, "m.csv", "'f1'", "no training row has a value");
    }

    @Test
    void rebuiltFromSavedMeans() {
        MeanImputer imputer = MeanImputer.of(new float[] {4, 5});
        assertArrayEquals(new float[] {4, 5, 1, 5}, imputer.apply(Fixtures.of(2, NAN, NAN, 1, NAN)).values());
        assertThrows(IllegalArgumentException.class, () -> MeanImputer.of(new float[] {NAN}));
        assertThrows(IllegalArgumentException.class, () -> imputer.apply(Fixtures.of(3, 1, 2, 3)));
        assertEquals(2, imputer.means().length);
    }
}
