package org.caeworkbench.core;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.caeworkbench.data.Dataset;

/**
 * The next minibatch's rows, gathered on the selector's helper thread a step ahead ({@link SelectorPipeline#alsoAhead}).
 * Gathering 256 rows scattered over a dense in-memory matrix was about 7% of the training thread's time on MNIST
 * (a {@code perf} profile); with this the training thread copies one contiguous block instead.
 *
 * <p>The same rules as the pipeline's: the training thread never waits. The helper copies step t + 1's rows into the
 * slot of t + 1's parity and marks it done; when step t + 1 starts, the training thread takes the slot only if it is
 * marked done for that step, and otherwise marks it taken and gathers the rows itself (the same values). The helper
 * writes a slot again only for step t + 3, after the training thread announced t + 2, so after it finished with t + 1;
 * a helper that fell behind writes into a slot nobody reads until it marks it done, which it does only for the step it
 * copied. So the result is the same bits with or without the helper, and whichever thread copied the rows.
 */
final class BatchAhead implements SelectorPipeline.AheadWork {
    private static final long CLAIMED = 1, DONE = 2, TAKEN = 3;
    /** Minibatches the training thread took from the helper (tests). */
    static final LongAdder TAKEN_FROM_HELPER = new LongAdder();

    private final Dataset data;
    private final float[] array;              // the dense matrix, row-major
    private final int d;
    private final int batch;
    private final float[][] slots;            // two b x d row-major copies, by the step's parity
    private final AtomicLongArray state = new AtomicLongArray(2);
    private volatile Plan plan;

    /** An epoch's row order (a copy: the trainer shuffles its own in place) and where its steps begin. */
    private record Plan(int[] order, long firstStep, int fullSteps) {}

    BatchAhead(Dataset data, float[] array, int batch) {
        this.data = data;
        this.array = array;
        this.d = data.cols();
        this.batch = batch;
        slots = new float[][] {new float[batch * d], new float[batch * d]};
    }

    /** The training thread, at an epoch's start (before announcing its first step): its row order and first step. */
    void epoch(int[] order, long firstStep) {
        plan = new Plan(order.clone(), firstStep, order.length / batch);
    }

    private static long state(long gen, long phase) {
        return gen * 4 + phase;
    }

    @Override
    public void drawAhead(long next, BooleanSupplier stillBefore) {
        Plan p = plan;
        if (p == null) return;
        long index = next - p.firstStep;
        if (index < 0 || index >= p.fullSteps) return;     // the next epoch's order is not known yet, or a partial batch
        long gen = next + 1;
        int slot = (int) (gen & 1);
        long st = state.get(slot);
        if (st >= state(gen, 0) || !state.compareAndSet(slot, st, state(gen, CLAIMED))) return;
        float[] dst = slots[slot];
        int start = (int) index * batch;
        for (int i = 0; i < batch; i++) {
            if ((i & 31) == 0 && !stillBefore.getAsBoolean()) return;    // the training thread moved on: it gathers itself
            System.arraycopy(array, data.matrixRow(p.order[start + i]) * d, dst, i * d, d);
        }
        state.compareAndSet(slot, state(gen, CLAIMED), state(gen, DONE));    // fails if taken over: not used
    }

    /**
     * The training thread, at step {@code step}: the rows the helper gathered for it into {@code x}, and true; or false
     * (not done in time, or not prepared), and the caller gathers them itself.
     */
    boolean take(long step, java.nio.FloatBuffer x) {
        long gen = step + 1;
        int slot = (int) (gen & 1);
        for (;;) {
            long st = state.get(slot);
            if (st == state(gen, DONE)) {
                x.put(0, slots[slot], 0, batch * d);
                TAKEN_FROM_HELPER.increment();
                return true;
            }
            if (st >= state(gen, TAKEN) || state.compareAndSet(slot, st, state(gen, TAKEN))) return false;
            // the helper changed the slot's state in between: look again
        }
    }
}
