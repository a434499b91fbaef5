package org.caeworkbench.data;

import java.util.Arrays;

/** A float[] that grows as rows are appended; refuses to pass Java's array size limit. */
final class FloatArrayBuilder {
    /** Largest array most JVMs allow. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private float[] data;
    private int size;

    FloatArrayBuilder(int initialCapacity) {
        data = new float[Math.max(16, initialCapacity)];
    }

    int size() { return size; }

    /**
     * Makes room for {@code extra} more values and returns the backing array (it may change on each
     * call); the caller writes at {@link #size()} and then calls {@link #advance}.
     * @return null when the array would pass {@link #MAX_ARRAY}
     */
    float[] reserve(int extra) {
        long needed = (long) size + extra;
        if (needed > MAX_ARRAY) return null;
        if (needed > data.length) {
            long grown = Math.max(needed, data.length + (data.length >> 1) + 16L);
            data = Arrays.copyOf(data, (int) Math.min(grown, MAX_ARRAY));
        }
        return data;
    }

    void advance(int n) { size += n; }

    /** The values, trimmed to size. */
    float[] toArray() {
        return data.length == size ? data : Arrays.copyOf(data, size);
    }
}
