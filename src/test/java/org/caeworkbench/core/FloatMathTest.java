package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link FloatMath} against {@link Math#log} and {@link Math#exp} over the ranges the selector uses. */
class FloatMathTest {

    @Test
    void expMatchesMathExpToFloatPrecision() {
        double worst = 0;
        for (int i = 0; i <= 870_000; i++) {
            float x = -i / 10_000f;
            double want = Math.exp(x);
            worst = Math.max(worst, Math.abs(FloatMath.expNonPositive(x) - want) / want);
        }
        // next to 0, where the softmax's largest entry lands
        for (float x = -1e-3f; x < 0; x = Math.nextUp(x) + 1e-9f) {
            worst = Math.max(worst, Math.abs(FloatMath.expNonPositive(x) - Math.exp(x)) / Math.exp(x));
        }
        assertTrue(worst < 2e-6, "worst relative error " + worst);
        assertEquals(1f, FloatMath.expNonPositive(0f));
        assertEquals(0f, FloatMath.expNonPositive(-100f));
        assertTrue(Float.isNaN(FloatMath.expNonPositive(Float.NaN)), "NaN must not be hidden");
    }

    @Test
    void logMatchesMathLogToFloatPrecision() {
        java.util.Random r = new java.util.Random(5);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float x = (float) Math.exp(r.nextDouble() * 80 - 40);     // e^-40 .. e^40
            double want = Math.log(x);
            worst = Math.max(worst, Math.abs(FloatMath.logPositive(x) - want) / Math.max(1, Math.abs(want)));
        }
        assertTrue(worst < 3e-7, "worst error " + worst);
        // the ends of the noise's range: U near 1 (where -log U is tiny) and the smallest U
        float nearOne = 1 - 0x1.0p-24f;
        assertEquals(-Math.log(nearOne), -FloatMath.logPositive(nearOne), 1e-7 * 6e-8);
        assertEquals(Math.log(ConcreteSelector.MIN_UNIFORM), FloatMath.logPositive(ConcreteSelector.MIN_UNIFORM), 2e-6);
    }

    @Test
    void logIsAccurateOnEveryUniformTheNoiseDraws() {
        // U takes the values i 2^-24 (i = 1 .. 2^24 - 1), floored at 1e-7: log U, and log(-log U) of each
        double worstU = 0, worstG = 0;
        for (int i = 1; i < 1 << 24; i++) {
            float u = Math.max(i * 0x1.0p-24f, ConcreteSelector.MIN_UNIFORM);
            float minusLogU = -FloatMath.logPositive(u);
            worstU = Math.max(worstU, Math.abs(-minusLogU - Math.log(u)) / Math.max(1, Math.abs(Math.log(u))));
            double want = Math.log(minusLogU);
            worstG = Math.max(worstG, Math.abs(FloatMath.logPositive(minusLogU) - want) / Math.max(1, Math.abs(want)));
        }
        assertTrue(worstU < 3e-7, "log U: worst error " + worstU);
        assertTrue(worstG < 3e-7, "log(-log U): worst error " + worstG);
    }
}
