package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The selector against the paper's formulas written out naively in double precision: for logits
 * L = log α, uniform noise U and temperature T, the Gumbel noise G = −log(−log U) and the concrete
 * sample S_ij = exp((L_ij + G_ij)/T) / Σ_m exp((L_im + G_im)/T); and the gradient of a loss through S
 * with respect to L.
 */
class ConcreteFormulaTest {
    private static final int K = 3;
    private static final int D = 11;

    /** The uniform draw of gumbelRow, as its contract states: 24-bit uniforms from the row's counter stream, floored at 1e-7. */
    private static double[] uniforms(long rowKey, int d) {
        double[] u = new double[d];
        long i = 0;
        int j = 0;
        for (; j + 1 < d; j += 2) {
            long h = CounterRandom.bits(rowKey, i++);
            u[j] = Math.max((h >>> 40) * 0x1.0p-24, ConcreteSelector.MIN_UNIFORM);
            u[j + 1] = Math.max(((int) h >>> 8) * 0x1.0p-24, ConcreteSelector.MIN_UNIFORM);
        }
        if (j < d) u[j] = Math.max((CounterRandom.bits(rowKey, i) >>> 40) * 0x1.0p-24, ConcreteSelector.MIN_UNIFORM);
        return u;
    }

    /** softmax((L + G) / T) of one row, in double precision (shifted by its largest term, which leaves it unchanged, so that exp cannot overflow). */
    private static double[] naiveSample(double[] l, double[] g, double t) {
        double[] s = new double[l.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < l.length; j++) max = Math.max(max, (l[j] + g[j]) / t);
        double sum = 0;
        for (int j = 0; j < l.length; j++) sum += s[j] = Math.exp((l[j] + g[j]) / t - max);
        for (int j = 0; j < l.length; j++) s[j] /= sum;
        return s;
    }

    @Test
    void gumbelNoiseIsMinusLogMinusLogU() {
        float[] g = new float[D];
        for (long key : new long[] {1, 42, 987654321L}) {
            ConcreteSelector.gumbelRow(key, g, 0, D);
            double[] u = uniforms(key, D);
            for (int j = 0; j < D; j++) assertEquals(-Math.log(-Math.log(u[j])), g[j], 2e-5 * Math.max(1, Math.abs(g[j])), "key " + key + ", j " + j);
        }
    }

    @Test
    void theSampleIsTheSoftmaxOfLogitsPlusNoiseOverTemperature() {
        Random r = new Random(5);
        float[] logits = new float[K * D];
        float[] noise = new float[K * D];
        for (int i = 0; i < K * D; i++) logits[i] = (float) (r.nextGaussian() * 2);
        for (int row = 0; row < K; row++) ConcreteSelector.gumbelRow(100 + row, noise, row * D, D);
        for (double t : new double[] {10, 1, 0.1, 0.01}) {
            float[] s = new float[K * D];
            ConcreteSelector.softmaxRows(logits, noise, (float) (1 / t), s, K, D);
            for (int row = 0; row < K; row++) {
                double[] l = new double[D];
                double[] g = new double[D];
                for (int j = 0; j < D; j++) {
                    l[j] = logits[row * D + j];
                    g[j] = noise[row * D + j];
                }
                double[] want = naiveSample(l, g, t);
                double total = 0;
                for (int j = 0; j < D; j++) {
                    assertEquals(want[j], s[row * D + j], 1e-5 + 1e-4 * want[j], "T " + t + ", selector " + row + ", feature " + j);
                    total += s[row * D + j];
                }
                assertEquals(1, total, 1e-5, "a distribution over the features");
            }
        }
        // at a low temperature the sample is nearly one-hot on argmax(L + G)
        float[] s = new float[K * D];
        ConcreteSelector.softmaxRows(logits, noise, 1000f, s, K, D);
        for (int row = 0; row < K; row++) {
            int best = 0;
            for (int j = 1; j < D; j++) if (logits[row * D + j] + noise[row * D + j] > logits[row * D + best] + noise[row * D + best]) best = j;
            assertTrue(s[row * D + best] > 0.99, "selector " + row + " puts its mass on " + best);
        }
    }

    @Test
    void theGradientWithRespectToTheLogitsIsTheSoftmaxJacobian() {
        Random r = new Random(9);
        double t = 0.7;
        double[] l = new double[D];
        double[] g = new double[D];
        double[] w = new double[D];     // the loss Σ_j w_j S_j: its gradient in S is w
        for (int j = 0; j < D; j++) {
            l[j] = r.nextGaussian();
            g[j] = r.nextGaussian();
            w[j] = r.nextGaussian();
        }
        double[] s = naiveSample(l, g, t);
        // the engine takes dS / T and the sample, and returns dLoss / dL
        float[] grad = new float[D];
        float[] sf = new float[D];
        for (int j = 0; j < D; j++) {
            grad[j] = (float) (w[j] / t);
            sf[j] = (float) s[j];
        }
        ConcreteSelector.softmaxBackwardRows(grad, sf, 1, D);
        for (int j = 0; j < D; j++) {
            double h = 1e-6;
            double[] up = l.clone();
            double[] down = l.clone();
            up[j] += h;
            down[j] -= h;
            double fUp = 0;
            double fDown = 0;
            double[] su = naiveSample(up, g, t);
            double[] sd = naiveSample(down, g, t);
            for (int m = 0; m < D; m++) {
                fUp += w[m] * su[m];
                fDown += w[m] * sd[m];
            }
            double want = (fUp - fDown) / (2 * h);
            assertEquals(want, grad[j], 1e-5 + 1e-4 * Math.abs(want), "dLoss/dL_" + j);
        }
    }
}
