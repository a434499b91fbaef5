package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Results tab as laid out at the width it gets in a 1280 × 720 window (headless). */
@ExtendWith(ApplicationExtension.class)
class ResultsPanelTest {
    private ResultsPanel panel;

    @BeforeAll
    static void noDialogs() {
        WindowTests.quiet();
    }

    @Start
    void start(Stage stage) {
        panel = new ResultsPanel(new SimpleBooleanProperty(false), new ResultsPanel.Actions(() -> {}, () -> {}, () -> {}, () -> {}, () -> {}));
        // the share of a 1280-wide window the Results tab has, beside the dataset and parameters panels
        stage.setScene(new Scene(panel, 700, 620));
        stage.show();
    }

    private static List<FeatureRow> rows(String prefix, int n) {
        List<FeatureRow> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(new FeatureRow(i + 1, n - 1 - i, 100 + i, prefix + (n - i), 0.99 - i * 0.01, false));
        return r;
    }

    @Test
    void everyColumnHeaderShowsItsWholeTitle(FxRobot robot) {
        robot.interact(() -> panel.rows().setAll(rows("gene_", 10)));
        TableView<?> table = robot.lookup("#resultsTable").queryTableView();
        for (TableColumn<?, ?> c : table.getColumns()) {
            Text t = new Text(c.getText());
            // the title, the header's padding and room for a sort arrow
            assertTrue(c.getWidth() >= t.getLayoutBounds().getWidth() + 20, c.getText() + " is " + c.getWidth() + " wide");
        }
        // and nothing in the header is drawn with an ellipsis
        robot.lookup(".column-header .label").queryAll().forEach(n -> {
            Label l = (Label) n;
            assertFalse(l.getText() != null && l.getText().endsWith("…"), l.getText());
            Text shown = (Text) l.lookup(".text");
            if (shown != null) assertEquals(l.getText(), shown.getText(), "the header reads its whole title");
        });
    }

    @Test
    void newResultsComeInRankOrderWithoutAStaleSortArrow(FxRobot robot) {
        TableView<FeatureRow> table = robot.lookup("#resultsTable").queryTableView();
        robot.interact(() -> {
            panel.rows().setAll(rows("gene_", 10));
            table.getSortOrder().add(table.getColumns().stream().filter(c -> c.getText().equals("Name")).findFirst().orElseThrow()); // the user sorts by name
        });
        assertEquals("gene_1", table.getItems().get(0).name(), "sorted by name");
        robot.interact(() -> panel.rows().setAll(rows("probe_", 12)));
        assertTrue(table.getSortOrder().isEmpty(), "no sort arrow: the rows are in rank order");
        for (int i = 0; i < 12; i++) assertEquals(i + 1, table.getItems().get(i).rank());
    }

    @Test
    void theReconstructionRowsAreNamedInReadableLabels(FxRobot robot) {
        // a grid of 8 images of 84 × 84 pixels in three rows with 4-pixel gaps, as the window draws it
        WritableImage grid = new WritableImage(8 * 88, 3 * 88);
        robot.interact(() -> {
            panel.showImages(true);
            panel.reconstructionGrid(grid, grid);
        });
        List<Label> names = new ArrayList<>();
        robot.lookup("#reconstructionRows .row-name").queryAll().forEach(n -> names.add((Label) n));
        assertEquals(List.of("original", "chosen pixels", "reconstruction"), names.stream().map(Label::getText).toList());
        for (Label l : names) {
            assertTrue(l.isVisible() && l.getHeight() >= 12, l.getText() + " is " + l.getHeight() + " pixels high");
            assertTrue(l.getFont().getSize() >= 11, "a readable font: " + l.getFont().getSize());
        }
    }
}
