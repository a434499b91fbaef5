package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward/backward pass with kept features as extra decoder inputs and a mask on the selectable
 * columns, against central finite differences of the loss; masked entries have probability and gradient
 * exactly 0.
 */
class PanelGradientCheckTest {
    static final int D = 8, K = 3, B = 5;
    /** Kept: features 6 and 1 (in that order, so the decoder's first input is feature 6); excluded: 3. */
    static final FeaturePanel PANEL = FeaturePanel.of(D, new int[] {6, 1}, new int[] {3});

    @ParameterizedTest
    @ValueSource(strings = {"none", "4", "5,3"})
    void analyticGradientMatchesFiniteDifferences(String hidden) {
        NativeThreads.configure();
        double temperature = 0.7;
        ConcreteAutoencoder model = ConcreteAutoencoder.create(PANEL, K, TrainingConfig.parseHidden(hidden, K + 2),
                Nd4j.getRandomFactory().getNewRandomInstance(42));
        assertEquals(K + 2, model.layout().widths[0], "the decoder's input is f + k wide");
        TrainingStep step = new TrainingStep(model, B, 0.0);
        step.load(rows(B, D, 11));
        model.views().logits().muli(8);

        INDArray params = model.parameterBuffer();
        ParameterLayout layout = model.layout();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
        run(step, temperature, grad, layout.views(grad));
        float[] analytic = grad.toFloatVector();

        INDArray scratch = Nd4j.create(DataType.FLOAT, 1, layout.size);
        ParameterLayout.Views scratchViews = layout.views(scratch);
        double eps = 2e-3;
        double worst = 0;
        int nonZeroFixedWeights = 0;
        for (int i = 0; i < layout.size; i++) {
            float original = params.getFloat(0, i);
            params.putScalar(0, i, original + eps);
            double up = run(step, temperature, scratch, scratchViews);
            params.putScalar(0, i, original - eps);
            double down = run(step, temperature, scratch, scratchViews);
            params.putScalar(0, i, original);
            double numeric = (up - down) / (2 * eps);
            double a = analytic[i];
            double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-3);
            worst = Math.max(worst, rel);
            assertTrue(rel < 0.05, "parameter " + i + ": analytic " + a + " vs numeric " + numeric);
            // the first layer's rows 0 and 1 are the kept features' weights: they must learn
            long w0 = (long) K * D;
            int out = layout.widths[1];
            if (i >= w0 && i < w0 + 2L * out && Math.abs(a) > 1e-4) nonZeroFixedWeights++;
        }
        assertTrue(worst < 0.05);
        assertTrue(nonZeroFixedWeights > 0, "the kept features' decoder weights get a gradient");
        // the logits of kept and excluded columns: exactly zero gradient
        for (int r = 0; r < K; r++) {
            for (int j : new int[] {1, 3, 6}) assertEquals(0f, Math.abs(analytic[r * D + j]), "logit (" + r + ", " + j + ")");
        }
    }

    @Test
    void theMaskedSampleIsTheSoftmaxOverTheOpenColumnsAndExactlyZeroElsewhere() {
        java.util.Random rnd = new java.util.Random(3);
        float[] logits = new float[D], g = new float[D], s = new float[D];
        for (int j = 0; j < D; j++) {
            logits[j] = (float) rnd.nextGaussian() * 3;
            g[j] = (float) rnd.nextGaussian();
        }
        logits[3] = 50;    // an excluded column with the largest logit must still get nothing
        float invT = 1 / 0.4f;
        ConcreteSelector.sampleRowMasked(logits, 0, g, 0, invT, s, 0, D, PANEL.open());
        double sum = 0;
        for (int j : PANEL.open()) sum += Math.exp((logits[j] + g[j]) * invT);
        for (int j = 0; j < D; j++) {
            int col = j;
            boolean open = java.util.Arrays.stream(PANEL.open()).anyMatch(o -> o == col);
            double expected = open ? Math.exp((logits[j] + g[j]) * invT) / sum : 0;
            if (open) assertEquals(expected, s[j], 1e-5 * Math.max(expected, 1e-3), "column " + j);
            else assertEquals(0f, s[j], "column " + j + " is masked");
        }
        int[] sel = new int[1];
        float[] p = new float[D];
        double meanMax = ConcreteSelector.selectAndMonitor(logits, 1, D, PANEL.open(), sel, p);
        assertTrue(sel[0] != 3 && sel[0] != 1 && sel[0] != 6, "the argmax skips masked columns");
        assertEquals(0f, p[3]);
        float max = 0;
        for (float v : p) max = Math.max(max, v);
        assertEquals(max, meanMax, 1e-6);
    }

    @Test
    void theModelsPanelIsTheKeptFeaturesThenTheLearnedOnes() {
        NativeThreads.configure();
        ConcreteAutoencoder model = ConcreteAutoencoder.create(PANEL, K, new int[0], Nd4j.getRandomFactory().getNewRandomInstance(5));
        // make an excluded and a kept column the largest logit of every row: neither may be selected
        INDArray l = model.views().logits();
        for (int r = 0; r < K; r++) {
            l.putScalar(r, 3, 40);
            l.putScalar(r, 6, 30);
            l.putScalar(r, r == 0 ? 0 : r == 1 ? 2 : 7, 20);
        }
        int[] sel = model.selectedIndices();
        assertEquals(java.util.List.of(6, 1, 0, 2, 7), java.util.Arrays.stream(sel).boxed().toList());
        float[] p = model.probabilities();
        for (int r = 0; r < K; r++) for (int j : new int[] {1, 3, 6}) assertEquals(0f, p[r * D + j]);
        // reconstruct and decode agree: the decoder's inputs are the panel's columns in panel order
        float[] x = ConcreteAutoencoder.toHost(rows(4, D, 9));
        float[] z = new float[4 * sel.length];
        for (int i = 0; i < 4; i++) for (int c = 0; c < sel.length; c++) z[i * sel.length + c] = x[i * D + sel[c]];
        assertEquals(java.util.Arrays.toString(model.decode(z, 4)), java.util.Arrays.toString(model.reconstruct(x, 4)));
    }

    private static INDArray rows(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        return Nd4j.createFromArray(v).reshape(rows, cols);
    }

    private static double run(TrainingStep ts, double t, INDArray grad, ParameterLayout.Views g) {
        ts.prepare(t, 7L);
        return ts.run(grad, g);
    }
}
