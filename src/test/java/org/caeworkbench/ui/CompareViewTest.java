package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.export.ComparisonFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Compare tab: a run of fast methods (and a short CAE) on a small table, the reference rows, export, k lists, errors. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {

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

    /** 200 rows × 20 features: ten latent columns and ten noisy mixtures of them, with a two-class label. */
    static Path table(Path dir) throws Exception {
        Random rnd = new Random(7);
        StringBuilder b = new StringBuilder("id");
        for (int c = 0; c < 20; c++) b.append(",f").append(c);
        b.append(",label\n");
        for (int r = 0; r < 200; r++) {
            double[] v = new double[20];
            for (int c = 0; c < 10; c++) v[c] = rnd.nextGaussian();
            for (int c = 10; c < 20; c++) v[c] = v[c - 10] - 0.7 * v[(c - 9) % 10] + 0.1 * rnd.nextGaussian();
            b.append("s").append(r);
            for (double x : v) b.append(',').append(String.format(Locale.ROOT, "%.4f", x));
            b.append(',').append(v[0] + v[1] > 0 ? "hi" : "lo").append('\n');
        }
        Path f = dir.resolve("table.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    private ComparePanel loadAndOpen(FxRobot robot, Path tmp) throws Exception {
        return open(robot, table(tmp));
    }

    /** 200 rows of 20 uniform-noise columns and a label, the shape of {@link #table}. */
    static Path noiseTable(Path dir) throws Exception {
        Random rnd = new Random(7);
        StringBuilder b = new StringBuilder("id");
        for (int c = 0; c < 20; c++) b.append(",f").append(c);
        b.append(",label\n");
        for (int r = 0; r < 200; r++) {
            b.append("s").append(r);
            for (int c = 0; c < 20; c++) b.append(',').append(String.format(Locale.ROOT, "%.4f", rnd.nextDouble()));
            b.append(',').append(r % 2 == 0 ? "hi" : "lo").append('\n');
        }
        Path f = dir.resolve("noise.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    private ComparePanel open(FxRobot robot, Path csv) throws Exception {
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        assertEquals(20, window.dataProperty().get().train().cols());
        robot.interact(window::selectCompare);
        return window.comparePanel();
    }

    @Test
    void stabilityTrainsSeveralSeedsAndCountsHowOftenEachFeatureIsChosen(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = table(tmp);
        robot.interact(() -> window.loading().load(DataSpec.of(csv)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        StabilityPanel panel = window.stabilityPanel();
        robot.interact(() -> {
            window.viewModel().text(WorkbenchViewModel.Field.K).set("3");
            window.viewModel().text(WorkbenchViewModel.Field.EPOCHS).set("5");
            window.viewModel().convergenceProperty().set(false);
            panel.setRuns(3);
            panel.run();
        });
        waitFor(180, () -> !panel.isRunning());
        assertTrue(errors.isEmpty(), errors.toString());
        var rows = panel.rows();
        assertTrue(rows.size() >= 3, "at least one run's 3 features: " + rows);
        int total = 0;
        for (var f : rows) {
            assertTrue(f.times() >= 1 && f.times() <= 3, f.toString());
            assertEquals(f.times() / 3.0, f.fraction(), 1e-9);
            assertEquals(window.dataProperty().get().train().featureNames().get(f.index()), f.name());
            total += f.times();
        }
        assertTrue(total <= 9 && total >= 3, "3 runs of at most 3 distinct features: " + total);
        for (int i = 1; i < rows.size(); i++) assertTrue(rows.get(i - 1).times() >= rows.get(i).times(), "most often first");

        // the features chosen in most runs (2 or 3 of 3) become the kept features, after those kept before
        List<String> robust = panel.robust();
        assertEquals(rows.stream().filter(f -> f.times() >= 2).map(f -> f.name()).toList(), robust);
        assertFalse(robust.isEmpty(), "some feature is chosen in two of the three runs: " + rows);
        String before = rows.stream().map(f -> f.name()).filter(n -> !robust.contains(n)).findFirst().orElseThrow();
        robot.interact(() -> {
            window.viewModel().text(org.caeworkbench.core.Settings.KEEP).set(before);
            panel.keepRobust();
        });
        List<String> kept = org.caeworkbench.core.Settings.KEEP.parse(window.viewModel().text(org.caeworkbench.core.Settings.KEEP).get());
        List<String> expected = new java.util.ArrayList<>(List.of(before));
        expected.addAll(robust);
        assertEquals(expected, kept);
        assertTrue(errors.isEmpty(), errors.toString());

        Path out = tmp.resolve("stability.csv");
        robot.interact(() -> panel.export(out));
        waitFor(30, () -> Files.exists(out));
        List<String> lines = Files.readAllLines(out);
        assertEquals("feature,name,times_chosen,fraction", lines.get(0));
        assertEquals(rows.size() + 1, lines.size());
    }

    @Test
    void comparesMethodsShowsReferenceRowsAndExports(FxRobot robot, @TempDir Path tmp) throws Exception {
        ComparePanel panel = loadAndOpen(robot, tmp);
        List<String> methods = List.of("cae", "random", "variance", "pfa");
        robot.interact(() -> panel.choose(methods, "3", 3));
        robot.clickOn("#compareRun");
        waitFor(180, () -> !panel.runningProperty().get() && !panel.rows().isEmpty());
        assertTrue(errors.isEmpty(), errors.toString());

        List<Comparison.Row> rows = List.copyOf(panel.rows());
        // a row per method, then the PCA bound and the mean predictor
        assertEquals(methods.size() + 2, rows.size(), rows.toString());
        for (int i = 0; i < methods.size(); i++) {
            assertEquals(methods.get(i), rows.get(i).method());
            assertEquals(3, rows.get(i).k());
        }
        Comparison.Row pca = rows.stream().filter(r -> r.method().equals(Comparison.PCA)).findFirst().orElseThrow();
        Comparison.Row mean = rows.stream().filter(r -> r.method().equals(Comparison.MEAN)).findFirst().orElseThrow();
        for (Comparison.Row r : rows) assertTrue(Double.isFinite(r.linearMse()) && r.linearMse() >= 0, r.toString());
        for (Comparison.Row r : rows.subList(0, methods.size())) {
            assertTrue(pca.linearMse() <= r.linearMse() + 1e-9, "PCA bound " + pca.linearMse() + " above " + r);
            assertTrue(r.linearMse() <= mean.linearMse() + 1e-9, r + " worse than the mean predictor");
            assertTrue(Double.isFinite(r.accuracy()), "labelled data gives an accuracy: " + r);
        }
        assertEquals(3, rows.get(2).distinct());
        assertEquals(0, panel.chartSeries(), "one k: no chart");
        var table = robot.lookup("#compareTable").queryTableView();
        assertEquals(methods.size() + 2, table.getItems().size());

        Path out = tmp.resolve("out");
        AtomicReference<String> outcome = new AtomicReference<>("pending");
        robot.interact(() -> panel.export(out, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        List<String> lines = Files.readAllLines(out.resolve(ComparisonFiles.CSV));
        assertEquals("method,k,linear_mse,accuracy,seconds,distinct", lines.get(0));
        assertEquals(methods.size() + 2, lines.size(), "header, the methods and the PCA bound");
        assertTrue(lines.get(1).startsWith("cae,3,"));
        assertFalse(Files.exists(out.resolve(ComparisonFiles.CHART)), "no chart for a single k");
        List<String> features = Files.readAllLines(out.resolve(ComparisonFiles.FEATURES));
        assertEquals(ComparisonFiles.FEATURES_HEADER, features.get(0));
        assertEquals(methods.size() * 3, features.size() - 1, "three features of each method: " + features);

        // the features of the method selected in the table, by name, for the clipboard
        var names = window.dataProperty().get().train().featureNames();
        assertTrue(robot.lookup("#compareCopy").queryButton().isDisabled(), "nothing selected");
        robot.interact(() -> table.getSelectionModel().select(2));
        assertFalse(robot.lookup("#compareCopy").queryButton().isDisabled());
        assertEquals(java.util.Arrays.stream(rows.get(2).selected()).mapToObj(names::get).toList(), panel.selectedFeatures().lines().toList());
        robot.interact(() -> table.getSelectionModel().select(methods.size()));
        assertTrue(robot.lookup("#compareCopy").queryButton().isDisabled(), "the PCA bound selects nothing");
    }

    @Test
    void aPanelOfYourOwnIsScoredBesideTheMethods(FxRobot robot, @TempDir Path tmp) throws Exception {
        ComparePanel panel = loadAndOpen(robot, tmp);
        Path file = tmp.resolve("latent_panel.txt");
        // the ten latent columns, from which the ten mixtures follow, and a gene the table does not have
        Files.writeString(file, "f0\nf1\nf2\nf3\nf4\nf5\nf6\nf7\nf8\nf9\nXIST\n");
        robot.interact(() -> panel.choose(List.of("variance"), "3", 1));
        robot.clickOn("#comparePanelNames").write(file.toString());
        var info = robot.lookup("#comparePanelInfo").queryAs(javafx.scene.control.Label.class);
        waitFor(10, () -> info.getText().startsWith("latent_panel.txt: "));
        assertEquals("latent_panel.txt: 10 of its 11 names are features of the data; scored on those (not found: XIST).", info.getText());
        robot.clickOn("#comparePanelSize");
        assertEquals("10", robot.lookup("#compareK").queryTextInputControl().getText(), "k set to the panel's size");
        robot.clickOn("#compareRun");
        waitFor(120, () -> !panel.runningProperty().get() && panel.rows().size() == 4);
        assertTrue(errors.isEmpty(), errors.toString());
        List<Comparison.Row> rows = List.copyOf(panel.rows());
        assertEquals(List.of("panel: latent_panel.txt", "variance", Comparison.PCA, Comparison.MEAN), rows.stream().map(Comparison.Row::method).toList());
        Comparison.Row mine = rows.get(0);
        assertEquals(10, mine.k());
        assertEquals(10, rows.get(1).k());
        assertTrue(mine.linearMse() < rows.get(3).linearMse() / 20, "the latent columns reconstruct the mixtures: " + mine);
        assertTrue(Double.isFinite(mine.accuracy()));

        // a panel none of whose names is a feature: said under the field, and Run says it in one sentence
        robot.interact(() -> panel.choose(List.of("variance"), "3", 1));
        var field = robot.lookup("#comparePanelNames").queryTextInputControl();
        robot.interact(() -> field.setText("Xist, Tsix"));
        waitFor(10, () -> info.getText().startsWith("Panel 2 names: none of its 2 name(s)"));
        robot.clickOn("#compareRun");
        waitFor(10, () -> !errors.isEmpty());
        assertTrue(errors.get(0).startsWith("Panel 2 names: none of its 2 name(s) is a feature of the data (20 features)"), errors.toString());
        assertFalse(panel.runningProperty().get());
    }

    @Test
    void yourPanelsGenesThePreprocessingDroppedArePutBackBeforeTheRun(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path csv = table(tmp);
        // the five most variable of the 20 columns only: most of the panel's ten latent columns are dropped
        robot.interact(() -> window.loading().load(DataSpec.of(csv).withPreprocessing(new org.caeworkbench.data.Preprocessing(false, false, false, 5))));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        assertEquals(5, window.dataProperty().get().train().cols());
        robot.interact(window::selectCompare);
        ComparePanel panel = window.comparePanel();
        var info = robot.lookup("#comparePanelInfo").queryAs(javafx.scene.control.Label.class);
        robot.interact(() -> {
            panel.choose(List.of("variance"), "3", 1);
            robot.lookup("#comparePanelNames").queryTextInputControl().setText("f0,f1,f2,f3,f4,f5,f6,f7,f8,f9");
        });
        assertTrue(info.getText().startsWith("10 names: none of its 10 names is in the data as prepared. 10 of them are in the file but dropped"),
                info.getText());
        robot.clickOn("#compareRun");
        waitFor(120, () -> !panel.runningProperty().get() && panel.rows().size() == 4);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals("panel: 10 names", panel.rows().get(0).method());
        assertEquals(10, panel.rows().get(0).k(), "every name of the panel scored: the data were prepared again with them");
        assertEquals("10 names: 10 feature(s), all in the data; scored as they are.", info.getText());
    }

    @Test
    void severalKDrawAChartAndExportIt(FxRobot robot, @TempDir Path tmp) throws Exception {
        ComparePanel panel = loadAndOpen(robot, tmp);
        robot.interact(() -> panel.choose(List.of("random", "variance"), "5, 2", 1));
        robot.clickOn("#compareRun");
        waitFor(120, () -> !panel.runningProperty().get() && !panel.rows().isEmpty());
        assertTrue(errors.isEmpty(), errors.toString());
        // k sorted: random, variance, pca at k = 2, then at k = 5, then the mean
        assertEquals(7, panel.rows().size());
        assertEquals(2, panel.rows().get(0).k());
        assertEquals(5, panel.rows().get(3).k());
        assertEquals(3, panel.chartSeries(), "random, variance and the PCA bound");
        Path out = tmp.resolve("out2");
        AtomicReference<String> outcome = new AtomicReference<>("pending");
        robot.interact(() -> panel.export(out, e -> outcome.set(e == null ? "ok" : e)));
        waitFor(30, () -> !"pending".equals(outcome.get()));
        assertEquals("ok", outcome.get());
        assertTrue(Files.size(out.resolve(ComparisonFiles.CHART)) > 0);
    }

    @Test
    void badKIsOneSentenceAndNothingRuns(FxRobot robot, @TempDir Path tmp) throws Exception {
        ComparePanel panel = loadAndOpen(robot, tmp);
        robot.interact(() -> panel.choose(List.of("random"), "3,x", 1));
        robot.clickOn("#compareRun");
        waitFor(10, () -> !errors.isEmpty());
        assertTrue(errors.get(0).startsWith("K must be whole numbers"), errors.toString());
        errors.clear();
        robot.interact(() -> panel.choose(List.of("random"), "21", 1));
        robot.clickOn("#compareRun");
        waitFor(10, () -> !errors.isEmpty());
        assertTrue(errors.get(0).contains("larger than the number of features (20)"), errors.toString());
        assertFalse(panel.runningProperty().get());
        assertTrue(panel.rows().isEmpty());
    }

    @Test
    void stopEndsARunningCae(FxRobot robot, @TempDir Path tmp) throws Exception {
        // uniform noise: no feature is better than another, so the CAE does not commit and stop early (on table()'s
        // structured columns the default IP-CAE selector reaches the stop threshold in ~50 epochs, before Stop is clicked)
        ComparePanel panel = open(robot, noiseTable(tmp));
        robot.interact(() -> panel.choose(List.of("cae", "random"), "3", 100000));
        robot.clickOn("#compareRun");
        var label = robot.lookup("#compareProgressLabel").queryAs(javafx.scene.control.Label.class);
        waitFor(30, () -> panel.runningProperty().get() && label.getText().startsWith("cae, k = 3"));
        // training is refused while a comparison runs, and the parameters panel says why
        assertFalse(window.viewModel().canTrainProperty().get());
        assertTrue(window.viewModel().problemProperty().get().startsWith("A comparison is running"), window.viewModel().problemProperty().get());
        robot.interact(window::train);
        assertTrue(window.resultProperty().get() == null && !window.viewModel().runningProperty().get());
        errors.clear();
        robot.clickOn("#compareStop");
        waitFor(60, () -> !panel.runningProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(panel.rows().isEmpty(), "the CAE was stopped before it finished: " + panel.rows());
    }
}
