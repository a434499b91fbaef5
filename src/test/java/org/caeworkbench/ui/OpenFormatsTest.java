package org.caeworkbench.ui;

import org.caeworkbench.app.SampleSets;
import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window opens the formats of expression tools (GCT, 10x, h5ad) and says what is wrong with a broken file. */
@ExtendWith(ApplicationExtension.class)
class OpenFormatsTest {

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

    private void loadAndWait(FxRobot robot, Runnable load) throws Exception {
        robot.interact(() -> window.session().setData(null));
        robot.interact(load);
        waitFor(60, () -> window.dataProperty().get() != null || !errors.isEmpty());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theGctAnd10xSamplesOpenWithTheirLabels(FxRobot robot) throws Exception {
        for (SampleSets.Sample s : List.of(Samples.ALL_GCT, Samples.ALL_10X)) {
            loadAndWait(robot, () -> window.loading().loadSample(s));
            LoadedData d = window.dataProperty().get();
            assertEquals(128, d.summary().n(), s.name());
            assertEquals(2000, d.summary().d());
            assertEquals(10, d.summary().labelCounts().size(), "the labels come from labels.csv");
            assertEquals(36, d.summary().labelCounts().get("B2"));
            String summary = robot.lookup("#summaryLabel").queryAs(Label.class).getText();
            assertTrue(summary.contains("128 rows × 2000 features") && summary.contains("10 classes"), summary);
        }
        assertTrue(DatasetPanel.sampleItems(x -> { }).size() >= 5, "the Samples menu lists the new samples");
    }

    @Test
    void anH5adFileAndA10xFolderOpenFromTheirPath(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path h5ad = Files.copy(Path.of("src/test/resources/data/h5ad/csr.h5ad"), tmp.resolve("pbmc.h5ad"));
        loadAndWait(robot, () -> window.loading().load(new DataSpec(h5ad, ReadOptions.defaults().withLabelColumn("cell_type"), null, null,
                0.34, 1, null)));
        assertEquals(4, window.dataProperty().get().summary().d());
        assertEquals(3, window.dataProperty().get().summary().labelCounts().size());
        Path folder = Samples.folder().orElseThrow().resolve("all-leukemia-10x");
        loadAndWait(robot, () -> window.loading().openWithOptions(folder));   // without dialogs: read with the defaults
        assertEquals(2000, window.dataProperty().get().summary().d());
    }

    @Test
    void theDialogsTextColumnsChoiceLeavesABatchColumnOutOfThePreviewAndTheData(FxRobot robot, @TempDir Path tmp) throws Exception {
        StringBuilder t = new StringBuilder("sample,batch,label,g1,g2,g3\n");
        for (int i = 0; i < 30; i++) t.append("s").append(i).append(",b").append(i % 3).append(',').append(i % 2 == 0 ? "x" : "y")
                .append(',').append(i).append(',').append(i * 2).append(',').append(i % 5).append('\n');
        Path csv = Files.writeString(tmp.resolve("plates.csv"), t);
        AtomicReference<ReaderOptionsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            dialog.set(window.loading().optionsDialog(csv));
            dialog.get().show();
        });
        waitFor(30, () -> dialog.get().previewDone());
        assertTrue(dialog.get().previewNote().getText().contains("'b0' is not a number") && dialog.get().previewNote().getText()
                .contains("Text columns"), dialog.get().previewNote().getText());
        robot.interact(() -> dialog.get().textColumnsBox().setValue(org.caeworkbench.data.TextColumns.DROP));
        waitFor(30, () -> dialog.get().previewDone() && dialog.get().previewNote().getText().contains("left out 1 column of text"));
        TableView<List<String>> preview = dialog.get().previewTable();
        assertEquals(List.of("sample", "label", "g1", "g2", "g3"), preview.getColumns().stream().map(TableColumn::getText).toList());
        AtomicReference<DataSpec> spec = new AtomicReference<>();
        robot.interact(() -> {
            spec.set(dialog.get().spec(DataSpec.of(csv)));
            dialog.get().close();
        });
        loadAndWait(robot, () -> window.loading().load(spec.get()));
        assertEquals(List.of("g1", "g2", "g3"), window.dataProperty().get().train().featureNames());
        String summary = robot.lookup("#summaryLabel").queryAs(Label.class).getText();
        assertTrue(summary.contains("left out 1 column of text (--text-columns drop): 'batch'"), summary);
    }

    @Test
    void aTrainingFileOpenedFromItsPathTakesTheTestFileBesideItAndIsNamedWithItsFolder(FxRobot robot) throws Exception {
        Path fashion = Samples.folder().orElseThrow().resolve("fashion-mnist/train6000-images-idx3-ubyte.gz");
        loadAndWait(robot, () -> window.loading().openWithOptions(fashion));   // without dialogs: what the dialog starts with
        LoadedData d = window.dataProperty().get();
        assertEquals(6000, d.train().rows());
        assertEquals(4000, d.test().rows(), "test4000-images-idx3-ubyte.gz, beside it, is the test set");
        assertEquals("fashion-mnist/train6000-images-idx3-ubyte.gz", d.name(), "MNIST's file has the same name");
        String summary = robot.lookup("#summaryLabel").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("fashion-mnist/\ntrain6000-images-idx3-ubyte.gz\n"), summary);
    }

    @Test
    void anH5adChosenToStayOnDiskTrainsAndShowsItsResults(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path h5ad = tmp.resolve("cells.h5ad");
        org.caeworkbench.data.SparseFiles.writeH5ad(h5ad, org.caeworkbench.data.SparseFiles.counts(600, 200, 3), 600, 200, true);
        AtomicReference<ReaderOptionsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            dialog.set(window.loading().optionsDialog(h5ad));
            dialog.get().show();
        });
        waitFor(30, () -> dialog.get().previewDone());
        AtomicReference<DataSpec> spec = new AtomicReference<>();
        robot.interact(() -> {
            assertEquals(org.caeworkbench.data.Backing.AUTO, dialog.get().backingBox().getValue());
            dialog.get().backingBox().setValue(org.caeworkbench.data.Backing.DISK);
            spec.set(dialog.get().spec(DataSpec.of(h5ad)));
            dialog.get().close();
        });
        assertEquals(org.caeworkbench.data.Backing.DISK, spec.get().read().backing());
        loadAndWait(robot, () -> window.loading().load(spec.get()));
        assertTrue(window.dataProperty().get().train().matrix() instanceof org.caeworkbench.data.BackedMatrix);
        robot.interact(() -> {
            window.viewModel().text(WorkbenchViewModel.Field.K).set("5");
            window.viewModel().text(WorkbenchViewModel.Field.EPOCHS).set("2");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(5, window.resultProperty().get().selected().length);
        assertTrue(window.resultProperty().get().messages().stream().anyMatch(m -> m.startsWith("Training out of core")),
                window.resultProperty().get().messages().toString());
    }

    @Test
    void anH5adWithLayersOffersItsMatricesAndThePreviewShowsTheOneChosen(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path h5ad = Files.copy(Path.of("src/test/resources/data/h5ad/layers-raw.h5ad"), tmp.resolve("pbmc.h5ad"));
        AtomicReference<ReaderOptionsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            dialog.set(window.loading().optionsDialog(h5ad));
            dialog.get().show();
        });
        waitFor(30, () -> dialog.get().previewDone() && dialog.get().matrixBox().isVisible());
        TableView<List<String>> preview = dialog.get().previewTable();
        robot.interact(() -> { });     // a layout pass with the choice shown
        robot.interact(() -> {
            assertEquals(1, dialog.get().previewsAsked(), "filling the choice does not ask for another preview (once it did, in a loop)");
            assertEquals(List.of("X", "counts", "lognorm", ReadOptions.RAW), dialog.get().matrixBox().getItems());
            assertEquals("X", dialog.get().matrixBox().getValue());
            assertEquals("LYZ", preview.getColumns().get(2).getText(), "X: the three variable genes");
            dialog.get().matrixBox().setValue(ReadOptions.RAW);
        });
        waitFor(30, () -> dialog.get().previewDone() && "MS4A1".equals(preview.getColumns().get(2).getText()));
        assertTrue(dialog.get().previewNote().getText().contains("read the raw matrix"), dialog.get().previewNote().getText());
        robot.interact(() -> dialog.get().matrixBox().setValue("counts"));
        waitFor(30, () -> dialog.get().previewDone() && "LYZ".equals(preview.getColumns().get(2).getText()));
        assertEquals("2.5000", preview.getItems().get(0).get(3), "the first cell's NKG7 count, as the layer holds it");
        robot.interact(() -> dialog.get().labelBox().setValue("cell_type"));
        waitFor(30, () -> dialog.get().previewDone() && "label".equals(preview.getColumns().get(1).getText()));
        assertEquals("T", preview.getItems().get(0).get(1), "a label column chosen shows in the preview");
        robot.interact(() -> { });
        assertEquals(4, dialog.get().previewsAsked(), "one preview a choice: X, raw.X, counts, the label column");
        // a column with a cell without a value: the preview says why it is left out, and --unlabelled drop leaves the cell out
        robot.interact(() -> dialog.get().labelBox().setValue("doublet"));
        waitFor(30, () -> dialog.get().previewDone() && dialog.get().previewNote().getText().contains("The label column is left out"));
        assertTrue(dialog.get().previewNote().getText().contains("obs column 'doublet' has no value for cell 5"), dialog.get().previewNote().getText());
        robot.interact(() -> dialog.get().unlabelledBox().setValue(org.caeworkbench.data.Unlabelled.DROP));
        waitFor(30, () -> dialog.get().previewDone() && "label".equals(preview.getColumns().get(1).getText()));
        assertEquals(5, preview.getItems().size(), "the fifth cell left out of the preview too");
        robot.interact(() -> dialog.get().labelBox().setValue("cell_type"));
        waitFor(30, () -> dialog.get().previewDone() && preview.getItems().size() == 6);
        AtomicReference<DataSpec> spec = new AtomicReference<>();
        robot.interact(() -> {
            spec.set(dialog.get().spec(DataSpec.of(h5ad)));
            dialog.get().close();
        });
        assertEquals("counts", spec.get().read().layer());
        loadAndWait(robot, () -> window.loading().load(spec.get()));
        assertEquals(3, window.dataProperty().get().summary().d());
        assertEquals(7.0, window.dataProperty().get().summary().max(), 1e-6, "the counts were read, not X's scaled values");
    }

    @Test
    void theOptionsDialogPreviewsAGctFileWithALabelsFile(FxRobot robot) throws Exception {
        Path samples = Samples.folder().orElseThrow();
        Path gct = samples.resolve("all-leukemia-gct/all_leukemia.gct.gz");
        AtomicReference<ReaderOptionsDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            dialog.set(window.loading().optionsDialog(gct));
            dialog.get().show();
        });
        waitFor(30, () -> dialog.get().previewDone());
        assertTrue(dialog.get().previewNote().getText().startsWith("GCT expression table; one row per feature"),
                dialog.get().previewNote().getText());
        TableView<List<String>> preview = dialog.get().previewTable();
        assertEquals("1005_at", preview.getColumns().get(1).getText());
        robot.interact(() -> dialog.get().labelsFileField().setText(samples.resolve("all-leukemia-gct/labels.csv").toString()));
        waitFor(30, () -> dialog.get().previewDone() && "label".equals(preview.getColumns().get(1).getText()));
        assertEquals("B2", preview.getItems().get(0).get(1));
        robot.interact(() -> {
            dialog.get().topVariableField().setText("500");
            DataSpec spec = dialog.get().spec(DataSpec.of(gct));
            assertEquals(samples.resolve("all-leukemia-gct/labels.csv"), spec.read().labelsFile());
            assertEquals(500, spec.read().keepTopVariable());
            assertEquals(Format.AUTO, spec.read().format());
            dialog.get().labelsFileField().setText("/no/such/labels.csv");
            assertTrue(dialog.get().validate().contains("does not exist"));
            dialog.get().close();
        });
    }

    @Test
    void aBrokenFileShowsOneSentenceNamingFileAndLine(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("broken.gct"), "#1.2\n3\t2\nName\tDescription\tA\tB\ng1\tna\t1\t2\ng2\tna\t3\n");
        robot.interact(() -> window.loading().load(DataSpec.of(bad)));
        waitFor(60, () -> !errors.isEmpty());
        assertEquals(1, errors.size());
        String e = errors.get(0);
        assertTrue(e.startsWith("broken.gct, line 5: expected 4 tab-separated fields"), e);
        assertTrue(!e.contains("Exception") && !e.contains("\n"), e);
        assertEquals(null, window.dataProperty().get());
    }
}
