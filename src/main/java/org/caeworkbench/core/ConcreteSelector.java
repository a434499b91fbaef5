package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The concrete selector layer (the encoder of a Concrete Autoencoder, paper section 3).
 * Logits L (k x d) are log alpha. In training, for a minibatch X (b x d):
 * <pre>
 *   G = -log(-log U),  U ~ Uniform(eps, 1 - eps)      one k x d draw per minibatch, shared by its rows
 *   S = softmax((L + G) / T)                           row-wise: selector i's distribution over features
 *   Z = X S^T                                          b x k: each selector's soft choice of a feature
 * </pre>
 * At inference each selector takes argmax_j L[i, j] and Z = X[:, indices].
 */
final class ConcreteSelector {
    /** Keeps U strictly inside (0, 1) in float32, where 1 - 1e-7 would round to 1 and give log(0). */
    static final double EPS = 1e-6;

    /** Writes one draw of the Gumbel noise G = -log(-log U), U ~ Uniform(EPS, 1 - EPS), into {@code g}. */
    static void sampleGumbel(INDArray g, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(g, EPS, 1 - EPS), rng);
        Transforms.log(g, false).negi();   // -log U > 0
        Transforms.log(g, false).negi();   // -log(-log U)
    }

    /**
     * The forward element-wise work on the host, fused into one pass per row: S = softmax((L + G) / T),
     * row-wise, for k x d row-major arrays. Does in one loop what the axpy, scale and softmax ops do in
     * three native calls, each of which costs more in call overhead than in arithmetic at these sizes.
     */
    static void softmaxRows(float[] logits, float[] noise, float invT, float[] s, int k, int d) {
        for (int r = 0; r < k; r++) {
            int o = r * d;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = o; j < o + d; j++) {
                float v = (logits[j] + noise[j]) * invT;
                s[j] = v;
                if (v > max) max = v;
            }
            float sum = 0;
            for (int j = o; j < o + d; j++) {
                float e = expNonPositive(s[j] - max);
                s[j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = o; j < o + d; j++) s[j] *= inv;
        }
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
