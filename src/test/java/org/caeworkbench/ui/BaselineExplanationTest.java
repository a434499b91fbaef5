package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Stage;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.Pca;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The loss explanation compares the validation MSE with PCA's on the same rows. The window fits the PCA once per
 * data set and keeps it, so a second training with another k must still say that k's figure: both are checked
 * against a PCA fitted here.
 */
@ExtendWith(ApplicationExtension.class)
class BaselineExplanationTest {
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
    void eachTrainingSaysThePcaFigureOfItsOwnK(FxRobot robot) throws Exception {
        waitFor(60, () -> window.dataProperty().get() != null);
        LoadedData d = window.dataProperty().get();
        Pca pca = Pca.fit(d.train());
        for (int k : new int[] {10, 25}) {
            robot.interact(() -> {
                window.viewModel().text(Field.K).set(Integer.toString(k));
                window.viewModel().text(Field.EPOCHS).set("3");
                window.viewModel().convergenceProperty().set(false);
            });
            int rows = Math.min(window.viewModel().config().orElseThrow().validationRows(), d.test().rows());
            Dataset val = d.test().selectRows(java.util.stream.IntStream.range(0, rows).toArray());
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
