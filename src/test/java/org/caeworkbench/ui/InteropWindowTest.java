package org.caeworkbench.ui;

import static org.caeworkbench.ui.WindowTests.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.Dl4jImputer;
import org.caeworkbench.export.FeatureTable;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Export menu's interop items (docs/interop.md): the feature table, the annotated .h5ad copy and the Deeplearning4j imputer. */
@ExtendWith(ApplicationExtension.class)
class InteropWindowTest {
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

    private MenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private void trainOn(FxRobot robot, Path data) throws Exception {
        robot.interact(() -> window.loading().load(DataSpec.of(data)));
        waitFor(60, () -> window.dataProperty().get() != null && !window.viewModel().loadingProperty().get());
        robot.interact(() -> {
            window.viewModel().text(Field.K).set("2");
            window.viewModel().text(Field.EPOCHS).set("2");
            window.viewModel().convergenceProperty().set(false);
        });
        robot.clickOn("#trainButton");
        waitFor(120, () -> window.resultProperty().get() != null && window.metricsDoneProperty().get());
    }

    @Test
    void anH5adResultExportsTheAnnotatedCopyTheTableAndTheImputer(FxRobot robot, @TempDir Path tmp) throws Exception {
        assertTrue(item(robot, "exportH5adItem").isDisable(), "nothing to export before a result");
        Path input = Path.of("src/test/resources/data/h5ad/csr.h5ad");
        trainOn(robot, input);
        assertFalse(item(robot, "exportH5adItem").isDisable(), "offered for an .h5ad input");
        assertFalse(item(robot, "exportDl4jItem").isDisable());

        Path h5ad = tmp.resolve("csr.cae.h5ad");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportAnnotatedH5ad(h5ad, done)));
        Dataset original = DatasetReader.read(input, ReadOptions.defaults());
        Dataset copy = DatasetReader.read(h5ad, ReadOptions.defaults());
        assertTrue(java.util.Arrays.equals(original.values(), copy.values()) && original.featureNames().equals(copy.featureNames()));
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(h5ad)) {
            int[] rank = (int[]) h.getDatasetByPath("var/cae_rank").getData();
            long distinct = java.util.Arrays.stream(window.resultProperty().get().selected()).distinct().count();
            assertEquals(distinct, java.util.Arrays.stream(rank).filter(r -> r > 0).count(), "the panel is marked in var");
        }

        Path tsv = tmp.resolve("features.tsv");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportFeatureTable(tsv, done)));
        assertEquals(1 + original.cols(), Files.readAllLines(tsv).size());
        assertTrue(Files.readAllLines(tsv).get(0).contains("cae_selected\tcae_rank\tcae_probability"));

        Path zip = tmp.resolve("imputer.zip");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportDl4j(zip, done)));
        assertTrue(Dl4jImputer.entry(zip, "README.txt").contains("MultiLayerNetwork"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theAnnotatedCopyIsOffOtherwiseAndSymbolsShowBesideEnsemblIds(FxRobot robot, @TempDir Path tmp) throws Exception {
        // a small 10x folder whose features are Ensembl ids with symbols
        Path tenx = tmp.resolve("tenx");
        Files.createDirectories(tenx);
        StringBuilder features = new StringBuilder();
        StringBuilder matrix = new StringBuilder("%%MatrixMarket matrix coordinate integer general\n6 12 72\n");
        java.util.Random rng = new java.util.Random(3);
        for (int g = 0; g < 6; g++) features.append(String.format("ENSG%011d\tGENE%d\tGene Expression%n", g + 1, g + 1));
        for (int g = 0; g < 6; g++) for (int c = 0; c < 12; c++) matrix.append(g + 1).append(' ').append(c + 1).append(' ').append(1 + rng.nextInt(50)).append('\n');
        StringBuilder barcodes = new StringBuilder();
        for (int c = 0; c < 12; c++) barcodes.append("CELL").append(c + 1).append('\n');
        Files.writeString(tenx.resolve("features.tsv"), features);
        Files.writeString(tenx.resolve("matrix.mtx"), matrix);
        Files.writeString(tenx.resolve("barcodes.tsv"), barcodes);
        trainOn(robot, tenx);
        assertTrue(item(robot, "exportH5adItem").isDisable(), "only an .h5ad input has an annotated copy");
        assertFalse(item(robot, "exportFeatureTableItem").isDisable());
        var table = robot.lookup("#resultsTable").queryTableView();
        assertTrue(table.getColumns().stream().anyMatch(c -> "symbolColumn".equals(c.getId()) && c.isVisible()), "the Symbol column is shown");
        for (Object o : table.getItems()) {
            FeatureRow row = (FeatureRow) o;
            assertTrue(row.symbol() != null && row.symbol().startsWith("GENE"), row.toString());
        }
        Path tsv = tmp.resolve("f.tsv");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportFeatureTable(tsv, done)));
        assertEquals("index\tname\tgene_id\tgene_symbol\tcae_selected\tcae_rank\tcae_probability", Files.readAllLines(tsv).get(0));
        Path csv = tmp.resolve("selected.csv");
        assertEquals("ok", WindowTests.export(robot, done -> window.exports().exportSelected(csv, done)));
        assertTrue(Files.readAllLines(csv).get(0).endsWith(",gene_id,gene_symbol"));
    }
}
