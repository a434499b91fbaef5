package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The concrete selector layer (the encoder of a Concrete Autoencoder, paper section 3).
 * Logits L (k x d) are log alpha. In training, for a minibatch X (b x d):
 * <pre>
 *   G = -log(-log U),  U ~ Uniform[1e-7, 1)             one k x d draw per minibatch, shared by its rows
 *   S = softmax((L + G) / T)                           row-wise: selector i's distribution over features
 *   Z = X S^T                                          b x k: each selector's soft choice of a feature
 * </pre>
 * At inference each selector takes argmax_j L[i, j] and Z = X[:, indices].
 */
final class ConcreteSelector {
    /**
     * The smallest uniform value: U is drawn on the 2^-24 grid of [0, 1) and raised to this floor, the
     * range [1e-7, 1) of the reference implementation's float32 draw, so -log(-log U) stays finite
     * (between -2.78 and 16.6).
     */
    static final float MIN_UNIFORM = 1e-7f;

    /**
     * Writes d values of Gumbel noise G = -log(-log U), U ~ Uniform[1e-7, 1), into out[off, off + d): the
     * noise of one selector row, a pure function of {@code rowKey} ({@link CounterRandom}). Three simple
     * passes (uniforms, then each logarithm) rather than one, which the JIT compiles to tighter loops.
     */
    static void gumbelRow(long rowKey, float[] out, int off, int d) {
        int end = off + d;
        long i = 0;
        int j = off;
        for (; j + 1 < end; j += 2) {
            long h = CounterRandom.bits(rowKey, i++);
            out[j] = Math.max((int) (h >>> 40) * 0x1.0p-24f, MIN_UNIFORM);
            out[j + 1] = Math.max(((int) h >>> 8) * 0x1.0p-24f, MIN_UNIFORM);
        }
        if (j < end) out[j] = Math.max((int) (CounterRandom.bits(rowKey, i) >>> 40) * 0x1.0p-24f, MIN_UNIFORM);
        for (j = off; j < end; j++) out[j] = -logPositive(out[j]);    // -log U > 0
        for (j = off; j < end; j++) out[j] = -logPositive(out[j]);    // -log(-log U)
    }

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
     * The forward element-wise work on the host, fused into one pass per row: S = softmax((L + G) / T),
     * row-wise, for k x d row-major arrays. Does in one loop what the axpy, scale and softmax ops do in
     * three native calls, each of which costs more in call overhead than in arithmetic at these sizes.
     */
    static void softmaxRows(float[] logits, float[] noise, float invT, float[] s, int k, int d) {
        for (int r = 0; r < k; r++) softmaxRow(logits, r * d, noise, r * d, invT, s, r * d, d);
    }

    /** One row of {@link #softmaxRows}: s[so..so+d) = softmax((logits[lo..] + noise[no..]) * invT). */
    static void softmaxRow(float[] logits, int lo, float[] noise, int no, float invT, float[] s, int so, int d) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < d; j++) {
            float v = (logits[lo + j] + noise[no + j]) * invT;
            s[so + j] = v;
            if (v > max) max = v;
        }
        float sum = 0;
        for (int j = so; j < so + d; j++) {
            float e = expNonPositive(s[j] - max);
            s[j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j = so; j < so + d; j++) s[j] *= inv;
    }

    /**
     * The backward element-wise work on the host: given dS / T in {@code g} (k x d), overwrites it with
     * dL = S * (dS / T - rowsum(dS / T * S)), the softmax Jacobian applied row by row.
     */
    static void softmaxBackwardRows(float[] g, float[] s, int k, int d) {
        for (int r = 0; r < k; r++) {
            int o = r * d;
            float dot = 0;
            for (int j = o; j < o + d; j++) dot += g[j] * s[j];
            for (int j = o; j < o + d; j++) g[j] = s[j] * (g[j] - dot);
        }
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

    /**
     * The convergence monitor and the selection in one pass over host logits (k x d row-major, from
     * offset 0 of {@code logits}): each selector's argmax into {@code selected}, softmax(L) row-wise into
     * {@code probs} when it is not null, and the return value: the mean over selectors of the largest
     * probability (the largest entry of a softmax row is 1 / sum_j exp(L_j - max L)). Replaces four native
     * calls (copy, softmax, row max and mean, argmax) that took ~1-2.5 ms at each epoch end for 50 x 784.
     */
    static double summarize(float[] logits, int k, int d, int[] selected, float[] probs) {
        double meanMax = 0;
        for (int r = 0; r < k; r++) {
            int o = r * d;
            float max = Float.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < d; j++) {
                float v = logits[o + j];
                if (v > max) {
                    max = v;
                    arg = j;
                }
            }
            selected[r] = arg;
            float sum = 0;
            if (probs == null) {
                for (int j = o; j < o + d; j++) sum += expNonPositive(logits[j] - max);
            } else {
                for (int j = o; j < o + d; j++) sum += probs[j] = expNonPositive(logits[j] - max);
                float inv = 1f / sum;
                for (int j = o; j < o + d; j++) probs[j] *= inv;
            }
            meanMax += 1.0 / sum;
        }
        return meanMax / k;
    }

    /** softmax(L) row-wise, without noise or temperature: each selector's current choice probabilities. */
    static INDArray probabilities(INDArray logits) {
        INDArray p = logits.dup('c');
        Nd4j.exec(new SoftMax(p, p, 1));
        return p;
    }

    /** argmax_j L[i, j] for each selector i. */
    static int[] selectedIndices(INDArray logits) {
        return Nd4j.argMax(logits, 1).toIntVector();
    }

    /** Mean over selectors of the largest probability: the paper's convergence monitor. */
    static double meanMaxProbability(INDArray probabilities) {
        return probabilities.max(1).meanNumber().doubleValue();
    }
}
