package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The redundancy penalty: its value on known cases and its gradient inside the training step. */
class RedundancyPenaltyTest {

    @Test
    void identicalColumnsScoreOneAndUncorrelatedColumnsScoreZero() {
        // b = 4 rows, k = 2 columns
        float[] same = {1, 1, 2, 2, 3, 3, 5, 5};
        assertEquals(1.0, RedundancyPenalty.of(same, 4, 2), 1e-6);
        float[] scaledCopy = {1, -3, 2, -6, 3, -9, 5, -15};   // perfectly anti-correlated: still redundant
        assertEquals(1.0, RedundancyPenalty.of(scaledCopy, 4, 2), 1e-6);
        float[] orthogonal = {1, 1, -1, 1, 1, -1, -1, -1};    // centred and orthogonal
        assertEquals(0.0, RedundancyPenalty.of(orthogonal, 4, 2), 1e-9);
    }

    @Test
    void penaltyGradientMatchesFiniteDifferencesOfTheTotalLoss() {
        NativeThreads.configure();
        int d = 8, k = 3, b = 6;
        double temperature = 0.8, lambda = 0.5;
        ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, new int[0], Nd4j.getRandomFactory().getNewRandomInstance(5));
        TrainingStep step = new TrainingStep(model, b, 0.0, lambda);
        // correlated columns, so the penalty is far from zero
        Random r = new Random(3);
        float[] x = new float[b * d];
        for (int i = 0; i < b; i++) {
            double base = r.nextGaussian();
            for (int j = 0; j < d; j++) x[i * d + j] = (float) (base * (j % 3 == 0 ? 1 : 0.3) + 0.5 * r.nextGaussian());
        }
        step.load(Nd4j.createFromArray(x).reshape(b, d));
        model.views().logits().muli(6);

        INDArray params = model.parameterBuffer();
        ParameterLayout layout = model.layout();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
        run(step, temperature, 9L, grad, layout.views(grad));
        assertTrue(step.lastPenalty() > 0.01, "the test data should be redundant, penalty " + step.lastPenalty());
        float[] analytic = grad.toFloatVector();

        INDArray scratch = Nd4j.create(DataType.FLOAT, 1, layout.size);
        ParameterLayout.Views sv = layout.views(scratch);
        double eps = 2e-3;
        int logits = k * d;   // the penalty reaches only the selector's logits
        for (int i = 0; i < logits; i++) {
            float original = params.getFloat(0, i);
            params.putScalar(0, i, original + eps);
            double up = run(step, temperature, 9L, scratch, sv) + lambda * step.lastPenalty();
            params.putScalar(0, i, original - eps);
            double down = run(step, temperature, 9L, scratch, sv) + lambda * step.lastPenalty();
            params.putScalar(0, i, original);
            double numeric = (up - down) / (2 * eps);
            double a = analytic[i];
            double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-3);
            assertTrue(rel < 0.05, "logit " + i + ": analytic " + a + " vs numeric " + numeric);
        }
    }

    @Test
    void withoutThePenaltyTheGradientDiffers() {
        // guards against a weight that is accepted but never reaches the gradient
        NativeThreads.configure();
        int d = 6, k = 3, b = 5;
        INDArray x = Nd4j.rand(DataType.FLOAT, b, d);
        float[][] grads = new float[2][];
        for (int run = 0; run < 2; run++) {
            ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, new int[0], Nd4j.getRandomFactory().getNewRandomInstance(5));
            TrainingStep step = new TrainingStep(model, b, 0.0, run == 0 ? 0.0 : 1.0);
            step.load(x);
            INDArray grad = Nd4j.create(DataType.FLOAT, 1, model.layout().size);
            run(step, 1.0, 2L, grad, model.layout().views(grad));
            grads[run] = grad.toFloatVector();
        }
        double diff = 0;
        for (int i = 0; i < k * d; i++) diff += Math.abs(grads[0][i] - grads[1][i]);
        assertTrue(diff > 1e-5, "the penalty changed nothing");
    }

    /** Prepares and runs one step at temperature {@code t} (the step receives T once, in prepare). */
    private static double run(TrainingStep ts, double t, long step, INDArray grad, ParameterLayout.Views g) {
        ts.prepare(t, step);
        return ts.run(grad, g);
    }
}
