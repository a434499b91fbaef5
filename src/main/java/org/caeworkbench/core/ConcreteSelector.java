package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The concrete selector layer (the encoder of a Concrete Autoencoder, paper section 3).
 * Logits L (k x d) are log alpha. In training, for a minibatch X (b x d):
 * <pre>
 *   G = -log(-log U),  U ~ Uniform(eps, 1 - eps)      one k x d draw per minibatch, shared by its rows
 *   S = softmax((L + G) / T)                           row-wise: selector i's distribution over features
 *   Z = X S^T                                          b x k: each selector's soft choice of a feature
 * </pre>
 * At inference each selector takes argmax_j L[i, j] and Z = X[:, indices].
 */
final class ConcreteSelector {
    /**
     * S = softmax((L + G) / T) and Z = X S^T, given a draw G in {@code noise} (overwritten: it receives
     * (L + G) / T before the softmax writes S).
     */
    static void forward(INDArray logits, INDArray noise, double temperature, INDArray x, INDArray s, INDArray z) {
        Nd4j.getBlasWrapper().level1().axpy(logits.length(), 1.0, logits, noise);
        noise.muli(1.0 / temperature);
        Nd4j.exec(new SoftMax(noise, s, 1));
        Nd4j.gemm(x, s, z, false, true, 1.0, 0.0);
    }

    /**
     * Gradient of the loss with respect to L, given dLoss/dZ. With dS = dZ^T X (k x d), the softmax
     * Jacobian gives dL = S * (dS - rowsum(dS * S)) / T. The 1/T rides on the multiply that forms dS
     * (its alpha), which is the same by linearity and saves a pass. {@code scratch} (k x d) and
     * {@code rowSums} (k x 1) are work buffers; {@code onesD} is a d x 1 column of ones.
     */
    static void backward(INDArray dz, INDArray x, INDArray s, double temperature, INDArray gradLogits,
                         INDArray scratch, INDArray rowSums, INDArray onesD) {
        Nd4j.gemm(dz, x, gradLogits, true, false, 1.0 / temperature, 0.0);   // dS / T, held in gradLogits
        Nd4j.exec(new MulOp(gradLogits, s, scratch));
        Nd4j.gemm(scratch, onesD, rowSums, false, false, 1.0, 0.0);          // rowsum(dS * S) / T
        gradLogits.subiColumnVector(rowSums).muli(s);
    }

    /** softmax(L) row-wise, without noise or temperature: each selector's current choice probabilities. */
    static INDArray probabilities(INDArray logits) {
        INDArray p = logits.dup('c');
        Nd4j.exec(new SoftMax(p, p, 1));
        return p;
    }

    /** argmax_j L[i, j] for each selector i. */
    static int[] selectedIndices(INDArray logits) {
        return Nd4j.argMax(logits, 1).toIntVector();
    }

    /** Mean over selectors of the largest probability: the paper's convergence monitor. */
    static double meanMaxProbability(INDArray probabilities) {
        return probabilities.max(1).meanNumber().doubleValue();
    }
}
