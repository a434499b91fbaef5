package org.caeworkbench.ui;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import org.caeworkbench.app.RunMetrics;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.LinearReconstruction;
import org.caeworkbench.export.ImagePreviews;
import org.caeworkbench.export.SavedModel;

/**
 * The Results tab's figures after a training, computed off the FX thread: {@code app.RunMetrics} (the
 * same figures as {@code cae eval}), and for images the reconstruction grid, for tables the held-out
 * predicted-against-measured values and each feature's error.
 */
final class ResultMetrics {
    /** Scatter points of predicted vs measured held-out values, at most. */
    static final int SCATTER_POINTS = 5000;
    private final WorkbenchWindow w;

    ResultMetrics(WorkbenchWindow w) {
        this.w = w;
    }

    /** Held-out predicted/measured pairs and per-feature errors of the linear reconstruction (table data). */
    record TableResults(float[] measured, float[] predicted, int count, List<ResultsPanel.FeatureError> errors) {}

    /** The linear reconstruction on the test split: a sample of held-out points and each held-out feature's error. */
    static TableResults tableResults(Dataset train, Dataset test, int[] selected, long seed) {
        int[] sel = Arrays.stream(selected).distinct().toArray();
        LinearReconstruction.Model model = LinearReconstruction.fit(train, sel);
        int cols = test.cols();
        double[] mse = model.columnMse(test.values(), test.rows());
        boolean[] chosen = new boolean[cols];
        for (int f : sel) chosen[f] = true;
        List<ResultsPanel.FeatureError> errors = new ArrayList<>();
        List<String> symbols = org.caeworkbench.data.FeatureNames.symbolsBesideIds(test.featureNames(), test.geneNames());   // genes named by id
        for (int c = 0; c < cols; c++) {
            if (!chosen[c]) errors.add(new ResultsPanel.FeatureError(c, test.featureNames().get(c) + (symbols == null ? "" : " (" + symbols.get(c) + ")"), mse[c]));
        }
        errors.sort((a, b) -> Double.compare(b.mse(), a.mse()));
        // predict a bounded number of test rows (rows × cols floats), then sample points among them
        int rows = (int) Math.max(1, Math.min(test.rows(), 2_000_000L / Math.max(1, cols)));
        Dataset part = rows < test.rows() ? test.selectRows(java.util.stream.IntStream.range(0, rows).toArray()) : test;
        float[] pred = model.predict(part.values(), part.rows());
        int held = cols - sel.length;
        long total = (long) part.rows() * held;
        int n = (int) Math.min(SCATTER_POINTS, total);
        float[] xs = new float[n];
        float[] ys = new float[n];
        if (held > 0) {
            int[] heldCols = java.util.stream.IntStream.range(0, cols).filter(c -> !chosen[c]).toArray();
            Random rnd = new Random(seed);
            for (int i = 0; i < n; i++) {
                long p = total <= SCATTER_POINTS ? i : (long) (rnd.nextDouble() * total);
                int r = (int) (p / held);
                int c = heldCols[(int) (p % held)];
                xs[i] = part.get(r, c);
                ys[i] = pred[r * cols + c];
            }
        }
        return new TableResults(xs, ys, held > 0 ? n : 0, errors);
    }

    void computeMetrics(LoadedData d, SelectionResult r) {
        w.resultsPanel.metrics("Computing metrics…");
        // the same figures and seed rule as `cae eval` (app.RunMetrics): the run's training seed
        long seed = (w.session.trainedConfig() != null ? w.session.trainedConfig() : TrainingConfig.builder().build()).seed();
        record Metrics(RunMetrics figures, BufferedImage grid, BufferedImage labelledGrid, TableResults table) {}
        Task<Metrics> task = new Task<>() {
            @Override
            protected Metrics call() {
                RunMetrics figures = RunMetrics.compute(d.train(), d.test(), r.selected(), r.model(), r.history(), seed,
                        RunMetrics.DEFAULT_TREES);
                BufferedImage grid = null;
                BufferedImage labelledGrid = null;
                TableResults table = null;
                Dataset.ImageShape shape = d.train().imageShape();
                if (shape != null) {
                    SavedModel m = d.savedModel(r);
                    int count = Math.min(8, d.test().rows());
                    grid = ImagePreviews.unnamedGrid(shape, m, d.test(), count, 3);
                    labelledGrid = ImagePreviews.withRowNames(grid);
                } else {
                    table = tableResults(d.train(), d.test(), r.selected(), seed);
                    int[] original = d.originalIndices();
                    if (original != null) table.errors().replaceAll(fe -> new ResultsPanel.FeatureError(original[fe.index()], fe.name(), fe.mse()));
                }
                return new Metrics(figures, grid, labelledGrid, table);
            }
        };
        task.setOnSucceeded(e -> {
            // other data was loaded, or another training started, while these were computed
            if (w.session.result() != r) return;
            Metrics m = task.getValue();
            RunMetrics f = m.figures();
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "Linear-regression test MSE %.4f (mean predictor %.4f)", f.linearMse(), f.meanMse()));
            if (f.linearSubsampled()) b.append("\n").append(f.linearNote());
            if (Double.isFinite(f.decoderMse())) b.append(String.format(Locale.ROOT, "\nDecoder test MSE %.4f", f.decoderMse()));
            if (Double.isFinite(f.accuracy()))
                b.append(String.format(Locale.ROOT, "\nExtra-Trees accuracy (%d trees) %.3f", f.trees(), f.accuracy()));
            if (Double.isFinite(f.headAccuracy()))
                b.append(String.format(Locale.ROOT, "\nClassifier head accuracy (objective %s) %.3f", w.session.trainedConfig() == null ? "?"
                        : w.session.trainedConfig().objective(), f.headAccuracy()));
            if (r.fixed() > 0)
                b.append(String.format(Locale.ROOT, "\nPanel: %d kept + %d learned", r.fixed(), r.learned()));
            b.append(String.format(Locale.ROOT, "\n%d of %d distinct, mean-max %.4f, status %s", r.distinctCount(), r.k(),
                    r.meanMaxProbability(), r.status()));
            // a panel no better than the column means (or trained on too few rows) must not read as a success
            if (!f.warnings().isEmpty()) {
                b.insert(0, "Warning: " + String.join("\nWarning: ", f.warnings()) + "\n\n");
                w.statusBar.message(StatusBar.Kind.WARNING, "Warning: " + f.warnings().get(0));
            }
            w.resultsPanel.metrics(b.toString());
            w.session.setMetrics(f.toMap(), f.warnings());
            if (m.grid() != null) w.resultsPanel.reconstructionGrid(SwingFXUtils.toFXImage(m.grid(), null), SwingFXUtils.toFXImage(m.labelledGrid(), null));
            if (m.table() != null) w.resultsPanel.tableResults(m.table().measured(), m.table().predicted(), m.table().count(), m.table().errors());
            w.log(String.join("; ", b.toString().lines().filter(l -> !l.isBlank()).toList()));   // one log line
            w.session.setMetricsDone(true);
        });
        task.setOnFailed(e -> {
            if (w.session.result() != r) return;
            WorkbenchWindow.LOG.warn("metrics failed", task.getException());
            w.resultsPanel.metrics("Metrics failed: " + Messages.of(task.getException()));
            w.session.setMetricsDone(true);
        });
        w.start(task, "cae-metrics");
    }

}
