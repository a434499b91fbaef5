package org.caeworkbench.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.DirectoryChooser;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.export.ImagePreviews;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SelectorHistory;

/**
 * Opening a run folder (written by {@code cae train} or Export > Run folder): its features, history,
 * metrics and pictures are read off the FX thread (through {@code export.RunDirectory}) and shown in the
 * window; an interrupted run is offered for resuming.
 */
final class SavedRuns {
    private final WorkbenchWindow w;

    SavedRuns(WorkbenchWindow w) {
        this.w = w;
    }

    void openRunDialog() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a run folder (written by `cae train` or Export > Run folder)");
        Path last = w.recent.lastFolder();
        if (last != null) dc.setInitialDirectory(last.toFile());
        Path dir = w.dialogs.folder(w.stage, dc);
        if (dir != null) {
            w.recent.folderUsed(dir.getParent());
            openRun(dir, null);
        }
    }

    /** What a run folder holds, read off the FX thread. */
    record SavedRun(Path dir, RunConfig config, List<FeatureRow> rows, List<TrainingSnapshot> history, String metrics,
                    BufferedImage picture, String pictureName, Replay replay) {}

    /** A run's replay and what draws it (the model's feature names and image shape); {@code problem}: why there is none, or null. */
    record Replay(SelectorHistory history, List<String> names, org.caeworkbench.data.Dataset.ImageShape shape, String problem) {
        static Replay read(Path dir) {
            try {
                SelectorHistory h = SelectorHistory.readRun(dir);
                if (h == null) return new Replay(null, null, null, null);
                var model = RunDirectory.readModel(dir);
                return new Replay(h, model.featureNames(), model.imageShape(), null);
            } catch (IOException e) {
                return new Replay(null, null, null, "No replay: " + Messages.of(e));
            }
        }
    }

    static SavedRun readRun(Path dir) throws IOException {
        RunConfig config = RunDirectory.readConfig(dir);
        List<FeatureRow> rows = new ArrayList<>();
        java.util.Map<Integer, String> symbols = new java.util.HashMap<>();
        Path table = dir.resolve(org.caeworkbench.export.FeatureTable.FILE);
        if (Files.exists(table)) {
            for (var row : org.caeworkbench.export.FeatureTable.read(dir).panel()) if (row.symbol() != null) symbols.put(row.index(), row.symbol());
        }
        for (var f : RunDirectory.readSelected(dir))
            rows.add(new FeatureRow(f.rank(), f.selector(), f.index(), f.name(), f.probability(), f.duplicate(), f.fixed(),
                    f.filled(), symbols.get(f.index())));
        List<TrainingSnapshot> history = new ArrayList<>();
        for (var e : RunDirectory.readHistory(dir))
            history.add(new TrainingSnapshot(e.tryNumber(), e.epoch(), 0, e.step(), 0, e.temperature(), e.trainLoss(), e.validationLoss(),
                    e.meanMaxProbability(), e.duplicates(), new int[0], null, null, null, null, e.seconds(), 0, true));
        StringBuilder m = new StringBuilder("Saved run " + dir.getFileName() + "\n" + config.commandLine() + "\n");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.LinkedHashSet<String> warnings = new java.util.LinkedHashSet<>();
        for (String f : new String[] {RunDirectory.SUMMARY, RunDirectory.METRICS}) {
            Path p = dir.resolve(f);
            if (!Files.exists(p)) continue;
            var node = json.readTree(p.toFile());
            for (var w : node.path("warnings")) warnings.add(w.asText());
            node.fields().forEachRemaining(e -> {
                var v = e.getValue();
                if (v.isContainerNode()) return;
                // figures as people read them (0.0188, not 0.018812345678901)
                m.append(e.getKey().replace('_', ' ')).append(": ").append(v.isNumber() ? org.caeworkbench.export.RunReport.fmt(v.asDouble()) : v.asText())
                        .append('\n');
            });
        }
        for (String w : warnings) m.insert(0, "Warning: " + w + "\n");
        BufferedImage picture = null;
        String pictureName = null;
        for (String f : new String[] {ImagePreviews.RECONSTRUCTIONS, ImagePreviews.MASK, ImagePreviews.PROBABILITY_MAP}) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                picture = javax.imageio.ImageIO.read(p.toFile());
                pictureName = f;
                break;
            }
        }
        return new SavedRun(dir, config, rows, history, m.toString().trim(), picture, pictureName, Replay.read(dir));
    }

    /** A run folder as opened: the saved run (null when there is none yet) and, if it was interrupted, where to resume it. */
    record OpenedRun(SavedRun run, Path partial, String interrupted) {}

    /**
     * Shows a saved run's results (table, history charts, metrics, its pictures); {@code done} gets null or
     * the error. A run whose training was interrupted ({@code RUN.partial} with a checkpoint beside it, or
     * that folder itself) is offered for resuming.
     */
    public void openRun(Path dir, Consumer<String> done) {
        if (w.vm.runningProperty().get()) return;
        Task<OpenedRun> task = new Task<>() {
            @Override
            protected OpenedRun call() throws IOException {
                Path runDir = PartialRun.runFor(dir);
                String status = PartialRun.runStatus(runDir);
                boolean resumable = status == null || status.equals("cancelled");
                var partial = PartialRun.find(dir).filter(PartialRun::hasCheckpoint).orElse(null);
                String interrupted = partial != null && resumable ? ResumeOffer.describeInterrupted(partial.dir()) : null;
                if (interrupted != null) interrupted = "This run's training was interrupted: " + interrupted;
                if (interrupted != null && !Files.exists(runDir.resolve(RunDirectory.SELECTED))) return new OpenedRun(null, partial.dir(), interrupted);
                return new OpenedRun(readRun(Files.exists(runDir.resolve(RunDirectory.CONFIG)) ? runDir : dir),
                        interrupted == null ? null : partial.dir(), interrupted);
            }
        };
        task.setOnSucceeded(e -> {
            OpenedRun opened = task.getValue();
            if (opened.interrupted() != null) w.resumeOffer().offerResume(opened.partial(), opened.interrupted());
            SavedRun run = opened.run();
            if (run == null) {
                String msg = "The run in " + dir + " was interrupted before it was written; Resume training finishes it.";
                w.statusBar.status(msg);
                w.log(msg);
                if (done != null) done.accept(null);
                return;
            }
            w.session.setResult(null);
            w.clearTraining();
            w.resultsPanel.clear();
            w.resultsPanel.rows().setAll(run.rows());
            w.resultsPanel.metrics(run.metrics());
            w.resultsPanel.showImages(true);
            if (run.picture() != null) w.resultsPanel.reconstruction(SwingFXUtils.toFXImage(run.picture(), null), run.pictureName());
            for (TrainingSnapshot s : run.history()) w.trainingPanel.addEpochEnd(s);
            w.trainingPanel.fireChanged();
            Replay replay = run.replay();
            w.replay.set(replay.history(), replay.names(), replay.shape(), null);
            if (replay.problem() != null) w.log(replay.problem());
            w.tabs.getSelectionModel().select(w.resultsTab);
            w.history.opened(run);
            String msg = "Opened the saved run " + run.dir() + " (" + run.rows().size() + " selected features).";
            w.statusBar.succeeded(msg);
            w.log(msg);
            if (done != null) done.accept(null);
        });
        task.setOnFailed(e -> {
            String msg = "Cannot open the run: " + Messages.of(task.getException());
            w.showError(msg);
            if (done != null) done.accept(msg);
        });
        w.start(task, "cae-open-run");
    }

}
