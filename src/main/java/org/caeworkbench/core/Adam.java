package org.caeworkbench.core;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba) over the one flat parameter buffer, as one fused loop on the Java heap.
 * ND4J's own updater runs about a dozen separate element-wise passes; measured on this model it cost
 * more than the step's matrix multiplies (docs/performance.md). Here the gradient is copied out of
 * the native buffer, the moments and a master copy of the parameters stay on the heap, and the
 * updated parameters are copied back in one bulk write for the next step's multiplies.
 */
final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final double learningRate;
    private final FloatBuffer nativeParams;
    private final FloatBuffer nativeGrad;
    private final float[] params;
    private final float[] grad;
    private final float[] m;
    private final float[] v;
    private long t;
    private int selectorEnd;          // parameters [0, selectorEnd) learn at selectorRate; 0: all at learningRate
    private double selectorRate;
    private int deferFrom;            // parameters [deferFrom, n) are updated by finish(); 0: all by step()
    private boolean pending;          // step() left [deferFrom, n) for finish()
    private float pendingRate;        // their step size (bias-corrected)
    private float pendingSelectorRate;

    Adam(double learningRate, INDArray params, INDArray grad) {
        if (params.offset() != 0 || grad.offset() != 0 || params.length() != grad.length())
            throw new IllegalArgumentException("Adam needs two whole flat buffers of the same length");
        this.learningRate = learningRate;
        int n = (int) params.length();
        this.nativeParams = params.data().asNioFloat();
        this.nativeGrad = grad.data().asNioFloat();
        this.params = new float[n];
        this.grad = new float[n];
        this.m = new float[n];
        this.v = new float[n];
        nativeParams.get(0, this.params);
    }

    /**
     * Lets the first {@code count} parameters (the selector's, at the start of the buffer) learn at {@code rate}
     * instead of the learning rate; the rest keep it. Not called when the two are equal, so such a run is the
     * run of one rate, bit for bit.
     */
    Adam selectorRate(long count, double rate) {
        if (count < 0 || count > params.length) throw new IllegalArgumentException("selector parameters " + count + " of " + params.length);
        selectorEnd = (int) count;
        selectorRate = rate;
        return this;
    }

    /**
     * Leaves the update of parameters [{@code from}, n) (the decoder's, after the selector's) to {@link #finish}, so the
     * training thread can announce the next step to the selector's helper before it: the helper's softmax of the next
     * step needs only the selector's parameters. The values are the same bits as one {@link #step}.
     */
    Adam deferFrom(long from) {
        if (from < 0 || from > params.length) throw new IllegalArgumentException("deferred parameters from " + from + " of " + params.length);
        finish();
        deferFrom = (int) from;
        return this;
    }

    /** Steps taken so far (Adam's t, which its bias correction depends on). */
    long steps() { return t; }

    /**
     * The live first moments, the second moments and the heap copy of the parameters (for a checkpoint; do not write;
     * {@link #finish} first where the decoder's part matters).
     */
    float[] firstMoment() { return m; }
    float[] secondMoment() { return v; }
    float[] parameters() { return params; }

    /** Continues from a checkpoint: the moments and step count (the parameters are taken from the native buffer). */
    void restore(float[] firstMoment, float[] secondMoment, long steps) {
        if (firstMoment.length != m.length || secondMoment.length != v.length)
            throw new IllegalArgumentException("the checkpoint's optimiser state has " + firstMoment.length + " values, expected " + m.length);
        System.arraycopy(firstMoment, 0, m, 0, m.length);
        System.arraycopy(secondMoment, 0, v, 0, v.length);
        t = steps;
    }

    /**
     * Starts parameters [from, from + values.length) afresh: sets them to {@code values} (host and native copy)
     * and zeroes their two moments, so their next steps are as large as a new parameter's (re-drawn selectors).
     */
    void reset(int from, float[] values) {
        finish();
        System.arraycopy(values, 0, params, from, values.length);
        java.util.Arrays.fill(m, from, from + values.length, 0f);
        java.util.Arrays.fill(v, from, from + values.length, 0f);
        nativeParams.put(from, values);
    }

    /**
     * One update from the gradient now in the native gradient buffer; with {@link #deferFrom} only of the parameters
     * before that point, the rest at {@link #finish} (before the gradient buffer is written again).
     */
    void step() {
        finish();
        t++;
        float a = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        float sa = selectorEnd > 0 ? (float) (selectorRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t))) : a;
        int end = deferFrom > 0 ? deferFrom : params.length;
        nativeGrad.get(0, grad, 0, end);
        updateRange(0, end, a, sa);
        nativeParams.put(0, params, 0, end);
        if (end < params.length) {
            pending = true;
            pendingRate = a;
            pendingSelectorRate = sa;
        }
    }

    /** The deferred part of the last {@link #step}, if any (nothing otherwise). */
    void finish() {
        if (!pending) return;
        pending = false;
        int from = deferFrom, n = params.length;
        nativeGrad.get(from, grad, from, n - from);
        updateRange(from, n, pendingRate, pendingSelectorRate);
        nativeParams.put(from, params, from, n - from);
    }

    /** Parameters [from, to): the selector's (below selectorEnd) at step size {@code sa}, the others at {@code a}. */
    private void updateRange(int from, int to, float a, float sa) {
        int cut = Math.max(from, Math.min(to, selectorEnd));
        if (cut > from) update(from, cut, sa);
        if (to > cut) update(cut, to, a);
    }

    private void update(int from, int to, float a) {
        float[] p = params, g = grad, mm = m, vv = v;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = BETA1 * mm[i] + (1 - BETA1) * gi;
            float vi = BETA2 * vv[i] + (1 - BETA2) * gi * gi;
            mm[i] = mi;
            vv[i] = vi;
            p[i] -= a * mi / ((float) Math.sqrt(vi) + EPSILON);
        }
    }
}
