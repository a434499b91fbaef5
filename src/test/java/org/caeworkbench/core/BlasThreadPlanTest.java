package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run-time choice of one or two BLAS threads (issue 18.3): the probe keeps two threads only when
 * they are faster, gives up at the first stalled step on a busy machine, falls back to one thread when
 * the machine gets busy later, and leaves the thread count as it found it. Step durations are given, not
 * measured, so the decisions are tested without timing anything.
 */
class BlasThreadPlanTest {
    private static final int BLOCK = BlasThreadPlan.PROBE_STEPS + 1;
    private static final int PROBE = 2 * BlasThreadPlan.PROBE_ROUNDS * BLOCK;

    @AfterEach
    void oneThreadAgain() {
        NativeThreads.useBlasThreads(1);
    }

    /** Runs full steps through the plan: {@code one} seconds on one thread, {@code two} on two; returns the steps on two threads. */
    private static int steps(BlasThreadPlan plan, int count, double one, double two) {
        int onTwo = 0;
        for (int i = 0; i < count; i++) {
            plan.begin();
            assertEquals(plan.onTwoThreads() ? 2 : 1, NativeThreads.blasThreadsNow(), "the BLAS threads in force are the plan's");
            if (plan.onTwoThreads()) onTwo++;
            plan.stepTook(plan.onTwoThreads() ? two : one);
        }
        return onTwo;
    }

    @Test
    void keepsTwoThreadsWhenTheyAreFasterAndRestoresOneAtTheEnd() {
        NativeThreads.useBlasThreads(1);
        BlasThreadPlan plan = new BlasThreadPlan(true, 1);
        steps(plan, PROBE, 0.100, 0.070);
        assertTrue(plan.outcome().startsWith("two BLAS threads"), plan.outcome());
        assertEquals(50, steps(plan, 50, 0.100, 0.070), "every step after the probe runs on two threads");
        plan.close();
        assertEquals(1, NativeThreads.blasThreadsNow(), "the try leaves one thread behind");
    }

    @Test
    void staysOnOneThreadWhenTwoAreNotClearlyFaster() {
        BlasThreadPlan plan = new BlasThreadPlan(true, 1);
        steps(plan, PROBE, 0.100, 0.097);
        assertTrue(plan.outcome().startsWith("one BLAS thread"), plan.outcome());
        assertEquals(0, steps(plan, 50, 0.100, 0.097));
        assertTrue(plan.usedTwoThreads(), "the probe's steps on two threads count: the try's bits depend on them");
        plan.close();
    }

    @Test
    void aPlanThatDoesNotProbeNeverUsesTwoThreads() {
        BlasThreadPlan plan = new BlasThreadPlan(false, 1);
        assertEquals(0, steps(plan, PROBE + 10, 0.100, 0.050));
        assertFalse(plan.usedTwoThreads(), "a small shape or a pinned count keeps the one-thread bits, and nothing is said");
        plan.close();
    }

    @Test
    void aBusyMachineEndsTheProbeAtItsFirstStalledStep() {
        BlasThreadPlan plan = new BlasThreadPlan(true, 1);
        // two threads stall 30 times over, as they did when the two cores were shared with other work
        int onTwo = steps(plan, PROBE + 50, 0.002, 0.060);
        assertEquals(2, onTwo, "the switch step and one measured step on two threads, then one thread for good");
        assertTrue(plan.outcome().contains("busy"), plan.outcome());
    }

    @Test
    void fallsBackToOneThreadForGoodWhenTheMachineGetsBusyLater() {
        BlasThreadPlan plan = new BlasThreadPlan(true, 1);
        steps(plan, PROBE, 0.100, 0.070);
        assertTrue(plan.onTwoThreads());
        steps(plan, 20, 0.100, 0.070);
        // other work starts: steps on two threads now take twice one thread's probe time
        int slow = steps(plan, 100, 0.100, 0.200);
        assertEquals(BlasThreadPlan.GUARD_WINDOW / 2 + 1, slow, "slow steps until they are the median of the guard's window, then one thread");
        assertFalse(plan.onTwoThreads());
        assertTrue(plan.outcome().contains("back to one"), plan.outcome());
        // faster two-thread steps later do not switch it again within the try
        assertEquals(0, steps(plan, 20, 0.100, 0.010));
        plan.close();
    }

    @Test
    void aPlanThatDoesNotProbeLeavesTheThreadsAlone() {
        NativeThreads.useBlasThreads(1);
        BlasThreadPlan plan = new BlasThreadPlan(false, 1);
        assertEquals(0, steps(plan, 30, 0.001, 0.0001));
        plan.close();
        assertEquals(1, NativeThreads.blasThreadsNow());
        assertFalse(BlasThreadPlan.forTry(BlasThreadPlan.MIN_STEP_FLOP - 1, true).onTwoThreads());
    }

    @Test
    void theDefaultMnistRunNeverProbesWhileGeneSizedRunsDo() {
        // the shapes of docs/performance.md: MNIST with the defaults (IP-CAE, m 128) stays on one thread, bit for bit as before
        long mnist = new Benchmark.Shape(6000, 784, 50, new int[] {75}, 256, 128).flopsPerStep();
        long genes = new Benchmark.Shape(2000, 20_000, 500, new int[] {750}, 256, 128).flopsPerStep();
        long geo = new Benchmark.Shape(88_807, 10_463, 943, new int[0], 256, 128).flopsPerStep();
        assertTrue(mnist < BlasThreadPlan.MIN_STEP_FLOP, "MNIST: " + mnist);
        assertTrue(genes >= BlasThreadPlan.MIN_STEP_FLOP, "genes: " + genes);
        assertTrue(geo >= BlasThreadPlan.MIN_STEP_FLOP, "GEO: " + geo);
        // IP-CAE's three k x m x d products a step are part of the floor
        long plain = new Benchmark.Shape(6000, 784, 50, new int[] {75}, 256, 0).flopsPerStep();
        assertEquals(3L * 2 * 50 * 128 * 784, mnist - plain);
    }
}
