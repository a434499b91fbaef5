package org.caeworkbench.ui;

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
import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Lessons in the window (saved, closed, opened in a fresh window), lessons as text, presentation mode and the gallery, headless. */
@ExtendWith(ApplicationExtension.class)
class LessonWindowTest {

    private WorkbenchWindow window;
    private WorkbenchWindow second;
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
    void closeWindows(FxRobot robot) {
        if (window != null) WindowTests.close(robot, window);
        if (second != null) WindowTests.close(robot, second);
    }

    private static void loaded(WorkbenchWindow w) throws Exception {
        waitFor(60, () -> w.dataProperty().get() != null && !w.viewModel().loadingProperty().get());
    }

    private static BorderPane root(WorkbenchWindow w) {
        return (BorderPane) w.stage().getScene().getRoot();
    }

    @Test
    void aSavedLessonSetsUpAFreshWindowTheSameWay(FxRobot robot, @TempDir Path tmp) throws Exception {
        loaded(window);
        robot.interact(() -> {
            WorkbenchViewModel vm = window.viewModel();
            vm.text(Field.K).set("13");
            vm.text(Field.EPOCHS).set("7");
            vm.text(Field.SEED).set("4242");
            vm.text(Field.LR).set("0.005");
            vm.text(Settings.SCHEDULE).set("cosine");
            vm.convergenceProperty().set(false);
            window.trainingPanel.heatmap().topOnlyBox().setSelected(true);
            window.trainingPanel.scaleToMaxProperty().set(true);
            window.selectResults();
            window.lessons().presentationProperty().set(true);
        });
        TrainingConfig before = window.viewModel().config().orElseThrow();
        Path data = window.dataProperty().get().spec().data();
        Path file = tmp.resolve("my lesson" + org.caeworkbench.app.Lesson.EXTENSION);
        assertEquals("ok", WindowTests.export(robot, done -> window.lessons().save(file, done)));
        assertTrue(Files.readString(file).contains("\"sample\" : \"mnist\""));
        WindowTests.close(robot, window);
        window = null;

        robot.interact(() -> second = WindowTests.open(new Stage(), errors));
        assertFalse(second.lessons().presentationProperty().get());
        robot.interact(() -> second.lessons().openFile(file));
        waitFor(60, () -> second.dataProperty().get() != null && second.viewModel().config().map(c -> c.k() == 13).orElse(false));
        assertEquals(data, second.dataProperty().get().spec().data(), "the same data file");
        assertEquals(before, second.viewModel().config().orElseThrow(), "every setting and the seed");
        assertEquals("4242", second.viewModel().text(Field.SEED).get());
        assertFalse(second.viewModel().convergenceProperty().get());
        assertSame(second.resultsTab, second.tabs.getSelectionModel().getSelectedItem(), "the tab shown");
        assertTrue(second.trainingPanel.heatmap().topOnlyBox().isSelected());
        assertTrue(second.trainingPanel.scaleToMax());
        assertTrue(second.lessons().presentationProperty().get(), "presentation mode");
        assertNull(root(second).getLeft(), "the dataset panel is hidden");
        assertSame(robot.lookup("#presentationControls").query(), root(second).getRight(), "only Train, Stop and Leave on the right");
        assertFalse(robot.lookup("#presentationTrainButton").queryButton().isDisabled(), "Train is at hand");
        assertTrue(robot.lookup("#trainButton").tryQuery().isEmpty(), "the parameter panel is hidden");
        assertTrue(root(second).getStyleClass().contains("presentation"));
        assertTrue(second.stage().getTitle().contains("my lesson"), second.stage().getTitle());
        assertEquals(List.of(), errors);

        // Esc leaves presentation mode and brings the panels back
        robot.interact(() -> Event.fireEvent(second.stage().getScene(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE,
                false, false, false, false)));
        assertFalse(second.lessons().presentationProperty().get());
        assertSame(second.parametersPanel, root(second).getRight());
        assertSame(second.datasetPanel, root(second).getLeft());
        assertFalse(root(second).getStyleClass().contains("presentation"));
    }

    @Test
    void aLessonAsTextBringsBackItsSettings(FxRobot robot) throws Exception {
        loaded(window);
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("9");
            window.viewModel().text(Field.SEED).set("77");
        });
        TrainingConfig before = window.viewModel().config().orElseThrow();
        String[] text = new String[1];
        robot.interact(() -> text[0] = window.lessons().copyAsText());
        assertTrue(text[0].startsWith("cae-lesson:"), text[0]);
        assertTrue(text[0].length() < 2000, "a short string: " + text[0].length());
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("30");
            window.viewModel().text(Field.SEED).set("1");
        });
        robot.interact(() -> window.lessons().openText(text[0]));
        waitFor(60, () -> !window.viewModel().loadingProperty().get() && window.viewModel().config().map(c -> c.k() == 9).orElse(false));
        assertEquals(before, window.viewModel().config().orElseThrow());
        assertEquals(List.of(), errors);
    }

    @Test
    void aLessonNamingAnUnknownSampleIsOneSentenceAndChangesNothing(FxRobot robot, @TempDir Path tmp) throws Exception {
        loaded(window);
        Path file = tmp.resolve("bad.cae-lesson");
        Files.writeString(file, "{\"format\":\"cae-lesson\",\"version\":1,\"data\":{\"sample\":\"iris\"},\"training\":{\"k\":5}}");
        String k = window.viewModel().text(Field.K).get();
        robot.interact(() -> window.lessons().openFile(file));
        waitFor(30, () -> !errors.isEmpty());
        assertTrue(errors.get(0).contains("bad.cae-lesson") && errors.get(0).contains("'iris'"), errors.get(0));
        assertEquals(k, window.viewModel().text(Field.K).get());
        assertTrue(window.dataProperty().get().spec().data().toString().contains("mnist"));
    }

    @Test
    void theGalleryShowsEachSampleWithAPictureAndAPresetStartsTraining(FxRobot robot) throws Exception {
        loaded(window);
        robot.interact(() -> window.lessons().showGallery());
        GalleryPane g = window.lessons().galleryPane();
        waitFor(120, () -> g.thumbsShown() == Samples.all().size());
        for (var s : Samples.all()) {
            var pic = robot.lookup("#thumb-" + s.id()).queryAs(javafx.scene.image.ImageView.class);
            assertNotNull(pic.getImage(), s.id());
            assertTrue(GalleryPaneTestSupport.distinctColours(pic.getImage()) > 2, s.id() + " shows a picture, not a blank");
        }
        assertTrue(robot.lookup("#size-mnist").queryAs(javafx.scene.control.Label.class).getText().contains("6,000 + 4,000 test rows × 784 features, 10 classes"));
        assertTrue(robot.lookup("#size-all-leukemia").queryAs(javafx.scene.control.Label.class).getText().contains("128 rows × 12,625 features"));
        waitFor(30, () -> robot.lookup("#preset-mnist-0").tryQuery().isPresent());
        Button preset = robot.lookup("#preset-mnist-0").queryButton();
        assertTrue(preset.getText().contains("k = 20"), preset.getText());
        robot.interact(preset::fire);
        waitFor(60, () -> window.viewModel().runningProperty().get() || window.resultProperty().get() != null);
        assertEquals(20, window.viewModel().config().orElseThrow().k());
        robot.interact(window::stop);
        waitFor(60, () -> !window.viewModel().runningProperty().get());
        assertEquals(List.of(), errors);
    }
}
