package org.caeworkbench.data;

import java.util.Arrays;

/** A float[] that grows as rows are appended; refuses to pass Java's array size limit. */
final class FloatArrayBuilder {
    /** Largest array most JVMs allow. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private float[] data;
    private int size;
    private boolean outOfMemory;

    FloatArrayBuilder(int initialCapacity) {
        data = new float[Math.max(16, initialCapacity)];
    }

    int size() { return size; }

    /**
     * Makes room for {@code extra} more values and returns the backing array (it may change on each
     * call); the caller writes at {@link #size()} and then calls {@link #advance}.
     * @return null when the array would pass {@link #MAX_ARRAY} or not fit in memory (see {@link #outOfMemory()})
     */
    float[] reserve(int extra) {
        long needed = (long) size + extra;
        if (needed > MAX_ARRAY) return null;
        if (needed > data.length) {
            long grown = Math.min(Math.max(needed, data.length + (data.length >> 1) + 16L), MAX_ARRAY);
            // the bigger array must fit while the old one is still held; asking first avoids an OutOfMemoryError
            if (!MemoryBudget.fits(4 * grown) && !MemoryBudget.fits(4 * (grown = Math.max(needed, data.length + (data.length >> 3) + 16L)))) {
                outOfMemory = true;
                return null;
            }
            data = Arrays.copyOf(data, (int) Math.min(grown, MAX_ARRAY));
        }
        return data;
    }

    /** True when the last failed {@link #reserve} failed for want of memory (not the array size limit). */
    boolean outOfMemory() { return outOfMemory; }

    /** The backing array, possibly longer than {@link #size()}: the values are its first size() entries. */
    float[] raw() { return data; }

    /** Bytes the values take now, for messages. */
    long bytes() { return 4L * data.length; }

    void advance(int n) { size += n; }

    /** The values, trimmed to size; null when the trimmed copy does not fit in memory (see {@link #outOfMemory()}). */
    float[] toArray() {
        if (data.length == size) return data;
        if (!MemoryBudget.fits(4L * size)) {
            outOfMemory = true;
            return null;
        }
        return Arrays.copyOf(data, size);
    }
}
