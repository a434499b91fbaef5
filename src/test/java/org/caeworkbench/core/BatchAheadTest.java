package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static float[] read(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.dup().data().asFloat();
    }

    /** The slot the training thread took for {@code step}, after checking both of its buffers hold {@code expected}. */
    private static void assertTaken(BatchAhead ahead, long step, float[] expected, String what) {
        int slot = ahead.take(step);
        assertTrue(slot >= 0, "step " + step + " taken from the helper");
        assertArrayEquals(expected, read(ahead.x(slot)), what);
        assertArrayEquals(expected, read(ahead.out(slot)), what + ": the output buffer's copy");
    }

    @Test
    void theTrainingThreadTakesOnlyRowsFinishedForItsStep() {
        BatchAhead ahead = new BatchAhead(data, ((org.caeworkbench.data.DenseMatrix) data.matrix()).array(), 4, true);
        ahead.epoch(order, 10);                       // steps 10 to 13: rows 0-3, 4-7, 8-11, 12-15

        ahead.drawAhead(11, () -> true);              // the helper, during step 10
        assertTaken(ahead, 11, rows(4, 4), "step 11's rows, in the epoch's order");

        assertFalse(ahead.take(12) >= 0, "not gathered ahead: the training thread gathers step 12 itself");
        ahead.drawAhead(12, () -> true);              // a helper that comes late writes, but its rows are never taken
        assertFalse(ahead.take(12) >= 0);

        ahead.drawAhead(13, () -> false);             // the training thread moved on while the helper copied: abandoned
        assertFalse(ahead.take(13) >= 0);
        ahead.drawAhead(13, () -> true);              // and a slot once claimed for a step is not copied again for it
        assertFalse(ahead.take(13) >= 0);

        ahead.drawAhead(9, () -> true);               // before the epoch's first step, or after its last full one: nothing
        assertFalse(ahead.take(9) >= 0);
        ahead.drawAhead(14, () -> true);
        assertFalse(ahead.take(14) >= 0);

        ahead.epoch(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 20);
        ahead.drawAhead(21, () -> true);
        float[] expected = new float[4 * 7];
        for (int i = 0; i < 4; i++) data.copyRow(5 + i, expected, i * 7);
        assertTaken(ahead, 21, expected, "the new epoch's order");

        ahead.epoch(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 30);
        ahead.close();                                // after the try: the slots are freed and nothing is copied any more
        ahead.drawAhead(31, () -> true);
        assertFalse(ahead.take(31) >= 0);
    }
}
