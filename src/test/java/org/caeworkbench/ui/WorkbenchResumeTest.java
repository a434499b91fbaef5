package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.data.Preprocessing;
import org.caeworkbench.export.CheckpointFile;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Training in the window is checkpointed; an interrupted training is offered for resuming and finishes where it left off. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchResumeTest {
    @TempDir static Path appData;

    private WorkbenchWindow window;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void settings() {
        WindowTests.quiet();
        System.setProperty("cae.appData", appData.toString());
        System.setProperty("cae.checkpointSeconds", "0");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("cae.appData");
        System.clearProperty("cae.checkpointSeconds");
    }

    @Start
    void start(Stage stage) {
        window = open(stage);
    }

    private WorkbenchWindow open(Stage stage) {
        return WindowTests.open(stage, errors);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        WindowTests.close(robot, window);
    }

    private boolean barShown(FxRobot robot) {
        return robot.from(window.stage().getScene().getRoot()).lookup("#resumeBar").tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void aStoppedTrainingIsOfferedInTheNextWindowAndResumedToTheEnd(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = WorkbenchFeaturesTest.table(tmp);
        Path checkpoint = appData.resolve("training.partial").resolve(CheckpointFile.NAME);
        robot.interact(() -> {
            window.viewModel().log1pProperty().set(false);
            window.viewModel().dropConstantProperty().set(true);
            window.loading().load(DataSpec.of(csv).withPreprocessing(new Preprocessing(false, false, true, 0)));
        });
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("3");
            window.viewModel().text(Field.EPOCHS).set("300");
            window.viewModel().text(Field.BATCH).set("64");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        // a checkpoint after a few epochs is on disk: stop, as a user closing the window would
        waitFor(60, () -> Files.exists(checkpoint) && CheckpointFile.peek(checkpoint).epochsDone() >= 2);
        robot.interact(window::stop);
        waitFor(60, () -> window.resultProperty().get() != null);
        assertEquals(SelectionResult.Status.CANCELLED, window.resultProperty().get().status());
        waitFor(30, () -> barShown(robot));
        assertTrue(Files.exists(checkpoint), "a stopped training keeps its checkpoint");
        int savedAt = CheckpointFile.peek(checkpoint).epochsDone();

        // the next window (a restart of the program) finds it and offers to resume it
        Stage old = window.stage();
        AtomicReference<WorkbenchWindow> next = new AtomicReference<>();
        robot.interact(() -> {
            window.dispose();
            old.close();
            next.set(open(new Stage()));
        });
        window = next.get();
        waitFor(30, () -> barShown(robot));
        String text = robot.from(window.stage().getScene().getRoot()).lookup("#resumeLabel").queryLabeled().getText();
        assertTrue(text.contains("The last training was interrupted") && text.contains("table.csv") && text.contains("saved after epoch " + savedAt + " of 300"), text);

        robot.clickOn(robot.from(window.stage().getScene().getRoot()).lookup("#resumeButton").queryButton());
        waitFor(120, () -> window.resultProperty().get() != null && !window.viewModel().runningProperty().get());
        SelectionResult r = window.resultProperty().get();
        assertEquals(SelectionResult.Status.COMPLETED, r.status());
        assertEquals(300, r.history().size(), "the epochs before the interruption are part of the result");
        assertEquals(300, window.seriesSize("train"), "and of the loss chart");
        assertEquals(3, window.viewModel().config().orElseThrow().k(), "the panels show the resumed settings");
        assertTrue(window.viewModel().dropConstantProperty().get(), "and its preprocessing");
        waitFor(30, () -> !Files.exists(checkpoint.getParent()));
        assertFalse(barShown(robot));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void anInterruptedCommandLineRunOpensWithResumeAndIsWrittenWhenDone(FxRobot robot, @TempDir Path tmp) throws Exception {
        // what a killed 'cae train --out run' leaves: run.partial with config.json and a checkpoint after epoch 5 of 30
        Path csv = WorkbenchFeaturesTest.table(tmp);
        Path run = tmp.resolve("run");
        TrainingConfig cfg = TrainingConfig.builder().k(3).epochs(30).batchSize(64).convergenceOff().fillDuplicates(false).build();
        RunConfig rc = new RunConfig(DataSpec.of(csv), cfg, "cae train --data table.csv --k 3 --epochs 30 --fill-duplicates off --out run", "dev");
        PreparedData p = DataPreparation.prepare(rc.data());
        PartialRun partial = PartialRun.start(PartialRun.folderFor(run), rc);
        new Trainer(cfg).checkpoints(c -> {
            if (c.epochsDone() == 5) partial.save(c);
        }, 0).train(p.train(), p.test(), null, null);

        AtomicReference<String> outcome = new AtomicReference<>("pending");
        robot.interact(() -> window.savedRuns().openRun(run, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        assertTrue(barShown(robot));
        assertEquals(partial.dir(), window.resumeOffer().offeredResume());

        robot.interact(window.resumeOffer()::resumeOffered);
        waitFor(120, () -> Files.exists(run.resolve("selected_features.csv")) && !Files.exists(partial.dir()));
        assertEquals(31, Files.readAllLines(run.resolve("history.csv")).size());
        assertEquals(rc.commandLine(), org.caeworkbench.export.RunDirectory.readConfig(run).commandLine());
        assertNull(window.resumeOffer().offeredResume());
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
