package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A mask drawn a step ahead is the mask the training thread would draw itself. */
class DropoutMasksTest {

    @Test
    void aMaskDrawnAheadEqualsTheOneDrawnInTheStep() {
        int[] widths = {6, 5};
        int rows = 8;
        DropoutMasks ahead = new DropoutMasks(21, 0.3).drawAhead(widths, rows);
        DropoutMasks inStep = new DropoutMasks(21, 0.3);
        ahead.drawAhead(4, () -> true);
        for (int l = 0; l < widths.length; l++) {
            float[] want = new float[rows * widths[l]];
            inStep.fill(4, l, want, rows, widths[l]);
            float[] got = new float[rows * widths[l]];
            ahead.fill(4, l, got, rows, widths[l]);
            assertArrayEquals(want, got, "layer " + l);
            // a partial batch takes the first rows of the same masks
            float[] part = new float[3 * widths[l]];
            ahead.fill(4, l, part, 3, widths[l]);
            assertArrayEquals(java.util.Arrays.copyOf(want, part.length), part);
            // entries are 0 or 1 / (1 - rate)
            for (float v : want) assertTrue(v == 0f || v == (float) (1 / 0.7), "mask value " + v);
        }
        // a step not drawn ahead (here the next one) is drawn in the step, to the same values
        float[] next = new float[rows * widths[0]];
        ahead.fill(5, 0, next, rows, widths[0]);
        float[] want = new float[rows * widths[0]];
        DropoutMasks.draw(21, 5, 0, 0.3, want, rows, widths[0]);
        assertArrayEquals(want, next);
        // stopped early (the training thread moved on): nothing drawn, the step draws its own
        ahead.drawAhead(6, () -> false);
        float[] stopped = new float[rows * widths[1]];
        ahead.fill(6, 1, stopped, rows, widths[1]);
        DropoutMasks.draw(21, 6, 1, 0.3, want = new float[rows * widths[1]], rows, widths[1]);
        assertArrayEquals(want, stopped);
        assertEquals(rows * widths[1], stopped.length);
    }
}
