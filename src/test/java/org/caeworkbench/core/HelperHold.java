package org.caeworkbench.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook for the selector's helper thread ({@link SelectorPipeline#helperRowHook},
 * {@link OfferedProduct#helperPieceHook}): holds the helper on its n-th call until {@link #release}, so a test takes
 * each path on purpose rather than by the luck of the scheduler.
 */
final class HelperHold implements Runnable {
    private final int atCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Holds the helper on call {@code atCall} (1: the first). */
    HelperHold(int atCall) {
        this.atCall = atCall;
    }

    @Override
    public void run() {
        if (calls.incrementAndGet() != atCall) return;
        reached.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the helper got to the held call within 30 s. */
    boolean awaitHeld() throws InterruptedException {
        return reached.await(30, TimeUnit.SECONDS);
    }

    /** Lets the helper go on. */
    void release() {
        release.countDown();
    }
}
