package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.app.StabilityRun;
import org.caeworkbench.eval.Stability;
import org.caeworkbench.export.StabilityCsv;

/**
 * The Stability tab: trains the CAE R times with seeds s..s+R-1 (the window's settings otherwise) on the
 * loaded data and shows how often each feature was chosen, the same count as {@code cae train --repeats R}.
 * A gene chosen in every run is robust; one chosen once may be luck. Training runs on a background thread.
 */
final class StabilityPanel extends VBox {
    private final Supplier<LoadedData> data;
    private final Supplier<TrainingConfig> config;
    private final Consumer<String> onError;
    private final Consumer<String> onStatus;
    private final TextField runsField = new TextField("5");
    private final StabilityViewModel model = new StabilityViewModel();
    private final Button runButton = new Button("Run");
    private final Button stopButton = new Button("Stop");
    private final Button exportButton = new Button("Export CSV…");
    private final Button keepButton = new Button("Keep those chosen in most runs");
    /** Takes the features chosen in most runs into the settings' kept features (the window's). */
    private Consumer<List<String>> onKeep = names -> { };
    private final ProgressBar progress = new ProgressBar(0);
    /** The first line before a run, and after its results are cleared. */
    private static final String READY = "Choose how many runs, then Run: they train on the dataset loaded on the left.";
    private final Label progressLabel = new Label(READY);
    private final TableView<Stability.Feature> table = new TableView<>();
    private final ObservableList<Stability.Feature> rows = FXCollections.observableArrayList();
    private final SimpleBooleanProperty running = new SimpleBooleanProperty();
    private volatile Cancellation cancel;

    /**
     * @param blockedBy why the runs cannot start now (another job runs), empty when they can: Run is off
     *                  and the reason is shown beside it
     */
    private final Tasks tasks;

    /** Whether the data hold the settings' kept features; when not, it prepares them and runs the given action after (the window's). */
    private java.util.function.BiPredicate<List<String>, Runnable> keptReady = (names, then) -> true;

    void keptFeaturesWith(java.util.function.BiPredicate<List<String>, Runnable> ready) { keptReady = ready; }

    StabilityPanel(Tasks tasks, Supplier<LoadedData> data, Supplier<TrainingConfig> config, BooleanExpression cannotRun,
                   javafx.beans.value.ObservableStringValue blockedBy, Consumer<String> onError, Consumer<String> onStatus) {
        super(8);
        this.tasks = tasks;
        this.data = data;
        this.config = config;
        this.onError = onError;
        this.onStatus = onStatus;
        setPadding(new Insets(8));
        setId("stabilityPanel");

        Label about = new Label("Trains the CAE several times with seeds seed, seed+1, … (the other settings as in Parameters) "
                + "and counts how often each feature is chosen. A feature chosen in every run is robust; one chosen once may be luck.");
        about.setWrapText(true);
        runsField.setId("stabilityRuns");
        runsField.textProperty().bindBidirectional(model.runsProperty());
        runsField.setPrefColumnCount(4);
        runsField.setTooltip(new Tooltip("How many runs (seeds); 5 to 10 is usual. Each run takes as long as one training."));
        runButton.setId("stabilityRun");
        stopButton.setId("stabilityStop");
        exportButton.setId("stabilityExport");
        runButton.disableProperty().bind(running.or(cannotRun).or(javafx.beans.binding.Bindings.isNotEmpty(blockedBy)));
        Label blocked = new Label();
        blocked.setId("stabilityBlocked");
        blocked.getStyleClass().add("problem");
        blocked.textProperty().bind(blockedBy);
        stopButton.disableProperty().bind(running.not());
        exportButton.disableProperty().bind(running.or(javafx.beans.binding.Bindings.isEmpty(rows)));
        runButton.setOnAction(e -> run());
        stopButton.setOnAction(e -> {
            Cancellation c = cancel;
            if (c != null) c.cancel();
        });
        exportButton.setOnAction(e -> exportDialog());
        keepButton.setId("stabilityKeep");
        keepButton.setTooltip(new Tooltip("Adds the features chosen in more than half of the runs to Keep features (Parameters, Panel"
                + " design): a stable core that is always in the panel, with k features learned beside it when you train."));
        keepButton.disableProperty().bind(running.or(javafx.beans.binding.Bindings.createBooleanBinding(() -> robust().isEmpty(), rows)));
        keepButton.setOnAction(e -> onKeep.accept(robust()));
        HBox controls = new HBox(8, new Label("Runs"), runsField, runButton, stopButton, exportButton, keepButton, blocked);
        controls.setAlignment(Pos.CENTER_LEFT);
        progress.setPrefWidth(160);
        progressLabel.setId("stabilityProgressLabel");
        HBox status = new HBox(8, progress, progressLabel);
        status.setAlignment(Pos.CENTER_LEFT);

        table.setId("stabilityTable");
        table.setItems(rows);
        table.setPlaceholder(new Label("No stability run yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("index", Stability.Feature::index));
        table.getColumns().add(column("feature", Stability.Feature::name));
        table.getColumns().add(column("times chosen", Stability.Feature::times));
        table.getColumns().add(column("share of runs", f -> String.format(Locale.ROOT, "%.0f%%", 100 * f.fraction())));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(about, controls, status, table);
    }

    private static <T> TableColumn<Stability.Feature, T> column(String title, Function<Stability.Feature, T> value) {
        TableColumn<Stability.Feature, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setSortable(true);
        return c;
    }

    /** Where "Keep those chosen in most runs" sends their names. */
    void keepWith(Consumer<List<String>> keep) { onKeep = keep; }

    /**
     * The names of the features chosen in more than half of the runs counted, most often chosen first (none before a count).
     * Every run would be too strict to be of use: on the leukaemia sample (k 10, 5 runs) no probe set is chosen more than twice.
     */
    List<String> robust() {
        if (rows.isEmpty()) return List.of();
        int counted = org.caeworkbench.app.StabilityRun.runsCounted(rows);
        return rows.stream().filter(f -> 2 * f.times() > counted).map(Stability.Feature::name).toList();
    }

    /** Presses "Keep those chosen in most runs" (for tests). */
    void keepRobust() { keepButton.fire(); }

    /** The counted features shown, most often chosen first. */
    List<Stability.Feature> rows() {
        return List.copyOf(rows);
    }

    void setRuns(int runs) {
        runsField.setText(Integer.toString(runs));
    }

    void run() {
        LoadedData d = data.get();
        TrainingConfig cfg = config.get();
        if (d == null) {
            onError.accept("Load a dataset first.");
            return;
        }
        if (cfg == null) {
            onError.accept("The parameters are not valid; see the Parameters panel.");
            return;
        }
        if (!keptReady.test(cfg.keep(), this::run)) return;   // runs again once the kept features are back
        int runs;
        try {
            runs = model.runs();
        } catch (IllegalArgumentException e) {
            onError.accept(e.getMessage());
            return;
        }
        int total = runs;
        Cancellation c = new Cancellation();
        cancel = c;
        rows.clear();
        running.set(true);
        Task<List<Stability.Feature>> task = new Task<>() {
            @Override
            protected List<Stability.Feature> call() {
                List<Stability.Feature> counted = StabilityRun.run(cfg, d.train(), d.filter(), null, total, c, new StabilityRun.Listener() {
                    @Override public void starting(int run, int runs, long seed) {
                        updateMessage(String.format(Locale.ROOT, "run %d of %d (seed %d) …", run + 1, runs, seed));
                        updateProgress(run, runs);
                    }
                    @Override public void counted(List<Stability.Feature> soFar) {
                        Platform.runLater(() -> rows.setAll(soFar));
                    }
                });
                updateProgress(total, total);
                return counted;
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        progressLabel.textProperty().bind(task.messageProperty());
        task.setOnSucceeded(e -> {
            finish();
            rows.setAll(task.getValue());
            String m = StabilityViewModel.summary(task.getValue(), total);
            progressLabel.setText(m);
            onStatus.accept(m);
        });
        task.setOnFailed(e -> {
            finish();
            String m = "Stability failed: " + Messages.of(task.getException());
            progressLabel.setText(m);
            onError.accept(m);
        });
        tasks.run("cae-stability", task);
    }

    private void finish() {
        progress.progressProperty().unbind();
        progressLabel.textProperty().unbind();
        running.set(false);
    }

    boolean isRunning() {
        return running.get();
    }

    javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** Forgets the counts shown: they belonged to data no longer loaded. */
    void clear() {
        if (running.get()) return;
        rows.clear();
        progress.setProgress(0);
        progressLabel.setText(READY);
    }

    private void exportDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the stability counts");
        fc.setInitialFileName(StabilityCsv.FILE);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) export(f.toPath());
    }

    /** Writes the counts as stability.csv (the same file as {@code cae train --repeats}), atomically, off the FX thread. */
    void export(Path file) {
        List<Stability.Feature> snapshot = List.copyOf(rows);
        Task<Void> t = new Task<>() {
            @Override
            protected Void call() throws java.io.IOException {
                StabilityCsv.write(file, snapshot);
                return null;
            }
        };
        t.setOnSucceeded(e -> onStatus.accept("Exported the stability counts to " + file));
        t.setOnFailed(e -> onError.accept("Export failed: " + Messages.of(t.getException())));
        tasks.run("cae-export", t);
    }
}
