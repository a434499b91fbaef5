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

    @ParameterizedTest
    @ValueSource(strings = {"mix:0.3", "classify"})
    void withAClassifierHeadTheGradientIsThatOfTheObjective(String objective) {
        checkSupervised(Objective.parse(objective), "4", 0.0);
    }

    @Test
    void withAHeadALinearDecoderAndDropoutTheMixedGradientMatches() {
        checkSupervised(Objective.mix(0.6), "none", 0.0);
        checkSupervised(Objective.mix(0.6), "5", 0.3);
    }

    /**
     * The loss of mix:W is a · MSE + c · CE (a = (1 − W) / MSE₀, c = W / CE₀; any a and c here): every
     * parameter's gradient is its derivative. With classify the decoder learns from the MSE alone and
     * the selector and the head from c · CE alone: the logits' gradient is that of the cross-entropy, so
     * a backward pass that let the reconstruction reach the selector fails here.
     */
    private static void checkSupervised(Objective objective, String hidden, double dropout) {
        NativeThreads.configure();
        int d = 7, k = 3, b = 6;
        double temperature = 0.7;
        double a = objective.kind() == Objective.Kind.MIX ? 1.7 : 1, c = 0.8;
        ConcreteAutoencoder.Head head = new ConcreteAutoencoder.Head(4, java.util.List.of("x", "y", "z"));
        ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, TrainingConfig.parseHidden(hidden, k), head,
                Nd4j.getRandomFactory().getNewRandomInstance(42));
        TrainingStep step = new TrainingStep(model, b, dropout);
        step.supervise(null, objective, a, c);
        step.load(fixedRows(b, d, 11));
        step.loadClasses(new int[] {0, 2, 1, 1, 0, 2});
        model.views().logits().muli(8);

        INDArray params = model.parameterBuffer();
        ParameterLayout layout = model.layout();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
        run(step, temperature, 7L, grad, layout.views(grad));
        float[] analytic = grad.toFloatVector();
        assertTrue(layout.headSize > 0 && layout.size == (long) k * d + decoderSize(layout) + layout.headSize);

        long logits = (long) k * d, headStart = layout.size - layout.headSize;
        INDArray scratch = Nd4j.create(DataType.FLOAT, 1, layout.size);
        ParameterLayout.Views scratchViews = layout.views(scratch);
        double eps = 2e-3;
        double logitsNorm = 0;
        for (int i = 0; i < layout.size; i++) {
            boolean decoder = i >= logits && i < headStart;
            float original = params.getFloat(0, i);
            params.putScalar(0, i, original + eps);
            double up = objectiveValue(step, temperature, scratch, scratchViews, objective, decoder, a, c);
            params.putScalar(0, i, original - eps);
            double down = objectiveValue(step, temperature, scratch, scratchViews, objective, decoder, a, c);
            params.putScalar(0, i, original);
            double numeric = (up - down) / (2 * eps);
            double an = analytic[i];
            if (i < logits) logitsNorm += an * an;
            double rel = Math.abs(an - numeric) / Math.max(Math.abs(an) + Math.abs(numeric), 1e-3);
            assertTrue(rel < 0.05, objective + ", parameter " + i + ": analytic " + an + " vs numeric " + numeric);
        }
        assertTrue(logitsNorm > 1e-8, "the logits' gradient is zero");
    }

    private static long decoderSize(ParameterLayout l) {
        long s = 0;
        for (int i = 0; i + 1 < l.widths.length; i++) s += (long) l.widths[i] * l.widths[i + 1] + l.widths[i + 1];
        return s;
    }

    /** What the parameter's gradient is the derivative of: a·MSE + c·CE, or for classify MSE (decoder) or c·CE (the rest). */
    private static double objectiveValue(TrainingStep step, double t, INDArray grad, ParameterLayout.Views g, Objective objective,
                                         boolean decoder, double a, double c) {
        double mse = run(step, t, 7L, grad, g);
        double ce = step.lastCrossEntropy();
        if (objective.kind() == Objective.Kind.CLASSIFY) return decoder ? mse : c * ce;
        return a * mse + c * ce;
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
