package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The selector pipeline gives the same bits whichever thread computes a row: rows the helper finished,
 * a row it is still computing (taken over by the training thread, the helper's result discarded), and
 * rows the training thread computes alone. The helper is held at chosen points with latches, so each
 * path is taken on purpose rather than by the luck of the scheduler.
 */
class SelectorPipelineTest {
    private static final int K = 6, D = 301;
    private static final long SEED = 99;

    private static float[] logits(long step) {
        java.util.Random r = new java.util.Random(step);
        float[] l = new float[K * D];
        for (int i = 0; i < l.length; i++) l[i] = (float) (3 * r.nextGaussian());
        return l;
    }

    /** S of a step from a pipeline without a helper: the reference. */
    private static float[] reference(long step, float invT) {
        try (SelectorPipeline alone = new SelectorPipeline(K, D, SEED, false)) {
            float[] s = new float[K * D];
            alone.announce(step, logits(step), invT);
            alone.forward(s);
            return s;
        }
    }

    @Test
    void doneRowsTakenOverRowsAndOwnRowsGiveTheSameBits() throws Exception {
        try (SelectorPipeline p = new SelectorPipeline(K, D, SEED, true)) {
            // the hook runs before each row the helper computes: on the third row of step 0, rows K-1 and
            // K-2 are done; hold the helper there, inside its claim on row K-3
            HelperHold twoRowsDone = new HelperHold(3);
            p.helperRowHook = twoRowsDone;
            float invT = 1 / 0.7f;
            float[] s = new float[K * D];
            try {
                p.announce(0, logits(0), invT);
                assertTrue(twoRowsDone.awaitHeld(), "the helper never started");
                p.forward(s);      // copies K-1, K-2; takes over K-3 from the held helper; computes the rest
                assertArrayEquals(reference(0, invT), s);
            } finally {
                twoRowsDone.release();
            }

            // later steps, with the helper free again (and possibly behind): still the same bits
            p.helperRowHook = null;
            for (long step = 1; step < 40; step++) {
                float t = 1 / (0.05f + step / 10f);
                p.announce(step, logits(step), t);
                p.forward(s);
                assertArrayEquals(reference(step, t), s, "step " + step);
            }
        }
    }

    @Test
    void aHelperThatNeverRunsCostsNothingButTime() throws Exception {
        try (SelectorPipeline p = new SelectorPipeline(K, D, SEED, true)) {
            HelperHold held = new HelperHold(1);
            p.helperRowHook = held;
            float[] s = new float[K * D];
            try {
                p.announce(0, logits(0), 2f);
                assertTrue(held.awaitHeld());
                // the helper is stuck inside its first row for all of these steps: the training thread never waits
                for (long step = 0; step < 5; step++) {
                    if (step > 0) p.announce(step, logits(step), 2f);
                    p.forward(s);
                    assertArrayEquals(reference(step, 2f), s, "step " + step);
                }
            } finally {
                held.release();
            }
        }
    }
}
