package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything issue 14 added, in one step: kept features as extra decoder (and head) inputs, an excluded
 * column, IP-CAE's logits L = Psi W^T + b and a classifier head. Every parameter's analytic gradient
 * against central finite differences of the objective it serves (mix: a·MSE + c·CE for all; classify: the
 * decoder the MSE, the rest c·CE). The parts are checked alone elsewhere; this catches a wrong join (the head's
 * dZ reading the kept rows of its weights, the IP backward missing the head's share of dZ).
 */
class CombinedGradientCheckTest {
    static final int D = 8, K = 3, B = 6, M = 4;
    static final FeaturePanel PANEL = FeaturePanel.of(D, new int[] {6, 1}, new int[] {3});

    @ParameterizedTest
    @ValueSource(strings = {"mix:0.4", "classify"})
    void keptFeaturesIpLogitsAndAHeadTogether(String text) {
        NativeThreads.configure();
        Objective objective = Objective.parse(text);
        double temperature = 0.7, a = objective.kind() == Objective.Kind.MIX ? 1.3 : 1, c = 0.9;
        ConcreteAutoencoder.Head head = new ConcreteAutoencoder.Head(4, java.util.List.of("x", "y", "z"));
        ConcreteAutoencoder model = ConcreteAutoencoder.create(PANEL, K, new int[] {5}, M, head, Nd4j.getRandomFactory().getNewRandomInstance(42));
        ParameterLayout layout = model.layout();
        assertEquals(K + 2, layout.widths[0], "the decoder reads the two kept features and the three selectors");
        assertEquals(K + 2, layout.headWidths[0], "so does the head");
        model.views().ipWeights().muli(4);
        model.views().ipBias().muli(4);
        model.refreshLogits();
        TrainingStep step = new TrainingStep(model, B, 0.0);
        step.supervise(null, objective, a, c);
        java.util.Random r = new java.util.Random(11);
        float[] x = new float[B * D];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        step.load(Nd4j.createFromArray(x).reshape(B, D));
        step.loadClasses(new int[] {0, 2, 1, 1, 0, 2});

        INDArray params = model.parameterBuffer();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
        value(model, step, temperature, grad, layout.views(grad), objective, false, a, c);
        float[] analytic = grad.toFloatVector();

        INDArray scratch = Nd4j.create(DataType.FLOAT, 1, layout.size);
        ParameterLayout.Views sv = layout.views(scratch);
        long decoderStart = layout.selectorSize, headStart = layout.size - layout.headSize;
        double eps = 2e-3, selectorNorm = 0;
        for (int i = 0; i < layout.size; i++) {
            boolean decoder = i >= decoderStart && i < headStart;
            float original = params.getFloat(0, i);
            params.putScalar(0, i, original + eps);
            double up = value(model, step, temperature, scratch, sv, objective, decoder, a, c);
            params.putScalar(0, i, original - eps);
            double down = value(model, step, temperature, scratch, sv, objective, decoder, a, c);
            params.putScalar(0, i, original);
            double numeric = (up - down) / (2 * eps);
            double an = analytic[i];
            if (i < decoderStart) selectorNorm += an * an;
            double rel = Math.abs(an - numeric) / Math.max(Math.abs(an) + Math.abs(numeric), 1e-3);
            assertTrue(rel < 0.05, text + ", parameter " + i + " of " + layout.size + ": analytic " + an + " vs numeric " + numeric);
        }
        assertTrue(selectorNorm > 1e-8, "Psi, W and b get a gradient");
    }

    /** The objective's value after recomputing IP's logits from the (perturbed) parameters. */
    private static double value(ConcreteAutoencoder model, TrainingStep step, double t, INDArray grad, ParameterLayout.Views g,
                                Objective objective, boolean decoder, double a, double c) {
        model.refreshLogits();
        step.prepare(t, 7L);
        double mse = step.run(grad, g);
        double ce = step.lastCrossEntropy();
        if (objective.kind() == Objective.Kind.CLASSIFY) return decoder ? mse : c * ce;
        return a * mse + c * ce;
    }
}
