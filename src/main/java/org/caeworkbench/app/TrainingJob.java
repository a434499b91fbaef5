package org.caeworkbench.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingCheckpoint;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.LinearReconstruction;
import org.caeworkbench.eval.PanelCheck;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import org.caeworkbench.export.SelectorHistory;

/**
 * One training as both front ends run it: a new training or the continuation of an interrupted one
 * from the checkpoint in its in-progress folder ({@link PartialRun}), with checkpoints as it goes, and
 * then the run folder. {@code cae train} writes the folder at once; the window when the user exports.
 *
 * <pre>
 * TrainingJob job = TrainingJob.start(cfg, train, test, partial, seconds);   // or resume(...)
 * SelectionResult r = job.run(listener, cancel);                            // on a worker thread
 * List&lt;String&gt; warnings = TrainingJob.writeRun(runDir, runConfig, r, model, train, test, replace, job.history());
 * job.finish(r);                                                            // keep or drop the checkpoint
 * </pre>
 */
public final class TrainingJob {
    private final Trainer trainer;
    private final Dataset train;
    private final Dataset test;
    private final TrainingCheckpoint from;
    private final PartialRun partial;
    private volatile HistoryRecorder recorder;

    private TrainingJob(TrainingConfig config, Dataset train, Dataset test, TrainingCheckpoint from, PartialRun partial, double seconds) {
        this.trainer = new Trainer(config);
        this.train = train;
        this.test = test;
        this.from = from;
        this.partial = partial;
        if (partial != null && seconds >= 0) trainer.checkpoints(checkpoint -> {
            partial.save(checkpoint);
            // the replay so far beside the checkpoint, so that a resumed run replays from the start
            HistoryRecorder r = recorder;
            SelectorHistory h = r == null ? null : r.history();
            try {
                if (h != null) h.write(partial.dir().resolve(SelectorHistory.FILE), java.util.zip.Deflater.BEST_SPEED);
            } catch (IOException e) {
                // the checkpoint is saved; a resumed run's replay would then start where it resumes
            }
        }, seconds);
    }

    /**
     * A new training of {@code train}, with {@code test} as its validation rows; with checkpoints into
     * {@code partial} at least {@code seconds} apart (partial null or seconds below 0: none).
     */
    public static TrainingJob start(TrainingConfig config, Dataset train, Dataset test, PartialRun partial, double seconds) {
        return new TrainingJob(config, train, test, null, partial, seconds);
    }

    /**
     * The continuation of the training whose last checkpoint is in {@code partial}, on the same data
     * (refused, in one sentence, when the data differ from the checkpoint's).
     */
    public static TrainingJob resume(TrainingConfig config, Dataset train, Dataset test, PartialRun partial, double seconds) throws IOException {
        if (partial == null || !partial.hasCheckpoint())
            throw new IOException((partial == null ? "The run" : partial.dir().toString()) + " holds no checkpoint to resume from.");
        TrainingCheckpoint from = partial.readCheckpoint();
        String problem = new Trainer(config).mismatch(from, train);
        if (problem != null) throw new IOException(problem);
        return new TrainingJob(config, train, test, from, partial, seconds);
    }

    /** The checkpoint this job continues from (its history and messages come first), or null for a new training. */
    public TrainingCheckpoint resumedFrom() {
        return from;
    }

    /** The in-progress folder, or null without checkpoints. */
    public PartialRun partial() {
        return partial;
    }

    /**
     * Trains (on the calling thread) until done or cancelled; a cancelled run returns the result so far. The
     * replay is recorded as it goes ({@link #history()}).
     */
    public SelectionResult run(TrainingListener listener, Cancellation cancel) {
        return run(listener, cancel, null, true);
    }

    /** The same in step mode: {@code steps} (null: none) may hold training between epochs and set the temperature. */
    public SelectionResult run(TrainingListener listener, Cancellation cancel, StepControl steps) {
        return run(listener, cancel, steps, true);
    }

    /** As {@link #run(TrainingListener, Cancellation)}, recording the replay only when {@code record} ({@code cae bench} compares). */
    public SelectionResult run(TrainingListener listener, Cancellation cancel, boolean record) {
        return run(listener, cancel, null, record);
    }

    /** Trains or resumes, in step mode when {@code steps} is not null, recording the replay when {@code record}. */
    public SelectionResult run(TrainingListener listener, Cancellation cancel, StepControl steps, boolean record) {
        trainer.gate(steps);
        HistoryRecorder r = record ? new HistoryRecorder(listener) : null;
        if (r != null && from != null && partial != null) {
            try {
                r.continueFrom(SelectorHistory.readRun(partial.dir()), from.history());
            } catch (IOException damaged) {
                // the resumed run's replay then starts at the checkpoint; the training itself is unaffected
                listener.onMessage(damaged.getMessage() + " The replay starts where training resumes.");
            }
        }
        recorder = r;
        return from == null ? trainer.train(train, test, r == null ? listener : r, cancel)
                : trainer.resume(from, train, test, r == null ? listener : r, cancel);
    }

    /** The replay recorded by {@link #run} (null before, without recording, or when nothing was recorded). */
    public SelectorHistory history() {
        HistoryRecorder r = recorder;
        return r == null ? null : r.history();
    }

    /** Seconds the replay recorder spent on the training thread (0 without one). */
    public double recorderSeconds() {
        HistoryRecorder r = recorder;
        return r == null ? 0 : r.seconds();
    }

    /**
     * After the run folder is written (or the result is dropped): the checkpoint is kept when the user
     * stopped training, so that the run can be resumed, and deleted otherwise.
     *
     * @return whether the checkpoint was kept
     */
    public boolean finish(SelectionResult result) {
        if (partial == null) return false;
        boolean keep = result.status() == SelectionResult.Status.CANCELLED && partial.hasCheckpoint();
        if (!keep) partial.discard();
        return keep;
    }

    /**
     * Writes a run folder (replacing one there when {@code replace}) with the panel checks of the
     * result ({@link #panelWarnings}), and returns those warnings.
     */
    public static List<String> writeRun(Path runDir, RunConfig config, SelectionResult result, SavedModel model, Dataset train,
                                        Dataset test, boolean replace) throws IOException {
        return writeRun(runDir, config, result, model, train, test, replace, null);
    }

    /** The same, with the run's replay ({@link #history()}; null: none) as {@code selector_history.bin.gz}. */
    public static List<String> writeRun(Path runDir, RunConfig config, SelectionResult result, SavedModel model, Dataset train,
                                        Dataset test, boolean replace, SelectorHistory history) throws IOException {
        List<String> warnings = panelWarnings(result, train, test);
        RunDirectory.write(runDir, new RunDirectory.Contents(config, result, model, test, warnings, history), replace);
        return warnings;
    }

    /**
     * Whether the panel is worth using (eval.PanelCheck): k against the training rows, the validation
     * curve, and the linear reconstruction of the test rows against the column means.
     */
    public static List<String> panelWarnings(SelectionResult r, Dataset train, Dataset test) {
        double linear = Double.NaN;
        double mean = Double.NaN;
        if (test.rows() > 0 && r.status() != SelectionResult.Status.CANCELLED) {
            linear = LinearReconstruction.testMse(train, test, r.selected());
            mean = LinearReconstruction.meanPredictorMse(train, test);
        }
        return PanelCheck.all(r.k(), train.rows(), r.history(), linear, mean);
    }

    /** A training without checkpoints, listener or replay, start to end (a test, a comparison). */
    public static SelectionResult train(TrainingConfig config, Dataset train, Dataset test) {
        return start(config, train, test, null, -1).run(TrainingListener.NONE, null, false);
    }
}
