package org.caeworkbench.app;

import java.util.concurrent.TimeUnit;
import org.caeworkbench.core.EpochGate;

/**
 * Step mode: trains a chosen number of epochs, then holds the training thread at the next epoch's start
 * until the user goes on ({@link #go}), with the temperature unchanged or set by hand. Pausing changes
 * nothing of the run: the model, Adam's moments and the random streams wait with it, so a run that
 * paused and went on unchanged equals one that never paused (the trainer leaves the time paused out
 * of its seconds). Only the training thread waits here, and only for the user; the window reads
 * {@link #paused()} on its frame pulse. Stopping while paused: cancel the training, then {@link #release}.
 *
 * <pre>
 * StepControl steps = new StepControl();
 * steps.pauseAfter(10);                       // before or while training
 * job.run(listener, cancel, steps);           // training thread: holds after 10 epochs
 * steps.paused();                             // another thread: where it holds, or null
 * steps.go(10, Double.NaN);                   // 10 more epochs, T as scheduled; go(0, 2.0): to the end from T = 2
 * </pre>
 */
public final class StepControl implements EpochGate {
    /** The step sizes the window offers. */
    public static final int[] STEPS = {1, 10, 50};

    /**
     * Where training holds.
     *
     * @param tryNumber   the try of the convergence rule
     * @param epochsDone  epochs done in that try (0: a retry is about to start)
     * @param epochs      epochs planned for the try
     * @param temperature the temperature of the last step (a retry's start temperature before its first epoch)
     * @param trained     epochs trained by this job so far, over all tries
     */
    public record Pause(int tryNumber, int epochsDone, int epochs, double temperature, int trained) {}

    private int trained;                    // epochs ended so far (gate calls)
    private long target = Long.MAX_VALUE;   // hold when trained reaches this
    private double nextTemperature = Double.NaN;
    private volatile Pause paused;
    private boolean released;

    /** Holds after {@code epochs} more epochs (from now; 0 or less: never). */
    public synchronized void pauseAfter(int epochs) {
        target = epochs > 0 ? (long) trained + epochs : Long.MAX_VALUE;
    }

    /**
     * Goes on from a pause (or, while training, changes when it holds next): {@code epochs} more epochs
     * before the next pause (0 or less: to the end), from {@code temperature} when it is positive (annealing goes on
     * from it to the end temperature over the rest of the try), else with the scheduled temperature.
     * Returns false, changing nothing, when the temperature is not a positive number or NaN.
     */
    public synchronized boolean go(int epochs, double temperature) {
        if (!Double.isNaN(temperature) && !(temperature > 0 && Double.isFinite(temperature))) return false;
        pauseAfter(epochs);
        nextTemperature = temperature;
        paused = null;         // at once, so that a wait for the next pause does not see this one
        notifyAll();
        return true;
    }

    /** Lets training go on for good (the window stops it: cancel first, then release). */
    public synchronized void release() {
        released = true;
        target = Long.MAX_VALUE;
        paused = null;
        notifyAll();
    }

    /** Where training holds now, or null while it runs. */
    public Pause paused() {
        return paused;
    }

    /** Waits up to {@code timeout} until training holds; returns where, or null (tests, scripts). */
    public synchronized Pause awaitPause(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (paused == null) {
            long left = end - System.nanoTime();
            if (left <= 0) return null;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return paused;
    }

    @Override
    public synchronized double beforeEpoch(int tryNumber, int epochsDone, int epochs, double temperature) {
        trained++;
        if (released || trained < target) return Double.NaN;
        nextTemperature = Double.NaN;
        paused = new Pause(tryNumber, epochsDone, epochs, temperature, trained);
        notifyAll();
        try {
            while (trained >= target && !released) wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();     // the training thread is being shut down: go on, its cancellation ends it
        } finally {
            paused = null;
        }
        return nextTemperature;
    }
}
