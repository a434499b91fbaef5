package org.caeworkbench.core;

/**
 * The two float functions the selector needs millions of times a step, to float precision and several
 * times faster than {@link Math#log} and {@link Math#exp} (whose double-precision intrinsics dominated
 * the Gumbel noise and the softmax): the logarithm of a positive number and e^x for x at most 0. Their
 * accuracy is tested against Math.log and Math.exp over the ranges the selector uses (SelectorKernelsTest).
 */
final class FloatMath {
    private FloatMath() {}

    /**
     * The natural logarithm of a positive normal float, to float precision (absolute error below 2e-7
     * for x in [0.5, 2], relative error below 2e-7 elsewhere; tested against Math.log): x = 2^e m with m in
     * [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1) / (m + 1), by its series to s^9. About five times
     * faster than Math.log, whose double-precision intrinsic dominated the noise draw.
     */
    static float logPositive(float x) {
        int bits = Float.floatToRawIntBits(x);
        int e = (bits - 0x3F3504F3) >> 23;              // exponent after moving m into [sqrt(1/2), sqrt(2))
        float m = Float.intBitsToFloat(bits - (e << 23));
        float f = m - 1f;
        float s = f / (2f + f);
        float s2 = s * s;
        float lg = s * (2f + s2 * (0.6666666666f + s2 * (0.4f + s2 * (0.2857142857f + s2 * 0.2222222222f))));
        return e * 0.693147182f + lg;
    }

    /**
     * e^x for x <= 0 to float precision (relative error about 1e-6 at worst), several times faster than
     * Math.exp here: x = i ln 2 + r with i whole and r in [0, ln 2) (ln 2 split in two parts so r keeps
     * its precision), 2^i from the exponent bits and e^r from its Taylor polynomial of degree 8. Below -87
     * (where float underflows) it returns 0; NaN stays NaN.
     */
    static float expNonPositive(float x) {
        if (x < -87f) return 0f;
        float t = x * 1.44269504f;
        int i = (int) t;
        if (t < i) i--;
        float u = x - i * 0.693145752f - i * 1.42860677e-6f;
        float p = 1f + u * (1f + u * (0.5f + u * (0.16666667f + u * (0.041666668f + u * (0.008333334f
                + u * (0.0013888889f + u * (1.9841270e-4f + u * 2.4801587e-5f)))))));
        return Float.intBitsToFloat((i + 127) << 23) * p;
    }
}
