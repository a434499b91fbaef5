package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Table data (results, reduced export, saved runs), the reader-options preview, closing while training. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFeaturesTest {

    private WorkbenchWindow window;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void noDialogs() {
        WindowTests.quiet();
    }

    @Start
    void start(Stage stage) {
        window = WindowTests.open(stage, errors);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        WindowTests.close(robot, window);
    }

    /** 80 samples × 12 features (the last six mix the first six) and a two-class label. */
    static Path table(Path dir) throws Exception {
        Random rnd = new Random(3);
        StringBuilder b = new StringBuilder("id");
        for (int c = 0; c < 12; c++) b.append(",f").append(c);
        b.append(",label\n");
        for (int r = 0; r < 80; r++) {
            double[] v = new double[12];
            for (int c = 0; c < 6; c++) v[c] = rnd.nextGaussian();
            for (int c = 6; c < 12; c++) v[c] = v[c - 6] + 0.5 * v[(c - 5) % 6] + 0.1 * rnd.nextGaussian();
            b.append("s").append(r);
            for (double x : v) b.append(',').append(String.format(java.util.Locale.ROOT, "%.4f", x));
            b.append(',').append(v[0] > 0 ? "hi" : "lo").append('\n');
        }
        Path f = dir.resolve("table.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    private void loadTable(FxRobot robot, Path tmp, int k, int epochs) throws Exception {
        Path csv = table(tmp);
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        assertEquals(12, window.dataProperty().get().train().cols());
        robot.interact(() -> {
            window.viewModel().text(Field.K).set(Integer.toString(k));
            window.viewModel().text(Field.EPOCHS).set(Integer.toString(epochs));
            window.viewModel().convergenceProperty().set(false);
        });
    }

    @Test
    void tableResultsReducedExportAndSavedRun(FxRobot robot, @TempDir Path tmp) throws Exception {
        loadTable(robot, tmp, 3, 2);
        assertTrue(window.recentFiles().get(0).endsWith("table.csv"), "the file is first among the recent files");
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        SelectionResult r = window.resultProperty().get();
        int[] distinct = Arrays.stream(r.selected()).distinct().toArray();
        // predicted vs measured of held-out features, and their errors worst first
        assertEquals(12 - distinct.length, window.featureErrors().size());
        assertTrue(window.scatterPoints() > 0);
        var errs = window.featureErrors();
        for (int i = 1; i < errs.size(); i++) assertTrue(errs.get(i - 1).mse() >= errs.get(i).mse());
        assertTrue(robot.lookup("#metricsLabel").queryAs(javafx.scene.control.Label.class).getText().contains("Decoder test MSE"));

        // the reduced dataset: sample ids, the selected columns in the order of the results table, the labels; every row
        Path reduced = tmp.resolve("out/reduced.csv");
        Files.createDirectories(reduced.getParent());
        AtomicReference<String> outcome = new AtomicReference<>("pending");
        robot.interact(() -> window.exports().exportReduced(reduced, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        List<String> lines = Files.readAllLines(reduced);
        StringBuilder header = new StringBuilder("sample_id");
        for (int f : r.rankedFeatures()) header.append(",f").append(f);
        header.append(",label");
        assertEquals(header.toString(), lines.get(0));
        assertEquals(81, lines.size());
        assertTrue(lines.get(1).startsWith("s0,"), lines.get(1));
        assertEquals(distinct.length + 2, lines.get(1).split(",").length);

        // PNGs of the charts and pictures
        Path pngs = tmp.resolve("pngs");
        outcome.set("pending");
        robot.interact(() -> window.exports().exportPngs(pngs, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        for (String f : new String[] {"loss.png", "temperature.png", "temperature_preview.png", "predicted_vs_measured.png", "heatmap.png"})
            assertTrue(javax.imageio.ImageIO.read(pngs.resolve(f).toFile()).getWidth() > 10, f);

        // the run folder, then opened again as a saved run
        Path run = tmp.resolve("run");
        outcome.set("pending");
        robot.interact(() -> window.exports().exportRun(run, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(60, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        assertTrue(Files.exists(run.resolve("metrics.json")));
        robot.interact(() -> window.rows().clear());
        outcome.set("pending");
        robot.interact(() -> window.savedRuns().openRun(run, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        TableView<?> table = robot.lookup("#resultsTable").queryTableView();
        assertEquals(3, table.getItems().size());
        // 2 epochs, and the filling epochs when the short run ended with a duplicate
        assertEquals(r.history().size(), window.seriesSize("train"), "the history is back in the loss chart");
        String metrics = robot.lookup("#metricsLabel").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(metrics.contains("linear mse") && metrics.contains("distinct features"), metrics);
        assertFalse(metrics.matches("(?s).*\\d\\.\\d{7,}.*"), "figures are rounded for reading: " + metrics);

        // a folder that is not a run says so
        outcome.set("pending");
        robot.interact(() -> window.savedRuns().openRun(tmp.resolve("pngs"), e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertTrue(outcome.get().contains("is not a run folder"), outcome.get());
    }

    @Test
    void optionsDialogPreviewsTheFirstRowsAndTheTransposedTable(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = FilePreviewTest.wideCsv(tmp);
        AtomicReference<ReaderOptionsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            dialog.set(window.loading().optionsDialog(csv));
            dialog.get().show();
        });
        waitFor(30, () -> dialog.get().previewDone());
        // an owned dialog shows the window's icon (JavaFX binds the dialog's icons to its owner's)
        var icons = ((Stage) dialog.get().getDialogPane().getScene().getWindow()).getIcons();
        assertFalse(icons.isEmpty(), "the dialog carries the application icon");
        assertEquals(window.stage().getIcons(), icons, "the same icon sizes as the window");
        TableView<List<String>> preview = dialog.get().previewTable();
        assertEquals(10, preview.getColumns().size());
        assertEquals("g0", preview.getColumns().get(1).getText());
        assertEquals(10, preview.getItems().size());
        assertEquals("s0", preview.getItems().get(0).get(0));
        assertTrue(dialog.get().labelBox().getItems().contains("g14"), "the label choices are the header names");

        robot.interact(() -> dialog.get().orientationBox().setValue(org.caeworkbench.data.Orientation.FEATURES_AS_ROWS));
        waitFor(30, () -> dialog.get().previewDone());
        assertEquals("s0", preview.getColumns().get(1).getText());
        assertEquals("g0", preview.getItems().get(0).get(0));
        assertTrue(dialog.get().previewNote().getText().contains("one row per feature"), dialog.get().previewNote().getText());
        assertEquals("100", preview.getItems().get(0).get(2));
        assertTrue(dialog.get().labelBox().getItems().contains("s29"), "transposed: the row names");

        robot.interact(() -> {
            dialog.get().labelBox().setValue("s3");
            DataSpec spec = dialog.get().spec(DataSpec.of(csv));
            assertTrue(spec.read().transpose());
            assertEquals("s3", spec.read().labelColumn());
            assertNull(dialog.get().validate());
            dialog.get().close();
        });
    }

    @Test
    void closingWhileTrainingAsksAndStopsCleanly(FxRobot robot, @TempDir Path tmp) throws Exception {
        loadTable(robot, tmp, 3, 100_000);
        robot.clickOn("#trainButton");
        waitFor(60, () -> window.epochsShownProperty().get() >= 1);
        WindowTests.answer(window, false);
        AtomicReference<Boolean> answer = new AtomicReference<>();
        robot.interact(() -> answer.set(window.confirmClose()));
        assertFalse(answer.get(), "'no' keeps the window open");
        assertTrue(window.viewModel().runningProperty().get(), "and training goes on");
        WindowTests.answer(window, true);
        robot.interact(() -> answer.set(window.confirmClose()));
        assertTrue(answer.get());
        waitFor(30, () -> window.resultProperty().get() != null);
        assertEquals(SelectionResult.Status.CANCELLED, window.resultProperty().get().status());
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
