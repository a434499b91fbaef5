package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** The helper's gathering of the next minibatch: used only when finished for that very step, never waited for. */
class BatchAheadTest {
    private final Dataset data = Benchmark.randomData(50, 7, 3);
    private final int[] order = {9, 3, 41, 0, 17, 22, 5, 48, 30, 11, 2, 44, 6, 7, 8, 12};

    private float[] rows(int start, int batch) {
        float[] expected = new float[batch * 7];
        for (int i = 0; i < batch; i++) data.copyRow(order[start + i], expected, i * 7);
        return expected;
    }

    private static float[] read(FloatBuffer b) {
        float[] a = new float[b.capacity()];
        b.get(0, a);
        return a;
    }

    @Test
    void theTrainingThreadTakesOnlyRowsFinishedForItsStep() {
        BatchAhead ahead = new BatchAhead(data, ((org.caeworkbench.data.DenseMatrix) data.matrix()).array(), 4);
        ahead.epoch(order, 10);                       // steps 10 to 13: rows 0-3, 4-7, 8-11, 12-15
        FloatBuffer x = FloatBuffer.allocate(4 * 7);

        ahead.drawAhead(11, () -> true);              // the helper, during step 10
        assertTrue(ahead.take(11, x));
        assertArrayEquals(rows(4, 4), read(x), "step 11's rows, in the epoch's order");

        assertFalse(ahead.take(12, x), "not gathered ahead: the training thread gathers step 12 itself");
        ahead.drawAhead(12, () -> true);              // a helper that comes late writes, but its rows are never taken
        assertFalse(ahead.take(12, x));

        ahead.drawAhead(13, () -> false);             // the training thread moved on while the helper copied: abandoned
        assertFalse(ahead.take(13, x));
        ahead.drawAhead(13, () -> true);              // and a slot once claimed for a step is not copied again for it
        assertFalse(ahead.take(13, x));

        ahead.drawAhead(9, () -> true);               // before the epoch's first step, or after its last full one: nothing
        assertFalse(ahead.take(9, x));
        ahead.drawAhead(14, () -> true);
        assertFalse(ahead.take(14, x));

        ahead.epoch(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 20);
        ahead.drawAhead(21, () -> true);
        assertTrue(ahead.take(21, x));
        float[] expected = new float[4 * 7];
        for (int i = 0; i < 4; i++) data.copyRow(5 + i, expected, i * 7);
        assertArrayEquals(expected, read(x), "the new epoch's order");
    }
}
