package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Step mode in the window, on the MNIST sample: Train 10 epochs pauses at epoch 10 (paused, not finished, the
 * charts mark it, the explanations describe the state), Continue finishes, and the result is the uninterrupted run's.
 */
@ExtendWith(ApplicationExtension.class)
class StepModeTest {
    private WorkbenchWindow window;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void noDialogs() {
        WindowTests.quiet();
    }

    @Start
    void start(Stage stage) {
        window = WindowTests.open(stage, errors);
        window.loading().loadSample(Samples.MNIST);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        WindowTests.close(robot, window);
    }

    @Test
    void trainTenEpochsPausesThereAndContinuingGivesTheUninterruptedRun(FxRobot robot) throws Exception {
        waitFor(60, () -> window.dataProperty().get() != null);
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("10");
            window.viewModel().text(Field.EPOCHS).set("16");
            window.viewModel().convergenceProperty().set(false);
        });
        assertEquals("Train 10 epochs", robot.lookup("#stepButton").queryButton().getText());
        robot.clickOn("#stepButton");
        waitFor(120, () -> window.pausedProperty().get());

        assertEquals(10, window.seriesSize("train"), "the charts show the 10 epochs trained");
        assertTrue(robot.lookup("#stepStatus").queryAs(Label.class).getText().startsWith("Paused after epoch 10 of 16"),
                robot.lookup("#stepStatus").queryAs(Label.class).getText());
        assertTrue(window.viewModel().runningProperty().get(), "paused, not finished");
        assertNull(window.resultProperty().get());
        assertEquals(1, window.pauseMarkersProperty().get(), "the charts mark the pause");
        assertEquals("Next 10 epochs", robot.lookup("#stepButton").queryButton().getText());
        List<String> notes = window.trainingPanel.explanations();
        assertTrue(notes.get(0).startsWith("Validation MSE"), notes.get(0));
        assertTrue(notes.get(1).startsWith("T = "), notes.get(1));
        assertTrue(notes.get(2).startsWith("Mean-max") && notes.get(2).contains("rule is off"), notes.get(2));
        assertTrue(notes.get(3).startsWith("A duplicate is"), notes.get(3));

        // while paused, the epochs so far can be scrubbed: frame 4 draws epoch 5's probabilities, the cursor at epoch 5
        TimelineBar timeline = window.trainingPanel.timeline();
        waitFor(10, () -> !timeline.isDisabled() && timeline.history() != null);
        assertEquals(10, timeline.history().size(), "one frame an epoch so far");
        robot.interact(() -> timeline.slider().setValue(4));
        waitFor(10, () -> window.replay.submitted() != null && window.replay.submitted().epoch() == 5);
        assertEquals(5.0, window.trainingPanel.cursorX());
        org.junit.jupiter.api.Assertions.assertArrayEquals(timeline.history().frame(4).probabilities(), window.replay.submitted().probabilities());
        String frameT = "T = " + Explanations.num(timeline.history().frame(4).temperature()) + " ";
        waitFor(10, () -> window.trainingPanel.explanations().get(1).startsWith(frameT));   // the sentences follow the scrubbed epoch
        robot.interact(() -> timeline.slider().setValue(9));   // back to where it paused, for what follows
        waitFor(10, () -> window.trainingPanel.explanations().get(1).startsWith("T = " + Explanations.num(timeline.history().frame(9).temperature()) + " "));

        // a temperature that is not a positive number is refused in one sentence, and training stays paused
        TextField t = robot.lookup("#stepTemperatureField").queryAs(TextField.class);
        String scheduled = t.getText();
        robot.interact(() -> t.setText("-2"));
        robot.clickOn("#continueButton");
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("The temperature must be a positive number")), errors.toString());
        assertTrue(window.pausedProperty().get());
        robot.interact(() -> t.setText(scheduled));

        robot.clickOn("#continueButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        waitFor(10, () -> timeline.history() != null && timeline.history().size() == 16);   // the whole run's replay when it ends
        SelectionResult stepped = window.resultProperty().get();
        assertEquals(SelectionResult.Status.COMPLETED, stepped.status());
        assertEquals(16, stepped.epochs());
        assertEquals(1, window.pauseMarkersProperty().get());

        // the same settings without pausing
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.resultProperty().get() != stepped && window.metricsDoneProperty().get());
        SelectionResult straight = window.resultProperty().get();
        assertNotSame(stepped, straight);
        assertEquals(0, window.pauseMarkersProperty().get());
        assertArrayEquals(straight.selected(), stepped.selected(), "the same selected features");
        assertArrayEquals(straight.model().parameters(), stepped.model().parameters(), "the same model");
        assertEquals(straight.history().size(), stepped.history().size());
        for (int i = 0; i < straight.history().size(); i++) {
            EpochRecord a = straight.history().get(i), b = stepped.history().get(i);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss of epoch " + a.epoch());
            assertEquals(a.validationLoss(), b.validationLoss(), 0.0, "validation loss of epoch " + a.epoch());
        }
    }

    @Test
    void pauseHoldsARunningTrainingAtTheNextEpochEnd(FxRobot robot) throws Exception {
        waitFor(60, () -> window.dataProperty().get() != null);
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("10");
            window.viewModel().text(Field.EPOCHS).set("400");
            window.viewModel().convergenceProperty().set(false);
        });
        assertTrue(robot.lookup("#pauseButton").queryButton().isDisabled(), "nothing to pause before training");
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.seriesSize("train") >= 2);
        robot.clickOn("#pauseButton");
        waitFor(120, () -> window.pausedProperty().get());
        int at = window.seriesSize("train");
        assertTrue(at < 400, "paused before the end, at " + at);
        assertTrue(window.viewModel().runningProperty().get(), "paused, not finished");
        assertTrue(robot.lookup("#pauseButton").queryButton().isDisabled(), "already paused");
        assertEquals(1, window.pauseMarkersProperty().get());
        robot.clickOn("#stopButton");
        waitFor(60, () -> window.resultProperty().get() != null);
        assertEquals(at, window.resultProperty().get().epochs(), "the epochs trained before the pause are kept");
    }

    @Test
    void stopWhilePausedKeepsTheEpochsTrained(FxRobot robot) throws Exception {
        waitFor(60, () -> window.dataProperty().get() != null);
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("10");
            window.viewModel().text(Field.EPOCHS).set("5");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.interact(() -> robot.lookup("#stepSizeChoice").queryComboBox().getSelectionModel().select(Integer.valueOf(1)));
        assertEquals("Train 1 epoch", robot.lookup("#stepButton").queryButton().getText());
        robot.clickOn("#stepButton");
        waitFor(120, () -> window.pausedProperty().get());
        assertEquals(1, window.seriesSize("train"));
        robot.clickOn("#stopButton");
        waitFor(60, () -> window.resultProperty().get() != null);
        SelectionResult r = window.resultProperty().get();
        assertEquals(SelectionResult.Status.CANCELLED, r.status());
        assertEquals(1, r.epochs());
        assertTrue(!window.pausedProperty().get() && !window.viewModel().runningProperty().get());
    }

    @Test
    void howItWorksShowsThePictureAndNamesThePapersValues(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("#howItWorksItem");
        waitFor(10, () -> robot.lookup("#howItWorksDiagram").tryQuery().isPresent());
        String text = robot.lookup("#howItWorksText").queryAs(Label.class).getText();
        assertTrue(text.contains("Gumbel") && text.contains("10 to 0.01") && text.contains("0.99") && text.contains("decoder"), text);
    }
}
