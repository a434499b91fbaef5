package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench window: {@link DatasetPanel} (left), {@link ParametersPanel} (right), {@link TrainingPanel}
 * and {@link ResultsPanel} in tabs (centre), {@link StatusBar} (bottom). Heavy work (reading, training,
 * drawing the heatmaps, metrics, export) runs off the FX thread; the FX thread copies the newest drawn
 * frame into the images and the epoch ends into the charts, at most every {@code cae.redrawMs}.
 */
public final class WorkbenchWindow {
    static final Logger LOG = LoggerFactory.getLogger(WorkbenchWindow.class);

    final Stage stage;
    final Dialogs dialogs;
    final Tasks tasks = new Tasks();
    final ExportActions exports = new ExportActions(this);
    final SavedRuns savedRuns = new SavedRuns(this);
    private final ResultMetrics resultMetrics = new ResultMetrics(this);
    private final ResumeOffer resumeOffer = new ResumeOffer(this);
    private final WindowLayout layout = new WindowLayout(this);
    private final LiveFeed live = new LiveFeed(this);
    final DataLoading loading = new DataLoading(this);
    final Lessons lessons = new Lessons(this);
    final Session session = new Session();
    final WorkbenchViewModel vm = new WorkbenchViewModel();
    final TrainingService service = new TrainingService();
    final LiveRenderer renderer = new LiveRenderer();
    final RecentFiles recent = RecentFiles.open();
    private final List<Consumer<String>> errorListeners = new ArrayList<>();
    final BooleanBinding imageData = Bindings.createBooleanBinding(() -> session.data() != null && session.data().train().isImage(), session.dataProperty());

    final StatusBar statusBar = new StatusBar();
    final DatasetPanel datasetPanel;
    final ParametersPanel parametersPanel;
    final TrainingPanel trainingPanel;
    final StepBar stepBar;
    // step mode: epochs the next training pauses after (0: none); the pause shown now; the baselines of the explanations
    private int pendingPause;
    private org.caeworkbench.app.StepControl.Pause shownPause;
    private Explanations.Baselines baselines = Explanations.Baselines.NONE;
    private org.caeworkbench.core.TrainingSnapshot explained;    // the snapshot the explanations describe now
    final ResultsPanel resultsPanel;
    final ReplayView replay;
    final TextArea logArea = new TextArea();
    final TabPane tabs = new TabPane();
    final Tab trainingTab = new Tab("Training");
    final Tab resultsTab = new Tab("Results");
    final Tab compareTab = new Tab("Compare");
    final Tab stabilityTab = new Tab("Stability");
    ComparePanel comparePanel;
    StabilityPanel stabilityPanel;
    final Menu recentMenu = new Menu("Open recent");
    final Tab runsTab = new Tab("Runs");
    final RunHistory history = new RunHistory(this);

    public WorkbenchWindow(Stage stage) {
        this(stage, Dialogs.fx());
    }

    /** The window asking its questions through {@code dialogs} (tests answer them). */
    WorkbenchWindow(Stage stage, Dialogs dialogs) {
        this.stage = stage;
        this.dialogs = dialogs;
        var noResult = session.resultProperty().isNull().or(vm.runningProperty());
        datasetPanel = new DatasetPanel(vm, loading::openDialog, loading::loadSample, loading::applyPreprocessing, session.dataProperty().isNotNull());
        parametersPanel = new ParametersPanel(vm, () -> {
            pendingPause = 0;      // Train trains to the end, whatever an earlier step request left
            train();
        }, this::stop);
        trainingPanel = new TrainingPanel(imageData);
        stepBar = new StepBar(vm.runningProperty(), vm.canTrainProperty(), new StepBar.Actions() {
            @Override public void trainSteps(int epochs) { WorkbenchWindow.this.trainSteps(epochs); }
            @Override public void goOn(int epochs, double temperature) { WorkbenchWindow.this.goOn(epochs, temperature); }
            @Override public void pause() { service.pauseSoon(); }
        }, this::showError);
        trainingPanel.addView(history.digits());
        replay = new ReplayView(this, live::forget);
        resultsPanel = new ResultsPanel(noResult, new ResultsPanel.Actions(exports::exportSelectedDialog, exports::exportRunDialog,
                exports::exportReducedDialog, exports::exportPngsDialog, exports::exportReportDialog));
        resultsPanel.addTableView(history.resultHeatmap());
        BorderPane root = new BorderPane();
        root.setId("root");
        root.setTop(layout.menuBar());
        root.setLeft(datasetPanel);
        root.setRight(parametersPanel);
        root.setCenter(new javafx.scene.layout.VBox(resumeOffer.resumeBar(), layout.centre()));
        javafx.scene.layout.VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
        root.setBottom(statusBar);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1380, screen.getWidth()), Math.min(880, screen.getHeight() - 30));
        var css = WorkbenchWindow.class.getResource("workbench.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        stage.setScene(scene);
        lessons.install();
        datasetPanel.addGallery(lessons::showGallery);
        // every control stays reachable down to this size (the side panels scroll; Train stays in sight)
        stage.setMinWidth(960);
        stage.setMinHeight(560);
        stage.setTitle("CAE Workbench");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var in = WorkbenchWindow.class.getResourceAsStream("icons/cae-workbench-" + size + ".png");
            if (in != null) stage.getIcons().add(new Image(in));
        }
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) e.consume();
        });
        // drag and drop a data file anywhere on the window
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !vm.runningProperty().get() && !vm.loadingProperty().get())
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            // a folder is a 10x Genomics matrix folder
            boolean ok = files != null && files.size() == 1 && (files.get(0).isFile() || files.get(0).isDirectory());
            if (ok) Platform.runLater(() -> loading.openWithOptions(files.get(0).toPath()));
            else showError("Drop one data file (CSV, TSV, GCT, h5ad, 10x .h5, IDX) or one 10x folder to open it.");
            e.setDropCompleted(ok);
            e.consume();
        });

        service.setOnSucceeded(e -> finished(service.getValue()));
        service.setOnFailed(e -> {
            vm.runningProperty().set(false);
            session.setActiveCheckpoints(null);
            Throwable t = service.getException();
            LOG.warn("training failed", t);
            showError("Training failed: " + Messages.of(t));
        });
        live.start();
        history.wire();
        resumeOffer.offerInterruptedTraining();
    }

    /** Whether the window may close: asks first while training runs or a result is unsaved, then stops training cleanly. */
    boolean confirmClose() {
        if (vm.runningProperty().get()) {
            if (!dialogs.confirm(stage, "Training is running. Stop it and close the workbench?")) return false;
        } else if (session.result() != null && !session.saved() && !askSaveBeforeClosing()) {
            return false;
        }
        service.stop();
        return true;
    }

    /** Closing with an unsaved result: Save run folder… (then closes once it is written), Close without saving, or Cancel. True to close now. */
    private boolean askSaveBeforeClosing() {
        Dialogs.Unsaved answer = dialogs.unsaved(stage, "The result of the last training is not saved.");
        if (answer == Dialogs.Unsaved.DISCARD) return true;
        if (answer == Dialogs.Unsaved.SAVE) {
            Path dir = exports.chooseRunFolder("Choose an empty folder (or an earlier run to replace) for the run");
            if (dir != null) exports.exportRun(dir, failure -> {
                if (failure == null) {
                    service.stop();
                    stage.close();
                }
            });
        }
        return false;
    }

    // ---------------------------------------------------------------- parts

    void start(Task<?> task, String name) {
        tasks.run(name, task);
    }

    /** The window's runner of background work (the Compare and Stability tabs use it too). */
    Tasks tasks() { return tasks; }

    /** The export actions (Results tab, Export menu). */
    ExportActions exports() { return exports; }

    /** The menus and tabs. */
    WindowLayout layout() { return layout; }

    /** Opening files and samples. */
    DataLoading loading() { return loading; }

    public void show() {
        stage.show();
    }

    /** Checkpoints and the resume bar. */
    ResumeOffer resumeOffer() { return resumeOffer; }

    /** Lessons, the gallery and presentation mode. */
    Lessons lessons() { return lessons; }

    /** Opening a run folder. */
    SavedRuns savedRuns() { return savedRuns; }

    /** The window's questions and messages. */
    Dialogs dialogs() { return dialogs; }

    // ---------------------------------------------------------------- training

    /** Starts training with the current parameters (as the Train button does). */
    public void train() {
        LoadedData d = session.data();
        TrainingConfig cfg = vm.config().orElse(null);
        if (d == null || cfg == null || !vm.canTrainProperty().get()) return;
        if (!keptFeaturesReady(cfg.keep(), this::train)) return;
        Path dir = checkpointFolder();
        TrainingService.Checkpointing plan = dir == null ? null : new TrainingService.Checkpointing(dir,
                new RunConfig(d.recordedSpec(), cfg, RunConfig.trainCommandLine(d.recordedSpec(), cfg, PartialRun.runFor(dir)), RunConfig.programVersion()),
                checkpointSeconds(), false);
        session.setResumedRunConfig(null);
        startTraining(d, cfg, plan);
    }

    /**
     * Whether the loaded data hold every feature {@code names} names (the kept features; for a comparison also your
     * panel's). When the preprocessing dropped some, the data are prepared again with them put back beside the filters'
     * choice (as {@code cae train --keep} prepares them), then {@code then} runs (training, a comparison, stability runs),
     * and this says false.
     */
    boolean keptFeaturesReady(List<String> names, Runnable then) {
        LoadedData d = session.data();
        List<String> putBack = d == null || d.filter() == null ? List.of() : dropped(names, d);
        if (putBack.isEmpty()) return true;
        log("Preparing " + d.name() + " again with " + putBack.size() + " kept feature" + (putBack.size() == 1 ? "" : "s")
                + " put back beside the preprocessing's choice.");
        loading.prepareForTraining(RunConfig.withRetained(d.spec(), names), loaded -> {
            if (dropped(names, loaded).isEmpty()) then.run();
        });
        return false;
    }

    private static List<String> dropped(List<String> names, LoadedData d) {
        return org.caeworkbench.core.FeaturePanel.droppedNames(names, org.caeworkbench.data.FeatureNames.of(d.train()), d.filter().originalNames());
    }

    /** Training's state is saved at most this often (system property cae.checkpointSeconds, default 10). */
    static double checkpointSeconds() {
        try {
            return Math.max(0, Double.parseDouble(System.getProperty("cae.checkpointSeconds", "10")));
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    /**
     * Where the window keeps the checkpoint of its training: {@code training.partial} in the application's
     * folder (system property cae.appData, default ~/.cae-workbench); none with cae.noPrefs unless cae.appData is set.
     */
    static Path checkpointFolder() {
        String dir = System.getProperty("cae.appData");
        if (dir == null || dir.isBlank()) {
            if (Boolean.getBoolean("cae.noPrefs")) return null;
            dir = Path.of(System.getProperty("user.home"), ".cae-workbench").toString();
        }
        return Path.of(dir).toAbsolutePath().normalize().resolve("training" + PartialRun.SUFFIX);
    }

    void startTraining(LoadedData d, TrainingConfig cfg, TrainingService.Checkpointing plan) {
        String busy = vm.otherJobProperty().get();
        if (!busy.isEmpty()) {
            showError(busy);
            return;
        }
        resumeOffer.hideResumeBar();
        session.setActiveCheckpoints(plan);
        clearTraining();
        forgetResult();
        session.setTrainedConfig(cfg);
        resultsPanel.metrics("Training…");
        resultsPanel.showImages(d.train().isImage());
        vm.runningProperty().set(true);
        tabs.getSelectionModel().select(trainingTab);
        log(String.format(Locale.ROOT, "Training %s: k = %d, %d epochs, batch %d, lr %s, T %s → %s (%s per %s)%s", d.name(), cfg.k(),
                cfg.epochs(), cfg.effectiveBatchSize(d.train().rows()), cfg.learningRate(), cfg.schedule().start(), cfg.schedule().end(),
                cfg.schedule().shape().name().toLowerCase(Locale.ROOT), cfg.annealing().name().toLowerCase(Locale.ROOT),
                cfg.convergenceRuleOn() ? ", convergence rule on" : ""));
        trainingPanel.explain(Explanations.before(cfg, d.train().isImage()));
        measureBaselines(d, cfg);
        org.caeworkbench.app.StepControl steps = new org.caeworkbench.app.StepControl();
        steps.pauseAfter(pendingPause);
        pendingPause = 0;
        showPause(null);
        service.preview(history.digits().previewRows());     // the digit strip shows the decoder's reconstruction of its digits
        service.prepare(d.train(), d.test(), cfg, plan);
        service.stepMode(steps);
        service.restart();
    }

    /** Starts training (as Train does) that pauses after {@code epochs} epochs: step mode. */
    void trainSteps(int epochs) {
        pendingPause = epochs;
        train();
        // train() may wait for the data to be prepared again; otherwise it started or refused, and the pause is used or void
        if (!vm.loadingProperty().get()) pendingPause = 0;
    }

    /** Goes on from a pause of step mode: {@code epochs} more (0: to the end), from {@code temperature} (NaN: as scheduled). */
    void goOn(int epochs, double temperature) {
        // a temperature set by hand is said (and recorded in the run's messages) by the trainer
        if (service.go(epochs, temperature)) showPause(null);
    }

    /** Shows where step mode holds training (from the frame pulse; null: running or ended); a new pause is marked on the charts. */
    void showPause(org.caeworkbench.app.StepControl.Pause p) {
        if (p == null && shownPause != null) replay.clear();     // going on: the live pictures again
        if (p != null && p != shownPause) {
            trainingPanel.markPause();
            // the epochs so far can be scrubbed while paused (the training thread waits: the recording holds still)
            LoadedData d = session.data();
            if (d != null) replay.set(service.historySoFar(), d.train().featureNames(), d.train().imageShape(), null);
            statusBar.status(String.format(Locale.ROOT, "paused after epoch %d/%d  try %d  T %.4f  (step mode: go on or Stop)",
                    p.epochsDone(), p.epochs(), p.tryNumber(), p.temperature()));
            log(String.format(Locale.ROOT, "Paused after %d epochs (try %d, epoch %d of %d), T = %s.", trainingPanel.lastEpochX(), p.tryNumber(),
                    p.epochsDone(), p.epochs(), Explanations.num(p.temperature())));
        }
        shownPause = p;
        stepBar.show(p);
    }

    /** The explanations beside the charts for the newest snapshot (from the frame pulse). */
    void explain(org.caeworkbench.core.TrainingSnapshot s) {
        explained = s;
        TrainingConfig cfg = session.trainedConfig();
        LoadedData d = session.data();
        if (cfg != null && d != null) trainingPanel.explain(Explanations.of(s, cfg, d.train().isImage(), baselines));
    }

    /**
     * What the validation loss is compared with, on the rows it is measured on (the first validation rows of the
     * test part): the mean predictor's MSE and PCA's with k components, computed once off the FX thread.
     */
    private void measureBaselines(LoadedData d, TrainingConfig cfg) {
        baselines = Explanations.Baselines.NONE;
        explained = null;
        int rows = Math.min(cfg.validationRows(), d.test().rows());
        if (rows == 0 || cfg.objective().supervised()) return;
        var train = d.train();
        var val = d.test().selectRows(java.util.stream.IntStream.range(0, rows).toArray());
        Task<Explanations.Baselines> task = new Task<>() {
            @Override
            protected Explanations.Baselines call() {
                // the mean predictor at once (a pass over the data), PCA when it is done (seconds on wide data)
                double mean = org.caeworkbench.eval.LinearReconstruction.meanPredictorMse(train, val);
                updateValue(new Explanations.Baselines(mean, Double.NaN, rows));
                if (cfg.k() >= Math.min(train.rows(), train.cols())) return new Explanations.Baselines(mean, Double.NaN, rows);
                return new Explanations.Baselines(mean, org.caeworkbench.eval.Pca.of(train).reconstructionMse(val, cfg.k()), rows);
            }
        };
        task.valueProperty().addListener((o, a, b) -> {
            if (b == null || session.trainedConfig() != cfg) return;
            baselines = b;
            if (explained != null) explain(explained);     // also while paused, when no snapshot comes
        });
        start(task, "cae-baselines");
    }

    /** Stops training; the result so far is kept. */
    public void stop() {
        service.stop();
        statusBar.status("Stopping…");
    }

    /** Drops the shown result (table, metrics, pictures) so that no export can pair it with other data. */
    void forgetResult() {
        session.setResult(null);
        resultsPanel.clear();
        resultsPanel.metrics("");
        history.forgetResult();
    }

    /**
     * Whether an unsaved result may be discarded ({@code why} says what would discard it): true when there
     * is none or it was saved.
     */
    boolean confirmDiscard(String why) {
        if (session.result() == null || session.saved()) return true;
        return dialogs.confirm(stage, "The result of the last training is not saved. " + why
                + " Continue without saving? (Export > Run folder… keeps it.)");
    }

    void clearTraining() {
        replay.clear();
        live.forget();
        renderer.clear();
        history.digits().clear();
        trainingPanel.clear();
        statusBar.message("");
    }


    private void finished(SelectionResult r) {
        TrainingService.Checkpointing plan = session.activeCheckpoints();
        session.setActiveCheckpoints(null);
        try {
            showFinished(r);
        } finally {
            if (plan != null) resumeOffer.afterCheckpointedTraining(plan, r);
        }
    }

    private void showFinished(SelectionResult r) {
        live.drain();
        showPause(null);
        vm.runningProperty().set(false);
        LoadedData d = session.data();
        statusBar.progress(r.status() == SelectionResult.Status.CANCELLED ? statusBar.progress() : 1);
        String how = switch (r.status()) {
            case COMPLETED -> "Done";
            case NOT_CONVERGED -> "Done, not converged";
            case CANCELLED -> "Stopped";
            case DIVERGED -> "Diverged";
        };
        // a diverged run's selection and mean-max mean nothing: say only where it stopped
        String text = r.status() == SelectionResult.Status.DIVERGED
                ? String.format(Locale.ROOT, "Diverged in epoch %d of try %d after %.1f s; nothing was kept.", r.epochs(), r.tries(), r.seconds())
                : String.format(Locale.ROOT, "%s: %d of %d selected features distinct, mean-max %.4f, %d epoch(s) in try %d, %.1f s.",
                how, r.distinctCount(), r.k(), r.meanMaxProbability(), r.epochs(), r.tries(), r.seconds());
        statusBar.message("");   // the training's notes (restarts, say) stay in the Log tab
        statusBar.succeeded(text);
        log(text);
        LOG.info(text);
        if (r.status() == SelectionResult.Status.DIVERGED) {
            // the trainer's last message says where it diverged and which setting to change
            showError(r.messages().get(r.messages().size() - 1));
            resultsPanel.metrics("Diverged: no result.");
            return;
        }
        session.setResult(r);
        replay.set(service.history(), d.train().featureNames(), d.train().imageShape(), r);
        resultsPanel.rows().setAll(FeatureRow.of(r, d.train().featureNames(), d.originalIndices(), d.train().geneNames()));
        history.trained(d, session.trainedConfig(), r, how, resultsPanel.rows());
        resultMetrics.computeMetrics(d, r);
    }

    // ---------------------------------------------------------------- messages

    /** Shows one sentence: in the status bar, the log, and a non-blocking alert (not in tests). */
    void showError(String sentence) {
        LOG.info("shown to the user: {}", sentence);
        statusBar.message(StatusBar.Kind.ERROR, sentence);
        log("Error: " + sentence);
        for (Consumer<String> l : errorListeners) l.accept(sentence);
        dialogs.error(stage, sentence);
    }

    void log(String line) {
        logArea.appendText(line + "\n");
    }

    // ---------------------------------------------------------------- for the application and tests

    public WorkbenchViewModel viewModel() { return vm; }
    public Stage stage() { return stage; }
    Session session() { return session; }
    public ReadOnlyObjectProperty<LoadedData> dataProperty() { return session.dataProperty(); }
    public ReadOnlyObjectProperty<SelectionResult> resultProperty() { return session.resultProperty(); }
    public ReadOnlyBooleanProperty metricsDoneProperty() { return session.metricsDoneProperty(); }
    public ReadOnlyIntegerProperty epochsShownProperty() { return trainingPanel.epochsShownProperty(); }
    public ReadOnlyIntegerProperty heatmapUpdatesProperty() { return trainingPanel.heatmapUpdatesProperty(); }
    public ObservableList<FeatureRow> rows() { return resultsPanel.rows(); }
    ObservableList<ResultsPanel.FeatureError> featureErrors() { return resultsPanel.errors(); }
    int scatterPoints() { return resultsPanel.scatterPoints(); }
    List<Path> recentFiles() { return recent.files(); }
    /** Whether the ControlsFX validation marks a parameter field invalid. */
    boolean parametersMarkedInvalid() { return parametersPanel.validation().isInvalid(); }
    public void onError(Consumer<String> listener) { errorListeners.add(listener); }
    public void selectResults() { tabs.getSelectionModel().select(resultsTab); }
    public void selectTraining() { tabs.getSelectionModel().select(trainingTab); }
    public void selectCompare() { tabs.getSelectionModel().select(compareTab); }
    ComparePanel comparePanel() { return comparePanel; }
    /** The run history (Runs tab) and the views of the choice on the data. */
    RunHistory history() { return history; }
    StabilityPanel stabilityPanel() { return stabilityPanel; }
    public int seriesSize(String which) { return trainingPanel.seriesSize(which); }
    ReadOnlyBooleanProperty pausedProperty() { return stepBar.pausedProperty(); }
    ReadOnlyIntegerProperty pauseMarkersProperty() { return trainingPanel.pauseMarkersProperty(); }

    /** Stops the pulse timer and the renderer (tests that close the window). */
    public void dispose() {
        live.stop();
        service.stop();
        tasks.shutdown();
        comparePanel.stop();
        renderer.shutdown();
        history.digits().shutdown();
        history.replay().shutdown();
        replay.shutdown();
    }

    static void runLater(Runnable r) {
        if (Platform.isFxApplicationThread()) r.run();
        else Platform.runLater(r);
    }
}
