package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written backward pass against central finite differences of the loss. */
class GradientCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"none", "4", "5,3"})
    void analyticGradientMatchesFiniteDifferences(String hidden) {
        check(hidden, 0.0);
    }

    @Test
    void withDropoutTheGradientOfTheMaskedNetworkMatches() {
        // the same generator seed gives the same noise and the same dropout masks at every evaluation
        check("6,4", 0.3);
    }

    /**
     * IP-CAE's L = Psi W^T + b: every entry of Psi, W and b against finite differences (the check fails if
     * any of dPsi = dL W, dW = dL^T Psi, db = column sums of dL is wrong or missing).
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "4"})
    void indirectParameterisationMatchesFiniteDifferences(String hidden) {
        check(hidden, 0.0, 4);
    }

    private static void check(String hidden, double dropout) {
        check(hidden, dropout, 0);
    }

    private static void check(String hidden, double dropout, int ipDim) {
        NativeThreads.configure();
        int d = 7, k = 3, b = 5;
        double temperature = 0.7;
        ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, TrainingConfig.parseHidden(hidden, k), ipDim,
                Nd4j.getRandomFactory().getNewRandomInstance(42));
        TrainingStep step = new TrainingStep(model, b, dropout);
        step.load(fixedRows(b, d, 11));
        // larger logits than the initialiser gives, so the softmax is far from uniform (IP: a larger W and b)
        if (ipDim > 0) {
            model.views().ipWeights().muli(4);
            model.views().ipBias().muli(4);
        } else {
            model.views().logits().muli(8);
        }

        INDArray params = model.parameterBuffer();
        ParameterLayout layout = model.layout();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
        run(step, temperature, 7L, grad, layout.views(grad));
        float[] analytic = grad.toFloatVector();

        INDArray scratch = Nd4j.create(DataType.FLOAT, 1, layout.size);
        ParameterLayout.Views scratchViews = layout.views(scratch);
        double eps = 2e-3;
        int checked = 0;
        double worst = 0;
        for (int i = 0; i < layout.size; i++) {
            float original = params.getFloat(0, i);
            params.putScalar(0, i, original + eps);
            double up = run(step, temperature, 7L, scratch, scratchViews);
            params.putScalar(0, i, original - eps);
            double down = run(step, temperature, 7L, scratch, scratchViews);
            params.putScalar(0, i, original);
            double numeric = (up - down) / (2 * eps);
            double a = analytic[i];
            double scale = Math.max(Math.abs(a) + Math.abs(numeric), 1e-3);
            double rel = Math.abs(a - numeric) / scale;
            worst = Math.max(worst, rel);
            assertTrue(rel < 0.05, "parameter " + i + ": analytic " + a + " vs numeric " + numeric);
            checked++;
        }
        assertTrue(checked == layout.size);
        assertTrue(worst < 0.05);
    }

    @Test
    void selectorGradientIsNotZero() {
        // guards against a backward pass that silently leaves the logits' gradient at zero
        NativeThreads.configure();
        ConcreteAutoencoder model = ConcreteAutoencoder.create(6, 2, new int[0], Nd4j.getRandomFactory().getNewRandomInstance(1));
        TrainingStep step = new TrainingStep(model, 4, 0.0);
        step.load(Nd4j.rand(DataType.FLOAT, 4, 6));
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, model.layout().size);
        ParameterLayout.Views g = model.layout().views(grad);
        run(step, 1.0, 3L, grad, g);
        assertTrue(g.logits().norm2Number().doubleValue() > 1e-6);
    }

    /** Uniform [0, 1) rows from a fixed seed, so the check does not depend on what ran before it in the JVM. */
    private static INDArray fixedRows(int rows, int cols, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        return Nd4j.createFromArray(v).reshape(rows, cols);
    }

    /** Prepares and runs one step at temperature {@code t} (the step receives T once, in prepare). */
    private static double run(TrainingStep ts, double t, long step, INDArray grad, ParameterLayout.Views g) {
        ts.prepare(t, step);
        return ts.run(grad, g);
    }
}
