package org.caeworkbench.ui;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis whose ticks sit on readable values (0.01, 0.02, 0.05, 0.1, 1, 10, ...) and read as
 * plain numbers, where JFreeChart's own puts ticks at fractional powers and labels them "10^-1.15".
 */
final class PlainLogAxis extends LogAxis {
    private static final int[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 5}, {1, 3}, {1}};

    PlainLogAxis(String label) {
        super(label);
    }

    @Override
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        int most = Math.max(2, (int) ((horizontal ? dataArea.getWidth() / 60 : dataArea.getHeight() / 28)));
        TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        List<NumberTick> ticks = new ArrayList<>();
        for (double v : tickValues(getLowerBound(), getUpperBound(), most))
            ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, TextAnchor.CENTER, 0));
        return ticks;
    }

    /**
     * At most {@code most} tick values in [lo, hi]: the densest of 1-9, 1-2-5, 1-3 or 1 per decade that fits,
     * every n-th decade for wide ranges, and evenly spaced round values within a narrow one.
     */
    static List<Double> tickValues(double lo, double hi, int most) {
        if (!(lo > 0) || !(hi > lo)) return List.of();
        for (int[] mantissas : MANTISSAS) {
            List<Double> v = decades(lo, hi, mantissas, 1);
            if (v.size() < 2) break;
            if (v.size() <= most) return v;
        }
        List<Double> ones = decades(lo, hi, MANTISSAS[MANTISSAS.length - 1], 1);
        if (ones.size() > most) return decades(lo, hi, MANTISSAS[MANTISSAS.length - 1], (ones.size() + most - 1) / most);
        double step = new NumberTickUnitSource(false).getCeilingTickUnit((hi - lo) / most).getSize();
        List<Double> v = new ArrayList<>();
        for (long i = (long) Math.ceil(lo / step); i * step <= hi; i++) v.add(round(i * step));
        return v;
    }

    private static List<Double> decades(double lo, double hi, int[] mantissas, int every) {
        List<Double> v = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        for (int e = first; e <= last; e++) {
            if (Math.floorMod(e, every) != 0) continue;
            for (int m : mantissas) {
                double x = round(m * Math.pow(10, e));
                if (x >= lo && x <= hi) v.add(x);
            }
        }
        return v;
    }

    private static double round(double v) {
        return new BigDecimal(v).round(new MathContext(6)).doubleValue();
    }

    /** A value as a plain number: 0.05, 1, 2000 (no exponent). */
    static String label(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
