package org.caeworkbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page describing a run, made only from the files in its
 * folder (config.json, summary.json, metrics.json, selected_features.csv, history.csv, stability.csv and
 * the image previews), so it can be remade at any time ({@code cae report RUN_DIR}) and always agrees
 * with the files beside it. Charts are inline SVG; images are linked by relative name.
 */
public final class RunReport {
    public static final String FILE = "report.html";

    private RunReport() {}

    /** Writes (or rewrites) {@code dir/report.html}, atomically. */
    public static void write(Path dir) throws IOException {
        write(dir, dir.toAbsolutePath().normalize().getFileName().toString());
    }

    /**
     * The report's snippet in {@code language} ("python" or "r") for the run in {@code dir}: code that opens the run's
     * data and keeps its panel, as the page's section "Use this panel elsewhere" shows it.
     *
     * @throws IOException when {@code dir} is not a run folder or its run has no panel to offer
     */
    public static String snippet(Path dir, String language) throws IOException {
        String lang = language.toLowerCase(java.util.Locale.ROOT);
        if (!lang.equals("python") && !lang.equals("r"))
            throw new IllegalArgumentException("--snippet must be python or r (got '" + language + "').");
        JsonNode config = readJson(dir.resolve(RunDirectory.CONFIG));
        if (config == null) throw new IOException(dir + " is not a run folder (it has no " + RunDirectory.CONFIG + ").");
        Path abs = dir.toAbsolutePath().normalize();
        UseElsewhere.Snippets s = UseElsewhere.of(dir, abs.getFileName() == null ? abs.toString() : abs.getFileName().toString(), config);
        if (s == null) throw new IOException(dir + " has no panel to take elsewhere (its model or " + FeatureTable.FILE + " is missing).");
        return lang.equals("python") ? s.python() : s.r();
    }

    /** As {@link #write(Path)}, titled with {@code name} (a run being written lives in a temporary folder). */
    static void write(Path dir, String name) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), html(dir, name));
    }

    /** The page for the run in {@code dir}. */
    static String html(Path dir, String name) throws IOException {
        JsonNode config = readJson(dir.resolve(RunDirectory.CONFIG));
        if (config == null) throw new IOException(dir + " is not a run folder (it has no " + RunDirectory.CONFIG + ").");
        JsonNode summary = readJson(dir.resolve(RunDirectory.SUMMARY));
        JsonNode metrics = readJson(dir.resolve(RunDirectory.METRICS));
        List<List<String>> selected = Csv.read(dir.resolve(RunDirectory.SELECTED));
        List<List<String>> history = Csv.read(dir.resolve(RunDirectory.HISTORY));
        List<List<String>> stability = Csv.read(dir.resolve(StabilityCsv.FILE));

        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>CAE Workbench run: ")
                .append(esc(name)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}\n")
                .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left}\n")
                .append("th{background:#f4f6f8}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("code,pre{background:#f4f6f8;padding:.1em .3em;border-radius:3px}pre{padding:.6em;white-space:pre-wrap;word-break:break-all}\n")
                .append(".muted{color:#777}.warn{color:#a40}.alert{background:#fff4ce;border:1px solid #e0c060;padding:.3em 1em;margin:1em 0}.charts{display:flex;flex-wrap:wrap;gap:1em}figure{display:inline-block;margin:0 1.5em 1em 0;vertical-align:top;max-width:100%}figcaption{font-size:.9em;color:#555;max-width:420px}img{image-rendering:pixelated;border:1px solid #ddd}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Concrete Autoencoder run: ").append(esc(name)).append("</h1>\n<p class=\"muted\">")
                .append(esc(config.path("program").asText("CAE Workbench"))).append(' ')
                .append(esc(config.path("version").asText(""))).append(". This page is made from the files in the run folder.</p>\n");

        warningsSection(h, summary, metrics);
        summarySection(h, summary, selected);
        dataSection(h, config.path("data"));
        metricsSection(h, metrics);
        chartsSection(h, history);
        imagesSection(h, dir);
        selectedSection(h, selected);
        stabilitySection(h, stability);
        UseElsewhere.section(h, dir, name, config);
        settingsSection(h, config);

        h.append("<h2>Method</h2>\n<p>Features are chosen by a Concrete Autoencoder (Bal\u0131n, Abid and Zou, ")
                .append("\u201cConcrete Autoencoders: Differentiable Feature Selection and Reconstruction\u201d, ICML 2019): ")
                .append("k selector neurons each learn a distribution over the features, annealed from soft to one-hot, ")
                .append("while a decoder learns to rebuild every feature from the k chosen ones.</p>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The panel checks (eval.PanelCheck) of training and evaluation, first on the page: a useless panel must not read as a success. */
    private static void warningsSection(StringBuilder h, JsonNode summary, JsonNode metrics) {
        java.util.LinkedHashSet<String> warnings = new java.util.LinkedHashSet<>();
        for (JsonNode node : new JsonNode[] {metrics, summary})
            if (node != null) for (JsonNode w : node.path("warnings")) warnings.add(w.asText());
        if (warnings.isEmpty()) return;
        h.append("<div class=\"alert\"><b>Check this panel before using it.</b>\n");
        for (String w : warnings) h.append("<p>").append(esc(w)).append("</p>\n");
        h.append("</div>\n");
    }

    private static void summarySection(StringBuilder h, JsonNode s, List<List<String>> selected) {
        h.append("<h2>Result</h2>\n");
        if (s == null) {
            h.append("<p class=\"muted\">No summary.json.</p>\n");
            return;
        }
        int k = s.path("k").asInt();
        int distinct = s.path("distinct_features").asInt();
        h.append("<table>\n");
        row(h, "status", s.path("status").asText());
        String objective = s.path("objective").asText("reconstruct");
        row(h, "objective", switch (objective) {
            case "reconstruct" -> "reconstruct (the paper's: the panel that best reconstructs every feature)";
            case "classify" -> "classify (the panel that best predicts the labels; the decoder still learns to reconstruct from it)";
            default -> objective + " (reconstruction and classification, each relative to predicting the mean)";
        });
        if (s.path("classifier_head_accuracy").isNumber())
            row(h, "classifier head's test accuracy", fmt(s.path("classifier_head_accuracy").asDouble()) + " ("
                    + s.path("classifier_head_classes").asInt() + " classes; Extra-Trees on the same panel: see the metrics)");
        int fixed = s.path("fixed").asInt(0);
        if (fixed > 0) {
            int panel = s.path("panel_size").asInt(fixed + k);
            row(h, "panel", panel + " features: " + fixed + " kept (--keep) and k = " + k + " learned beside them"
                    + (distinct < panel ? ", " + distinct + " distinct (some selectors chose the same feature)" : ""));
            row(h, "kept features", names(s.path("fixed_features")));
            row(h, "learned features", names(s.path("learned_features")));
        } else {
            row(h, "selected features", distinct + " distinct of k = " + k + (distinct < k ? " (some selectors chose the same feature)" : ""));
        }
        if (s.path("excluded").asInt(0) > 0) row(h, "excluded features", s.path("excluded").asInt() + " never selectable (--exclude)");
        if (s.path("filled_features").size() > 0)
            row(h, "filled slots", names(s.path("filled_features")) + " (given to selectors that had ended on another's feature;"
                    + " --fill-duplicates)");
        row(h, "mean of the selectors' largest probability", fmt(s.path("mean_max_probability").asDouble()));
        row(h, "training", s.path("epochs").asInt() + " epoch(s) in try " + s.path("tries").asInt() + ", "
                + String.format(Locale.ROOT, "%.1f s", s.path("seconds").asDouble()));
        h.append("</table>\n");
        for (JsonNode m : s.path("messages")) h.append("<p class=\"warn\">").append(esc(m.asText())).append("</p>\n");
        if (selected != null && selected.size() > 1) {
            StringBuilder names = new StringBuilder();
            int shown = 0;
            // genes named by id (an .h5ad indexed by Ensembl id): each with its symbol, as cae train prints them
            int id = selected.get(0).indexOf("gene_id"), symbol = selected.get(0).indexOf("gene_symbol");
            for (List<String> r : selected.subList(1, selected.size())) {
                if (r.size() < 4) continue;
                if (shown == 20) {
                    names.append(", \u2026");
                    break;
                }
                names.append(shown++ == 0 ? "" : ", ").append(r.get(3));
                if (id >= 0 && symbol >= 0 && symbol < r.size() && r.get(3).equals(r.get(id)) && !r.get(symbol).isEmpty())
                    names.append(" (").append(r.get(symbol)).append(')');
            }
            h.append("<p>Most firmly chosen first: <b>").append(esc(names.toString())).append("</b></p>\n");
        }
    }

    private static String names(JsonNode list) {
        List<String> n = new java.util.ArrayList<>();
        list.forEach(e -> n.add(e.asText()));
        return n.size() <= 30 ? String.join(", ", n) : String.join(", ", n.subList(0, 30)) + ", \u2026 (" + (n.size() - 30) + " more)";
    }

    private static void dataSection(StringBuilder h, JsonNode d) {
        h.append("<h2>Data</h2>\n<table>\n");
        row(h, "file", d.path("file").asText());
        if (!d.path("test_file").isNull() && d.has("test_file")) row(h, "test file", d.path("test_file").asText());
        else if (!d.path("split_file").isNull() && d.has("split_file")) row(h, "split file", d.path("split_file").asText());
        else row(h, "test rows", "a random " + Math.round(100 * d.path("test_fraction").asDouble(0.2)) + "% (seed " + d.path("split_seed").asText() + ")");
        Iterator<Map.Entry<String, JsonNode>> it = d.fields();
        while (it.hasNext()) {
            var e = it.next();
            String key = e.getKey();
            if (List.of("file", "test_file", "split_file", "test_fraction", "split_seed").contains(key)) continue;
            if (e.getValue().isNull()) continue;
            row(h, key.replace('_', ' '), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        h.append("</table>\n");
    }

    private static void metricsSection(StringBuilder h, JsonNode m) {
        h.append("<h2>Metrics on the test rows</h2>\n");
        if (m == null) {
            h.append("<p class=\"muted\">Not evaluated yet: <code>cae eval RUN_DIR</code> (or Results in the window) writes metrics.json.</p>\n");
            return;
        }
        h.append("<table>\n");
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("warnings")) continue;
            String text = v.isNumber() ? fmt(v.asDouble()) : v.isValueNode() ? v.asText() : v.toString();
            row(h, e.getKey().replace('_', ' '), text);
        }
        h.append("</table>\n<p class=\"muted\">linear MSE: least-squares reconstruction of every feature from the selected ones, ")
                .append("fitted on the training rows; accuracy: Extra-Trees (50 trees) on the selected features.</p>\n");
    }

    private static void chartsSection(StringBuilder h, List<List<String>> history) {
        if (history == null || history.size() < 2) return;
        List<String> head = history.get(0);
        int cStep = head.indexOf("step"), cTrain = head.indexOf("train_loss"), cVal = head.indexOf("val_loss");
        int cTemp = head.indexOf("temperature"), cMax = head.indexOf("mean_max_prob");
        List<double[]> train = new ArrayList<>(), val = new ArrayList<>(), temp = new ArrayList<>(), max = new ArrayList<>();
        double offset = 0, lastStep = 0;
        int lastTry = -1;
        int cTry = head.indexOf("try");
        for (List<String> r : history.subList(1, history.size())) {
            if (r.size() != head.size()) continue;
            int tryNo = cTry >= 0 ? (int) num(r.get(cTry)) : 1;
            if (lastTry >= 0 && tryNo != lastTry) offset = lastStep;   // later tries continue the x axis
            lastTry = tryNo;
            double x = num(r.get(cStep)) + offset;
            lastStep = x;
            add(train, x, num(r.get(cTrain)));
            add(val, x, num(r.get(cVal)));
            add(temp, x, num(r.get(cTemp)));
            add(max, x, num(r.get(cMax)));
        }
        h.append("<h2>Training</h2>\n<div class=\"charts\">\n");
        h.append(Svg.chart("Loss (MSE, log scale)", true, List.of(train, val), List.of("#1f77b4", "#ff7f0e"), List.of("train", "validation")));
        h.append(Svg.chart("Temperature (log scale)", true, List.of(temp), List.of("#d62728"), List.of("T")));
        h.append(Svg.chart("Mean of the largest selector probability", false, List.of(max), List.of("#2ca02c"), List.of("mean-max")));
        h.append("</div>\n<p class=\"muted\">x axis: training steps, over all tries.</p>\n");
    }

    private static void imagesSection(StringBuilder h, Path dir) {
        List<String[]> images = new ArrayList<>();
        if (Files.exists(dir.resolve(ImagePreviews.MASK))) images.add(new String[] {ImagePreviews.MASK, "selected pixels"});
        if (Files.exists(dir.resolve(ImagePreviews.PROBABILITY_MAP)))
            images.add(new String[] {ImagePreviews.PROBABILITY_MAP, "selector probabilities"});
        if (Files.exists(dir.resolve(ImagePreviews.RECONSTRUCTIONS)))
            images.add(new String[] {ImagePreviews.RECONSTRUCTIONS, "test images (top) and their reconstructions from the selected pixels (bottom)"});
        if (images.isEmpty()) return;
        h.append("<h2>Images</h2>\n<div>\n");
        for (String[] im : images) {
            h.append("<figure><img src=\"").append(esc(im[0])).append("\" alt=\"").append(esc(im[1])).append("\"><figcaption>")
                    .append(esc(im[1])).append("</figcaption></figure>\n");
        }
        h.append("</div>\n");
    }

    private static void selectedSection(StringBuilder h, List<List<String>> selected) {
        if (selected == null || selected.size() < 2) return;
        h.append("<h2>Selected features</h2>\n<p class=\"muted\">Also in selected_features.csv. probability: how firmly the selector chose its feature.</p>\n");
        table(h, selected, 1000);
    }

    private static void stabilitySection(StringBuilder h, List<List<String>> stability) {
        if (stability == null || stability.size() < 2) return;
        h.append("<h2>Stability across seeds</h2>\n<p class=\"muted\">How often each feature was chosen when training with several seeds ")
                .append("(stability.csv). A feature chosen in every run is robust; one chosen once may be luck.</p>\n");
        table(h, stability, 100);
    }

    private static void settingsSection(StringBuilder h, JsonNode config) {
        h.append("<h2>Settings</h2>\n<table>\n");
        Iterator<Map.Entry<String, JsonNode>> it = config.path("training").fields();
        while (it.hasNext()) {
            var e = it.next();
            row(h, e.getKey().replace('_', ' '), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        h.append("</table>\n");
        String cmd = config.path("command_line").asText("");
        if (!cmd.isBlank()) h.append("<p>To repeat this run:</p>\n<pre>").append(esc(cmd)).append("</pre>\n");
    }

    private static void table(StringBuilder h, List<List<String>> rows, int limit) {
        h.append("<table>\n<tr>");
        for (String c : rows.get(0)) h.append("<th>").append(esc(c.replace('_', ' '))).append("</th>");
        h.append("</tr>\n");
        int shown = 0;
        for (List<String> r : rows.subList(1, rows.size())) {
            if (shown++ == limit) {
                h.append("<tr><td colspan=\"").append(rows.get(0).size()).append("\" class=\"muted\">")
                        .append(rows.size() - 1 - limit).append(" more rows in the CSV file</td></tr>\n");
                break;
            }
            h.append("<tr>");
            for (String c : r) h.append(isNumber(c) ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void add(List<double[]> series, double x, double y) {
        if (Double.isFinite(x) && Double.isFinite(y)) series.add(new double[] {x, y});
    }

    private static double num(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && Double.isFinite(num(s));
    }

    /** A figure as people read it: whole numbers plain, others to four decimals or significant digits. */
    public static String fmt(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return Long.toString((long) v);
        double a = Math.abs(v);
        return a >= 0.01 && a < 1e5 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        try {
            return RunConfig.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is damaged: " + e.getOriginalMessage());
        }
    }

    /** Small inline SVG line charts. */
    static final class Svg {
        private static final int W = 310, H = 200, L = 52, R = 10, T = 26, B = 28;

        static String chart(String title, boolean log, List<List<double[]>> series, List<String> colours, List<String> labels) {
            double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
            for (List<double[]> s : series) {
                for (double[] p : s) {
                    double y = log ? Math.log10(p[1]) : p[1];
                    if (log && !(p[1] > 0)) continue;
                    x0 = Math.min(x0, p[0]);
                    x1 = Math.max(x1, p[0]);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
            StringBuilder s = new StringBuilder();
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                    .append("\" font-family=\"sans-serif\" font-size=\"11\">");
            s.append("<text x=\"").append(W / 2).append("\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">").append(esc(title)).append("</text>");
            if (!(x1 >= x0) || !(y1 >= y0)) return s.append("<text x=\"60\" y=\"100\">no data</text></svg>\n").toString();
            if (x1 == x0) x1 = x0 + 1;
            if (y1 - y0 < 1e-12) {
                y0 -= 0.5;
                y1 += 0.5;
            }
            double pad = (y1 - y0) * 0.05;
            y0 -= pad;
            y1 += pad;
            s.append("<rect x=\"").append(L).append("\" y=\"").append(T).append("\" width=\"").append(W - L - R)
                    .append("\" height=\"").append(H - T - B).append("\" fill=\"none\" stroke=\"#bbb\"/>");
            for (int i = 0; i <= 2; i++) {
                double yv = y0 + (y1 - y0) * i / 2;
                double py = py(yv, y0, y1);
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", L - 4, py + 4,
                        esc(axisLabel(log ? Math.pow(10, yv) : yv))));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", L, H - 10, esc(axisLabel(x0))));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", W - R, H - 10, esc(axisLabel(x1))));
            for (int i = 0; i < series.size(); i++) {
                List<double[]> pts = series.get(i);
                if (pts.isEmpty()) continue;
                StringBuilder path = new StringBuilder();
                int step = Math.max(1, pts.size() / 600);   // at most ~600 points per line
                for (int j = 0; j < pts.size(); j += step) {
                    double[] p = pts.get(j);
                    if (log && !(p[1] > 0)) continue;
                    double y = log ? Math.log10(p[1]) : p[1];
                    path.append(path.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", px(p[0], x0, x1), py(y, y0, y1)));
                }
                s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colours.get(i)).append("\" stroke-width=\"1.5\"/>");
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", L + 6 + 80 * i, T + 14, colours.get(i),
                        esc(labels.get(i))));
            }
            return s.append("</svg>\n").toString();
        }

        private static double px(double x, double x0, double x1) {
            return L + (x - x0) / (x1 - x0) * (W - L - R);
        }

        private static double py(double y, double y0, double y1) {
            return H - B - (y - y0) / (y1 - y0) * (H - T - B);
        }

        private static String axisLabel(double v) {
            double a = Math.abs(v);
            if (a == 0) return "0";
            if (a >= 1000 || a < 0.01) return String.format(Locale.ROOT, "%.2g", v);
            return String.format(Locale.ROOT, "%.3g", v);
        }
    }
}
