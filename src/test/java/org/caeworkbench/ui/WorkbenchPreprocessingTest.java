package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.scene.control.Button;
import javafx.stage.Stage;
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

/** The dataset panel's preprocessing: what was dropped is shown, and results still name the file's columns. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchPreprocessingTest {
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

    /** 60 samples: 'flat' is constant, g0..g5 have spreads 0.1, 1, 2, 3, 4, 5 (so g5, g4, g3 are the most variable). */
    static Path counts(Path dir) throws Exception {
        Random r = new Random(8);
        double[] spread = {0.1, 1, 2, 3, 4, 5};
        StringBuilder b = new StringBuilder("id,g0,flat,g1,g2,g3,g4,g5\n");
        for (int i = 0; i < 60; i++) {
            b.append('s').append(i);
            for (int c = 0; c < 6; c++) {
                b.append(',').append(String.format(Locale.ROOT, "%.4f", 10 + spread[c] * r.nextGaussian()));
                if (c == 0) b.append(",3");
            }
            b.append('\n');
        }
        return Files.writeString(dir.resolve("counts.csv"), b.toString());
    }

    @Test
    void rawCountsGetAHintInTheSummaryThatGoesOnceTheyAreNormalised(FxRobot robot, @TempDir Path tmp) throws Exception {
        Random r = new Random(2);
        StringBuilder b = new StringBuilder("cell,A,B,C,D\n");
        for (int i = 0; i < 50; i++) b.append('c').append(i).append(',').append(r.nextInt(900)).append(',').append(r.nextInt(40))
                .append(',').append(r.nextInt(7)).append(',').append(r.nextInt(300)).append('\n');
        Path csv = Files.writeString(tmp.resolve("reads.csv"), b.toString());
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        String summary = robot.lookup("#summaryLabel").queryLabeled().getText();
        assertTrue(summary.contains("Hint: reads.csv holds whole numbers from 0 to") && summary.contains("tick Counts per million and log(1 + x)"), summary);

        robot.clickOn("#cpmBox");
        robot.clickOn("#log1pBox");
        robot.clickOn("#applyPreprocessingButton");
        waitFor(60, () -> window.dataProperty().get().spec().preprocessing().transforms() && !window.viewModel().loadingProperty().get());
        String after = robot.lookup("#summaryLabel").queryLabeled().getText();
        assertTrue(after.contains("preprocessing: ") && !after.contains("Hint:"), after);
    }

    @Test
    void applyDropsWhatThePanelSaysAndResultsKeepTheFilesIndices(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = counts(tmp);
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        assertEquals(7, window.dataProperty().get().train().cols());

        robot.clickOn("#dropConstantBox");
        robot.clickOn("#topVariableField").write("x");
        assertTrue(robot.lookup("#applyPreprocessingButton").queryAs(Button.class).isDisabled(), "not a number: nothing to apply");
        robot.interact(() -> window.viewModel().topVariableProperty().set("3"));
        robot.clickOn("#applyPreprocessingButton");
        waitFor(60, () -> window.dataProperty().get().train().cols() == 3 && !window.viewModel().loadingProperty().get());
        LoadedData d = window.dataProperty().get();
        assertEquals(List.of("g3", "g4", "g5"), d.train().featureNames());
        String summary = robot.lookup("#summaryLabel").queryLabeled().getText();
        assertTrue(summary.contains("Dropped 1 constant feature (flat); kept the 3 most variable of 6 features"), summary);

        robot.interact(() -> {
            window.viewModel().text(Field.K).set("2");
            window.viewModel().text(Field.EPOCHS).set("3");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        List<String> header = List.of("g0", "flat", "g1", "g2", "g3", "g4", "g5");
        for (FeatureRow row : window.rows()) assertEquals(header.get(row.index()), row.name(), "index " + row.index() + " is the file's column");

        // every export names the features that were selected, and puts their own values (the file's columns) beside them
        List<String> chosen = window.rows().stream().map(FeatureRow::name).distinct().toList();
        Path selectedCsv = tmp.resolve("selected.csv");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportSelected(selectedCsv, done)));
        for (String line : Files.readAllLines(selectedCsv).subList(1, 3)) {
            String[] c = line.split(",");
            assertEquals(header.get(Integer.parseInt(c[2])), c[3], line);
            assertTrue(chosen.contains(c[3]), line);
        }
        Path names = tmp.resolve("names.txt");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportNames(names, done)));
        assertEquals(java.util.Set.copyOf(chosen), java.util.Set.copyOf(Files.readAllLines(names)));

        Path reduced = tmp.resolve("reduced.csv");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportReduced(reduced, done)));
        List<String> rows = Files.readAllLines(reduced);
        assertEquals("sample_id," + String.join(",", chosen), rows.get(0));
        List<String> file = Files.readAllLines(csv);
        for (int i = 1; i <= 60; i += 19) {
            String[] in = file.get(i).split(",");
            String[] out = rows.get(i).split(",");
            assertEquals(in[0], out[0]);
            for (int j = 0; j < chosen.size(); j++)
                assertEquals(Float.parseFloat(in[1 + header.indexOf(chosen.get(j))]), Float.parseFloat(out[1 + j]), 1e-6f,
                        chosen.get(j) + " of " + in[0] + " in the reduced data is the file's value");
        }

        Path run = tmp.resolve("run");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportRun(run, done)));
        List<String> runRows = Files.readAllLines(run.resolve("selected_features.csv"));
        for (String line : runRows.subList(1, runRows.size())) assertEquals(header.get(Integer.parseInt(line.split(",")[2])), line.split(",")[3]);
        String report = Files.readString(run.resolve("report.html"));
        for (String g : chosen) assertTrue(report.contains(">" + g + "<"), g + " in the report");
    }
}
