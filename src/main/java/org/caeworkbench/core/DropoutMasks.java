package org.caeworkbench.core;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * The decoder's dropout masks: after hidden layer l at step t, unit j of minibatch row i is kept with
 * probability 1 - rate and then scaled by 1 / (1 - rate). The mask of a row is a function of (seed, step,
 * layer, row) alone ({@link CounterRandom}), so it does not depend on the batch size or on the thread
 * that draws it.
 *
 * <p>When {@link #drawAhead(int[], int)} is set up and the masks are handed to a {@link SelectorPipeline}
 * ({@link SelectorPipeline#alsoAhead}), the pipeline's helper thread draws step t + 1's masks while the
 * training thread is on step t; {@link #fill} copies a mask the helper has finished and draws any other
 * itself (the same values).
 */
final class DropoutMasks implements SelectorPipeline.AheadWork {
    private static final long STREAM = 0x44524F50L;
    private static final long CLAIMED = 1, DONE = 2;

    private final long seed;
    private final double rate;
    // drawn ahead (null: never): per slot and hidden layer, rows x width
    private int[] widths;
    private int rows;
    private float[][][] slots;
    private AtomicLongArray state;     // 2 x layers: (step, phase), written by the helper only

    /** @param rate the dropout rate, in (0, 1) */
    DropoutMasks(long seed, double rate) {
        this.seed = seed;
        this.rate = rate;
    }

    /**
     * Prepares the masks to be drawn a step ahead, for hidden layers of the given widths and up to
     * {@code rows} minibatch rows; returns this. Call before the pipeline's first step.
     */
    DropoutMasks drawAhead(int[] hiddenWidths, int rows) {
        widths = hiddenWidths.clone();
        this.rows = rows;
        slots = new float[2][widths.length][];
        for (int slot = 0; slot < 2; slot++) {
            for (int l = 0; l < widths.length; l++) slots[slot][l] = new float[rows * widths[l]];
        }
        state = new AtomicLongArray(2 * widths.length);
        return this;
    }

    /** The mask of hidden layer {@code layer} at {@code step} for rows [0, rows) of width w, into f. */
    void fill(long step, int layer, float[] f, int rows, int w) {
        if (!copyDrawn(step, layer, f, rows * w)) draw(seed, step, layer, rate, f, rows, w);
    }

    private boolean copyDrawn(long step, int layer, float[] dst, int n) {
        if (slots == null) return false;
        long gen = step + 1;
        int slot = (int) (gen & 1);
        if (state.get(slot * widths.length + layer) != state(gen, DONE)) return false;
        System.arraycopy(slots[slot][layer], 0, dst, 0, n);
        return true;
    }

    /**
     * On the helper thread: draws the masks of step {@code next} while the training thread is on the
     * step before. The training thread reads step t's masks only during step t, before it starts t + 1,
     * and the helper writes a slot again only for step t + 2, after that.
     */
    @Override
    public void drawAhead(long next, BooleanSupplier stillBefore) {
        if (slots == null) return;
        long gen = next + 1;
        int slot = (int) (gen & 1);
        for (int l = 0; l < widths.length; l++) {
            if (!stillBefore.getAsBoolean()) return;
            int i = slot * widths.length + l;
            state.set(i, state(gen, CLAIMED));
            draw(seed, next, l, rate, slots[slot][l], rows, widths[l]);
            state.set(i, state(gen, DONE));
        }
    }

    private static long state(long gen, long phase) {
        return gen * 4 + phase;
    }

    /**
     * The dropout mask of hidden layer {@code layer} at {@code step} for rows [0, rows) of width w, into
     * f: 1 / (1 - dropout) for a kept unit (probability 1 - dropout), else 0.
     */
    static void draw(long seed, long step, int layer, double dropout, float[] f, int rows, int w) {
        long layerKey = CounterRandom.key(CounterRandom.key(CounterRandom.key(seed, step), STREAM), layer);
        int keepBits = Float.floatToRawIntBits((float) (1 / (1 - dropout)));
        int threshold = (int) Math.round((1 - dropout) * (1 << 24));
        for (int i = 0; i < rows; i++) {
            long rowKey = CounterRandom.key(layerKey, i);
            int o = i * w;
            for (int j = 0; j < w; j += 2) {
                // two 24-bit uniforms u from each 64 random bits; (u - threshold) >> 31 is all ones
                // when u < threshold, which selects the scale's bits without a branch
                long bits = CounterRandom.bits(rowKey, j >> 1);
                f[o + j] = Float.intBitsToFloat((((int) (bits >>> 40) - threshold) >> 31) & keepBits);
                if (j + 1 < w) f[o + j + 1] = Float.intBitsToFloat(((((int) bits >>> 8) - threshold) >> 31) & keepBits);
            }
        }
    }
}
