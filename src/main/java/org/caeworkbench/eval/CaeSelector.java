package org.caeworkbench.eval;

import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.data.Dataset;

/**
 * The Concrete Autoencoder behind the selector interface: trains {@link Trainer} with the given
 * settings (the application's defaults unless told otherwise), k and seed taken from the call. The
 * selection may contain duplicates (two selectors on one feature); the last training result is kept
 * for the decoder's MSE, the convergence status and the time.
 */
public final class CaeSelector implements FeatureSelector {
    private final String name;
    private final TrainingConfig base;
    private final TrainingListener listener;
    private final Cancellation cancel;     // null: a run cannot be stopped from outside
    private volatile SelectionResult last;

    /** The defaults (hidden layer of 3k/2), named {@code cae}. */
    public CaeSelector() {
        this("cae", TrainingConfig.builder().build(), null);
    }

    public CaeSelector(String name, TrainingConfig base, TrainingListener listener) {
        this(name, base, listener, null);
    }

    private CaeSelector(String name, TrainingConfig base, TrainingListener listener, Cancellation cancel) {
        this.name = name;
        this.base = base;
        this.listener = listener;
        this.cancel = cancel;
    }

    /** The defaults with a linear decoder ({@code --hidden none}), named {@code cae-linear}. */
    public static CaeSelector linear() {
        return new CaeSelector("cae-linear", TrainingConfig.builder().hidden("none").build(), null);
    }

    /**
     * The defaults trained for the labels ({@code --objective classify}), named {@code cae-classify}: the
     * supervised CAE beside the unsupervised one in a comparison. Needs labelled data.
     */
    public static CaeSelector classify() {
        return new CaeSelector("cae-classify", TrainingConfig.builder().objective(org.caeworkbench.core.Objective.CLASSIFY).build(), null);
    }

    public CaeSelector withListener(TrainingListener l) {
        return new CaeSelector(name, base, l, cancel);
    }

    /** The same selector whose training stops (keeping its result so far) when {@code c} is cancelled. */
    public CaeSelector withCancellation(Cancellation c) {
        return new CaeSelector(name, base, listener, c);
    }

    public TrainingConfig config() { return base; }

    @Override public String name() { return name; }

    @Override
    public int[] select(Dataset train, int k, long seed) {
        FeatureSelector.checkK(train, k);
        return train(train, null, k, seed).selected();
    }

    /** Trains and returns the whole result (validation may be null). */
    public SelectionResult train(Dataset train, Dataset validation, int k, long seed) {
        TrainingConfig cfg = base.toBuilder().k(k).seed(seed).build();
        SelectionResult r = new Trainer(cfg).train(train, validation, listener, cancel != null ? cancel : new Cancellation());
        last = r;
        return r;
    }

    /** The result of the most recent training, or null. */
    public SelectionResult lastResult() { return last; }
}
