package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each parameter lives in the one flat buffer: the selector's parameters, then for each decoder
 * layer its weights (in x out) and bias (1 x out), and last, when the objective has one, the classifier
 * head's layers in the same form ({@link #headViews}). The same layout carves the flat gradient, so one
 * Adam call updates everything. The selector's parameters are the logits L (k x d, the paper's), or with
 * the indirect parameterisation of IP-CAE (ipDim m > 0) the embedding Psi (k x m), the shared map W
 * (d x m) and its bias b (1 x d), from which L = Psi W^T + b is computed ({@link ConcreteAutoencoder}).
 * With f kept features ({@link FeaturePanel}) the decoder's input (and the head's) is f + k wide: the kept
 * features first, then the k selectors.
 */
final class ParameterLayout {
    final int d;
    final int k;
    final int fixed;         // kept features fed to the decoder beside the selectors
    final int[] widths;      // f + k, hidden..., d: the decoder's layer widths
    final int ipDim;         // m of IP-CAE's Psi (k x m) and W (d x m); 0: plain logits
    final long selectorSize; // values of the selector's parameters at the start of the buffer
    final long size;
    final int[] headWidths;  // Z's width, head hidden, classes; empty: no classifier head
    final long headSize;     // parameters of the head, the last ones of the buffer

    ParameterLayout(int d, int k, int[] hidden) {
        this(d, k, 0, hidden, 0, null);
    }

    ParameterLayout(int d, int k, int[] hidden, int ipDim) {
        this(d, k, 0, hidden, ipDim, null);
    }

    ParameterLayout(int d, int k, int fixed, int[] hidden) {
        this(d, k, fixed, hidden, 0, null);
    }

    ParameterLayout(int d, int k, int[] hidden, int ipDim, int[] head) {
        this(d, k, 0, hidden, ipDim, head);
    }

    /**
     * @param fixed kept features fed to the decoder (and the head) before the k selectors
     * @param ipDim m of IP-CAE's Psi and W; 0: plain logits
     * @param head  the classifier head's hidden width and number of classes ({h, C}), or null for none
     */
    ParameterLayout(int d, int k, int fixed, int[] hidden, int ipDim, int[] head) {
        this.d = d;
        this.k = k;
        this.fixed = fixed;
        this.ipDim = ipDim;
        widths = new int[hidden.length + 2];
        widths[0] = fixed + k;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = d;
        selectorSize = ipDim > 0 ? (long) k * ipDim + (long) d * ipDim + d : (long) k * d;
        long s = selectorSize;
        for (int l = 0; l + 1 < widths.length; l++) s += (long) widths[l] * widths[l + 1] + widths[l + 1];
        headWidths = head == null || head.length == 0 ? new int[0] : new int[] {widths[0], head[0], head[1]};
        long hs = 0;
        for (int l = 0; l + 1 < headWidths.length; l++) hs += (long) headWidths[l] * headWidths[l + 1] + headWidths[l + 1];
        headSize = hs;
        size = s + hs;
    }

    boolean hasHead() {
        return headWidths.length > 0;
    }

    /** The head's layers (weights, biases, weights with bias as in {@link Views}) in a 1 x size buffer; null without a head. */
    Views headViews(INDArray flat) {
        if (!hasHead()) return null;
        if (flat.length() != size) throw new IllegalArgumentException("parameter buffer has " + flat.length() + " entries, expected " + size);
        INDArray[][] layers = layers(flat, new long[] {size - headSize}, headWidths);
        return new Views(null, layers[0], layers[1], layers[2], null, null, null);
    }

    int decoderLayers() {
        return widths.length - 1;
    }

    int[] hidden() {
        int[] h = new int[widths.length - 2];
        System.arraycopy(widths, 1, h, 0, h.length);
        return h;
    }

    /** Views into a 1 x size buffer. */
    Views views(INDArray flat) {
        if (flat.length() != size) throw new IllegalArgumentException("parameter buffer has " + flat.length() + " entries, expected " + size);
        long[] off = {0};
        INDArray logits = null, psi = null, ipWeights = null, ipBias = null;
        if (ipDim > 0) {
            psi = take(flat, off, k, ipDim);
            ipWeights = take(flat, off, d, ipDim);
            ipBias = take(flat, off, 1, d);
        } else {
            logits = take(flat, off, k, d);
        }
        INDArray[][] layers = layers(flat, off, widths);
        return new Views(logits, layers[0], layers[1], layers[2], psi, ipWeights, ipBias);
    }

    /**
     * The weights, biases and weights-with-bias views of the layers of {@code widths} (each layer's weights
     * in x out, then its bias 1 x out), from offset off[0] on, which it advances.
     */
    private static INDArray[][] layers(INDArray flat, long[] off, int[] widths) {
        int layers = widths.length - 1;
        INDArray[] w = new INDArray[layers];
        INDArray[] b = new INDArray[layers];
        INDArray[] wb = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long start = off[0];
            w[l] = take(flat, off, widths[l], widths[l + 1]);
            b[l] = take(flat, off, 1, widths[l + 1]);
            wb[l] = take(flat, new long[] {start}, widths[l] + 1, widths[l + 1]);
        }
        return new INDArray[][] {w, b, wb};
    }

    private static INDArray take(INDArray flat, long[] off, int rows, int cols) {
        long n = (long) rows * cols;
        INDArray v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(off[0], off[0] + n)).reshape('c', rows, cols);
        off[0] += n;
        return v;
    }

    /**
     * @param weightsWithBias each layer's weights with its bias as one more row, (in + 1) x out: the bias
     *                        follows the weights in the buffer, so an input with a column of ones gets
     *                        the bias added by the multiply, and its gradient comes out of one multiply
     * @param logits          the logits L (k x d); null with the indirect parameterisation, whose L is computed
     * @param psi             IP-CAE's embedding Psi (k x m), else null
     * @param ipWeights       IP-CAE's W (d x m), shared by all selectors, else null
     * @param ipBias          IP-CAE's bias b (1 x d), else null
     */
    record Views(INDArray logits, INDArray[] weights, INDArray[] biases, INDArray[] weightsWithBias,
                 INDArray psi, INDArray ipWeights, INDArray ipBias) {}
}
