package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DatasetSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The parameter panel and its view-model are built from the catalogue of settings (core.Settings). */
@ExtendWith(ApplicationExtension.class)
class ParametersCatalogueTest {
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new WorkbenchViewModel();
        vm.setDataset(new DatasetSummary("t", 100, 784, Map.of(), 0, 0f, 1f, null), 80);
        stage.setScene(new Scene(new ParametersPanel(vm, () -> {}, () -> {}), 320, 700));
        stage.show();
    }

    @Test
    void theWindowsFieldsAreTheCatalogues(FxRobot robot) {
        TrainingConfig defaults = TrainingConfig.builder().build();
        assertEquals(defaults, vm.config().orElseThrow(), "the window starts from the engine's defaults");
        Set<String> labels = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).collect(Collectors.toSet());
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            assertTrue(robot.lookup("#field-" + s.key()).tryQueryAs(Control.class).isPresent(), "a field for " + s.name());
            assertTrue(labels.contains(s.label()), "labelled " + s.label());
            // a setting that is off by default shows its switch off and an empty field for the value to use when on
            assertEquals(offIn(s, defaults) ? "" : s.text(defaults), vm.text(s).get(), s.name());
        }
    }

    private static <V> boolean offIn(Setting<TrainingConfig, V> s, TrainingConfig c) {
        return s.isOff(s.get(c));
    }

    /** The setting added with the catalogue reaches the engine's settings from the window, and a bad value marks its field. */
    @Test
    void validationRowsReachTheSettingsAndABadValueMarksItsField(FxRobot robot) {
        TextField field = robot.lookup("#field-" + Settings.VALIDATION_ROWS.key()).queryAs(TextField.class);
        robot.interact(() -> field.setText("64"));
        assertEquals(64, vm.config().orElseThrow().validationRows());
        robot.interact(() -> field.setText("-1"));
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.fieldErrors().containsKey(Settings.VALIDATION_ROWS), vm.fieldErrors().toString());
        assertTrue(vm.problemProperty().get().startsWith("The validation rows must be 0 or more"), vm.problemProperty().get());
        assertTrue(field.getStyleClass().contains("invalid"));
        // a problem the engine finds names its setting, and that field is marked (no matching of the sentence)
        robot.interact(() -> {
            field.setText("0");
            vm.text(Settings.K).set("900");
        });
        assertEquals(Set.of(Settings.K), vm.fieldErrors().keySet());
    }
}
