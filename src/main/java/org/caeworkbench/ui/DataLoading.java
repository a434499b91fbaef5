package org.caeworkbench.ui;

import org.caeworkbench.app.SampleSets;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.FeatureNames;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataSpec;

/**
 * Bringing data into the window: the bundled samples, a file or a 10x folder with its reading options
 * (and live preview), drag and drop, the preprocessing of each file, and the reading and preparing
 * itself on a background task; a result trained on other data is cleared first, after asking when unsaved.
 */
final class DataLoading {
    private final WorkbenchWindow w;

    /** The preprocessing last applied to each file in this session: a file opened again gets its own, a new file none. */
    private final java.util.Map<Path, org.caeworkbench.data.Preprocessing> preprocessingByFile = new java.util.HashMap<>();

    DataLoading(WorkbenchWindow w) {
        this.w = w;
    }


    /** Loads a bundled sample, or says where the samples folder was looked for. */
    public void loadSample(SampleSets.Sample s) {
        var folder = Samples.folder();
        if (folder.isEmpty()) {
            w.showError("The samples folder was not found next to the program or in the working folder; open a data file instead.");
            return;
        }
        DataSpec spec = s.spec(folder.get());
        load(spec.withPreprocessing(preprocessingOf(spec.data())));
    }

    void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a data file");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data files", "*.csv", "*.tsv", "*.txt", "*.gct", "*.mtx", "*.h5ad", "*.h5mu", "*.h5", "*.loom", "*.gz",
                        "*-ubyte", "*.idx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path last = w.recent.lastFolder();
        if (last != null) fc.setInitialDirectory(last.toFile());
        else Samples.folder().ifPresent(f -> fc.setInitialDirectory(f.toFile()));
        Path file = w.dialogs().open(w.stage, fc);
        if (file != null) openWithOptions(file);
    }

    /** A 10x Genomics folder (matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz), then its reading options. */
    void openFolderDialog() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a 10x Genomics folder (matrix.mtx.gz, features.tsv.gz, barcodes.tsv.gz)");
        Path last = w.recent.lastFolder();
        if (last != null) dc.setInitialDirectory(last.toFile());
        else Samples.folder().ifPresent(f -> dc.setInitialDirectory(f.toFile()));
        Path dir = w.dialogs().folder(w.stage, dc);
        if (dir != null) openWithOptions(dir);
    }

    /** The reader-options dialog for {@code file} (with its live preview); OK reads the whole file. */
    public void openWithOptions(Path file) {
        if (w.vm.loadingProperty().get() || w.vm.runningProperty().get()) return;
        DataSpec initial = DataSpec.suggested(file);   // the folder is listed once, for the dialog and its fallback
        w.dialogs().readerOptions(initial, () -> new ReaderOptionsDialog(w.stage, initial, w.tasks()))
                .ifPresent(spec -> load(spec.withPreprocessing(preprocessingOf(file))));
    }

    /** The dialog itself, not shown (tests show it without waiting). */
    ReaderOptionsDialog optionsDialog(Path file) {
        return new ReaderOptionsDialog(w.stage, DataSpec.suggested(file), w.tasks());
    }

    /**
     * The preprocessing a file opens with: what was last applied to it in this session, else none. The
     * settings chosen for one gene table must not be carried to the next file (they hid MNIST's pixel maps).
     */
    org.caeworkbench.data.Preprocessing preprocessingOf(Path file) {
        return preprocessingByFile.getOrDefault(file.toAbsolutePath().normalize(), org.caeworkbench.data.Preprocessing.NONE);
    }

    /** Reads the current data again with the preprocessing now set in the dataset panel. */
    public void applyPreprocessing() {
        LoadedData d = w.session.data();
        var p = w.vm.preprocessing();
        if (d == null) return;
        if (p.isEmpty()) {
            w.showError("'Most variable' must be a positive whole number, or empty to keep every feature.");
            return;
        }
        load(d.spec().withPreprocessing(p.get().withRetain(w.vm.config().map(TrainingConfig::keep).orElse(d.spec().preprocessing().retain()))));
    }

    /** Reads and prepares a file on a background task; a DataException shows as one sentence. */
    public void load(DataSpec spec) {
        load(spec, null);
    }

    /** The same, then {@code then} (may be null) on the FX thread with the loaded data. */
    void load(DataSpec spec, Consumer<LoadedData> then) {
        load(spec, then, true);
    }

    /**
     * Prepares the current file again for training (its kept features put back beside the filters' choice),
     * then {@code then}: what training would discard anyway is not asked about.
     */
    void prepareForTraining(DataSpec spec, Consumer<LoadedData> then) {
        load(spec, then, false);
    }

    private void load(DataSpec spec, Consumer<LoadedData> then, boolean confirm) {
        if (w.vm.loadingProperty().get() || w.vm.runningProperty().get()) return;
        if (w.comparePanel.runningProperty().get() || w.stabilityPanel.runningProperty().get()) {
            w.showError((w.comparePanel.runningProperty().get() ? "A comparison is running; stop it in the Compare tab"
                    : "Stability runs are running; stop them in the Stability tab") + " before loading other data.");
            return;
        }
        if (confirm && !w.confirmDiscard("Loading " + spec.data().getFileName() + " clears it.")) return;
        w.vm.loadingProperty().set(true);
        w.statusBar.status("Loading " + spec.data().getFileName() + "…");
        w.statusBar.busy();
        Task<LoadedData> task = new Task<>() {
            @Override
            protected LoadedData call() throws DataException {
                return LoadedData.load(spec, new org.caeworkbench.data.ReadProgress() {
                    @Override public void progress(long done, long total) { updateProgress(done, total); }
                    @Override public void note(String sentence) { Platform.runLater(() -> w.log("Note: " + sentence)); }
                });
            }
        };
        task.progressProperty().addListener((o, a, b) -> {
            if (b.doubleValue() >= 0) w.statusBar.progress(b.doubleValue());
        });
        task.setOnSucceeded(e -> {
            w.vm.loadingProperty().set(false);
            w.statusBar.progress(0);
            LoadedData d = task.getValue();
            // a result belongs to the data it was trained on: its table, metrics and exports go with the old data
            w.forgetResult();
            w.comparePanel.clear();
            w.stabilityPanel.clear();
            w.session.setData(d);
            w.resultsPanel.showImages(d.train().isImage());
            preprocessingByFile.put(spec.data().toAbsolutePath().normalize(), spec.preprocessing());
            w.datasetPanel.summary(d.describe());
            w.vm.setDataset(d.summary(), d.train().rows(), d.train().featureNames(), d.filter() == null ? null : d.filter().originalNames(),
                    FeatureNames.aliases(d.train().featureNames(), d.train().geneNames()));
            if (d.summary().d() < parseOr(w.vm.text(WorkbenchViewModel.Field.K).get(), 0))
                w.vm.text(WorkbenchViewModel.Field.K).set(Integer.toString(TrainingConfig.defaultK(d.summary().d())));
            w.statusBar.succeeded("Loaded " + d.name() + ": " + d.train().rows() + " training and " + d.test().rows()
                    + " test rows, " + d.train().cols() + " features.");
            w.log("Loaded " + d.name());
            boolean sample = Samples.folder().map(f -> spec.data().toAbsolutePath().startsWith(f)).orElse(false);
            if (!sample) {
                w.recent.opened(spec.data());
                w.layout().refreshRecent();
            }
            w.vm.setPreprocessing(spec.preprocessing());
            w.clearTraining();
            if (!d.filter().isIdentity()) w.log(d.filter().describe());
            // what the reader decided on its own (an orientation it guessed, say) stays in sight
            if (!d.notes().isEmpty()) w.statusBar.message(StatusBar.Kind.NOTE, d.notes().get(0));
            if (then != null) then.accept(d);
        });
        task.setOnFailed(e -> {
            w.vm.loadingProperty().set(false);
            w.statusBar.progress(0);
            w.statusBar.status("Loading failed.");
            w.showError(Messages.of(task.getException()));
        });
        w.tasks().run("cae-load", task);
    }

    static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

}
