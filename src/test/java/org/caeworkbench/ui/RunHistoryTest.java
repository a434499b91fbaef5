package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
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
 * The Runs tab: each training joins the list with its settings; selecting one shows that run's features
 * (not the newest's) without touching the Results tab; two side by side show their overlap; a run folder
 * made by {@code cae train} can be added; a table's result is drawn on the data; the live digit strip
 * marks the snapshot's pixels.
 */
@ExtendWith(ApplicationExtension.class)
class RunHistoryTest {
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

    private SelectionResult train(FxRobot robot, int k, int epochs, String seed) throws Exception {
        SelectionResult before = window.resultProperty().get();
        robot.interact(() -> {
            window.viewModel().text(Field.K).set(Integer.toString(k));
            window.viewModel().text(Field.EPOCHS).set(Integer.toString(epochs));
            window.viewModel().text(Field.SEED).set(seed);
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.resultProperty().get() != before && window.metricsDoneProperty().get());
        return window.resultProperty().get();
    }

    private static Set<String> names(List<FeatureRow> rows) {
        Set<String> s = new HashSet<>();
        for (FeatureRow r : rows) s.add(r.name());
        return s;
    }

    @Test
    void runsStayInTheListAndCanBeShownComparedAndAddedFromCaeTrain(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = WorkbenchFeaturesTest.table(tmp);
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        RunHistoryPanel panel = window.history().panel();

        SelectionResult first = train(robot, 3, 2, "1");
        List<FeatureRow> firstRows = List.copyOf(window.rows());
        SelectionResult second = train(robot, 5, 3, "4");
        List<FeatureRow> secondRows = List.copyOf(window.rows());
        assertNotEquals(names(firstRows), names(secondRows), "the two runs chose different panels");

        // two entries, newest last, tagged with their settings; the figures arrive when computed
        waitFor(30, () -> panel.entries().size() == 2 && Double.isFinite(panel.entries().get(1).linearMse()));
        RunHistoryPanel.Entry a = panel.entries().get(0);
        RunHistoryPanel.Entry b = panel.entries().get(1);
        assertSame(first, a.result());
        assertSame(second, b.result());
        assertEquals(3, a.config().k());
        assertEquals(5, b.config().k());
        assertTrue(a.line().contains("k 3 · 2 epochs") && a.line().contains("table.csv"), a.line());
        assertTrue(b.line().contains("k 5 · 3 epochs") && b.line().contains("seed 4"), b.line());
        assertTrue(b.line().contains("MSE "), "the MSE is in the list once known: " + b.line());
        assertEquals("Done", a.status());

        // selecting the first shows its features, not the second's; the Results tab keeps the newest run
        robot.interact(() -> {
            window.tabs.getSelectionModel().select(window.runsTab);
            panel.list().getSelectionModel().clearAndSelect(0);
        });
        TableView<?> shown = robot.lookup("#runFeatures").queryTableView();
        assertEquals(names(firstRows), names(shown.getItems().stream().map(o -> (FeatureRow) o).toList()));
        assertTrue(robot.lookup("#runSettings").queryAs(Label.class).getText().contains("k 3"));
        assertSame(second, window.resultProperty().get(), "browsing the history keeps the current result");
        assertEquals(names(secondRows), names(window.rows()));
        assertNotNull(robot.lookup("#runLossChart").tryQuery().orElse(null), "its loss chart is shown");
        assertNotNull(robot.lookup("#runReplaySlot").tryQuery().orElse(null), "a place for its replay");
        // its replay, here in the Runs tab: two epochs, the last chosen, drawn; frame 0 is the first run's first epoch
        RunReplay replay = window.history().replay();
        assertNotNull(replay.timeline().history(), "the first run's replay is shown");
        assertEquals(first.history().size(), replay.timeline().history().size(), "2 epochs, and any epochs after filling a duplicate");
        assertEquals(first.model().k(), replay.timeline().history().k());
        waitFor(10, () -> replay.picture().getImage() != null);
        robot.interact(() -> replay.timeline().show(0));
        assertEquals(0, replay.timeline().frameProperty().get());
        // its choice on the data (the loaded table is its data): the heatmap marks its features, not the newest run's
        waitFor(30, () -> robot.lookup("#runDataHeatmap").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        String marked = robot.lookup("#runDataHeatmapNames").queryAs(Label.class).getText();
        assertTrue(marked.contains("(" + names(firstRows).size() + " selected"), marked);
        for (String n : names(firstRows)) assertTrue(marked.contains(n), marked);

        // both: the overlap
        robot.interact(() -> panel.list().getSelectionModel().selectIndices(0, 1));
        String comparison = robot.lookup("#runComparison").queryAs(Label.class).getText();
        Set<String> both = new HashSet<>(names(firstRows));
        both.retainAll(names(secondRows));
        Set<String> union = new HashSet<>(names(firstRows));
        union.addAll(names(secondRows));
        assertTrue(comparison.contains(both.size() + " features in both"), comparison);
        assertTrue(comparison.contains(String.format(java.util.Locale.ROOT, "Jaccard %.2f", (double) both.size() / union.size())), comparison);
        assertTrue(comparison.contains("k (features): 3 → 5") && comparison.contains("Epochs: 2 → 3"), comparison);
        ListView<?> inBoth = robot.lookup("#runsBoth").queryListView();
        assertEquals(both, new HashSet<>(inBoth.getItems()));
        ListView<?> onlyB = robot.lookup("#runsOnlyB").queryListView();
        Set<String> expectedOnlyB = new HashSet<>(names(secondRows));
        expectedOnlyB.removeAll(names(firstRows));
        assertEquals(expectedOnlyB, new HashSet<>(onlyB.getItems()));

        // a run folder made by `cae train` joins the list
        Path run = tmp.resolve("cli-run");
        int code = org.caeworkbench.cli.CaeCommand.execute(new String[] {"train", "--data", csv.toString(), "--k", "4", "--epochs", "2",
                "--out", run.toString()}, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(0, code);
        AtomicReference<String> outcome = new AtomicReference<>("pending");
        robot.interact(() -> window.history().addFolder(run, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        assertEquals(3, panel.entries().size());
        RunHistoryPanel.Entry c = panel.entries().get(2);
        assertTrue(c.fromFolder());
        assertEquals(run, c.runFolder());
        assertEquals(4, c.config().k());
        assertEquals(names(java.util.stream.Stream.of(org.caeworkbench.export.RunDirectory.readSelected(run).toArray())
                .map(f -> (org.caeworkbench.export.RunDirectory.SelectedFeature) f)
                .map(f -> new FeatureRow(f.rank(), f.selector(), f.index(), f.name(), f.probability(), f.duplicate())).toList()), names(c.rows()));
        assertTrue(c.line().contains("k 4"), c.line());
        robot.interact(() -> panel.list().getSelectionModel().clearAndSelect(2));
        int frames = org.caeworkbench.export.SelectorHistory.readRun(run).size();
        assertTrue(frames >= 2, "frames: " + frames);
        assertEquals(frames, window.history().replay().timeline().history().size(), "a cae train folder replays from its selector_history.bin.gz");
        assertSame(second, window.resultProperty().get(), "adding a run folder does not replace the current result");

        // the table's result on the data: the clustered heatmap marks the selected features
        DataHeatmapView heat = window.history().resultHeatmap();
        waitFor(30, heat::isVisible);
        String legend = robot.lookup("#dataHeatmapNames").queryAs(Label.class).getText();
        for (String n : names(secondRows)) assertTrue(legend.contains(n), legend);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theDigitStripMarksExactlyTheSnapshotsPixels() {
        Dataset.ImageShape shape = new Dataset.ImageShape(4, 5);
        int d = 20;
        float[] images = new float[3 * d];
        for (int i = 0; i < images.length; i++) images[i] = (i * 7) % 11;
        int[] selected = {0, 7, 7, 19};   // a repeat counts once
        Heatmaps.Pixels px = DigitStrip.overlay(images, 3, shape, selected);
        int gap = (px.width() - 3 * 5) / 2;
        for (int i = 0; i < 3; i++)
            for (int p = 0; p < d; p++) {
                int argb = px.argb()[(p / 5) * px.width() + i * (5 + gap) + p % 5];
                boolean chosen = p == 0 || p == 7 || p == 19;
                assertEquals(chosen, argb == DigitStrip.CHOSEN, "digit " + i + " pixel " + p);
            }
        // nothing else is the marking colour (the gaps are paper)
        long marked = java.util.Arrays.stream(px.argb()).filter(c -> c == DigitStrip.CHOSEN).count();
        assertEquals(9, marked);
        assertFalse(DigitStrip.overlay(images, 3, shape, new int[0]).argb()[0] == DigitStrip.CHOSEN);
    }

    @Test
    void theDigitStripFollowsTrainingOnMnist(FxRobot robot) throws Exception {
        robot.interact(() -> window.loading().loadSample(Samples.MNIST));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        DigitStrip strip = window.history().digits();
        assertTrue(strip.isVisible(), "images show the strip");
        train(robot, 10, 2, "1");
        javafx.scene.image.ImageView view = robot.lookup("#digitStripView").queryAs(javafx.scene.image.ImageView.class);
        waitFor(30, () -> view.getImage() != null && robot.lookup("#digitRebuiltView").queryAs(javafx.scene.image.ImageView.class).getImage() != null);
        int shownChoice = strip.shownChoice();
        assertTrue(shownChoice >= 1 && shownChoice <= 10, "the strip shows the selectors' distinct pixels: " + shownChoice);
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
