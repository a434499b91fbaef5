package org.caeworkbench.ui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.HostServices;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.export.AtomicFiles;
import org.caeworkbench.export.Csv;
import org.caeworkbench.export.ImagePreviews;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The Results tab's and the Export menu's actions: the selected features, names, mask, reduced data,
 * PNGs, the run folder and its report, each written atomically on a background task; a written result
 * counts as saved.
 */
final class ExportActions {
    private final WorkbenchWindow w;

    ExportActions(WorkbenchWindow w) {
        this.w = w;
    }

    void exportSelectedDialog() {
        if (w.session.result() == null) return;
        saveDialog("selected_features.csv", f -> exportSelected(f, null));
    }

    /** Writes selected_features.csv on a background task; {@code done} (may be null) runs on the FX thread with null or the error. */
    public void exportSelected(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null) return;
        background("Exported the selected features to " + file, r,
                () -> RunDirectory.writeSelected(file, r, d.train().featureNames(), d.originalIndices(), d.train().geneNames()), done);
    }

    void saveDialog(String initialName, Consumer<Path> action) {
        if (w.session.result() == null) return;
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(initialName);
        Path last = w.recent.lastFolder();
        if (last != null) fc.setInitialDirectory(last.toFile());
        Path file = w.dialogs.save(w.stage, fc);
        if (file != null) {
            w.recent.folderUsed(file.getParent());
            action.accept(file);
        }
    }

    /** The selected feature names, one a line in rank order as in selected_features.csv (duplicates once), atomically. */
    public void exportNames(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null) return;
        StringBuilder b = new StringBuilder();
        Arrays.stream(r.rankedFeatures()).forEach(f -> b.append(d.train().featureNames().get(f)).append('\n'));
        background("Exported the selected names to " + file, r, () -> AtomicFiles.writeString(file, b.toString()), done);
    }

    /** The chosen-pixel mask as a PNG (image data only), atomically. */
    public void exportMask(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null || d.train().imageShape() == null) return;
        background("Exported the pixel mask to " + file, null,
                () -> ImagePreviews.png(file, ImagePreviews.mask(d.train().imageShape(), r.selected(), 12)), done);
    }

    void exportReducedDialog() {
        saveDialog("reduced.csv", f -> exportReduced(f, null));
    }

    /**
     * The dataset as read (before the split and scaling; all rows), with only the selected columns (each
     * once, in the order of selected_features.csv), the sample ids and the labels, as CSV, atomically.
     */
    public void exportReduced(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null) return;
        long columns = Arrays.stream(r.selected()).distinct().count();
        background("Exported the reduced dataset (" + columns + " columns) to " + file, r, () -> {
            Dataset raw;
            try {
                raw = DatasetReader.read(d.spec().data(), d.spec().read());   // the file's own values: read again
            } catch (DataException e) {
                throw new IOException(e.getMessage(), e);
            }
            // the selection indexes the model's features; the file's columns go through the filter
            Csv.writeReduced(file, raw, r.rankedFeatures(), d.train().featureNames(), d.filter());
        }, done);
    }

    void exportPngsDialog() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Choose a folder for the PNG files");
        Path last = w.recent.lastFolder();
        if (last != null) dc.setInitialDirectory(last.toFile());
        Path dir = w.dialogs.folder(w.stage, dc);
        if (dir != null) {
            w.recent.folderUsed(dir);
            exportPngs(dir, null);
        }
    }

    /**
     * Every chart (loss, temperature, temperature preview, and for tables the scatter plot) and picture
     * (heatmap, per-pixel map, reconstructions) as PNG files in {@code dir}, each written atomically. Charts
     * are rendered on the FX thread (their data change there); the files are written on a background task.
     */
    public void exportPngs(Path dir, Consumer<String> done) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        try {
            charts.put("loss.png", png(w.trainingPanel.charts().get(0), 900, 560));
            charts.put("temperature.png", png(w.trainingPanel.charts().get(1), 900, 560));
            charts.put("temperature_preview.png", png(w.parametersPanel.previewChart(), 600, 400));
            if (w.resultsPanel.scatterPoints() > 0) charts.put("predicted_vs_measured.png", png(w.resultsPanel.scatterChart(), 800, 700));
        } catch (IOException e) {
            w.showError("Export failed: " + Messages.of(e));
            if (done != null) done.accept("Export failed: " + Messages.of(e));
            return;
        }
        Map<String, BufferedImage> pictures = new LinkedHashMap<>();
        WritableImage heat = w.trainingPanel.heatmapImage();
        if (heat != null) pictures.put("heatmap.png", tall(SwingFXUtils.fromFXImage(heat, null), 240));
        WritableImage pix = w.trainingPanel.pixelImage();
        if (pix != null) pictures.put("pixel_map.png", ImagePreviewsScale.scale(SwingFXUtils.fromFXImage(pix, null), 12));
        Image rec = w.resultsPanel.reconstruction();
        if (rec != null) pictures.put("reconstructions.png", SwingFXUtils.fromFXImage(rec, null));
        int count = charts.size() + pictures.size();
        background("Exported " + count + " PNG files to " + dir, null, () -> {
            Files.createDirectories(dir);
            for (var e : charts.entrySet()) {
                byte[] bytes = e.getValue();
                AtomicFiles.write(dir.resolve(e.getKey()), out -> out.write(bytes));
            }
            for (var e : pictures.entrySet()) ImagePreviews.png(dir.resolve(e.getKey()), e.getValue());
        }, done);
    }

    static byte[] png(JFreeChart chart, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, w, h);
        return out.toByteArray();
    }

    /** Stretches a heatmap of few rows to at least {@code minHeight} pixels (nearest neighbour). */
    static BufferedImage tall(BufferedImage img, int minHeight) {
        int rowScale = Math.max(1, (minHeight + img.getHeight() - 1) / img.getHeight());
        return ImagePreviewsScale.scale(img, 1, rowScale);
    }

    /** Nearest-neighbour enlargement for the pixel views. */
    static final class ImagePreviewsScale {
        private ImagePreviewsScale() {}

        static BufferedImage scale(BufferedImage img, int s) {
            return scale(img, s, s);
        }

        static BufferedImage scale(BufferedImage img, int sx, int sy) {
            BufferedImage out = new BufferedImage(img.getWidth() * sx, img.getHeight() * sy, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < out.getHeight(); y++)
                for (int x = 0; x < out.getWidth(); x++) out.setRGB(x, y, img.getRGB(x / sx, y / sy));
            return out;
        }
    }

    /** features.tsv: every feature of the file with cae_selected, cae_rank, cae_probability (and gene ids and symbols), atomically. */
    public void exportFeatureTable(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null) return;
        SavedModel model = d.savedModel(r);
        background("Exported the feature table to " + file, r,
                () -> org.caeworkbench.app.Interop.featureTable(r, model, d.train()).writeTsv(file), done);
    }

    /** A copy of the loaded .h5ad file with the result's var columns and uns['cae']; the loaded file is never changed. */
    public void exportAnnotatedH5ad(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null) return;
        SavedModel model = d.savedModel(r);
        RunConfig config = runConfig(r, d, file.getParent());
        background("Exported the annotated copy of " + d.spec().data().getFileName() + " to " + file, r, () -> {
            var written = org.caeworkbench.app.Interop.writeAnnotatedH5ad(d.spec().data(), file,
                    org.caeworkbench.app.Interop.featureTable(r, model, d.train()), config);
            if (!written.table().equals("var"))
                javafx.application.Platform.runLater(() -> w.log("The run read the raw matrix, so its columns are in " + written.table()
                        + " of " + file.getFileName() + " (adata.raw.var in Python)."));
            if (!written.leftOut().isEmpty()) {
                javafx.application.Platform.runLater(() -> w.log("Not carried over into " + file.getFileName() + ": "
                        + String.join("; ", written.leftOut())));
            }
        }, done);
    }

    /** The decoder as a Deeplearning4j model zip (README inside); Deeplearning4j's classes load on this first use. */
    public void exportDl4j(Path file, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        if (r == null || d == null) return;
        SavedModel model = d.savedModel(r);
        background("Exported the Deeplearning4j imputer to " + file, r, () -> org.caeworkbench.app.Interop.exportDl4j(model,
                org.caeworkbench.app.Interop.featureTable(r, model, d.train()), file), done);
    }

    /** Whether the loaded data is an .h5ad or 10x .h5 file (the annotated .h5ad is offered then). */
    static boolean canAnnotate(LoadedData d) {
        return d != null && org.caeworkbench.app.Interop.canAnnotate(d.spec().data());
    }

    private RunConfig runConfig(SelectionResult r, LoadedData d, Path dir) {
        TrainingConfig cfg = w.session.trainedConfig() != null ? w.session.trainedConfig() : w.vm.configProperty().get();
        TrainingConfig used = cfg != null ? cfg : TrainingConfig.builder().build();
        return w.session.resumedRunConfig() != null ? w.session.resumedRunConfig()
                : new RunConfig(d.recordedSpec(), used, RunConfig.trainCommandLine(d.recordedSpec(), used, dir), RunConfig.programVersion());
    }

    void exportRunDialog() {
        Path dir = chooseRunFolder("Choose an empty folder (or an earlier run to replace) for the run");
        if (dir != null) exportRun(dir, null);
    }

    /** Writes the run folder (report.html included) and opens its report in the system's browser. */
    void exportReportDialog() {
        Path dir = chooseRunFolder("Choose an empty folder (or an earlier run to replace) for the run and its report");
        if (dir != null) exportRun(dir, failure -> {
            if (failure == null) openDocument(dir.resolve(org.caeworkbench.export.RunReport.FILE));
        });
    }

    Path chooseRunFolder(String title) {
        if (w.session.result() == null) return null;
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        Path last = w.recent.lastFolder();
        if (last != null) dc.setInitialDirectory(last.toFile());
        Path dir = w.dialogs.folder(w.stage, dc);
        if (dir == null) return null;
        w.recent.folderUsed(dir.getParent());
        return dir;
    }

    HostServices hostServices;

    /** How the window opens documents (the report) in the system's browser; set by the application. */
    public void setHostServices(HostServices services) {
        hostServices = services;
    }

    /** Opens the report in the browser off the FX thread, and says so only when it worked. */
    void openDocument(Path file) {
        if (!w.dialogs.opensDocuments()) {
            w.log("The report is " + file);
            return;
        }
        HostServices services = hostServices;
        Task<Boolean> task = new Task<>() {
            @Override
            protected Boolean call() {
                return Browser.open(file.toUri(), services);
            }
        };
        task.setOnSucceeded(e -> {
            if (task.getValue()) {
                w.statusBar.succeeded("Wrote the run and opened its report in the browser: " + file);
                w.log("Opened " + file + " in the browser.");
            } else {
                w.showError("The report was written, but no browser could be opened: open " + file + " yourself.");
            }
        });
        w.start(task, "cae-browser");
    }

    /** Writes the whole run folder (the same one `cae train` writes, with metrics.json when computed), atomically. */
    public void exportRun(Path dir, Consumer<String> done) {
        SelectionResult r = w.session.result();
        LoadedData d = w.session.data();
        TrainingConfig cfg = w.session.trainedConfig() != null ? w.session.trainedConfig() : w.vm.configProperty().get();
        if (r == null || d == null) return;
        TrainingConfig used = cfg != null ? cfg : TrainingConfig.builder().build();
        // a resumed `cae train` run keeps the command line that started it
        RunConfig config = w.session.resumedRunConfig() != null ? w.session.resumedRunConfig()
                : new RunConfig(d.recordedSpec(), used, RunConfig.trainCommandLine(d.recordedSpec(), used, dir), RunConfig.programVersion());
        SavedModel model = d.savedModel(r);
        Map<String, Object> metrics = w.session.metrics();
        List<String> warnings = w.session.metrics() == null ? List.of() : w.session.warnings();
        org.caeworkbench.export.SelectorHistory history = w.replay.historyOf(r);
        background("Wrote the run to " + dir, r, () -> {
            RunDirectory.write(dir, new RunDirectory.Contents(config, r, model, d.test(), warnings, history), true);
            if (metrics != null) RunDirectory.writeMetrics(dir, metrics);
        }, failure -> {
            if (failure == null) w.history.saved(r, dir);
            if (done != null) done.accept(failure);
        });
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** File work on a background task; on success {@code saves} (may be null) counts as saved. */
    void background(String success, SelectionResult saves, IoAction action, Consumer<String> done) {
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws IOException {
                action.run();
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            if (saves != null && saves == w.session.result()) w.session.setSaved(true);
            w.statusBar.succeeded(success);
            w.log(success);
            if (done != null) done.accept(null);
        });
        task.setOnFailed(e -> {
            String msg = "Export failed: " + Messages.of(task.getException());
            w.showError(msg);
            if (done != null) done.accept(msg);
        });
        w.start(task, "cae-export");
    }

}
