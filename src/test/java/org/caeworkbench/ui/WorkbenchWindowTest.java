package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
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

/** The window, headless (Monocle): load the MNIST sample, train, stop, export; bad input. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

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

    private void loaded() throws Exception {
        waitFor(60, () -> window.dataProperty().get() != null);
    }

    /** Trains k = 10 for two epochs on the MNIST sample with the Train button; returns the result once its metrics are shown. */
    private SelectionResult trainTwoEpochs(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("10");
            window.viewModel().text(Field.EPOCHS).set("2");
            window.viewModel().convergenceProperty().set(false);
        });
        assertFalse(robot.lookup("#trainButton").queryButton().isDisabled());
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        return window.resultProperty().get();
    }

    /** Runs an export that reports to a callback and returns its outcome: "ok" or the error sentence. */
    private String export(FxRobot robot, java.util.function.Consumer<java.util.function.Consumer<String>> action) throws Exception {
        return WindowTests.export(robot, action);
    }

    @Test
    void trainsOnTheSampleAndShowsTheLiveViewsAndTheResults(FxRobot robot) throws Exception {
        loaded();
        assertEquals(784, window.dataProperty().get().train().cols());
        assertTrue(robot.lookup("#summaryLabel").queryAs(Label.class).getText().contains("784 features"));
        Button train = robot.lookup("#trainButton").queryButton();
        SelectionResult r = trainTwoEpochs(robot);
        assertEquals(SelectionResult.Status.COMPLETED, r.status());
        assertEquals(2, window.seriesSize("train"), "both epoch ends reach the loss chart");
        assertEquals(2, window.seriesSize("temperature"));
        assertEquals(2, window.seriesSize("meanmax"));
        assertTrue(window.heatmapUpdatesProperty().get() > 0);
        Image heat = robot.lookup("#heatmapView").queryAs(ImageView.class).getImage();
        assertNotNull(heat);
        // one column per pixel feature, each of the 10 selectors a band of equal rows (sharp cells, not smoothed)
        assertEquals(784, (int) heat.getWidth());
        int band = (int) heat.getHeight() / 10;
        assertEquals(10 * band, (int) heat.getHeight());
        assertTrue(band > 1, "the rows are repeated to at least 200 pixels: " + heat.getHeight());
        for (int x = 0; x < 784; x++) for (int y = 0; y < heat.getHeight(); y++)
            assertEquals(heat.getPixelReader().getArgb(x, y / band * band), heat.getPixelReader().getArgb(x, y), "cell of column " + x + ", row " + y);
        assertTrue(distinctColours(heat) > 1, "the heatmap shows more than one colour");
        assertNotNull(robot.lookup("#pixelMapView").queryAs(ImageView.class).getImage());
        assertNotNull(robot.lookup("#maskView").queryAs(ImageView.class).getImage());

        TableView<?> table = robot.lookup("#resultsTable").queryTableView();
        assertEquals(10, table.getItems().size());
        assertTrue(robot.lookup("#metricsLabel").queryAs(Label.class).getText().contains("Linear-regression test MSE"));
        assertTrue(robot.lookup("#metricsLabel").queryAs(Label.class).getText().contains("Extra-Trees accuracy"));
        assertNotNull(robot.lookup("#reconstructionView").queryAs(ImageView.class).getImage());
        assertFalse(train.isDisabled(), "Train again is possible");
    }

    @Test
    void theExportsWriteTheSelectedFeaturesNamesMaskAndRunFolder(FxRobot robot, @TempDir Path tmp) throws Exception {
        SelectionResult r = trainTwoEpochs(robot);
        Path csv = tmp.resolve("selected.csv");
        assertEquals("ok", export(robot, done -> window.exports().exportSelected(csv, done)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("rank,selector,index,name,probability,duplicate", lines.get(0));
        assertEquals(11, lines.size());
        for (int f : r.selected()) assertTrue(String.join("\n", lines).contains("," + f + ",pixel_"), "index " + f + " listed");

        Path names = tmp.resolve("names.txt");
        assertEquals("ok", export(robot, done -> window.exports().exportNames(names, done)));
        assertEquals(r.distinctCount(), Files.readAllLines(names).size());
        assertTrue(Files.readAllLines(names).stream().allMatch(l -> l.startsWith("pixel_")));

        Path mask = tmp.resolve("mask.png");
        assertEquals("ok", export(robot, done -> window.exports().exportMask(mask, done)));
        assertEquals(28 * 12, javax.imageio.ImageIO.read(mask.toFile()).getWidth());

        Path run = tmp.resolve("run");
        assertEquals("ok", export(robot, done -> window.exports().exportRun(run, done)));
        for (String f : new String[] {"config.json", "selected_features.csv", "history.csv", "probabilities.npy", "summary.json", "mask.png", "report.html"})
            assertTrue(Files.exists(run.resolve(f)), f);
    }

    @Test
    void anExportThatCannotBeWrittenSaysWhyAndLeavesNothingBehind(FxRobot robot, @TempDir Path tmp) throws Exception {
        trainTwoEpochs(robot);
        Path blocked = tmp.resolve("not-a-folder");
        Files.writeString(blocked, "x");
        String outcome = export(robot, done -> window.exports().exportSelected(blocked.resolve("selected.csv"), done));
        assertTrue(outcome.startsWith("Export failed: "), outcome);
        assertTrue(outcome.contains("not-a-folder: it is a file, and a folder is needed there."), outcome);
        assertFalse(Files.exists(blocked.resolve("selected.csv")));
    }

    @Test
    void stopKeepsTheResultAndTrainAgainWorks(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("10");
            window.viewModel().text(Field.EPOCHS).set("500");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(60, () -> window.epochsShownProperty().get() >= 2);
        assertFalse(robot.lookup("#stopButton").queryButton().isDisabled());
        robot.clickOn("#stopButton");
        waitFor(30, () -> window.resultProperty().get() != null);
        // stopped within a step: the run so far, far short of its 500 epochs
        assertEquals(SelectionResult.Status.CANCELLED, window.resultProperty().get().status());
        assertTrue(window.resultProperty().get().epochs() < 500, "epochs trained: " + window.resultProperty().get().epochs());
        waitFor(60, () -> window.metricsDoneProperty().get());
        assertEquals(10, robot.lookup("#resultsTable").queryTableView().getItems().size());

        robot.interact(() -> window.viewModel().text(Field.EPOCHS).set("1"));
        robot.clickOn("#trainButton");
        waitFor(60, () -> window.resultProperty().get() != null && window.resultProperty().get().status() == SelectionResult.Status.COMPLETED);
        assertEquals(1, window.seriesSize("train"), "the charts restart with the new run");
    }

    @Test
    void invalidKBlocksTrain(FxRobot robot) throws Exception {
        loaded();
        robot.interact(() -> window.viewModel().text(Field.K).set("1000"));
        assertTrue(robot.lookup("#trainButton").queryButton().isDisabled());
        String problem = robot.lookup("#problemLabel").queryAs(Label.class).getText();
        assertTrue(problem.contains("larger than the number of features (784)"), problem);
        assertTrue(robot.lookup("#field-K").query().getStyleClass().contains("invalid"));
        waitFor(10, () -> window.parametersMarkedInvalid());
        robot.interact(() -> window.viewModel().text(Field.K).set("20"));
        assertFalse(robot.lookup("#trainButton").queryButton().isDisabled());
        assertFalse(robot.lookup("#field-K").query().getStyleClass().contains("invalid"));
        waitFor(10, () -> !window.parametersMarkedInvalid());
    }

    @Test
    void aBadFileShowsOneSentenceAndTheAppStaysUsable(FxRobot robot, @TempDir Path tmp) throws Exception {
        loaded();
        Path bad = tmp.resolve("ragged.csv");
        Files.writeString(bad, "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        robot.interact(() -> window.loading().load(DataSpec.of(bad)));
        waitFor(30, () -> !errors.isEmpty() && !window.viewModel().loadingProperty().get());
        String error = errors.get(0);
        assertTrue(error.contains("ragged.csv"), error);
        assertFalse(error.contains("Exception"), error);
        assertTrue(robot.lookup("#messageLabel").queryAs(Label.class).getText().contains("ragged.csv"));
        // the sample loaded before is still there and trainable
        assertEquals(784, window.dataProperty().get().train().cols());
        assertFalse(robot.lookup("#trainButton").queryButton().isDisabled());
        assertNull(window.resultProperty().get());
    }

    private static int distinctColours(Image img) {
        var r = img.getPixelReader();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) seen.add(r.getArgb(x, y));
        return seen.size();
    }

    /**
     * The loss explanation compares the validation MSE with PCA's on the same rows. The window fits the PCA once per
     * data set and keeps it, so a second training with another k must still say that k's figure: both are checked
     * against a PCA fitted here.
     */
    @Test
    void eachTrainingSaysThePcaFigureOfItsOwnK(FxRobot robot) throws Exception {
        loaded();
        LoadedData d = window.dataProperty().get();
        org.caeworkbench.eval.Pca pca = org.caeworkbench.eval.Pca.fit(d.train());
        for (int k : new int[] {10, 25}) {
            robot.interact(() -> {
                window.viewModel().text(Field.K).set(Integer.toString(k));
                window.viewModel().text(Field.EPOCHS).set("3");
                window.viewModel().convergenceProperty().set(false);
            });
            int rows = Math.min(window.viewModel().config().orElseThrow().validationRows(), d.test().rows());
            org.caeworkbench.data.Dataset val = d.test().selectRows(java.util.stream.IntStream.range(0, rows).toArray());
            String expected = "PCA with k = " + k + " components";
            String figure = "reaches " + Explanations.num(pca.reconstructionMse(val, k)) + ".";
            robot.clickOn("#trainButton");
            waitFor(120, () -> !window.viewModel().runningProperty().get() && window.resultProperty().get() != null);
            waitFor(60, () -> window.trainingPanel.explanations().get(0).contains(expected));
            String loss = window.trainingPanel.explanations().get(0);
            assertTrue(loss.contains(expected + " (") && loss.contains(figure), "k = " + k + ": " + loss + "\nexpected " + figure);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
