package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Stage;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.export.SelectorHistory;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The replay's timeline after a short MNIST run: scrubbing to frame i draws frame i's probabilities, pixel map
 * and mask and moves the charts' cursor to its epoch; Play runs to the end; the GIF and a saved run's replay.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayTimelineTest {
    @TempDir Path dir;
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

    private TimelineBar timeline() {
        return window.trainingPanel.timeline();
    }

    /** Scrubs to frame i (as dragging the slider there does) and waits until the heatmap shows it. */
    private void scrubTo(FxRobot robot, SelectorHistory h, int i) throws Exception {
        robot.interact(() -> timeline().slider().setValue(i));
        float[] expected = h.frame(i).probabilities();
        waitFor(30, () -> {
            LiveRenderer.Frame shown = window.trainingPanel.heatmap().shownFrame();
            return shown != null && shown.readout() != null && Arrays.equals(expected, shown.readout().probabilities());
        });
    }

    @Test
    void scrubbingToFrameIShowsFrameIAndMovesTheChartCursorToItsEpoch(FxRobot robot) throws Exception {
        waitFor(60, () -> window.dataProperty().get() != null);
        assertTrue(timeline().isDisabled(), "no replay before a run");
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("10");
            window.viewModel().text(Field.EPOCHS).set("6");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(180, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        SelectionResult r = window.resultProperty().get();
        waitFor(10, () -> !timeline().isDisabled());

        SelectorHistory h = timeline().history();
        assertEquals(6, h.size(), "one frame an epoch");
        assertEquals(5, timeline().frameProperty().get(), "the last frame is shown when the run ends");
        assertFalse(Arrays.equals(h.frame(0).probabilities(), h.frame(5).probabilities()), "the frames differ, so showing the right one is a check");

        for (int i : new int[] {1, 4, 0, 3}) {
            scrubTo(robot, h, i);
            SelectorHistory.Frame f = h.frame(i);
            assertEquals(i + 1, f.epoch());
            assertEquals(r.history().get(i).temperature(), f.temperature(), "frame " + i + " is epoch " + (i + 1) + " of the run");
            // the pixel map and the chosen pixels are drawn from the same snapshot as the heatmap
            var snapshot = window.replay.submitted();
            assertArrayEquals(f.selected(), snapshot.selected());
            assertArrayEquals(f.featureMax(), snapshot.featureMaxProbability());
            assertNotNull(robot.lookup("#pixelMapView").queryAs(javafx.scene.image.ImageView.class).getImage());
            assertEquals(i + 1, window.trainingPanel.cursorX(), "the cursor on the loss and temperature charts");
            String label = ((javafx.scene.control.Label) timeline().lookup("#timelineLabel")).getText();
            assertTrue(label.contains("epoch " + (i + 1) + " of 6"), label);
        }

        // Play from the start runs to the last frame and stops there
        scrubTo(robot, h, 0);
        robot.clickOn(timeline().lookup("#timelinePlay"));
        waitFor(30, () -> timeline().frameProperty().get() == 5 && !timeline().playing());
        assertEquals(6, window.trainingPanel.cursorX());

        // Export > Replay as GIF: one GIF frame per recorded frame
        Path gif = dir.resolve("replay.gif");
        assertEquals("ok", WindowTests.export(robot, done -> window.replay.exportGif(gif, done)));
        var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true));
        } finally {
            reader.dispose();
        }

        // the run folder carries the replay, and the saved run replays when opened
        Path run = dir.resolve("run");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportRun(run, done)));
        assertTrue(Files.isRegularFile(run.resolve(SelectorHistory.FILE)));
        String[] opened = {"pending"};
        robot.interact(() -> window.savedRuns().openRun(run, e -> opened[0] = e == null ? "ok" : e));
        waitFor(60, () -> !"pending".equals(opened[0]));
        assertEquals("ok", opened[0]);
        waitFor(10, () -> timeline().history() != null && timeline().history() != h);
        SelectorHistory saved = timeline().history();
        assertEquals(6, saved.size());
        scrubTo(robot, saved, 2);
        assertEquals(3, window.trainingPanel.cursorX());
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
