package org.caeworkbench.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag another thread sets to stop training; the trainer checks it at every step. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() { cancelled.set(true); }
    public boolean isCancelled() { return cancelled.get(); }
}
