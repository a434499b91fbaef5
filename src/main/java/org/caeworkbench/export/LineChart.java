package org.caeworkbench.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.eval.GivenPanel;

/** A line chart of the test MSE against k, one line per method, drawn with Java2D. */
public final class LineChart {
    private static final Color[] PALETTE = {new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x9E, 0x73),
            new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x00, 0x72, 0xB2), new Color(0x99, 0x99, 0x33),
            new Color(0x88, 0x22, 0x55)};

    private LineChart() {}

    /** One line per method (in order of first appearance) through its (k, linear MSE) points. */
    public static BufferedImage mseAgainstK(List<Comparison.Row> rows, String title) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Comparison.Row r : rows) {
            if (Double.isNaN(r.linearMse())) continue;
            series.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(new double[] {r.k(), r.linearMse()});
        }
        for (List<double[]> pts : series.values()) pts.sort((a, b) -> Double.compare(a[0], b[0]));
        // a panel the user brought is one point: drawn last, over the lines that pass through it
        Map<String, List<double[]>> ordered = new LinkedHashMap<>();
        series.forEach((m, pts) -> { if (!m.startsWith(GivenPanel.PREFIX)) ordered.put(m, pts); });
        series.forEach((m, pts) -> { if (m.startsWith(GivenPanel.PREFIX)) ordered.put(m, pts); });
        series = ordered;
        double kMin = Double.POSITIVE_INFINITY, kMax = Double.NEGATIVE_INFINITY, yMax = 0;
        for (List<double[]> pts : series.values())
            for (double[] p : pts) {
                kMin = Math.min(kMin, p[0]);
                kMax = Math.max(kMax, p[0]);
                yMax = Math.max(yMax, p[1]);
            }
        if (series.isEmpty()) { kMin = 0; kMax = 1; yMax = 1; }
        if (kMax == kMin) { kMin -= 1; kMax += 1; }
        if (!(yMax > 0)) yMax = 1;
        yMax = niceCeil(yMax * 1.05);

        int h = 520, left = 80, top = 50, bottom = 60;
        // the legend's column as wide as its longest name (a panel's file name can be long)
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        probe.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legend = series.keySet().stream().mapToInt(probe.getFontMetrics()::stringWidth).max().orElse(0);
        probe.dispose();
        int right = Math.max(200, legend + 60), w = 620 + right;
        int pw = w - left - right, ph = h - top - bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, left, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        // grid and y ticks
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            int y = top + ph - (int) Math.round(ph * v / yMax);
            g.setColor(new Color(0xE4, 0xE4, 0xE4));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.DARK_GRAY);
            String s = String.format(Locale.ROOT, "%.4f", v);
            g.drawString(s, left - 8 - fm.stringWidth(s), y + 4);
        }
        // x ticks at the k values present
        java.util.TreeSet<Double> ks = new java.util.TreeSet<>();
        for (List<double[]> pts : series.values()) for (double[] p : pts) ks.add(p[0]);
        for (double k : ks) {
            int x = left + (int) Math.round(pw * (k - kMin) / (kMax - kMin));
            g.setColor(new Color(0xE4, 0xE4, 0xE4));
            g.drawLine(x, top, x, top + ph);
            g.setColor(Color.DARK_GRAY);
            String s = Integer.toString((int) k);
            g.drawString(s, x - fm.stringWidth(s) / 2, top + ph + 18);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, pw, ph);
        g.drawString("k (features selected)", left + pw / 2 - 60, h - 18);
        Graphics2D gr = (Graphics2D) g.create();
        gr.rotate(-Math.PI / 2);
        gr.drawString("test MSE (linear reconstruction)", -(top + ph / 2 + 95), 18);
        gr.dispose();
        // lines and legend
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            Color c = PALETTE[i % PALETTE.length];
            boolean bound = e.getKey().equals(Comparison.PCA);
            boolean given = e.getKey().startsWith(GivenPanel.PREFIX);   // a panel the user brought: one point, a diamond
            g.setColor(bound ? Color.GRAY : c);
            g.setStroke(bound ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.2f));
            Path2D path = new Path2D.Double();
            boolean first = true;
            for (double[] p : e.getValue()) {
                double x = left + pw * (p[0] - kMin) / (kMax - kMin);
                double y = top + ph - ph * p[1] / yMax;
                if (first) path.moveTo(x, y); else path.lineTo(x, y);
                first = false;
                if (given) g.fillPolygon(new int[] {(int) x, (int) x + 7, (int) x, (int) x - 7}, new int[] {(int) y - 7, (int) y, (int) y + 7, (int) y}, 4);
                else g.fillOval((int) Math.round(x) - 3, (int) Math.round(y) - 3, 7, 7);
            }
            g.draw(path);
            int ly = top + 14 + 20 * i;
            int lx = left + pw + 28;
            if (given) g.fillPolygon(new int[] {lx, lx + 6, lx, lx - 6}, new int[] {ly - 10, ly - 4, ly + 2, ly - 4}, 4);
            else g.drawLine(left + pw + 16, ly - 4, left + pw + 40, ly - 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(e.getKey(), left + pw + 46, ly);
            i++;
        }
        g.dispose();
        return img;
    }

    /** 1, 2 or 5 times a power of ten, at least v. */
    static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }
}
