package org.caeworkbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.concurrent.Task;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;

/**
 * Checkpoints in the window: after a training with checkpoints the stopped run is offered for resuming
 * (the resume bar), a finished resumed {@code cae train} run is written where the command line would have
 * written it, and at start-up the window's last interrupted training is offered again.
 */
final class ResumeOffer {
    private final WorkbenchWindow w;

    private Path offeredResume;
    private final javafx.scene.layout.HBox resumeBar = new javafx.scene.layout.HBox(8);
    private final javafx.scene.control.Label resumeLabel = new javafx.scene.control.Label();

    ResumeOffer(WorkbenchWindow w) {
        this.w = w;
    }

    /**
     * After training with checkpoints: a stopped training keeps its checkpoint and offers to resume; a
     * finished `cae train --out RUN` resumed here is written to RUN as the command line would have; the
     * window's own checkpoint is deleted.
     */
    void afterCheckpointedTraining(TrainingService.Checkpointing plan, SelectionResult r) {
        Path dir = plan.dir();
        if (r.status() == SelectionResult.Status.CANCELLED) {
            describeLater(dir, "Stopped; training can go on from its last checkpoint: ");
            return;
        }
        if (w.session.resumedRunConfig() != null && r.status() != SelectionResult.Status.DIVERGED) {
            w.exports.exportRun(PartialRun.runFor(dir), e -> {
                if (e == null) quietly(() -> PartialRun.find(dir).ifPresent(PartialRun::discard));
            });
            return;
        }
        quietly(() -> PartialRun.find(dir).ifPresent(PartialRun::discard));
    }

    /** File work off the FX thread that the user need not hear about (a failure goes to the log). */
    void quietly(Runnable action) {
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() {
                action.run();
                return null;
            }
        };
        task.setOnFailed(e -> w.LOG.warn("background file work failed", task.getException()));
        w.start(task, "cae-files");
    }

    /** What an in-progress folder holds, in one sentence; null when it has no checkpoint. */
    static String describeInterrupted(Path partialDir) throws IOException {
        var partial = PartialRun.find(partialDir).filter(PartialRun::hasCheckpoint).orElse(null);
        if (partial == null) return null;
        RunConfig rc = partial.config();
        var at = partial.peek();
        return String.format(Locale.ROOT, "%s, k = %d, saved after epoch %d of %d%s.",
                rc.data().data().getFileName(), rc.training().k(), at.epochsDone(), at.epochsOfTry(),
                at.tryNumber() > 1 ? " of try " + at.tryNumber() : "");
    }

    /** Looks (off the FX thread) for a checkpoint in {@code partialDir} and offers to resume it. */
    void describeLater(Path partialDir, String prefix) {
        Task<String> task = new Task<>() {
            @Override
            protected String call() throws IOException {
                return describeInterrupted(partialDir);
            }
        };
        task.setOnSucceeded(e -> {
            if (task.getValue() != null && !w.vm.runningProperty().get()) offerResume(partialDir, prefix + task.getValue());
        });
        task.setOnFailed(e -> w.LOG.debug("no resumable checkpoint in {}", partialDir, task.getException()));
        w.start(task, "cae-checkpoint");
    }

    /** At start-up: the window's last training, if it was interrupted (closed, stopped or crashed). */
    void offerInterruptedTraining() {
        Path dir = WorkbenchWindow.checkpointFolder();
        if (dir != null) describeLater(dir, "The last training was interrupted: ");
    }

    javafx.scene.layout.HBox resumeBar() {
        resumeLabel.setId("resumeLabel");
        resumeLabel.setWrapText(true);
        javafx.scene.control.Button resume = new javafx.scene.control.Button("Resume training");
        resume.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        resume.setId("resumeButton");
        resume.disableProperty().bind(w.vm.runningProperty().or(w.vm.loadingProperty()));
        resume.setOnAction(e -> resumeOffered());
        javafx.scene.control.Button discard = new javafx.scene.control.Button("Discard");
        discard.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        discard.setTooltip(new javafx.scene.control.Tooltip("Delete the checkpoint: the interrupted training cannot be resumed afterwards."));
        discard.setId("discardResumeButton");
        discard.setOnAction(e -> {
            Path dir = offeredResume;
            hideResumeBar();
            if (dir != null) quietly(() -> PartialRun.find(dir).ifPresent(PartialRun::discard));
        });
        javafx.scene.layout.HBox.setHgrow(resumeLabel, javafx.scene.layout.Priority.ALWAYS);
        resumeLabel.setMaxWidth(Double.MAX_VALUE);
        resumeBar.getChildren().addAll(resumeLabel, resume, discard);
        resumeBar.setId("resumeBar");
        resumeBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        resumeBar.setPadding(new javafx.geometry.Insets(6, 10, 6, 10));
        resumeBar.setStyle("-fx-background-color: #fff4ce; -fx-border-color: #e0c060; -fx-border-width: 0 0 1 0;");
        hideResumeBar();
        return resumeBar;
    }

    void offerResume(Path partialDir, String text) {
        offeredResume = partialDir;
        resumeLabel.setText(text);
        resumeBar.setVisible(true);
        resumeBar.setManaged(true);
        w.log(text);
    }

    void hideResumeBar() {
        offeredResume = null;
        resumeBar.setVisible(false);
        resumeBar.setManaged(false);
    }

    /** The in-progress folder the resume bar offers, or null. */
    Path offeredResume() { return offeredResume; }

    /** Resume training (the bar's button). */
    public void resumeOffered() {
        if (offeredResume != null) resume(offeredResume);
    }

    /**
     * Continues the training checkpointed in {@code partialDir}: reads its data again with the recorded
     * settings, shows them in the panels, and trains on from the checkpoint (all off the FX thread).
     */
    public void resume(Path partialDir) {
        if (w.vm.runningProperty().get() || w.vm.loadingProperty().get()) return;
        Task<RunConfig> task = new Task<>() {
            @Override
            protected RunConfig call() throws IOException {
                return PartialRun.find(partialDir).filter(PartialRun::hasCheckpoint)
                        .orElseThrow(() -> new IOException(partialDir + " holds no checkpoint to resume from.")).config();
            }
        };
        task.setOnSucceeded(e -> {
            RunConfig rc = task.getValue();
            hideResumeBar();
            w.vm.setConfig(rc.training());
            w.loading().load(rc.data(), d -> {
                boolean own = partialDir.equals(WorkbenchWindow.checkpointFolder());
                w.session.setResumedRunConfig(own ? null : rc);
                w.log("Resuming the training checkpointed in " + partialDir);
                w.startTraining(d, rc.training(), new TrainingService.Checkpointing(partialDir, rc, WorkbenchWindow.checkpointSeconds(), true));
            });
        });
        task.setOnFailed(e -> w.showError("Cannot resume: " + Messages.of(task.getException())));
        w.start(task, "cae-resume");
    }

}
