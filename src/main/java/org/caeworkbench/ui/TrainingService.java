package org.caeworkbench.ui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;

/**
 * Runs the trainer on a worker thread. The trainer never waits for the window: its listener only
 * stores the latest snapshot (an AtomicReference the view drains once per frame pulse) and queues the
 * epoch-end snapshots and the messages, which the view appends to its charts and log on the FX thread.
 * Stop ({@link #stop()}) sets the trainer's cancellation flag; the task then ends normally with the
 * result so far (status CANCELLED).
 */
public final class TrainingService extends Service<SelectionResult> {

    private volatile Dataset train;
    private volatile Dataset test;
    private volatile TrainingConfig config;
    private volatile Cancellation cancellation = new Cancellation();

    private final AtomicReference<TrainingSnapshot> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<TrainingSnapshot> epochEnds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();

    /** Sets what the next run trains; call on the FX thread before {@link #restart()}. */
    public void prepare(Dataset train, Dataset test, TrainingConfig config) {
        this.train = train;
        this.test = test;
        this.config = config;
        latest.set(null);
        epochEnds.clear();
        messages.clear();
    }

    /** Asks the running trainer to stop; it returns the result so far within a step. */
    public void stop() {
        cancellation.cancel();
    }

    /** The newest snapshot not yet shown, or null. */
    public TrainingSnapshot takeLatest() {
        return latest.getAndSet(null);
    }

    public TrainingSnapshot pollEpochEnd() {
        return epochEnds.poll();
    }

    public String pollMessage() {
        return messages.poll();
    }

    @Override
    protected Task<SelectionResult> createTask() {
        Dataset tr = train;
        Dataset te = test;
        TrainingConfig cfg = config;
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        return new Task<>() {
            @Override
            protected SelectionResult call() {
                TrainingListener listener = new TrainingListener() {
                    @Override
                    public void onSnapshot(TrainingSnapshot s) {
                        latest.set(s);
                        if (s.epochEnd()) epochEnds.add(s);
                    }

                    @Override
                    public boolean wantsProbabilities() {
                        return true;
                    }

                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                };
                return new Trainer(cfg).train(tr, te, listener, cancel);
            }
        };
    }
}
