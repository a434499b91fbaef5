package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** Adam's update with the decoder's part deferred to finish(): the same bits as one whole step, written only at finish. */
class AdamTest {
    private static final int N = 1000, SPLIT = 300;

    private static INDArray params(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, 1, N);
    }

    @Test
    void theDeferredPartIsWrittenAtFinishWithTheBitsOfAWholeStep() {
        INDArray wholeParams = params(5), splitParams = params(5);
        INDArray wholeGrad = Nd4j.create(DataType.FLOAT, 1, N), splitGrad = Nd4j.create(DataType.FLOAT, 1, N);
        // the selector's rate ends inside the first part, so both rates are used on both sides of the split
        Adam whole = new Adam(0.01, wholeParams, wholeGrad).selectorRate(200, 0.003);
        Adam split = new Adam(0.01, splitParams, splitGrad).selectorRate(200, 0.003).deferFrom(SPLIT);
        for (int step = 0; step < 4; step++) {
            INDArray g = params(100 + step).subi(0.5);
            wholeGrad.assign(g);
            splitGrad.assign(g);
            float[] before = splitParams.data().asFloat();
            whole.step();
            split.step();
            float[] now = splitParams.data().asFloat();
            float[] expected = wholeParams.data().asFloat();
            assertArrayEquals(Arrays.copyOf(expected, SPLIT), Arrays.copyOf(now, SPLIT), "the selector's part at step()");
            assertArrayEquals(Arrays.copyOfRange(before, SPLIT, N), Arrays.copyOfRange(now, SPLIT, N), "the rest waits for finish()");
            assertNotEquals(expected[SPLIT], now[SPLIT]);
            split.finish();
            split.finish();     // a second finish does nothing
            assertArrayEquals(expected, splitParams.data().asFloat(), "after finish(), step " + step);
            assertArrayEquals(whole.firstMoment(), split.firstMoment());
            assertArrayEquals(whole.secondMoment(), split.secondMoment());
        }
        assertEquals(4, split.steps());
    }

    @Test
    void aStepFinishesTheOneBefore() {
        INDArray wholeParams = params(6), splitParams = params(6);
        INDArray wholeGrad = params(7), splitGrad = params(7);
        Adam whole = new Adam(0.01, wholeParams, wholeGrad);
        Adam split = new Adam(0.01, splitParams, splitGrad).deferFrom(SPLIT);
        whole.step();
        split.step();
        whole.step();
        split.step();     // the first step's deferred part is made first, from the same gradient
        split.finish();
        assertArrayEquals(wholeParams.data().asFloat(), splitParams.data().asFloat());
    }
}
