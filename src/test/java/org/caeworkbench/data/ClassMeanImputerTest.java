package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassMeanImputerTest {
    private static final float NAN = Float.NaN;

    private static Dataset labelled(String[] labels, float... values) {
        int rows = labels.length, cols = values.length / rows;
        List<String> ids = new java.util.ArrayList<>();
        for (int r = 0; r < rows; r++) ids.add("s" + r);
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("f" + c);
        return new Dataset("mice.csv", rows, cols, values, names, ids, labels, null);
    }

    @Test
    void fillsWithTheMeanOfTheRowsClassOverTheTrainingRows() throws Exception {
        Dataset train = labelled(new String[] {"a", "a", "b", "b", "a"},
                1, 10,
                3, NAN,
                100, 200,
                NAN, 400,
                NAN, 20);
        ClassMeanImputer imputer = ClassMeanImputer.fit(train);
        assertArrayEquals(new float[] {1, 10, 3, 15, 100, 200, 100, 400, 2, 20}, imputer.apply(train).values());
        // test rows take the training mean of their own class, never their own values
        Dataset test = labelled(new String[] {"b", "a", "c"}, NAN, NAN, NAN, 7, NAN, NAN);
        // class c was never seen: the overall training mean (1+3+100)/3 and (10+200+400+20)/4
        assertArrayEquals(new float[] {100, 300, 2, 7, (1 + 3 + 100) / 3f, (10 + 200 + 400 + 20) / 4f}, imputer.apply(test).values());
    }

    @Test
    void aClassWithoutAnyValueForAFeatureFallsBackToTheOverallMean() throws Exception {
        Dataset train = labelled(new String[] {"a", "b", "b"}, 4, 1, NAN, 2, NAN, 6);
        // class b has no value of f0: the overall mean of f0 (4); f1 has values everywhere
        assertArrayEquals(new float[] {4, 1, 4, 2, 4, 6}, ClassMeanImputer.fit(train).apply(train).values());
    }

    @Test
    void needsLabelsAndLeavesCompleteDataAlone() throws Exception {
        assertThrows(DataException.class, () -> ClassMeanImputer.fit(Fixtures.of(1, 1, NAN, 3)));
        Dataset full = labelled(new String[] {"a", "b"}, 1, 2);
        assertSame(full, ClassMeanImputer.fit(full).apply(full));
        Dataset onlyMissing = labelled(new String[] {"a", "b"}, NAN, NAN);
        assertThrows(DataException.class, () -> ClassMeanImputer.fit(onlyMissing));
    }
}
