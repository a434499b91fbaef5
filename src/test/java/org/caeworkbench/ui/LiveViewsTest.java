package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** A 5 × 3,051 probability matrix: selector i puts 0.9 − 0.1 i on feature 1000 + 7 i, the rest spread evenly. */
    private static TrainingSnapshot wide(int k, int d) {
        float[] p = new float[k * d];
        float[] fm = new float[d];
        int[] sel = new int[k];
        for (int i = 0; i < k; i++) {
            float peak = 0.9f - 0.1f * i;
            java.util.Arrays.fill(p, i * d, (i + 1) * d, (1 - peak) / (d - 1));
            sel[i] = 1000 + 7 * i;
            p[i * d + sel[i]] = peak;
        }
        for (int i = 0; i < k; i++) for (int j = 0; j < d; j++) fm[j] = Math.max(fm[j], p[i * d + j]);
        return new TrainingSnapshot(1, 3, 50, 30, 500, 1, 0.1, 0.1, 0.5, 0, sel, p, fm, null, null, 3, 10, true);
    }

    private static List<String> names(int d) {
        List<String> n = new ArrayList<>();
        for (int j = 0; j < d; j++) n.add("gene_" + j);
        return n;
    }

    @Test
    void theHeatmapOfManyFeaturesZoomsAndShowsTheTopFeaturesOneColumnEach() {
        int k = 5, d = 3051;
        TrainingSnapshot s = wide(k, d);
        // all features: binned, and the axis names the five most probable, largest first
        LiveRenderer.Frame all = LiveRenderer.render(s, null, names(d), false);
        assertEquals(Heatmaps.width(d), all.heat().width());
        assertArrayEquals(new int[] {1000, 1007, 1014, 1021, 1028}, all.leaders());
        // the top-features view: one column per feature, the most probable first, read out by name
        LiveRenderer.Frame top = LiveRenderer.render(s, null, names(d), false, new LiveRenderer.Request(0, 0, HeatmapPane.TOP), r -> {});
        assertEquals(HeatmapPane.TOP, top.heat().width());
        for (int i = 0; i < k; i++) assertEquals(1000 + 7 * i, top.view().feature(i));
        assertTrue(top.readout().at(0, 0).contains("feature 1000 (gene_1000): probability 0.9000"), top.readout().at(0, 0));
        assertTrue(top.readout().at(2, 2).contains("gene_1014"), top.readout().at(2, 2));
        // selector 0's column is bright, selector 1's row there dark
        assertTrue(brightness(top.heat(), 0, 0) > brightness(top.heat(), 0, 1) + 100);
        // a zoomed range: one column per feature of the range
        LiveRenderer.Frame zoomed = LiveRenderer.render(s, null, names(d), false, new LiveRenderer.Request(990, 1010, 0), r -> {});
        assertEquals(20, zoomed.heat().width());
        assertTrue(zoomed.readout().at(10, 0).contains("feature 1000 (gene_1000)"), zoomed.readout().at(10, 0));
        assertTrue(brightness(zoomed.heat(), 10, 0) > brightness(zoomed.heat(), 9, 0) + 100);
    }

    private static int brightness(Heatmaps.Pixels px, int x, int y) {
        int c = px.argb()[y * px.width() + x];
        return (c >> 16 & 255) + (c >> 8 & 255) + (c & 255);
    }

    @Test
    void theWheelZoomsTheFeatureAxisAndTheTopFeaturesBoxAsksForThem(FxRobot robot) {
        int d = 3051;
        List<LiveRenderer.Request> asked = new ArrayList<>();
        TrainingSnapshot s = wide(5, d);
        String[] caption = new String[3];
        boolean[] showAll = new boolean[2];
        robot.interact(() -> {
            HeatmapPane pane = new HeatmapPane();
            // what the renderer does: draw the snapshot again for the request, with the same way back
            List<java.util.function.Consumer<LiveRenderer.Request>> redraw = new ArrayList<>();
            redraw.add(r -> {
                asked.add(r);
                pane.show(LiveRenderer.render(s, null, names(d), false, r, redraw.get(0)));
            });
            pane.show(LiveRenderer.render(s, null, names(d), false, LiveRenderer.Request.ALL, redraw.get(0)));
            caption[0] = ((javafx.scene.control.Label) pane.lookup("#featureAxisCaption")).getText();
            showAll[0] = pane.showAllButton().isDisabled();
            pane.zoom(0.5, 0.1);
            LiveRenderer.Request r = asked.get(asked.size() - 1);
            assertEquals(305, r.to() - r.from(), "a tenth of the features: " + r);
            assertTrue(r.from() <= 1525 && r.to() >= 1525, "about the middle: " + r);
            caption[1] = ((javafx.scene.control.Label) pane.lookup("#featureAxisCaption")).getText();
            showAll[1] = pane.showAllButton().isDisabled();
            for (int i = 0; i < 30; i++) pane.zoom(0.5, 0.5);
            r = asked.get(asked.size() - 1);
            assertEquals(10, r.to() - r.from(), "never closer than ten features: " + r);
            pane.topOnlyBox().setSelected(true);
            assertEquals(HeatmapPane.TOP, asked.get(asked.size() - 1).top());
            caption[2] = ((javafx.scene.control.Label) pane.lookup("#featureAxisCaption")).getText();
            assertEquals(HeatmapPane.TOP, pane.shownView().count());
        });
        assertTrue(showAll[0], "nothing to undo before a zoom");
        assertTrue(!showAll[1], "Show all undoes a zoom");
        assertTrue(caption[0].startsWith("Feature index"), caption[0]);
        assertTrue(caption[1].matches("Features \\d+–\\d+ of 3051 .*"), caption[1]);
        assertTrue(caption[2].startsWith("The 40 features of largest probability"), caption[2]);
    }

    @Test
    void theParameterNamesAreShownWholeAtTheWidthOfTheWindowsSidePanel(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        List<String> choices = new ArrayList<>();
        robot.interact(() -> {
            ParametersPanel pp = new ParametersPanel(new WorkbenchViewModel(), () -> {}, () -> {});
            Stage s = new Stage();
            // the width the window gives the panel at 1280 × 720
            s.setScene(new javafx.scene.Scene(pp, pp.getPrefWidth(), 620));
            s.show();
            pp.applyCss();
            pp.layout();
            for (javafx.scene.Node n : pp.lookupAll(".label")) {
                javafx.scene.control.Label l = (javafx.scene.control.Label) n;
                javafx.scene.text.Text shown = (javafx.scene.text.Text) l.lookup(".text");
                if (l.getText() != null && !l.getText().isEmpty() && shown != null && !l.getText().equals(shown.getText()))
                    cut.add(l.getText() + " shown as " + shown.getText());
            }
            for (String id : new String[] {"#field-" + org.caeworkbench.core.Settings.SCHEDULE.key(), "#field-" + org.caeworkbench.core.Settings.ANNEAL.key()}) {
                @SuppressWarnings("unchecked")
                javafx.scene.control.ComboBox<Object> box = (javafx.scene.control.ComboBox<Object>) pp.lookup(id);
                choices.add(box.getConverter().toString(box.getValue()));
            }
            s.close();
        });
        assertTrue(cut.isEmpty(), "labels cut: " + cut);
        assertEquals(List.of("exponential", "step"), choices);
    }
}
