package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The selector's products over a dense minibatch's live columns (those not zero in all its rows): the same
 * products as over every column, found and packed by either thread alike, and used only where such columns are common.
 */
class LiveColumnsTest {

    /**
     * n x d values in [0, 1]: columns 0..dead-1 zero in every row, the next {@code rare} columns non-zero in about 2% of
     * the rows (so minibatches differ in which are live), the rest uniform.
     */
    static float[] withDeadColumns(int n, int d, int dead, int rare, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = dead; j < d; j++) {
                if (j < dead + rare) v[i * d + j] = r.nextDouble() < 0.02 ? (float) r.nextDouble() : 0f;
                else v[i * d + j] = (float) r.nextDouble();
            }
        }
        return v;
    }

    static Dataset dataset(float[] v, int n, int d) {
        List<String> names = IntStream.range(0, d).mapToObj(j -> "f" + j).toList();
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "s" + i).toList();
        return new Dataset("dead columns", n, d, v, names, ids, null, null);
    }

    @Test
    void findsTheColumnsWithANonZeroAndPacksTheRowsToThem() {
        int b = 3, d = 10;
        float[] a = new float[2 * b * d];                 // rows at offsets 10, 40, 20 of a larger array
        int[] base = {10, 40, 20};
        a[10 + 2] = 0.5f;
        a[40 + 2] = 0.25f;
        a[20 + 7] = -3f;                                  // negative values are live
        a[40 + 9] = 1e-30f;                               // so are tiny ones (a sum of squares would lose it)
        a[0] = 9f;                                        // outside the minibatch's rows: not seen
        LiveColumns lc = new LiveColumns(b, d);
        try {
            assertTrue(lc.of(a, base));
            assertTrue(lc.compacted());
            assertEquals(3, lc.live());
            float[] packedRows = new float[b * 3];
            lc.restricted().data().asNioFloat().get(0, packedRows);
            assertArrayEquals(new float[] {0.5f, 0, 0, 0.25f, 0, 1e-30f, 0, -3f, 0}, packedRows);

            float[] s = new float[2 * d];                 // a k x d matrix, k = 2: its live columns packed and back
            for (int i = 0; i < s.length; i++) s[i] = i + 1;
            float[] p = new float[2 * 3];
            lc.pack(s, 2, p);
            assertArrayEquals(new float[] {3, 8, 10, 13, 18, 20}, p);
            float[] back = new float[2 * d];
            java.util.Arrays.fill(back, 7f);
            lc.unpack(p, 2, back);
            assertArrayEquals(new float[] {0, 0, 3, 0, 0, 0, 0, 8, 0, 10, 0, 0, 13, 0, 0, 0, 0, 18, 0, 20}, back);

            // nine live columns of ten: not worth compacting
            for (int j = 0; j < 9; j++) a[20 + j] = 1f;
            assertFalse(lc.of(a, base));
            assertEquals(d, lc.live());
        } finally {
            lc.close();
        }
    }

    /** The step's loss and gradient with the products over the live columns, against the products over all columns. */
    @ParameterizedTest
    @CsvSource({"none, 0, 32", "6, 0, 32", "6, 8, 32", "6, 8, 1"})
    void theProductsOverTheLiveColumnsAreTheFullProducts(String hidden, int ipDim, int n) {
        NativeThreads.configure();
        int d = 40, k = 5;     // n = 1: a validation set of one row
        float[] v = withDeadColumns(n, d, 12, 6, 4);
        INDArray rows = Nd4j.create(v, new long[] {n, d}, 'c');
        ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, TrainingConfig.parseHidden(hidden, k), ipDim,
                Nd4j.getRandomFactory().getNewRandomInstance(9));
        ParameterLayout layout = model.layout();
        float[][] grads = new float[2][];
        double[] loss = new double[2];
        for (int on = 0; on < 2; on++) {
            try (TrainingStep step = new TrainingStep(model, n, 0.0).liveColumns(on == 1)) {
                INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
                long before = LiveColumns.COMPACTED.sum();
                step.load(rows);
                assertEquals(on == 1, LiveColumns.COMPACTED.sum() > before, "compacted only when asked");
                step.prepare(0.8, 3L);
                loss[on] = step.run(grad, layout.views(grad));
                grads[on] = grad.toFloatVector();
            }
        }
        assertEquals(loss[0], loss[1], 1e-6 * loss[0]);
        float max = 0;
        for (float g : grads[0]) max = Math.max(max, Math.abs(g));
        assertTrue(max > 0);
        assertArrayEquals(grads[0], grads[1], 1e-5f * max);
    }

    @Test
    void theHelperThreadFindsTheSameLiveColumnsAsTheTrainingThread() {
        // 410 rows: 25 full minibatches of 16 and a partial one, each with its own live columns among the rare ones
        Dataset train = dataset(withDeadColumns(410, 60, 20, 20, 2), 410, 60);
        assertTrue(LiveColumns.pay(train, 16));
        TrainingConfig cfg = TrainerTest.shortRun().epochs(6).hidden("8").dropout(0.2).convergenceOff().build();
        long before = LiveColumns.COMPACTED.sum();
        SelectionResult alone = new Trainer(cfg).helperThread(false).train(train, null, null, null);
        assertTrue(LiveColumns.COMPACTED.sum() - before >= 6 * 26, "every minibatch compacted");
        SelectionResult helped = new Trainer(cfg).helperThread(true).train(train, null, null, null);
        assertArrayEquals(alone.model().parameters(), helped.model().parameters());
        assertArrayEquals(alone.probabilities(), helped.probabilities());
    }

    @Test
    void usedOnMnistButNotOnFashionMnistOrDenseTables() throws Exception {
        Dataset mnist = DatasetReader.read(Path.of("samples/mnist/train6000-images-idx3-ubyte.gz"), ReadOptions.defaults());
        Dataset fashion = DatasetReader.read(Path.of("samples/fashion-mnist/train6000-images-idx3-ubyte.gz"), ReadOptions.defaults());
        assertTrue(LiveColumns.pay(mnist, 256), "MNIST's borders are zero in most minibatches");
        assertFalse(LiveColumns.pay(fashion, 256), "Fashion-MNIST's minibatches have hardly a dead column");
        assertFalse(LiveColumns.pay(TrainerTest.synthetic(500, 1), 256));
    }
}
