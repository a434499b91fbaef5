package org.caeworkbench.eval;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.function.Function;
import org.caeworkbench.data.Dataset;

/**
 * The result of one costly computation on a data set, kept for the next caller on the same rows (the same
 * {@link Dataset} object and key): the PCA that the comparison's bound, PFA and the window's explanation share, the
 * neighbour graph of the Laplacian Score and MCFS. One entry. The data set is held weakly, the result softly: the
 * collector may drop it when memory runs short, and it is then computed again. A caller asking while another computes
 * waits for that result instead of computing it a second time.
 */
final class LastFor<V> {
    private WeakReference<Dataset> data = new WeakReference<>(null);
    private int key;
    private SoftReference<V> value = new SoftReference<>(null);

    synchronized V get(Dataset of, int key, Function<Dataset, V> compute) {
        V v = value.get();
        if (v == null || data.get() != of || this.key != key) {
            v = compute.apply(of);
            data = new WeakReference<>(of);
            this.key = key;
            value = new SoftReference<>(v);
        }
        return v;
    }
}
