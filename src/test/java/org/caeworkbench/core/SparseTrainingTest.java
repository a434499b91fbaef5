package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.data.CsrMatrix;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The selector's product over the non-zeros of a sparse minibatch (X_b S^T forward, dZ^T X_b backward):
 * its gradient against finite differences, and whole runs on a mostly-zero table loaded sparse and
 * dense, which must train alike.
 */
class SparseTrainingTest {

    /** A rows x cols table with about {@code density} of its values non-zero (positive, count-like), row-major. */
    static float[] mostlyZero(int rows, int cols, double density, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            int c = i % cols;
            // a few columns carry most of the signal, as marker genes do
            double p = c % 7 == 0 ? Math.min(0.9, density * 4) : density;
            if (r.nextDouble() < p) v[i] = 1 + r.nextInt(20) + (c % 7 == 0 ? 10 * (i / cols % 3) : 0);
        }
        return v;
    }

    static Dataset table(float[] v, int rows, int cols, boolean sparse) {
        List<String> names = new ArrayList<>(), ids = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("g" + c);
        for (int r = 0; r < rows; r++) ids.add("c" + r);
        if (!sparse) return new Dataset("t", rows, cols, v.clone(), names, ids, null, null);
        return new Dataset("t", CsrMatrix.of(rows, cols, v), names, ids, null, null, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "4"})
    void sparseProductGradientMatchesFiniteDifferencesAndTheDenseOne(String hidden) {
        NativeThreads.configure();
        int d = 9, k = 3, b = 5, n = 8;
        double temperature = 0.7;
        float[] v = mostlyZero(n, d, 0.3, 5);
        for (int i = 0; i < v.length; i++) v[i] /= 30f;   // values near [0, 1], as after scaling
        Dataset sparse = table(v, n, d, true);
        Dataset dense = table(v, n, d, false);
        assertTrue(sparse.isSparse() && sparse.matrix().storedValues() < (long) n * d);
        int[] order = {6, 1, 3, 0, 7, 2, 4, 5};

        ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, TrainingConfig.parseHidden(hidden, k), 0,
                Nd4j.getRandomFactory().getNewRandomInstance(42));
        model.views().logits().muli(8);
        TrainingStep step = new TrainingStep(model, b, 0.0);
        ParameterLayout layout = model.layout();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, layout.size);
        step.gather(dense, order, 2);
        double denseLoss = run(step, temperature, grad, layout);
        float[] denseGrad = grad.toFloatVector();
        step.gather(sparse, order, 2);
        double sparseLoss = run(step, temperature, grad, layout);
        float[] analytic = grad.toFloatVector();
        assertEquals(denseLoss, sparseLoss, 1e-6 * Math.abs(denseLoss));
        assertArrayEquals(denseGrad, analytic, 1e-5f);

        INDArray params = model.parameterBuffer();
        INDArray scratch = Nd4j.create(DataType.FLOAT, 1, layout.size);
        double eps = 2e-3;
        int logitsChecked = 0;
        // the logits (what the sparse product's backward feeds); the decoder's gradient equals the dense
        // engine's above, which GradientCheckTest holds to finite differences
        for (int i = 0; i < k * d; i++) {
            float original = params.getFloat(0, i);
            params.putScalar(0, i, original + eps);
            step.gather(sparse, order, 2);
            double up = run(step, temperature, scratch, layout);
            params.putScalar(0, i, original - eps);
            step.gather(sparse, order, 2);
            double down = run(step, temperature, scratch, layout);
            params.putScalar(0, i, original);
            double numeric = (up - down) / (2 * eps);
            double a = analytic[i];
            double rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-3);
            assertTrue(rel < 0.05, "parameter " + i + ": analytic " + a + " vs numeric " + numeric);
            logitsChecked++;
        }
        assertEquals(k * d, logitsChecked);
    }

    private static double run(TrainingStep ts, double t, INDArray grad, ParameterLayout layout) {
        ts.prepare(t, 7L);
        return ts.run(grad, layout.views(grad));
    }

    @Test
    void aMostlyZeroTableTrainsTheSameLoadedSparseOrDense() {
        int n = 300, d = 60;
        float[] v = mostlyZero(n, d, 0.03, 9);
        for (int i = 0; i < v.length; i++) v[i] /= 60f;
        Dataset sparse = table(v, n, d, true);
        Dataset dense = table(v, n, d, false);
        assertTrue(TrainingStep.sparseProductsPay(sparse.matrix()), "the run must take the sparse products");
        Dataset sparseVal = sparse.selectRows(new int[] {0, 5, 9, 11});
        Dataset denseVal = dense.selectRows(new int[] {0, 5, 9, 11});
        TrainingConfig cfg = TrainingConfig.builder().k(4).epochs(12).batchSize(32).learningRate(1e-2).hidden("6").dropout(0.1)
                .seed(11).convergenceOff().build();
        SelectionResult a = new Trainer(cfg).train(dense, denseVal, null, null);
        SelectionResult b = new Trainer(cfg).train(sparse, sparseVal, null, null);
        assertEquals(a.history().size(), b.history().size());
        // the sums of Z and dS run in another order than BLAS's: rounding differences that training carries on
        for (int e = 0; e < a.history().size(); e++) {
            EpochRecord x = a.history().get(e), y = b.history().get(e);
            assertEquals(x.trainLoss(), y.trainLoss(), 1e-3 * x.trainLoss(), "epoch " + (e + 1) + " training loss");
            assertEquals(x.validationLoss(), y.validationLoss(), 1e-3 * x.validationLoss(), "epoch " + (e + 1) + " validation loss");
        }
        assertArrayEquals(a.selected(), b.selected());
        assertTrue(a.history().get(a.history().size() - 1).trainLoss() < a.history().get(0).trainLoss(), "it learned");
    }

    @Test
    void aSparseMatrixAboveTheCrossoverTrainsByTheDenseMultipliesBitForBit() {
        int n = 200, d = 40;
        float[] v = mostlyZero(n, d, 0.08, 4);
        for (int i = 0; i < v.length; i++) v[i] /= 60f;
        Dataset sparse = table(v, n, d, true);
        Dataset dense = table(v, n, d, false);
        assertTrue(sparse.isSparse() && !TrainingStep.sparseProductsPay(sparse.matrix()));
        TrainingConfig cfg = TrainingConfig.builder().k(3).epochs(5).batchSize(32).hidden("none").seed(2).convergenceOff().build();
        SelectionResult a = new Trainer(cfg).train(dense, null, null, null);
        SelectionResult b = new Trainer(cfg).train(sparse, null, null, null);
        for (int e = 0; e < a.history().size(); e++) assertEquals(a.history().get(e).trainLoss(), b.history().get(e).trainLoss(), 0.0);
        assertArrayEquals(a.probabilities(), b.probabilities(), 0f);
    }
}
