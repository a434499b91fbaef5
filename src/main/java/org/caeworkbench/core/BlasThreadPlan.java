package org.caeworkbench.core;

import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many BLAS threads a try's matrix multiplies use: one (the matrix multiplies on one core, the
 * selector's helper thread on the other), or two, chosen at run time for the shape and the machine's
 * load (issue 18.3; the measurements behind the rule are in docs/performance.md, "Both cores").
 *
 * <p>Only where it can pay: a machine with two or more cores, no thread count set by the user
 * ({@code OMP_NUM_THREADS}, {@code CAE_THREADS}, {@code CAE_BLAS_THREADS} pin it), and matrix
 * multiplies of at least {@link #MIN_STEP_FLOP} a step. Below that a second BLAS thread was never
 * faster here, and the run stays on one thread from its first step, so its result is the same bits
 * as before this plan existed.
 *
 * <p>Otherwise the first full steps of a try are a probe: blocks of {@link #PROBE_STEPS} measured
 * steps on one thread and on two, alternating, {@link #PROBE_ROUNDS} times, each block after one
 * unmeasured step (the switch itself). Two threads are kept when their median step is below
 * {@link #KEEP_TWO} of one thread's. A probe step on two threads slower than {@link #ABORT} times one
 * thread's median ends the probe at once (a loaded machine: OpenBLAS's two threads meet at the end of
 * every multiply, and a descheduled one makes the other wait). While on two threads, a guard compares
 * the median of the last {@link #GUARD_WINDOW} full steps with one thread's probe median; above
 * {@link #GUARD_SLOWER} times it (other work has started) the try goes back to one thread for good.
 * So a busy machine costs at most a few slow steps, never a whole run at stalled speed.
 *
 * <p>OpenBLAS rounds differently with one and two threads (the same multiply differs in the last bits),
 * so a run that used two threads is reproducible in its quality, not bit for bit: the choice depends on
 * timing. Pin the count ({@code CAE_BLAS_THREADS=1}) where bits matter; shapes below the threshold
 * never switch.
 */
final class BlasThreadPlan implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlasThreadPlan.class);
    /** GEMM work of one step (floating-point operations) from which two threads are probed. */
    static final long MIN_STEP_FLOP = 1_000_000_000L;
    static final int PROBE_STEPS = 3;
    static final int PROBE_ROUNDS = 2;
    static final double KEEP_TWO = 0.92;
    static final double ABORT = 1.5;
    static final int GUARD_WINDOW = 5;
    static final double GUARD_SLOWER = 1.10;

    private enum Phase { OFF, PROBE, TWO, ONE }

    private Phase phase;
    private final int restore;          // the BLAS threads in force before the try
    private int probeIndex;             // full steps of the probe so far
    private final double[][] probe = new double[2][PROBE_ROUNDS * PROBE_STEPS];
    private final int[] probeCount = new int[2];
    private double oneThreadStep = Double.NaN;
    private final double[] window = new double[GUARD_WINDOW];
    private int windowCount;
    private long begun;
    private int threadsOfStep = 1;
    private boolean usedTwo;           // some step of the try ran on two BLAS threads (the probe's included)
    private String outcome = "one BLAS thread";

    /** A plan that probes ({@code probe}) or leaves the threads alone; {@code restore}: the BLAS threads to leave behind. */
    BlasThreadPlan(boolean probe, int restore) {
        this.phase = probe ? Phase.PROBE : Phase.OFF;
        this.restore = restore;
        this.threadsOfStep = restore;
        if (!probe) outcome = "BLAS threads fixed (" + restore + ")";
    }

    /**
     * The plan of one try whose steps multiply {@code stepFlop} floating-point operations: a probe where
     * two threads can pay and {@code allowed}, else the thread count in force, unchanged.
     */
    static BlasThreadPlan forTry(long stepFlop, boolean allowed) {
        int now = NativeThreads.blasThreadsNow();
        boolean probe = allowed && now == 1 && !NativeThreads.userFixed() && Runtime.getRuntime().availableProcessors() > 1 && stepFlop >= MIN_STEP_FLOP;
        BlasThreadPlan p = new BlasThreadPlan(probe, now);
        if (!probe && now == 1) p.outcome = stepFlop < MIN_STEP_FLOP ? "one BLAS thread (small multiplies)" : "one BLAS thread (pinned or one core)";
        return p;
    }

    /** Before a step: sets the thread count the plan wants for it. */
    void begin() {
        if (phase == Phase.OFF) return;
        int want = switch (phase) {
            case PROBE -> probeThreads(probeIndex);
            case TWO -> 2;
            default -> 1;
        };
        if (want != threadsOfStep) {
            NativeThreads.useBlasThreads(want);
            threadsOfStep = want;
            if (want == 2) usedTwo = true;
        }
        begun = System.nanoTime();
    }

    /** After a step; {@code full}: a full batch (the partial last batch of an epoch is not compared). */
    void end(boolean full) {
        if (phase == Phase.OFF || phase == Phase.ONE || !full) return;
        stepTook((System.nanoTime() - begun) / 1e9);
    }

    /** A full step of {@code s} seconds has ended (tests give the durations). */
    void stepTook(double s) {
        if (phase == Phase.OFF || phase == Phase.ONE) return;
        if (phase == Phase.PROBE) {
            probeStep(s);
        } else {
            window[windowCount++ % GUARD_WINDOW] = s;
            if (windowCount >= GUARD_WINDOW && Benchmark.median(window) > GUARD_SLOWER * oneThreadStep) {
                phase = Phase.ONE;
                outcome = String.format(Locale.ROOT, "two BLAS threads, back to one after %d steps (step %.1f ms against %.1f ms on one thread: the machine got busy)",
                        windowCount + probeIndex, 1e3 * Benchmark.median(window), 1e3 * oneThreadStep);
                LOG.debug(outcome);
            }
        }
    }

    /** Blocks of 1 + PROBE_STEPS full steps: one thread, two threads, one, two, ... */
    private static int probeThreads(int index) {
        return (index / (PROBE_STEPS + 1)) % 2 == 0 ? 1 : 2;
    }

    private void probeStep(double s) {
        int index = probeIndex++;
        int threads = probeThreads(index);
        if (index % (PROBE_STEPS + 1) != 0) {      // the first step of a block carries the switch
            probe[threads - 1][probeCount[threads - 1]++] = s;
            if (threads == 2 && probeCount[0] > 0 && s > ABORT * median(0)) {
                decide(false, s);
                return;
            }
        }
        if (probeIndex == 2 * PROBE_ROUNDS * (PROBE_STEPS + 1)) decide(true, Double.NaN);
    }

    private double median(int t) {
        return Benchmark.median(Arrays.copyOf(probe[t], probeCount[t]));
    }

    private void decide(boolean complete, double slowStep) {
        oneThreadStep = median(0);
        if (!complete) {
            phase = Phase.ONE;
            outcome = String.format(Locale.ROOT, "one BLAS thread (a probe step on two took %.1f ms against %.1f ms on one: the machine is busy)",
                    1e3 * slowStep, 1e3 * oneThreadStep);
        } else {
            double two = median(1);
            phase = two < KEEP_TWO * oneThreadStep ? Phase.TWO : Phase.ONE;
            outcome = String.format(Locale.ROOT, "%s BLAS thread%s (probe: a step %.1f ms on one thread, %.1f ms on two)",
                    phase == Phase.TWO ? "two" : "one", phase == Phase.TWO ? "s" : "", 1e3 * oneThreadStep, 1e3 * two);
        }
        LOG.debug(outcome);
    }

    /** What the plan chose, in words (for logs and the benchmark). */
    String outcome() {
        return outcome;
    }

    /** Whether some step of the try ran on two BLAS threads: its last bits then depend on the timing. */
    boolean usedTwoThreads() {
        return usedTwo;
    }

    /** The BLAS threads the steps run on now. */
    int threadsNow() {
        return threadsOfStep;
    }

    /** Whether the steps now run on two BLAS threads. */
    boolean onTwoThreads() {
        return threadsOfStep == 2;
    }

    /** Restores the BLAS threads in force before the try. */
    @Override
    public void close() {
        if (phase != Phase.OFF && threadsOfStep != restore) NativeThreads.useBlasThreads(restore);
        lastOutcome = outcome;
    }

    /** The outcome of the last try that ended in this process (the benchmark reports it). */
    static volatile String lastOutcome = "";
}
