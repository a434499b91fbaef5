package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused host kernels of the training step against the native-op versions they replace ({@link FloatMathTest}
 * holds their logarithm and exponential to Math).
 */
class SelectorKernelsTest {

    @Test
    void gumbelNoiseHasTheGumbelDistribution() {
        // 200 rows of 1001 values (odd, so the last value of a row takes the single-draw path)
        int rows = 200, d = 1001;
        float[] g = new float[rows * d];
        for (int r = 0; r < rows; r++) ConcreteSelector.drawGumbel(CounterRandom.key(17, r), g, r * d, d);
        double mean = 0, m2 = 0;
        for (float v : g) {
            assertTrue(Float.isFinite(v));
            mean += v;
        }
        mean /= g.length;
        for (float v : g) m2 += (v - mean) * (v - mean);
        double var = m2 / (g.length - 1);
        // mean = Euler's constant, variance = pi^2 / 6; standard errors of 200,200 draws: 0.0029 and 0.0063
        assertEquals(0.5772157, mean, 0.015);
        assertEquals(Math.PI * Math.PI / 6, var, 0.035);
        // Kolmogorov-Smirnov against F(x) = exp(-exp(-x)); the 0.1% critical value is 1.95 / sqrt(n)
        float[] sorted = g.clone();
        java.util.Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < sorted.length; i++) {
            double f = Math.exp(-Math.exp(-sorted[i]));
            ks = Math.max(ks, Math.max(Math.abs(f - (double) i / sorted.length), Math.abs(f - (double) (i + 1) / sorted.length)));
        }
        assertTrue(ks < 1.95 / Math.sqrt(sorted.length), "KS distance " + ks);
        // a row's noise is a function of its key alone, and different keys give different noise
        float[] again = new float[d];
        ConcreteSelector.drawGumbel(CounterRandom.key(17, 3), again, 0, d);
        assertArrayEquals(java.util.Arrays.copyOfRange(g, 3 * d, 4 * d), again);
        assertNotEquals(g[0], g[d]);
    }

    @Test
    void fusedForwardAndBackwardEqualTheNativeOps() {
        NativeThreads.configure();
        int k = 7, d = 300, b = 9;
        double t = 0.37;
        INDArray logits = Nd4j.randn(DataType.FLOAT, k, d).muli(3);
        float[] noiseHost = new float[k * d];
        for (int r = 0; r < k; r++) ConcreteSelector.drawGumbel(CounterRandom.key(4, r), noiseHost, r * d, d);
        INDArray noise = Nd4j.createFromArray(noiseHost).reshape('c', k, d);
        INDArray x = Nd4j.rand(DataType.FLOAT, b, d);

        // native ops
        INDArray sRef = Nd4j.create(DataType.FLOAT, k, d);
        INDArray zRef = Nd4j.create(DataType.FLOAT, b, k);
        nativeForward(logits, noise.dup(), t, x, sRef, zRef);
        INDArray dz = Nd4j.randn(DataType.FLOAT, b, k);
        INDArray gRef = Nd4j.create(DataType.FLOAT, k, d);
        nativeBackward(dz, x, sRef, t, gRef, Nd4j.create(DataType.FLOAT, k, d), Nd4j.create(DataType.FLOAT, k, 1),
                Nd4j.ones(DataType.FLOAT, d, 1));

        // host kernels
        float[] l = new float[k * d], g = new float[k * d], s = new float[k * d];
        TrainingStep.read(logits, l);
        TrainingStep.read(noise, g);
        ConcreteSelector.sampleRows(l, g, (float) (1 / t), s, k, d);
        float[] sNative = ConcreteAutoencoder.toHost(sRef);
        for (int i = 0; i < s.length; i++) assertEquals(sNative[i], s[i], 1e-6 + 1e-5 * sNative[i], "S at " + i);

        INDArray ds = Nd4j.create(DataType.FLOAT, k, d);
        Nd4j.gemm(dz, x, ds, true, false, 1 / t, 0.0);
        float[] grad = new float[k * d];
        TrainingStep.read(ds, grad);
        ConcreteSelector.sampleBackwardRows(grad, sNative, k, d);
        float[] gNative = ConcreteAutoencoder.toHost(gRef);
        double scale = 0;
        for (float v : gNative) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < grad.length; i++) assertEquals(gNative[i], grad[i], 1e-5 * scale, "dL at " + i);
    }

    @Test
    void summaryEqualsTheNativeMonitorAndSelection() {
        NativeThreads.configure();
        int k = 9, d = 500;
        INDArray logits = Nd4j.randn(DataType.FLOAT, k, d).muli(4);
        float[] host = ConcreteAutoencoder.toHost(logits);
        int[] selected = new int[k];
        float[] probs = new float[k * d];
        double meanMax = ConcreteSelector.selectAndMonitor(host, k, d, selected, probs);
        INDArray nativeProbs = ConcreteSelector.probabilities(logits);
        assertEquals(ConcreteSelector.meanMaxProbability(nativeProbs), meanMax, 1e-6);
        assertArrayEquals(ConcreteSelector.selectedIndices(logits), selected);
        float[] want = ConcreteAutoencoder.toHost(nativeProbs);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], probs[i], 1e-6 + 1e-5 * want[i], "p at " + i);
        // without the probabilities: the same monitor and selection
        int[] again = new int[k];
        assertEquals(meanMax, ConcreteSelector.selectAndMonitor(host, k, d, again, null), 0);
        assertArrayEquals(selected, again);
    }

    @Test
    void readAndWriteRespectAViewsOffset() {
        INDArray flat = Nd4j.create(DataType.FLOAT, 1, 20);
        for (int i = 0; i < 20; i++) flat.putScalar(0, i, i);
        INDArray view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.interval(6, 12))
                .reshape('c', 2, 3);
        float[] host = new float[6];
        TrainingStep.read(view, host);
        assertEquals(6f, host[0]);
        assertEquals(11f, host[5]);
        for (int i = 0; i < 6; i++) host[i] = -host[i];
        TrainingStep.write(host, view);
        assertEquals(-6f, flat.getFloat(0, 6));
        assertEquals(5f, flat.getFloat(0, 5));
        assertEquals(12f, flat.getFloat(0, 12));
    }

    /** The forward selector work in native ops, as the step did before: S = softmax((L + G) / T), Z = X S^T. */
    private static void nativeForward(INDArray logits, INDArray noise, double temperature, INDArray x, INDArray s, INDArray z) {
        Nd4j.getBlasWrapper().level1().axpy(logits.length(), 1.0, logits, noise);
        noise.muli(1.0 / temperature);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(noise, s, 1));
        Nd4j.gemm(x, s, z, false, true, 1.0, 0.0);
    }

    /** The backward selector work in native ops: dL = S * (dS - rowsum(dS * S)) / T with dS = dZ^T X. */
    private static void nativeBackward(INDArray dz, INDArray x, INDArray s, double temperature, INDArray gradLogits,
                                       INDArray scratch, INDArray rowSums, INDArray onesD) {
        Nd4j.gemm(dz, x, gradLogits, true, false, 1.0 / temperature, 0.0);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp(gradLogits, s, scratch));
        Nd4j.gemm(scratch, onesD, rowSums, false, false, 1.0, 0.0);
        gradLogits.subiColumnVector(rowSums).muli(s);
    }
}
