package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused host kernels of the training step against the native-op versions they replace. */
class SelectorKernelsTest {

    @Test
    void expMatchesMathExpToFloatPrecision() {
        double worst = 0;
        for (int i = 0; i <= 870_000; i++) {
            float x = -i / 10_000f;
            double want = Math.exp(x);
            worst = Math.max(worst, Math.abs(ConcreteSelector.expNonPositive(x) - want) / want);
        }
        assertTrue(worst < 2e-6, "worst relative error " + worst);
        assertEquals(0f, ConcreteSelector.expNonPositive(-100f));
        assertTrue(Float.isNaN(ConcreteSelector.expNonPositive(Float.NaN)), "NaN must not be hidden");
    }

    @Test
    void fusedForwardAndBackwardEqualTheNativeOps() {
        NativeThreads.configure();
        int k = 7, d = 300, b = 9;
        double t = 0.37;
        var rng = Nd4j.getRandomFactory().getNewRandomInstance(4);
        INDArray logits = Nd4j.randn(DataType.FLOAT, k, d).muli(3);
        INDArray noise = Nd4j.create(DataType.FLOAT, k, d);
        ConcreteSelector.sampleGumbel(noise, rng);
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
        ConcreteSelector.softmaxRows(l, g, (float) (1 / t), s, k, d);
        float[] sNative = ConcreteAutoencoder.toHost(sRef);
        for (int i = 0; i < s.length; i++) assertEquals(sNative[i], s[i], 1e-6 + 1e-5 * sNative[i], "S at " + i);

        INDArray ds = Nd4j.create(DataType.FLOAT, k, d);
        Nd4j.gemm(dz, x, ds, true, false, 1 / t, 0.0);
        float[] grad = new float[k * d];
        TrainingStep.read(ds, grad);
        ConcreteSelector.softmaxBackwardRows(grad, sNative, k, d);
        float[] gNative = ConcreteAutoencoder.toHost(gRef);
        double scale = 0;
        for (float v : gNative) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < grad.length; i++) assertEquals(gNative[i], grad[i], 1e-5 * scale, "dL at " + i);
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
