package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The concrete selector layer, the encoder of a Concrete Autoencoder (paper section 3), in the paper's
 * terms. Its parameters are k x d logits, read as log alpha: row i holds log alpha_i1 .. log alpha_id,
 * selector i's preference over the d features. The project's docs call the logits L.
 *
 * <p>Training (one sample per minibatch, shared by its rows, as in the reference code):
 * <pre>
 *   U ~ Uniform[1e-7, 1)                                    k x d, {@link #drawUniform}
 *   g = -log(-log U)                                        Gumbel(0, 1) noise G, {@link #gumbelFromUniform}
 *   m_ij = exp((log alpha_ij + g_ij) / T) / sum_l exp((log alpha_il + g_il) / T)
 *                                                           the Concrete sample S = softmax((L + G) / T), {@link #sampleRow}
 *   Z = X S^T                                               b x k: each selector's soft choice of a feature
 * </pre>
 * The backward pass of the sample is {@link #sampleBackwardRows}. The temperature T is annealed over the
 * run; as T falls, each row of S approaches a one-hot vector.
 *
 * <p>Inference: selector i takes argmax_j log alpha_ij ({@link #selectedIndices}) and Z = X[:, indices].
 * The convergence monitor is the mean over selectors of max_j softmax(log alpha_i)_j, without noise or
 * temperature ({@link #meanMaxProbability}). {@link #selectAndMonitor} computes both in one host pass.
 *
 * <p>The host loops use {@link FloatMath}'s float logarithm and exponential. The run of the noise
 * draw and the sample across two threads is {@link SelectorPipeline}'s business.
 */
final class ConcreteSelector {
    private ConcreteSelector() {}

    /**
     * The smallest uniform value: U is drawn on the 2^-24 grid of [0, 1) and raised to this floor, the
     * range [1e-7, 1) of the reference implementation's float32 draw, so -log(-log U) stays finite
     * (between -2.78 and 16.6).
     */
    static final float MIN_UNIFORM = 1e-7f;

    /**
     * Gumbel noise for one selector row, g_j = -log(-log U_j), into g[off, off + d): a pure function of
     * {@code rowKey} ({@link CounterRandom}). Two simple passes (the uniforms, then the logarithms) rather
     * than one, which the JIT compiles to tighter loops.
     */
    static void drawGumbel(long rowKey, float[] g, int off, int d) {
        drawUniform(rowKey, g, off, d);
        gumbelFromUniform(g, off, d);
    }

    /** U_j ~ Uniform[1e-7, 1) into u[off, off + d): two 24-bit draws from each 64 random bits of {@code rowKey}'s stream. */
    static void drawUniform(long rowKey, float[] u, int off, int d) {
        int end = off + d;
        long i = 0;
        int j = off;
        for (; j + 1 < end; j += 2) {
            long h = CounterRandom.bits(rowKey, i++);
            u[j] = Math.max((int) (h >>> 40) * 0x1.0p-24f, MIN_UNIFORM);
            u[j + 1] = Math.max(((int) h >>> 8) * 0x1.0p-24f, MIN_UNIFORM);
        }
        if (j < end) u[j] = Math.max((int) (CounterRandom.bits(rowKey, i) >>> 40) * 0x1.0p-24f, MIN_UNIFORM);
    }

    /** In place, U -> G = -log(-log U) on a[off, off + d), one logarithm per pass. */
    static void gumbelFromUniform(float[] a, int off, int d) {
        int end = off + d;
        for (int j = off; j < end; j++) a[j] = -FloatMath.logPositive(a[j]);    // -log U > 0
        for (int j = off; j < end; j++) a[j] = -FloatMath.logPositive(a[j]);    // -log(-log U)
    }

    /** {@link #sampleRow} for all k rows of k x d row-major arrays: S = softmax((log alpha + G) / T). */
    static void sampleRows(float[] logAlpha, float[] gumbel, float invT, float[] sample, int k, int d) {
        for (int r = 0; r < k; r++) sampleRow(logAlpha, r * d, gumbel, r * d, invT, sample, r * d, d);
    }

    /**
     * One selector's Concrete sample, the paper's
     * <pre>
     *   m_j = exp((log alpha_j + g_j) / T) / sum_l exp((log alpha_l + g_l) / T),   j = 1 .. d
     * </pre>
     * with log alpha_j = logAlpha[ao + j], g_j = gumbel[go + j] and 1/T = invT, into sample[so + j]. The
     * exponent's largest value is subtracted first (the result is the same, and exp cannot overflow). One
     * fused loop instead of the axpy, scale and softmax native ops, whose call overhead exceeded their
     * arithmetic at these sizes.
     */
    static void sampleRow(float[] logAlpha, int ao, float[] gumbel, int go, float invT, float[] sample, int so, int d) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < d; j++) {
            float v = (logAlpha[ao + j] + gumbel[go + j]) * invT;
            sample[so + j] = v;
            if (v > max) max = v;
        }
        float sum = 0;
        for (int j = so; j < so + d; j++) {
            float e = FloatMath.expNonPositive(sample[j] - max);
            sample[j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j = so; j < so + d; j++) sample[j] *= inv;
    }

    /**
     * {@link #sampleRow} with a mask: only the columns in {@code open} (ascending) take part, every other entry
     * of the row gets probability exactly 0, the softmax over the open columns alone (excluded and kept
     * features, docs/panels.md). {@link #sampleBackwardRows} needs no change: it multiplies by the sample, so a
     * masked entry's gradient is exactly 0 too. {@code g} is indexed like the logits' row (all d columns).
     */
    static void sampleRowMasked(float[] logAlpha, int ao, float[] gumbel, int go, float invT, float[] sample, int so, int d, int[] open) {
        java.util.Arrays.fill(sample, so, so + d, 0f);
        float max = Float.NEGATIVE_INFINITY;
        for (int j : open) {
            float v = (logAlpha[ao + j] + gumbel[go + j]) * invT;
            sample[so + j] = v;
            if (v > max) max = v;
        }
        float sum = 0;
        for (int j : open) {
            float e = FloatMath.expNonPositive(sample[so + j] - max);
            sample[so + j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j : open) sample[so + j] *= inv;
    }

    /** {@link #sampleRow} or, with a mask ({@code open} not null), {@link #sampleRowMasked}. */
    static void sampleRow(float[] logAlpha, int ao, float[] gumbel, int go, float invT, float[] sample, int so, int d, int[] open) {
        if (open == null) sampleRow(logAlpha, ao, gumbel, go, invT, sample, so, d);
        else sampleRowMasked(logAlpha, ao, gumbel, go, invT, sample, so, d, open);
    }

    /**
     * The backward pass of the sample, row by row, for k x d row-major arrays. On entry {@code grad}
     * holds dLoss/dm divided by T (the caller folds 1/T into the multiply that forms it); on return it
     * holds dLoss/d(log alpha), the softmax Jacobian applied:
     * <pre>
     *   dLoss/d(log alpha_j) = m_j (dLoss/dm_j - sum_l m_l dLoss/dm_l) / T
     * </pre>
     * ({@code sample} is the m of the forward pass). The noise g is a constant of the step.
     */
    static void sampleBackwardRows(float[] grad, float[] sample, int k, int d) {
        for (int r = 0; r < k; r++) {
            int o = r * d;
            float dot = 0;
            for (int j = o; j < o + d; j++) dot += grad[j] * sample[j];
            for (int j = o; j < o + d; j++) grad[j] = sample[j] * (grad[j] - dot);
        }
    }

    /**
     * The selection and the convergence monitor in one pass over host logits (k x d row-major, from offset
     * 0 of {@code logAlpha}): each selector's argmax_j log alpha_ij into {@code selected}, softmax(log alpha)
     * row-wise into {@code probs} when it is not null, and the return value: the mean over selectors of the
     * largest probability (the largest entry of a softmax row is 1 / sum_j exp(log alpha_j - max log alpha)).
     * Replaces four native calls (copy, softmax, row max and mean, argmax) that took ~1-2.5 ms at each
     * epoch end for 50 x 784.
     */
    static double selectAndMonitor(float[] logAlpha, int k, int d, int[] selected, float[] probs) {
        double meanMax = 0;
        for (int r = 0; r < k; r++) {
            int o = r * d;
            float max = Float.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < d; j++) {
                float v = logAlpha[o + j];
                if (v > max) {
                    max = v;
                    arg = j;
                }
            }
            selected[r] = arg;
            float sum = 0;
            if (probs == null) {
                for (int j = o; j < o + d; j++) sum += FloatMath.expNonPositive(logAlpha[j] - max);
            } else {
                for (int j = o; j < o + d; j++) sum += probs[j] = FloatMath.expNonPositive(logAlpha[j] - max);
                float inv = 1f / sum;
                for (int j = o; j < o + d; j++) probs[j] *= inv;
            }
            meanMax += 1.0 / sum;
        }
        return meanMax / k;
    }

    /**
     * {@link #selectAndMonitor} over the columns in {@code open} only (null: all, the unmasked loop): the argmax
     * among them, probabilities exactly 0 elsewhere, and the mean-max of the softmax over the open columns.
     */
    static double selectAndMonitor(float[] logAlpha, int k, int d, int[] open, int[] selected, float[] probs) {
        if (open == null) return selectAndMonitor(logAlpha, k, d, selected, probs);
        double meanMax = 0;
        for (int r = 0; r < k; r++) {
            int o = r * d;
            float max = Float.NEGATIVE_INFINITY;
            int arg = open[0];
            for (int j : open) {
                float v = logAlpha[o + j];
                if (v > max) {
                    max = v;
                    arg = j;
                }
            }
            selected[r] = arg;
            float sum = 0;
            if (probs == null) {
                for (int j : open) sum += FloatMath.expNonPositive(logAlpha[o + j] - max);
            } else {
                java.util.Arrays.fill(probs, o, o + d, 0f);
                for (int j : open) sum += probs[o + j] = FloatMath.expNonPositive(logAlpha[o + j] - max);
                float inv = 1f / sum;
                for (int j : open) probs[o + j] *= inv;
            }
            meanMax += 1.0 / sum;
        }
        return meanMax / k;
    }

    /** softmax(log alpha) row-wise, without noise or temperature: each selector's current choice probabilities. */
    static INDArray probabilities(INDArray logAlpha) {
        INDArray p = logAlpha.dup('c');
        Nd4j.exec(new SoftMax(p, p, 1));
        return p;
    }

    /** The selection: argmax_j log alpha_ij for each selector i. */
    static int[] selectedIndices(INDArray logAlpha) {
        return Nd4j.argMax(logAlpha, 1).toIntVector();
    }

    /** The paper's convergence monitor: the mean over selectors of the largest probability. */
    static double meanMaxProbability(INDArray probabilities) {
        return probabilities.max(1).meanNumber().doubleValue();
    }
}
