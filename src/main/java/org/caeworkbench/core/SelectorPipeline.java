package org.caeworkbench.core;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selector's forward element-wise work, S = softmax((L + G) / T) with fresh Gumbel noise G each step,
 * spread over the training thread and one helper thread on the machine's second core.
 *
 * <p>The helper works one step ahead: while the training thread runs step t's matrix multiplies, it
 * draws the noise of step t + 1. When step t + 1 starts, both threads compute its softmax rows, the
 * training thread from the top and the helper from the bottom, and meet in the middle.
 *
 * <p>The training thread never waits for the helper. Each row has a state word (step, phase) changed
 * only by compare-and-set. The training thread uses a row of the helper only once it is marked done
 * for this step; a row the helper has not finished, or not started, it takes over and computes itself,
 * and the helper's late result is thrown away. The helper writes only into its own arrays, and only to
 * rows it has claimed. On a busy machine, where the helper may not run for milliseconds, training
 * continues at single-thread speed instead of stalling on the scheduler. An earlier design that handed
 * each step's noise over through a queue stalled exactly there.
 *
 * <p>The result does not depend on which thread computes a row or when. The noise of (step, row) is a
 * pure function of the run's seed ({@link CounterRandom}), and both threads run the same Java code, whose
 * float arithmetic is exactly reproducible. A run with the helper gives the same bits as a run without
 * it; a test holds them equal.
 *
 * <p>Other work of the next step can ride on the helper after the noise ({@link #alsoAhead}): the
 * decoder's {@link DropoutMasks}, the next minibatch ({@link BatchAhead}). And once that is done, instead of
 * waiting for the next step, the helper computes pieces of a product the training thread offered in this
 * step ({@link #offers}, {@link OfferedProduct}: the output layer's weight gradient), under the same rule.
 */
final class SelectorPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SelectorPipeline.class);
    private static final long CLAIMED = 1, DONE = 2, TAKEN = 3;
    /** How long before a step is due the helper stops sleeping and spins (timer wake-ups are late by up to ~60 us). */
    private static final long SPIN_MARGIN = 100_000;
    /** Steps slower than this (50 ms) are not worth spinning for. */
    private static final long MAX_SPIN_PERIOD = 50_000_000;

    private final int k;
    private final int d;
    private final long seed;
    private final float[][] noise;            // two slots of k x d: step t's noise, and step t + 1's being drawn
    private final AtomicLongArray noiseState; // 2k: (step of the noise, phase) per slot row; written by the helper only
    private final float[] helperS;            // k x d: softmax rows computed by the helper
    private final AtomicLongArray rowState;   // k: (step, phase) of each softmax row
    private final float[] trainerRow;         // d: the training thread's noise for a row it draws itself
    private final int[] open;                 // the selectable columns (FeaturePanel); null: all
    private final Thread helper;              // null: the training thread does everything

    private volatile AheadWork ahead;         // null: none
    private volatile OfferedProduct offered;  // a product of the step the helper may compute when idle; null: none
    private long helperStep;                  // the helper's: the step whose work it is doing
    private final BooleanSupplier helperStillOnStep = () -> this.announced == this.helperStep;
    private final java.util.function.LongPredicate stillAnnounced = s -> this.announced == s;

    // the current step's inputs, written before the volatile write of 'announced'
    private float[] logits;
    private float invT;
    private volatile long announcedAt;        // System.nanoTime() of the announcement, written just before it
    private volatile long announced = -1;
    private volatile boolean closed;
    private volatile Throwable helperFailure;
    volatile Runnable helperRowHook;          // tests: runs before each row the helper computes

    /**
     * @param seed    the run's seed: the noise of every step is a function of it and the step number
     * @param helperThread whether to use a second thread (pointless on a one-core machine)
     */
    SelectorPipeline(int k, int d, long seed, boolean helperThread) {
        this(k, d, seed, helperThread, null);
    }

    /** @param open the columns the selectors may choose, ascending ({@link FeaturePanel#open()}); null: all */
    SelectorPipeline(int k, int d, long seed, boolean helperThread, int[] open) {
        this.open = open;
        this.k = k;
        this.d = d;
        this.seed = seed;
        trainerRow = new float[d];
        if (helperThread) {
            noise = new float[][] {new float[k * d], new float[k * d]};
            noiseState = new AtomicLongArray(2 * k);
            helperS = new float[k * d];
            helper = new Thread(this::helperLoop, "cae-selector-helper");
            helper.setDaemon(true);
            helper.start();
        } else {
            noise = null;
            noiseState = null;
            helperS = null;
            helper = null;
        }
        rowState = new AtomicLongArray(k);
    }

    /**
     * Whether a helper thread is wanted: the machine has more than one core, and {@code CAE_SELECTOR_HELPER}
     * (property {@code cae.selectorHelper}) is not {@code off} (for measuring the engine without it).
     */
    static boolean helperWanted() {
        return Runtime.getRuntime().availableProcessors() > 1
                && !"off".equalsIgnoreCase(NativeThreads.setting("cae.selectorHelper", "CAE_SELECTOR_HELPER"));
    }

    /** Whether this pipeline runs a helper thread. */
    boolean hasHelper() {
        return helper != null;
    }

    /** The key of the noise of selector row {@code row} at step {@code step}. */
    long noiseKey(long step, int row) {
        return CounterRandom.key(CounterRandom.key(seed, step), row);
    }

    /** The selectable columns, or null when every column is. */
    int[] open() {
        return open;
    }

    /** The run's seed. */
    long seed() {
        return seed;
    }

    /** Work of the next step that the helper does after drawing its noise. */
    interface AheadWork {
        /**
         * Prepares step {@code next} on the helper thread while the training thread is on the step before;
         * stops early once {@code stillBefore} turns false (the training thread has moved on).
         */
        void drawAhead(long next, BooleanSupplier stillBefore);
    }

    /**
     * Lets the helper also do {@code work} a step ahead, after the noise and after any work handed over before it
     * (so hand over first what the next step needs first). Call before the first {@link #announce}; without a
     * helper it does nothing (the training thread does the work in its step).
     */
    void alsoAhead(AheadWork work) {
        if (helper == null || work == null) return;
        AheadWork before = ahead;
        ahead = before == null ? work : (next, still) -> {
            before.drawAhead(next, still);
            work.drawAhead(next, still);
        };
    }

    /**
     * Lets the helper also compute {@code product}'s offers while it waits for the next step (after the work of
     * {@link #alsoAhead}); returns the product. Without a helper the product computes each offer at once.
     */
    OfferedProduct offers(OfferedProduct product) {
        if (helper == null) product.enabled(false);
        else offered = product;
        return product;
    }

    /** Wakes the helper for an offer made between steps (nothing without a helper). */
    void wake() {
        if (helper != null) LockSupport.unpark(helper);
    }

    /**
     * Step {@code step}'s inputs: from now on the helper may compute its softmax rows, until the
     * training thread asks for them in {@link #forward}. {@code logits} must not change until the
     * next announcement. Steps must be numbered upwards without gaps for the helper to be of use (any
     * order gives the right result).
     */
    void announce(long step, float[] logits, float invT) {
        this.logits = logits;
        this.invT = invT;
        if (helper == null) {
            announced = step;
            return;
        }
        announcedAt = System.nanoTime();
        announced = step;        // the volatile write publishes the fields above
        LockSupport.unpark(helper);
    }

    /** S = softmax((L + G_step) / T), row-wise, into {@code s} (k x d), for the step last announced. */
    void forward(float[] s) {
        long step = announced;
        long gen = step + 1;     // 0 is the initial state of every row
        float[] logits = this.logits;
        float invT = this.invT;
        if (helper == null) {
            for (int r = 0; r < k; r++) computeRow(step, gen, r, logits, invT, s, trainerRow);
            return;
        }
        for (int r = 0; r < k; r++) {
            for (;;) {
                long st = rowState.get(r);
                if (st == state(gen, DONE)) {
                    System.arraycopy(helperS, r * d, s, r * d, d);
                    break;
                }
                if (rowState.compareAndSet(r, st, state(gen, TAKEN))) {
                    computeRow(step, gen, r, logits, invT, s, trainerRow);
                    break;
                }
                // the helper changed the row's state in between: look again
            }
        }
    }

    private static long state(long gen, long phase) {
        return gen * 4 + phase;
    }

    /** One softmax row, with the step's noise from the helper's slot when it is there, else drawn here into {@code row}. */
    private void computeRow(long step, long gen, int r, float[] logits, float invT, float[] out, float[] row) {
        int slot = (int) (gen & 1);
        if (noiseState != null && noiseState.get(slot * k + r) == state(gen, DONE)) {
            ConcreteSelector.sampleRow(logits, r * d, noise[slot], r * d, invT, out, r * d, d, open);
        } else {
            ConcreteSelector.drawGumbel(noiseKey(step, r), row, 0, d);
            ConcreteSelector.sampleRow(logits, r * d, row, 0, invT, out, r * d, d, open);
        }
    }

    private void helperLoop() {
        float[] row = new float[d];
        long done = -1;
        long lastAt = 0;
        long period = 0;          // moving average of the time between steps, while they come one after another
        try {
            while (!closed) {
                long step = announced;
                if (step > done) {
                    long at = announcedAt;
                    if (step == done + 1 && lastAt != 0) {
                        long p = at - lastAt;
                        period = period == 0 ? p : period + (p - period) / 8;
                    }
                    lastAt = at;
                    float[] l = logits;
                    float t = invT;
                    softmaxFromBottom(step, l, t, row);
                    drawNoise(step + 1, step);
                    AheadWork w = ahead;
                    if (w != null) {
                        helperStep = step;
                        w.drawAhead(step + 1, helperStillOnStep);
                    }
                    done = step;
                } else {
                    OfferedProduct p = offered;
                    // an offer of the step it is on; announced may move on meanwhile: then the offer is left alone
                    if (p == null || !p.runIfOffered(stillAnnounced)) awaitNextStep(done, lastAt, period, p);
                }
            }
        } catch (Throwable e) {
            helperFailure = e;   // training goes on without help; close() logs it
        }
    }

    /**
     * Waits for the step after {@code done}. A parked thread takes tens of microseconds to wake, long
     * enough for the training thread to compute several rows alone, so the helper sleeps until shortly
     * before the step is due (steps come at a steady pace), then spins briefly, then parks for good.
     */
    private void awaitNextStep(long done, long lastAt, long period, OfferedProduct p) {
        if (period > 0 && period < MAX_SPIN_PERIOD) {
            long due = lastAt + period;
            long sleep = due - SPIN_MARGIN - System.nanoTime();
            if (sleep > 0) LockSupport.parkNanos(this, sleep);
            long until = due + 2 * SPIN_MARGIN;
            while (announced == done && !closed && (p == null || !p.waiting(stillAnnounced)) && System.nanoTime() < until) Thread.onSpinWait();
        }
        // close() and an offer set their flag before they unpark, so a wake-up they send cannot be missed here
        if (announced == done && !closed && (p == null || !p.waiting(stillAnnounced))) LockSupport.park(this);
    }

    /** The helper's share of step {@code step}'s softmax: rows from the bottom until it meets the training thread. */
    private void softmaxFromBottom(long step, float[] l, float t, float[] row) {
        long gen = step + 1;
        for (int r = k - 1; r >= 0; r--) {
            if (announced != step) return;
            long st = rowState.get(r);
            if (st >= state(gen, 0)) return;                       // the training thread got here first
            if (!rowState.compareAndSet(r, st, state(gen, CLAIMED))) return;
            Runnable hook = helperRowHook;
            if (hook != null) hook.run();
            computeRow(step, gen, r, l, t, helperS, row);
            rowState.compareAndSet(r, state(gen, CLAIMED), state(gen, DONE));   // fails if taken over: discarded
        }
    }

    /** Draws the noise of step {@code next} into its slot while the training thread is on step {@code current}. */
    private void drawNoise(long next, long current) {
        long gen = next + 1;
        int slot = (int) (gen & 1);
        float[] target = noise[slot];
        for (int r = 0; r < k; r++) {
            if (announced != current) return;      // the next step has started: its softmax comes first
            int i = slot * k + r;
            if (noiseState.get(i) >= state(gen, 0)) continue;
            noiseState.set(i, state(gen, CLAIMED));
            ConcreteSelector.drawGumbel(noiseKey(next, r), target, r * d, d);
            noiseState.set(i, state(gen, DONE));
        }
    }

    /** Stops the helper thread. */
    @Override
    public void close() {
        if (helper == null) return;
        closed = true;
        LockSupport.unpark(helper);
        try {
            helper.join(10_000);     // it finishes its current row at most; a daemon thread either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (helper.isAlive()) LOG.warn("the selector's helper thread did not stop within 10 s");
        Throwable f = helperFailure;
        if (f != null) LOG.warn("the selector's helper thread stopped; the training thread did its work", f);
    }
}
