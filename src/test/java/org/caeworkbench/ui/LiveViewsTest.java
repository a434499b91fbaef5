package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.stage.Stage;
import org.caeworkbench.core.TrainingSnapshot;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The training and parameter panels' charts and the live heatmap's axes, zoom and top-features view (headless). */
@ExtendWith(ApplicationExtension.class)
class LiveViewsTest {

    @BeforeAll
    static void noDialogs() {
        WindowTests.quiet();
    }

    @Start
    void start(Stage stage) {
        stage.show();
    }

    /** An epoch end with the given loss and temperature. */
    private static TrainingSnapshot epoch(int e, double loss, double t) {
        return new TrainingSnapshot(1, e, 50, e * 10L, 500, t, loss, loss * 1.05, 0.5, 0,
                new int[] {0}, null, null, null, null, e, 10, true);
    }

    /** The tick labels of a chart's range axis as drawn at width by height pixels. */
    private static List<String> tickLabels(JFreeChart chart, ValueAxis axis, int width, int height) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        java.awt.image.BufferedImage img = chart.createBufferedImage(width, height, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        List<String> labels = new ArrayList<>();
        for (Object o : axis.refreshTicks(img.createGraphics(), new AxisState(), area, RectangleEdge.LEFT)) {
            ValueTick t = (ValueTick) o;
            if (t.getText() != null) labels.add(t.getText());
            else if (t instanceof LogTick lt && lt.getAttributedLabel() != null) {
                var it = lt.getAttributedLabel().getIterator();
                StringBuilder b = new StringBuilder();
                for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) b.append(c);
                // JFreeChart writes the exponent as superscript text after the base
                labels.add(b.toString().replaceFirst("^10", "10^"));
            }
        }
        return labels;
    }

    @Test
    void logAxesReadAsPlainNumbersOnRoundValues(FxRobot robot) {
        List<String> loss = new ArrayList<>();
        List<String> temperature = new ArrayList<>();
        List<String> preview = new ArrayList<>();
        robot.interact(() -> {
            TrainingPanel p = new TrainingPanel(new SimpleBooleanProperty(false));
            // MNIST-like losses (0.07 to 0.095, less than a decade) and T falling from 10 to 0.01
            for (int e = 1; e <= 50; e++) p.addEpochEnd(epoch(e, 0.07 + 0.025 * Math.exp(-e / 8.0), 10 * Math.pow(1e-3, (e - 1) / 49.0)));
            p.fireChanged();
            JFreeChart lc = p.charts().get(0);
            JFreeChart tc = p.charts().get(1);
            loss.addAll(tickLabels(lc, lc.getXYPlot().getRangeAxis(), 420, 290));
            temperature.addAll(tickLabels(tc, tc.getXYPlot().getRangeAxis(), 420, 290));
            ParametersPanel pp = new ParametersPanel(new WorkbenchViewModel(), () -> {}, () -> {});
            JFreeChart pc = pp.previewChart();
            preview.addAll(tickLabels(pc, pc.getXYPlot().getRangeAxis(), 250, 170));
        });
        for (List<String> labels : List.of(loss, temperature, preview)) {
            assertTrue(labels.size() >= 2, "at least two ticks: " + labels);
            for (String l : labels) assertTrue(l.matches("[0-9]+(\\.[0-9]+)?"), "a plain number: " + l + " in " + labels);
        }
        // less than a decade: round values inside the data's range
        for (String l : loss) assertTrue(Double.parseDouble(l) >= 0.06 && Double.parseDouble(l) <= 0.1, l);
        assertTrue(loss.contains("0.08") || loss.contains("0.07") || loss.contains("0.09"), "round losses: " + loss);
        assertTrue(temperature.containsAll(List.of("0.01", "0.1", "1", "10")), "decades of T: " + temperature);
        assertTrue(preview.contains("1"), "the preview's decades: " + preview);
    }
}
