package org.caeworkbench.core;

/**
 * Float logarithm and exponential for the selector's per-element loops, where {@link Math#log} and
 * {@link Math#exp} (double-precision intrinsics) cost more than the rest of the arithmetic. Both are
 * accurate to float precision over the ranges the selector uses; {@code FloatMathTest} holds them to
 * {@code Math} there:
 * <ul>
 *   <li>{@link #logPositive}: the Gumbel draw takes log U for U in [1e-7, 1) and then log(-log U) for
 *       -log U in [6e-8, 16.2]. Error against Math.log: below 2e-7 absolute for x in [0.5, 2] (where
 *       log x is near 0) and below 2e-7 relative elsewhere (the test's bound: 3e-7 of max(1, |log x|)
 *       over e^-40 .. e^40).</li>
 *   <li>{@link #expNonPositive}: the softmax and the monitor take exp(v - max v) &lt;= 0, from 0 down
 *       to where float underflows (-87). Relative error below 2e-6 against Math.exp there.</li>
 * </ul>
 */
final class FloatMath {
    private FloatMath() {}

    /**
     * The natural logarithm of a positive normal float (not 0, a subnormal, infinity or NaN): x = 2^e m
     * with m in [sqrt(1/2), sqrt(2)), log x = e ln 2 + log m, log m = 2 atanh(s) with s = (m - 1) / (m + 1),
     * by its series to s^9. About five times faster than Math.log.
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
     * e^x for x &lt;= 0, several times faster than Math.exp: x = i ln 2 + r with i the nearest whole number
     * to x / ln 2 and |r| &lt;= ln 2 / 2 (ln 2 split in two parts so r keeps its precision), 2^i from the
     * exponent bits and e^r from its Taylor polynomial of degree 6 (truncation below 1.3e-7 there). i is
     * rounded by adding 1.5 * 2^23, which leaves it in the low mantissa bits: no float-to-int conversion
     * (whose out-of-range check and the floor's correction were branches in the hot loop; measured 30% less
     * time for a softmax row). Below -87 (where float underflows) it returns 0; NaN stays NaN.
     */
    static float expNonPositive(float x) {
        float xc = Math.max(x, -87f);                       // NaN stays NaN
        float t = xc * 1.44269504f;
        float rounded = t + ROUND;
        int i = Float.floatToRawIntBits(rounded) - ROUND_BITS; // nearest whole number to t, in [-126, 0]
        rounded -= ROUND;
        float u = xc - rounded * 0.693145752f - rounded * 1.42860677e-6f;
        float p = 1f + u * (1f + u * (0.5f + u * (0.16666667f + u * (0.041666668f + u * (0.008333334f + u * 0.0013888889f)))));
        float e = Float.intBitsToFloat((i + 127) << 23) * p;
        return x < -87f ? 0f : e;
    }

    /** 1.5 * 2^23: added to a float of magnitude below 2^22, it rounds it to a whole number held in the low mantissa bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
}
