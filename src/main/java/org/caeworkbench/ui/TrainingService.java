package org.caeworkbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.caeworkbench.app.StepControl;
import org.caeworkbench.app.TrainingJob;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingCheckpoint;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the trainer on a worker thread. The trainer never waits for the window: its listener only
 * stores the latest snapshot (an AtomicReference the view drains once per frame pulse) and queues the
 * epoch-end snapshots and the messages, which the view appends to its charts and log on the FX thread.
 * Stop ({@link #stop()}) sets the trainer's cancellation flag; the task then ends normally with the
 * result so far (status CANCELLED). With {@link Checkpointing} the training state is saved to an
 * in-progress folder ({@link PartialRun}) as it goes, or training continues from the checkpoint there.
 */
public final class TrainingService extends Service<SelectionResult> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    /**
     * Where training keeps its checkpoints.
     *
     * @param dir     the in-progress folder ({@code NAME.partial})
     * @param config  what is trained, for its config.json (a new training); ignored when resuming
     * @param seconds least time between two checkpoints
     * @param resume  continue from the checkpoint in {@code dir} instead of starting afresh
     */
    public record Checkpointing(Path dir, RunConfig config, double seconds, boolean resume) {}

    private volatile Dataset train;
    private volatile Dataset test;
    private volatile TrainingConfig config;
    private volatile Checkpointing checkpointing;
    private volatile Cancellation cancellation = new Cancellation();
    private volatile StepControl steps = new StepControl();

    private final AtomicReference<TrainingSnapshot> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<TrainingSnapshot> epochEnds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
    private volatile org.caeworkbench.export.SelectorHistory history;
    private volatile TrainingJob running;

    /** Sets what the next run trains; call on the FX thread before {@link #restart()}. */
    public void prepare(Dataset train, Dataset test, TrainingConfig config) {
        prepare(train, test, config, null);
    }

    /** The same, with checkpoints (null: none). */
    public void prepare(Dataset train, Dataset test, TrainingConfig config, Checkpointing checkpointing) {
        this.train = train;
        this.test = test;
        this.config = config;
        this.checkpointing = checkpointing;
        latest.set(null);
        history = null;
        epochEnds.clear();
        messages.clear();
    }

    /** Asks the running trainer to stop; it returns the result so far within a step (or at once when paused). */
    public void stop() {
        cancellation.cancel();
        steps.release();
    }

    /** Step mode for the next run: training holds where {@code control} says (set before {@link #restart()}). */
    public void stepMode(StepControl control) {
        steps = control;
    }

    /** Where step mode holds the running training, or null while it runs. */
    public StepControl.Pause paused() {
        return steps.paused();
    }

    /** Goes on from a pause: see {@link StepControl#go}. */
    private volatile float[] preview;
    private final java.util.concurrent.atomic.AtomicReference<float[]> previewed = new java.util.concurrent.atomic.AtomicReference<>();

    /** The rows (row-major, the training data's features; null: none) the next training reconstructs at each epoch end. */
    public void preview(float[] rows) {
        preview = rows;
        previewed.set(null);
    }

    /** The newest reconstruction of the preview rows not yet taken, or null. */
    public float[] takePreview() {
        return previewed.getAndSet(null);
    }

    /** Holds the running training at the end of the epoch in progress (step mode's Pause). */
    public void pauseSoon() {
        steps.pauseAfter(1);
    }

    public boolean go(int epochs, double temperature) {
        return steps.go(epochs, temperature);
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

    /** The replay the last run recorded (null before it ends, or when it recorded nothing). */
    public org.caeworkbench.export.SelectorHistory history() {
        return history;
    }

    /** The replay of the run in progress so far (step mode scrubs it while paused), or null. */
    public org.caeworkbench.export.SelectorHistory historySoFar() {
        TrainingJob j = running;
        return j == null ? null : j.history();
    }

    /** An epoch of a checkpoint's history as the charts take it. */
    static TrainingSnapshot historyRow(EpochRecord e, int epochs) {
        return new TrainingSnapshot(e.tryNumber(), e.epoch(), epochs, e.step(), 0, e.temperature(), e.trainLoss(), e.validationLoss(),
                e.meanMaxProbability(), e.duplicates(), new int[0], null, null, null, null, e.seconds(), 0, true);
    }

    @Override
    protected Task<SelectionResult> createTask() {
        Dataset tr = train;
        Dataset te = test;
        TrainingConfig cfg = config;
        Checkpointing plan = checkpointing;
        Cancellation cancel = new Cancellation();
        cancellation = cancel;
        StepControl gate = steps;
        float[] previewRows = preview;
        return new Task<>() {
            @Override
            protected SelectionResult call() throws IOException {
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

                    @Override
                    public float[] previewRows() {
                        return previewRows;
                    }

                    @Override
                    public void onPreview(float[] reconstruction) {
                        previewed.set(reconstruction);
                    }
                };
                TrainingJob job;
                if (plan != null && plan.resume()) {
                    PartialRun partial = PartialRun.find(plan.dir()).filter(PartialRun::hasCheckpoint)
                            .orElseThrow(() -> new IOException(plan.dir() + " holds no checkpoint to resume from."));
                    job = TrainingJob.resume(cfg, tr, te, partial, plan.seconds());
                    TrainingCheckpoint from = job.resumedFrom();
                    for (EpochRecord e : from.history()) epochEnds.add(historyRow(e, (int) Math.min(Integer.MAX_VALUE, (long) cfg.epochs() << (e.tryNumber() - 1))));
                    from.messages().forEach(messages::add);
                } else {
                    PartialRun partial = null;
                    if (plan != null) {
                        try {
                            partial = PartialRun.start(plan.dir(), plan.config());
                        } catch (IOException e) {
                            LOG.warn("no checkpoints: {}", e.toString());
                            messages.add("Checkpoints are off: " + Messages.of(e) + " An interruption of this training cannot be resumed.");
                        }
                    }
                    job = TrainingJob.start(cfg, tr, te, partial, plan == null ? -1 : plan.seconds());
                }
                running = job;
                try {
                    return job.run(listener, cancel, gate);
                } finally {
                    history = job.history();
                    running = null;
                }
            }
        };
    }
}
