package org.caeworkbench.core;

import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The next minibatch's rows, gathered on the selector's helper thread a step ahead ({@link SelectorPipeline#alsoAhead}).
 * Gathering 256 rows scattered over a dense in-memory matrix was about 7% of the training thread's time on MNIST
 * (a {@code perf} profile). The helper gathers them into native buffers of its own, twice: as the step's input X and
 * as the output buffer's starting value (the output multiply subtracts X there, {@link TrainingStep}); the training
 * thread then multiplies straight from these buffers and copies nothing. With the rows it finds the minibatch's live
 * columns ({@link LiveColumns}) and packs the rows restricted to them, for the selector's products.
 *
 * <p>The same rules as the pipeline's: the training thread never waits. The helper copies step t + 1's rows into the
 * slot of t + 1's parity and marks it done; when step t + 1 starts, the training thread takes the slot only if it is
 * marked done for that step, and otherwise marks it taken and gathers the rows into its own buffers (the same values).
 * The helper writes a slot again only for step t + 3, after the training thread announced t + 2, so after it finished
 * with t + 1; a helper that fell behind writes into a slot nobody reads until it marks it done, which it does only for
 * the step it copied. So the result is the same bits with or without the helper, and whichever thread copied the rows.
 * {@link #close} frees the slots once the helper is out of them.
 */
final class BatchAhead implements SelectorPipeline.AheadWork, AutoCloseable {
    private static final long CLAIMED = 1, DONE = 2, TAKEN = 3;
    /** Minibatches the training thread took from the helper (tests). */
    static final LongAdder TAKEN_FROM_HELPER = new LongAdder();

    private final Dataset data;
    private final float[] array;              // the dense matrix, row-major
    private final int d;
    private final int batch;
    private final INDArray[] xs;              // two b x d native row-major copies of the rows, by the step's parity ...
    private final INDArray[] outs;            // ... and two more: the output buffers' starting value
    private final FloatBuffer[] xRows;
    private final FloatBuffer[] outRows;
    private final LiveColumns[] lives;        // ... and each slot's live columns (null: not wanted)
    private final int[] base;                 // the helper's: where each row of the minibatch starts in the matrix
    private final AtomicLongArray state = new AtomicLongArray(2);
    private final AtomicInteger inside = new AtomicInteger();   // helpers in drawAhead (0 or 1)
    private volatile boolean closed;
    private volatile Plan plan;

    /** An epoch's row order (a copy: the trainer shuffles its own in place) and where its steps begin. */
    private record Plan(int[] order, long firstStep, int fullSteps) {}

    /** @param live whether to find each minibatch's live columns ({@link LiveColumns#pay}) */
    BatchAhead(Dataset data, float[] array, int batch, boolean live) {
        this.data = data;
        this.array = array;
        this.d = data.cols();
        this.batch = batch;
        xs = new INDArray[] {Nd4j.create(DataType.FLOAT, batch, d), Nd4j.create(DataType.FLOAT, batch, d)};
        outs = new INDArray[] {Nd4j.create(DataType.FLOAT, batch, d), Nd4j.create(DataType.FLOAT, batch, d)};
        xRows = new FloatBuffer[] {xs[0].data().asNioFloat(), xs[1].data().asNioFloat()};
        outRows = new FloatBuffer[] {outs[0].data().asNioFloat(), outs[1].data().asNioFloat()};
        lives = live ? new LiveColumns[] {new LiveColumns(batch, d), new LiveColumns(batch, d)} : null;
        base = new int[batch];
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
        inside.incrementAndGet();
        try {
            if (!closed) gather(next, stillBefore);
        } finally {
            inside.decrementAndGet();
        }
    }

    private void gather(long next, BooleanSupplier stillBefore) {
        Plan p = plan;
        if (p == null) return;
        long index = next - p.firstStep;
        if (index < 0 || index >= p.fullSteps) return;     // the next epoch's order is not known yet, or a partial batch
        long gen = next + 1;
        int slot = (int) (gen & 1);
        long st = state.get(slot);
        if (st >= state(gen, 0) || !state.compareAndSet(slot, st, state(gen, CLAIMED))) return;
        FloatBuffer dst = xRows[slot];
        int start = (int) index * batch;
        for (int i = 0; i < batch; i++) {
            if ((i & 31) == 0 && !stillBefore.getAsBoolean()) return;    // the training thread moved on: it gathers itself
            base[i] = data.matrixRow(p.order[start + i]) * d;
            dst.put(i * d, array, base[i], d);
        }
        if (!stillBefore.getAsBoolean()) return;
        if (lives != null) {
            lives[slot].of(array, base);
            if (!stillBefore.getAsBoolean()) return;
        }
        outRows[slot].put(0, dst, 0, batch * d);
        state.compareAndSet(slot, state(gen, CLAIMED), state(gen, DONE));    // fails if taken over: not used
    }

    /**
     * The training thread, at step {@code step}: the slot whose buffers ({@link #x}, {@link #out}) hold the rows the helper
     * gathered for it; or -1 (not done in time, or not prepared), and the caller gathers them itself.
     */
    int take(long step) {
        long gen = step + 1;
        int slot = (int) (gen & 1);
        for (;;) {
            long st = state.get(slot);
            if (st == state(gen, DONE)) {
                TAKEN_FROM_HELPER.increment();
                return slot;
            }
            if (st >= state(gen, TAKEN) || state.compareAndSet(slot, st, state(gen, TAKEN))) return -1;
            // the helper changed the slot's state in between: look again
        }
    }

    /** A slot's minibatch X (b x d). */
    INDArray x(int slot) {
        return xs[slot];
    }

    /** A slot's live columns ({@link LiveColumns}), found with its rows; null when not wanted. */
    LiveColumns live(int slot) {
        return lives == null ? null : lives[slot];
    }

    /** A slot's copy of X for the output buffer (b x d). */
    INDArray out(int slot) {
        return outs[slot];
    }

    /**
     * Frees the slots, after waiting for a helper still copying into one (at most the rest of one minibatch: the
     * training thread has finished its steps). The helper copies nothing after this.
     */
    @Override
    public void close() {
        closed = true;
        while (inside.get() != 0) Thread.onSpinWait();
        TrainingStep.free(xs);
        TrainingStep.free(outs);
        if (lives != null) for (LiveColumns l : lives) l.close();
    }
}
