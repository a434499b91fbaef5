package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.export;
import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * A result belongs to the data it was trained on; each file keeps its own preprocessing; one job at a
 * time; an unsaved result is not discarded without asking; an error does not outlive a later success.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchResultLifecycleTest {
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

    private void load(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> window.loading().openWithOptions(file));
        waitFor(60, () -> window.dataProperty().get() != null && window.dataProperty().get().spec().data().equals(file)
                && !window.viewModel().loadingProperty().get());
    }

    private SelectionResult train(FxRobot robot, int k, int epochs) throws Exception {
        robot.interact(() -> {
            window.viewModel().text(Field.K).set(Integer.toString(k));
            window.viewModel().text(Field.EPOCHS).set(Integer.toString(epochs));
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        return window.resultProperty().get();
    }

    @Test
    void openingOtherDataClearsTheResultAndItsExports(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path table = WorkbenchFeaturesTest.table(tmp);
        Path counts = WorkbenchPreprocessingTest.counts(tmp);
        load(robot, table);
        SelectionResult r = train(robot, 3, 2);
        assertFalse(window.rows().isEmpty());

        // not saved: "no" keeps the result and the data
        WindowTests.answer(window, false);
        robot.interact(() -> window.loading().openWithOptions(counts));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(r, window.resultProperty().get(), "the unsaved result is kept");
        assertEquals(table, window.dataProperty().get().spec().data());

        // "yes": the other data comes in and the result, its table and its exports go
        WindowTests.answer(window, true);
        load(robot, counts);
        assertNull(window.resultProperty().get());
        assertTrue(window.rows().isEmpty(), "no features of the old data in the table");
        String metrics = robot.lookup("#metricsLabel").queryAs(Label.class).getText();
        assertFalse(metrics.contains("MSE"), metrics);
        Path reduced = tmp.resolve("reduced.csv");
        robot.interact(() -> window.exports().exportReduced(reduced, null));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Files.exists(reduced), "nothing to export: the result went with its data");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aSavedResultIsDiscardedWithoutAskingAndQuittingAsksOtherwise(FxRobot robot, @TempDir Path tmp) throws Exception {
        WindowTests.answer(window, false);
        load(robot, WorkbenchFeaturesTest.table(tmp));
        train(robot, 3, 2);
        AtomicReference<Boolean> close = new AtomicReference<>();
        robot.interact(() -> close.set(window.confirmClose()));
        assertFalse(close.get(), "an unsaved result keeps the window open when the answer is no");
        assertEquals("ok", export(robot, done -> window.exports().exportRun(tmp.resolve("run"), done)));
        robot.interact(() -> close.set(window.confirmClose()));
        assertTrue(close.get(), "once saved, closing does not ask");
        Path counts = WorkbenchPreprocessingTest.counts(tmp);
        load(robot, counts);
        assertNull(window.resultProperty().get());
    }

    @Test
    void eachFileKeepsItsOwnPreprocessing(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path counts = WorkbenchPreprocessingTest.counts(tmp);
        Path table = WorkbenchFeaturesTest.table(tmp);
        load(robot, counts);
        robot.interact(() -> {
            window.viewModel().dropConstantProperty().set(true);
            window.viewModel().topVariableProperty().set("3");
            window.loading().applyPreprocessing();
        });
        waitFor(60, () -> window.dataProperty().get().train().cols() == 3 && !window.viewModel().loadingProperty().get());

        load(robot, table);
        assertEquals(12, window.dataProperty().get().train().cols(), "the gene table's filter is not applied to the next file");
        assertFalse(window.viewModel().dropConstantProperty().get());
        assertEquals("", window.viewModel().topVariableProperty().get());
        String summary = robot.lookup("#summaryLabel").queryLabeled().getText();
        assertTrue(summary.contains("preprocessing: none"), summary);

        load(robot, counts);
        assertEquals(3, window.dataProperty().get().train().cols(), "the first file opens again with its own preprocessing");
        assertTrue(window.viewModel().dropConstantProperty().get());
        summary = robot.lookup("#summaryLabel").queryLabeled().getText();
        assertTrue(summary.contains("kept the 3 most variable"), summary);
    }

    @Test
    void oneJobAtATimeAndTheButtonsSaySo(FxRobot robot, @TempDir Path tmp) throws Exception {
        load(robot, WorkbenchFeaturesTest.table(tmp));
        StabilityPanel panel = window.stabilityPanel();
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("3");
            window.viewModel().text(Field.EPOCHS).set("100000");
            window.viewModel().convergenceProperty().set(false);
            panel.setRuns(2);
            panel.run();
        });
        waitFor(30, panel::isRunning);
        assertFalse(window.viewModel().canTrainProperty().get(), "Train waits for the stability runs");
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
        assertTrue(window.viewModel().problemProperty().get().contains("Stability runs are running"), window.viewModel().problemProperty().get());
        assertTrue(robot.lookup("#compareRun").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#compareBlocked").queryAs(Label.class).getText().contains("Stability runs are running"));
        robot.interact(window::train);
        assertFalse(window.viewModel().runningProperty().get(), "train() refuses while another job runs");

        robot.interact(() -> robot.lookup("#stabilityStop").queryAs(Button.class).fire());
        waitFor(60, () -> !panel.isRunning());
        assertTrue(window.viewModel().canTrainProperty().get(), window.viewModel().problemProperty().get());
        assertEquals("", robot.lookup("#compareBlocked").queryAs(Label.class).getText());

        // and while training runs, neither compare nor stability can start
        robot.clickOn("#trainButton");
        waitFor(30, () -> window.viewModel().runningProperty().get());
        assertTrue(robot.lookup("#stabilityRun").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#stabilityBlocked").queryAs(Label.class).getText().contains("Training is running"));
        robot.interact(window::stop);
        waitFor(60, () -> !window.viewModel().runningProperty().get());
    }

    @Test
    void anErrorIsClearedByTheNextSuccess(FxRobot robot, @TempDir Path tmp) throws Exception {
        load(robot, WorkbenchFeaturesTest.table(tmp));
        train(robot, 3, 2);
        Path file = Files.writeString(tmp.resolve("taken"), "a file, not a folder");
        assertTrue(export(robot, done -> window.exports().exportRun(file, done)).startsWith("Export failed"));
        Label message = robot.lookup("#messageLabel").queryAs(Label.class);
        assertTrue(message.getText().contains("taken"), message.getText());
        assertEquals("ok", export(robot, done -> window.exports().exportRun(tmp.resolve("run"), done)));
        assertFalse(message.getText().contains("taken"), "the old error is gone after a later success: " + message.getText());
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().startsWith("Wrote the run"));
    }

    @Test
    void theWindowAndCaeEvalShowTheSameFiguresForTheSameRun(FxRobot robot, @TempDir Path tmp) throws Exception {
        load(robot, WorkbenchFeaturesTest.table(tmp));
        robot.interact(() -> window.viewModel().text(Field.SEED).set("7"));   // a seed other than 1: the accuracy uses the run's
        train(robot, 3, 2);
        Path run = tmp.resolve("run");
        assertEquals("ok", export(robot, done -> window.exports().exportRun(run, done)));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var shown = json.readTree(run.resolve("metrics.json").toFile());
        java.io.StringWriter out = new java.io.StringWriter();
        int code = org.caeworkbench.cli.CaeCommand.execute(new String[] {"eval", "--run", run.toString()}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(0, code);
        var printed = json.readTree(out.toString());
        for (String key : new String[] {"linear_mse", "decoder_mse", "mean_mse", "extra_trees_accuracy", "distinct_features", "warnings"}) {
            assertFalse(printed.path(key).isMissingNode(), key + " printed by cae eval");
            assertEquals(printed.get(key), shown.get(key), key + ": the window and cae eval agree");
        }
    }
}
