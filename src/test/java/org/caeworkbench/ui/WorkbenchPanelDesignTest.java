package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.caeworkbench.core.Settings;
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

/** Designing a gene panel in the window: kept and excluded names typed or loaded, checked as typed, kept rows marked. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchPanelDesignTest {
    private WorkbenchWindow window;

    @BeforeAll
    static void noDialogs() {
        WindowTests.quiet();
    }

    @Start
    void start(Stage stage) {
        window = WindowTests.open(stage, null);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        WindowTests.close(robot, window);
    }

    @Test
    void keptGenesArePartOfThePanelAndMarkedExcludedOnesNeverChosen(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = WorkbenchPreprocessingTest.counts(tmp);   // id, g0, flat, g1..g5
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("2");
            window.viewModel().text(Field.EPOCHS).set("3");
            window.viewModel().convergenceProperty().set(false);
        });

        // the objective: any mix:W typed, the usual ones offered
        javafx.scene.control.ComboBox<?> objective = robot.lookup("#field-OBJECTIVE").queryAs(javafx.scene.control.ComboBox.class);
        assertTrue(objective.isEditable() && objective.getItems().contains("classify") && objective.getItems().contains("mix:0.5"),
                objective.getItems().toString());

        // a name that is not in the data marks the keep field and keeps Train off
        TextArea keepArea = robot.lookup("#field-KEEP").queryAs(TextArea.class);
        WindowTests.scrollIntoView(robot, keepArea);   // far down the parameters, as a user scrolls to it
        robot.clickOn(keepArea).write("g1");
        robot.interact(() -> keepArea.appendText("\nNOTAGENE"));
        Button train = robot.lookup("#trainButton").queryAs(Button.class);
        assertTrue(train.isDisabled());
        assertTrue(window.viewModel().fieldErrors().get(Settings.KEEP).contains("NOTAGENE"), window.viewModel().fieldErrors().toString());

        // kept names loaded from a file replace the text, one a line; the regex's count is shown as it is typed
        Path keepFile = Files.writeString(tmp.resolve("my_panel.txt"), "# the lab's panel\ng1\ng2\n");
        ParametersPanel parameters = findParameters(robot);
        robot.interact(() -> parameters.loadNames(Settings.KEEP, keepArea, keepFile));
        assertEquals("g1\ng2", keepArea.getText());
        TextArea excludeArea = robot.lookup("#field-EXCLUDE").queryAs(TextArea.class);   // below the fold of a small test window
        robot.interact(() -> excludeArea.setText("re:^g[45]$"));
        assertEquals("Panel: 2 kept + k = 2 learned = 4 features; 2 excluded (re:^g[45]$ matches 2); 3 of 7 selectable.",
                robot.lookup("#panelSummary").queryLabeled().getText());
        assertFalse(train.isDisabled(), window.viewModel().problemProperty().get());

        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        List<FeatureRow> rows = window.rows();
        assertEquals(4, rows.size());
        assertEquals(List.of("g1", "g2"), rows.subList(0, 2).stream().map(FeatureRow::name).toList(), "the kept genes first");
        assertTrue(rows.subList(0, 2).stream().allMatch(FeatureRow::kept));
        for (FeatureRow r : rows.subList(2, 4)) {
            assertFalse(r.kept());
            assertFalse(List.of("g1", "g2", "g4", "g5").contains(r.name()), "learned beside the kept, never an excluded one: " + r.name());
        }
        TableView<?> table = robot.lookup("#resultsTable").queryAs(TableView.class);
        assertTrue(table.getColumns().stream().anyMatch(c -> "Role".equals(c.getText()) && c.isVisible()), "the Role column is shown");

        // the run folder records the lists and the roles, as cae train --keep --exclude would
        Path run = tmp.resolve("run");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportRun(run, done)));
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"keep\"") && config.contains("\"g1\"") && config.contains("re:^g[45]$"), config);
        List<String> selected = Files.readAllLines(run.resolve("selected_features.csv"));
        assertTrue(selected.get(0).endsWith(",role"), selected.get(0));
        assertTrue(selected.get(1).endsWith(",fixed") && selected.get(1).contains(",g1,"), selected.get(1));
    }

    @Test
    void aKeptGeneTheFiltersDroppedIsPutBackWhenTrainingStarts(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = WorkbenchPreprocessingTest.counts(tmp);   // g0 varies least, flat is constant
        robot.interact(() -> window.loading().load(DataSpec.of(csv).withPreprocessing(
                org.caeworkbench.data.Preprocessing.NONE.withDropConstant(true).withTopVariable(3))));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        assertEquals(List.of("g3", "g4", "g5"), window.dataProperty().get().train().featureNames());
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("1");
            window.viewModel().text(Field.EPOCHS).set("2");
            window.viewModel().convergenceProperty().set(false);
            robot.lookup("#field-KEEP").queryAs(TextArea.class).setText("g0\ng4");
        });
        // not an error: the summary says g0 comes back, and Train is on
        String summary = robot.lookup("#panelSummary").queryLabeled().getText();
        assertEquals("Panel: 2 kept + k = 1 learned = 3 features; 2 of 3 selectable. One kept feature the preprocessing dropped (g0)"
                + " is put back when training starts.", summary);
        Button train = robot.lookup("#trainButton").queryAs(Button.class);
        assertFalse(train.isDisabled(), window.viewModel().problemProperty().get());

        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        assertEquals(List.of("g0", "g3", "g4", "g5"), window.dataProperty().get().train().featureNames(), "g0 beside the three most variable");
        List<FeatureRow> rows = window.rows();
        assertEquals(List.of("g0", "g4"), rows.subList(0, 2).stream().map(FeatureRow::name).toList());
        assertTrue(rows.get(2).name().equals("g3") || rows.get(2).name().equals("g5"), rows.get(2).name());
        // the run folder says the same as cae train --keep with these filters would
        Path run = tmp.resolve("run");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportRun(run, done)));
        var recorded = org.caeworkbench.export.RunConfig.fromJson(Files.readString(run.resolve("config.json")));
        assertEquals(List.of("g0", "g3", "g4", "g5"), org.caeworkbench.data.DataPreparation.prepare(recorded.data()).train().featureNames(),
                "eval and resume prepare the same four features from config.json");
    }

    private static ParametersPanel findParameters(FxRobot robot) {
        javafx.scene.Node n = robot.lookup("#parametersPanel").query();
        while (n != null && !(n instanceof ParametersPanel)) n = n.getParent();
        return (ParametersPanel) n;
    }
}
