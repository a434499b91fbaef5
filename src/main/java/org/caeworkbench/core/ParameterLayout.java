package org.caeworkbench.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each parameter lives in the one flat buffer: the selector logits (k x d), then for each decoder
 * layer its weights (in x out) and bias (1 x out). The same layout carves the flat gradient, so one
 * Adam call updates everything. With f kept features ({@link FeaturePanel}) the decoder's input is f + k wide:
 * the kept features first, then the k selectors.
 */
final class ParameterLayout {
    final int d;
    final int k;
    final int fixed;         // kept features fed to the decoder beside the selectors
    final int[] widths;      // f + k, hidden..., d: the decoder's layer widths
    final long size;

    ParameterLayout(int d, int k, int[] hidden) {
        this(d, k, 0, hidden);
    }

    ParameterLayout(int d, int k, int fixed, int[] hidden) {
        this.d = d;
        this.k = k;
        this.fixed = fixed;
        widths = new int[hidden.length + 2];
        widths[0] = fixed + k;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = d;
        long s = (long) k * d;
        for (int l = 0; l + 1 < widths.length; l++) s += (long) widths[l] * widths[l + 1] + widths[l + 1];
        size = s;
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
        INDArray logits = take(flat, off, k, d);
        int layers = decoderLayers();
        INDArray[] w = new INDArray[layers];
        INDArray[] b = new INDArray[layers];
        INDArray[] wb = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            long start = off[0];
            w[l] = take(flat, off, widths[l], widths[l + 1]);
            b[l] = take(flat, off, 1, widths[l + 1]);
            wb[l] = take(flat, new long[] {start}, widths[l] + 1, widths[l + 1]);
        }
        return new Views(logits, w, b, wb);
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
     */
    record Views(INDArray logits, INDArray[] weights, INDArray[] biases, INDArray[] weightsWithBias) {}
}
