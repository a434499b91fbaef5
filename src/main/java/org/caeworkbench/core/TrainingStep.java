package org.caeworkbench.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One forward and backward pass for a minibatch of a fixed size, on buffers allocated once. The
 * gradient is written into a flat buffer with the model's parameter layout. The hot path is the
 * matrix multiplies (three forward, five backward) plus a few element-wise passes; the selector's
 * element-wise work (softmax forward and backward) runs fused on host copies of the k x d arrays.
 */
final class TrainingStep {
    private final ConcreteAutoencoder model;
    private final double dropout;
    private final int batch;
    private final int k;            // selected features
    private final int d;            // features

    final INDArray x;                // b x d: the minibatch, gathered here by the trainer
    private final java.nio.FloatBuffer xRows;
    private final INDArray noise;      // k x d: the step's Gumbel draw
    private final float[] hostLogits;  // k x d host copies for the fused element-wise selector work
    private final float[] hostWork;    // noise in the forward pass, the logits' gradient in the backward pass
    private final float[] hostS;       // S = softmax((L + G) / T), kept from forward to backward
    private final INDArray s;        // k x d: selection weights
    private final INDArray z;        // b x k
    private final INDArray[] pre;    // b x width: hidden pre-activations
    private final INDArray[] act;    // b x width: hidden activations (after dropout)
    private final INDArray[] mask;   // b x width: dropout masks, scaled by 1 / (1 - p)
    private final INDArray[] delta;  // b x width: gradient w.r.t. each layer's input (delta[0] = dZ)
    private final INDArray out;      // b x d: output, then the error, then dLoss/dOut
    private final INDArray onesB;    // 1 x b
    private final RedundancyPenalty penalty;  // null unless a redundancy weight is set
    private final double redundancy;
    private double lastPenalty;

    TrainingStep(ConcreteAutoencoder model, int batch, double dropout) {
        this(model, batch, dropout, 0);
    }

    /** @param redundancy weight of the {@link RedundancyPenalty} (0: none, the paper's loss) */
    TrainingStep(ConcreteAutoencoder model, int batch, double dropout, double redundancy) {
        this.model = model;
        this.batch = batch;
        this.k = model.layout().k;
        this.d = model.layout().d;
        this.dropout = dropout;
        this.redundancy = redundancy;
        ParameterLayout lay = model.layout();
        int hiddenLayers = lay.decoderLayers() - 1;
        x = Nd4j.create(DataType.FLOAT, batch, d);
        xRows = x.data().asNioFloat();
        noise = Nd4j.create(DataType.FLOAT, k, d);
        hostLogits = new float[k * d];
        hostWork = new float[k * d];
        hostS = new float[k * d];
        s = Nd4j.create(DataType.FLOAT, k, d);
        z = Nd4j.create(DataType.FLOAT, batch, k);
        pre = new INDArray[hiddenLayers];
        act = new INDArray[hiddenLayers];
        mask = new INDArray[hiddenLayers];
        delta = new INDArray[hiddenLayers + 1];
        delta[0] = Nd4j.create(DataType.FLOAT, batch, k);
        for (int l = 0; l < hiddenLayers; l++) {
            int w = lay.widths[l + 1];
            pre[l] = Nd4j.create(DataType.FLOAT, batch, w);
            act[l] = Nd4j.create(DataType.FLOAT, batch, w);
            mask[l] = dropout > 0 ? Nd4j.create(DataType.FLOAT, batch, w) : null;
            delta[l + 1] = Nd4j.create(DataType.FLOAT, batch, w);
        }
        out = Nd4j.create(DataType.FLOAT, batch, d);
        onesB = Nd4j.ones(DataType.FLOAT, 1, batch);
        penalty = redundancy > 0 ? new RedundancyPenalty(batch, k) : null;
    }

    int batch() { return batch; }

    /** The unweighted redundancy penalty of the last {@link #run} (0 when the penalty is off). */
    double lastPenalty() { return lastPenalty; }

    /** Copies rows order[start..start+batch) of the row-major heap matrix into {@link #x}. */
    void gather(float[] data, int[] order, int start) {
        int d = (int) x.columns();
        for (int i = 0; i < batch; i++) xRows.put(i * d, data, order[start + i] * d, d);
    }

    /**
     * Forward and backward on the rows in {@link #x}; writes the gradient into {@code grad} (the flat
     * layout) and returns the minibatch's mean squared error (the redundancy penalty, when set, is in the
     * gradient but not in the returned value, so losses stay comparable across settings).
     */
    double run(double temperature, Random rng, INDArray grad, ParameterLayout.Views g) {
        ParameterLayout.Views p = model.views();
        int layers = p.weights().length;

        ConcreteSelector.sampleGumbel(noise, rng);
        read(noise, hostWork);
        read(p.logits(), hostLogits);
        ConcreteSelector.softmaxRows(hostLogits, hostWork, (float) (1.0 / temperature), hostS, k, d);
        write(hostS, s);
        Nd4j.gemm(x, s, z, false, true, 1.0, 0.0);

        INDArray in = z;
        for (int l = 0; l + 1 < layers; l++) {
            Nd4j.gemm(in, p.weights()[l], pre[l], false, false, 1.0, 0.0);
            pre[l].addiRowVector(p.biases()[l]);
            act[l].assign(pre[l]);
            Transforms.leakyRelu(act[l], ConcreteAutoencoder.LEAKY_SLOPE, false);
            if (mask[l] != null) {
                Nd4j.getExecutioner().exec(new BernoulliDistribution(mask[l], 1 - dropout), rng);
                mask[l].muli(1.0 / (1 - dropout));
                act[l].muli(mask[l]);
            }
            in = act[l];
        }
        Nd4j.gemm(in, p.weights()[layers - 1], out, false, false, 1.0, 0.0);
        out.addiRowVector(p.biases()[layers - 1]);

        // loss = mean((out - x)^2); dLoss/dOut = 2 (out - x) / (b d)
        out.subi(x);
        double loss = Nd4j.getBlasWrapper().dot(out, out) / out.length();
        out.muli(2.0 / out.length());

        INDArray dOut = out;
        for (int l = layers - 1; l >= 0; l--) {
            INDArray input = l == 0 ? z : act[l - 1];
            Nd4j.gemm(input, dOut, g.weights()[l], true, false, 1.0, 0.0);
            Nd4j.gemm(onesB, dOut, g.biases()[l], false, false, 1.0, 0.0);
            INDArray dIn = delta[l];
            Nd4j.gemm(dOut, p.weights()[l], dIn, false, true, 1.0, 0.0);
            if (l > 0) {
                int h = l - 1;
                if (mask[h] != null) dIn.muli(mask[h]);
                Nd4j.exec(new LeakyReLUBp(pre[h], dIn, dIn, ConcreteAutoencoder.LEAKY_SLOPE));
            }
            dOut = dIn;
        }
        if (penalty != null) lastPenalty = penalty.apply(z, delta[0], redundancy);
        // dL = S * (dS - rowsum(dS * S)) / T with dS = dZ^T X; the 1/T rides on the multiply's alpha
        Nd4j.gemm(delta[0], x, g.logits(), true, false, 1.0 / temperature, 0.0);
        read(g.logits(), hostWork);
        ConcreteSelector.softmaxBackwardRows(hostWork, hostS, k, d);
        write(hostWork, g.logits());
        return loss;
    }

    /** Copies a contiguous row-major array (a view of a flat buffer, possibly at an offset) to the heap. */
    static void read(INDArray a, float[] dst) {
        a.data().asNioFloat().get((int) a.offset(), dst, 0, dst.length);
    }

    /** Copies heap values into a contiguous row-major array. */
    static void write(float[] src, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), src, 0, src.length);
    }
}
