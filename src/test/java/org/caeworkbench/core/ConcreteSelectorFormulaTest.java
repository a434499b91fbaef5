package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The selector against the paper's formulas written out plainly, in double precision with straightforward
 * loops: G = -log(-log U), S = softmax((L + G) / T), i.e. m_j = exp((log alpha_j + g_j) / T) / sum_l
 * exp((log alpha_l + g_l) / T), and its gradient dS_il / dL_ij = S_il (delta_lj - S_ij) / T. Each check
 * also shows that a wrong temperature or a missing Gumbel term would be caught by its tolerance.
 */
class ConcreteSelectorFormulaTest {
    private static final int K = 5, D = 40;
    private static final double T = 0.6;

    private static float[] logits(long seed) {
        Random r = new Random(seed);
        float[] l = new float[K * D];
        for (int i = 0; i < l.length; i++) l[i] = (float) (2 * r.nextGaussian());
        return l;
    }

    /** The paper's sample, naively: no max subtracted, every value in double. */
    private static double[] naiveSample(float[] logits, float[] uniforms, double t, boolean withGumbel) {
        double[] s = new double[K * D];
        for (int i = 0; i < K; i++) {
            double sum = 0;
            for (int j = 0; j < D; j++) {
                double g = -Math.log(-Math.log(uniforms[i * D + j]));
                s[i * D + j] = Math.exp((logits[i * D + j] + (withGumbel ? g : 0)) / t);
                sum += s[i * D + j];
            }
            for (int j = 0; j < D; j++) s[i * D + j] /= sum;
        }
        return s;
    }

    /** The largest |a - b| / (1e-6 + |b|) over all entries. */
    private static double worst(float[] a, double[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / (1e-6 + Math.abs(b[i])));
        return w;
    }

    @Test
    void theSampleFromGivenUniformsIsSoftmaxOfLogitsPlusGumbelOverT() {
        float[] l = logits(3);
        Random r = new Random(8);
        float[] u = new float[K * D];
        for (int i = 0; i < u.length; i++) u[i] = Math.max((float) r.nextDouble(), ConcreteSelector.MIN_UNIFORM);
        u[0] = ConcreteSelector.MIN_UNIFORM;       // the ends of the uniforms' range
        u[1] = 1 - 0x1.0p-24f;

        float[] g = u.clone();
        ConcreteSelector.gumbelFromUniform(g, 0, g.length);
        for (int i = 0; i < g.length; i++) assertEquals(-Math.log(-Math.log(u[i])), g[i], 1e-5 * Math.max(1, Math.abs(g[i])), "G at " + i);
        float[] s = new float[K * D];
        ConcreteSelector.sampleRows(l, g, (float) (1 / T), s, K, D);

        assertTrue(worst(s, naiveSample(l, u, T, true)) < 1e-4, "S differs from the formula: " + worst(s, naiveSample(l, u, T, true)));
        // the tolerance catches a temperature 2% off and a missing Gumbel term
        assertTrue(worst(s, naiveSample(l, u, T * 1.02, true)) > 1e-2);
        assertTrue(worst(s, naiveSample(l, u, T, false)) > 1e-2);
    }

    @Test
    void thePipelinesSampleIsTheFormulaOnItsOwnUniforms() {
        // the engine's path: the pipeline draws U for (seed, step, row) and computes S, with and without its helper
        long seed = 12, step = 31;
        float[] l = logits(4);
        for (boolean helper : new boolean[] {false, true}) {
            try (SelectorPipeline p = new SelectorPipeline(K, D, seed, helper)) {
                float[] u = new float[K * D];
                for (int r = 0; r < K; r++) ConcreteSelector.drawUniform(p.noiseKey(step, r), u, r * D, D);
                float[] s = new float[K * D];
                p.announce(step, l, (float) (1 / T));
                p.forward(s);
                double[] want = naiveSample(l, u, T, true);
                assertTrue(worst(s, want) < 1e-4, "helper " + helper + ": S differs from the formula by " + worst(s, want));
                assertTrue(worst(s, naiveSample(l, u, T * 1.02, true)) > 1e-2);
                assertTrue(worst(s, naiveSample(l, u, T, false)) > 1e-2);
            }
        }
    }

    @Test
    void theBackwardIsTheSoftmaxJacobianOverT() {
        float[] l = logits(5);
        Random r = new Random(9);
        float[] u = new float[K * D];
        for (int i = 0; i < u.length; i++) u[i] = Math.max((float) r.nextDouble(), ConcreteSelector.MIN_UNIFORM);
        double[] upstream = new double[K * D];      // dLoss/dS, any values
        for (int i = 0; i < upstream.length; i++) upstream[i] = r.nextGaussian();

        // the engine: forward, then the backward from dLoss/dS / T (the step folds 1/T into its multiply)
        float[] g = u.clone();
        ConcreteSelector.gumbelFromUniform(g, 0, g.length);
        float[] s = new float[K * D];
        ConcreteSelector.sampleRows(l, g, (float) (1 / T), s, K, D);
        float[] grad = new float[K * D];
        for (int i = 0; i < grad.length; i++) grad[i] = (float) (upstream[i] / T);
        ConcreteSelector.sampleBackwardRows(grad, s, K, D);

        // the formula: dLoss/dL_ij = sum_l dLoss/dS_il S_il (delta_lj - S_ij) / T, the full Jacobian
        double[] sn = naiveSample(l, u, T, true);
        double[] want = new double[K * D];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < D; j++) {
                double sum = 0;
                for (int m = 0; m < D; m++) {
                    sum += upstream[i * D + m] * sn[i * D + m] * ((m == j ? 1 : 0) - sn[i * D + j]) / T;
                }
                want[i * D + j] = sum;
            }
        }
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) assertEquals(want[i], grad[i], 1e-4 * scale, "dL at " + i);

        // and the formula against central differences of sum_ij dLoss/dS_ij S_ij(L), in double
        double eps = 1e-4;
        for (int i = 0; i < want.length; i += 7) {
            float[] up = l.clone(), down = l.clone();
            up[i] += (float) eps;
            down[i] -= (float) eps;
            double h = up[i] - down[i];      // the step float arithmetic actually took
            double numeric = (dot(upstream, naiveSample(up, u, T, true)) - dot(upstream, naiveSample(down, u, T, true))) / h;
            assertEquals(numeric, want[i], 1e-6 * scale + 1e-3 * Math.abs(numeric), "finite difference at " + i);
        }

        // a wrong temperature in the backward is caught by the tolerance
        double off = 0;
        for (int i = 0; i < want.length; i++) off = Math.max(off, Math.abs(grad[i] * 1.02 - want[i]));
        assertTrue(off > 1e-4 * scale);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
