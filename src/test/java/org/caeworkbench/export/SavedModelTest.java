package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.caeworkbench.core.ConcreteAutoencoder;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.Scaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class SavedModelTest {
    @TempDir Path dir;

    static Dataset table(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = 10 + 5 * r.nextFloat();
        return new Dataset("t.csv", rows, cols, v, IntStream.range(0, cols).mapToObj(j -> "g" + j).toList(),
                IntStream.range(0, rows).mapToObj(i -> "s" + i).toList(), null, null);
    }

    SavedModel model(Dataset train) {
        ConcreteAutoencoder m = ConcreteAutoencoder.create(train.cols(), 3, new int[] {4}, Nd4j.getRandomFactory().getNewRandomInstance(5));
        return new SavedModel(m, train.featureNames(), Scaler.fit(train, Scaling.MINMAX), null, null);
    }

    @Test
    void savedModelLoadsWithTheSameSelectionAndOutputs() throws Exception {
        Dataset train = table(20, 8, 1);
        SavedModel saved = model(train);
        saved.save(dir);
        SavedModel loaded = SavedModel.load(dir);
        assertArrayEquals(saved.selected(), loaded.selected());
        assertArrayEquals(saved.model().parameters(), loaded.model().parameters());
        assertEquals(saved.featureNames(), loaded.featureNames());
        assertArrayEquals(saved.scaler().offset(), loaded.scaler().offset());
        Dataset rows = table(5, 8, 2);
        assertArrayEquals(saved.impute(rows).values(), loaded.impute(rows).values());
    }

    @Test
    void imputeKeepsMeasuredValuesAndNeedsEverySelectedColumn() throws Exception {
        Dataset train = table(20, 8, 1);
        SavedModel saved = model(train);
        Dataset rows = table(5, 8, 2);
        Dataset imputed = saved.impute(rows);
        assertEquals(8, imputed.cols());
        for (int f : saved.selected()) for (int r = 0; r < 5; r++) assertEquals(rows.get(r, f), imputed.get(r, f));
        // only the selected columns, in another order, are enough
        int[] sel = IntStream.of(saved.selected()).distinct().toArray();
        int[] reversed = IntStream.range(0, sel.length).map(i -> sel[sel.length - 1 - i]).toArray();
        assertArrayEquals(imputed.values(), saved.impute(rows.selectColumns(reversed)).values());
        // a missing selected column is a clear error
        int[] others = IntStream.range(0, 8).filter(j -> IntStream.of(sel).noneMatch(s -> s == j)).toArray();
        DataException e = assertThrows(DataException.class, () -> saved.impute(rows.selectColumns(others)));
        assertTrue(e.getMessage().contains("has no column 'g"), e.getMessage());
    }

    @Test
    void npyRoundTripAndHeaderNumpyCanRead() throws IOException {
        float[] v = {1f, -2.5f, 3e-8f, Float.MAX_VALUE, 0f, 7f};
        Path f = dir.resolve("a.npy");
        Npy.write(f, v, 2, 3);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(v, a.values());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        byte[] bytes = Files.readAllBytes(f);
        int headerEnd = 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
        assertEquals(0, headerEnd % 64);          // numpy's alignment rule
        assertTrue(new String(bytes, 10, headerEnd - 10).contains("'shape': (2, 3)"));
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact() throws IOException {
        Path f = dir.resolve("list.csv");
        AtomicFiles.writeString(f, "old\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals(List.of("old"), Files.readAllLines(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
