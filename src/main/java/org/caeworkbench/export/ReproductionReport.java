package org.caeworkbench.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.eval.PaperBenchmark;
import org.caeworkbench.eval.PaperFigures;

/**
 * docs/reproduction.md: our figures for the paper's Table 1 protocol beside the reference run of
 * PAPER.md section 6 and the paper's printed table. Built only from stored results, so it shows
 * exactly what was run and nothing else.
 */
public final class ReproductionReport {
    private ReproductionReport() {}

    /**
     * @param results  stored rows of every dataset run (any order)
     * @param settings lines describing how the rows were made (command, seeds, machine), one bullet each
     * @param notes    hand-written Markdown appended under "Notes" (what was tried where a row falls
     *                 short), or null
     */
    public static String markdown(List<ComparisonFiles.Stored> results, List<String> settings, String notes) {
        Map<String, List<ComparisonFiles.Stored>> byDataset = new LinkedHashMap<>();
        for (String key : PaperBenchmark.KEYS) byDataset.put(key, new ArrayList<>());
        for (ComparisonFiles.Stored s : results) byDataset.computeIfAbsent(s.dataset(), k -> new ArrayList<>()).add(s);
        byDataset.values().removeIf(List::isEmpty);

        StringBuilder md = new StringBuilder();
        md.append("# Reproducing the paper's Table 1\n\n");
        md.append("Written by `cae reproduce` from the result files beside this page (`reproduction/<dataset>.csv`, one per dataset; "
                + "a dataset that is missing below has not been run). Every number here was measured; none is copied from elsewhere "
                + "except in the columns marked *section 6* and *paper*.\n\n");
        md.append("## Protocol and settings\n\n");
        md.append("- Data and splits: the datasets folder of docs/datasets.md, on its fixed splits (see the per-dataset lines below).\n");
        md.append("- Reconstruction: least-squares linear regression (with intercept, minimum-norm) from the k selected training columns to all "
                + "columns; the MSE over every entry of the test split. `pca (bound)`: reconstruction from the top-k principal components of the "
                + "training rows (exact eigendecomposition), not a selection. `mean (k = 0)`: every test entry predicted by its training column mean.\n");
        md.append("- Classification: Extra-Trees, 50 trees, on the distinct selected columns, accuracy on the test split.\n");
        md.append("- Baselines: `random` (mean of several seeded draws), `variance` (highest training variance), `laplacian` (Laplacian Score, "
                + "5-NN graph, heat kernel with t = mean squared edge length, k smallest scores), `pfa` (PCA with q = k components, k-means++ "
                + "with 10 restarts on the loading rows, the feature nearest each centre), `mcfs` (5-NN heat-kernel graph, 10 spectral "
                + "vectors, LARS to k non-zeros each, max |coefficient|). AEFS and UDFS are not implemented.\n");
        md.append("- `cae`: the application's defaults (one hidden layer of 3k/2, Adam 1e-2, batch n/16 within [16, 256], T 10 -> 0.01 per "
                + "step, 300 epochs, convergence rule: accept mean-max > 0.99, else retry with twice the epochs, up to 5 tries). "
                + "`cae-linear`: the same with a linear decoder (`--hidden none`). *decoder* is the CAE's own decoder MSE on the test split.\n");
        for (String s : settings) md.append("- ").append(s).append('\n');
        md.append('\n');

        md.append("## Summary\n\n");
        md.append("The bar of the issue is the section-6 PFA figure on the same split. \"beats\" compares the CAE row with every baseline "
                + "row measured here (random, variance, laplacian, pfa, mcfs) and with the section-6 PFA bar, and asks for no duplicate selections.\n\n");
        md.append("| dataset (k) | cae | cae-linear | best baseline here | section 6 PFA bar | PCA bound | best CAE beats every baseline and the bar? |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (var e : byDataset.entrySet()) {
            String key = e.getKey();
            Map<String, Comparison.Row> m = rows(e.getValue());
            Comparison.Row cae = m.get("cae"), lin = m.get("cae-linear");
            Comparison.Row bestBase = null;
            for (Comparison.Row r : m.values()) {
                if (isCae(r.method()) || r.method().equals(Comparison.PCA) || r.method().equals(Comparison.MEAN)) continue;
                if (bestBase == null || r.linearMse() < bestBase.linearMse()) bestBase = r;
            }
            Comparison.Row bestCae = cae == null ? lin : lin == null ? cae : (lin.linearMse() < cae.linearMse() ? lin : cae);
            String verdict = "not run";
            if (bestCae != null) {
                boolean beatsBase = bestBase == null || bestCae.linearMse() < bestBase.linearMse();
                boolean beatsBar = bestCae.linearMse() < PaperFigures.bar(key);
                boolean noDuplicates = bestCae.distinct() == bestCae.k();
                verdict = (beatsBase && beatsBar && noDuplicates ? "**yes**" : "no") + " (" + bestCae.method() + " " + sig3(bestCae.linearMse())
                        + (bestCae.distinct() < bestCae.k() ? ", " + (bestCae.k() - bestCae.distinct()) + " duplicate(s)" : ", no duplicates") + ")";
            }
            md.append("| ").append(PaperBenchmark.title(key)).append(" (").append(PaperBenchmark.k(key)).append(") | ")
                    .append(cell(cae)).append(" | ").append(cell(lin)).append(" | ")
                    .append(bestBase == null ? "–" : bestBase.method() + " " + sig3(bestBase.linearMse())).append(" | ")
                    .append(ref(PaperFigures.bar(key))).append(" | ")
                    .append(m.containsKey(Comparison.PCA) ? sig3(m.get(Comparison.PCA).linearMse()) : "–").append(" | ")
                    .append(verdict).append(" |\n");
        }
        md.append('\n');

        md.append("## Per dataset\n\n");
        for (var e : byDataset.entrySet()) {
            String key = e.getKey();
            ComparisonFiles.Stored any = e.getValue().get(0);
            md.append("### ").append(PaperBenchmark.title(key)).append(", k = ").append(PaperBenchmark.k(key)).append("\n\n");
            md.append("Files: ").append(PaperBenchmark.files(key)).append(". ").append(any.trainRows()).append(" training and ")
                    .append(any.testRows()).append(" test rows, ").append(any.features()).append(" features; scaling: ")
                    .append(PaperBenchmark.scaling(key)).append(".\n\n");
            md.append("| method | linear MSE | accuracy | distinct | seconds | decoder | section 6 MSE (acc.) | paper Table 1 | notes |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            Map<String, PaperFigures.Figure> ref = PaperFigures.SECTION6.getOrDefault(key, Map.of());
            for (ComparisonFiles.Stored s : e.getValue()) {
                Comparison.Row r = s.row();
                PaperFigures.Figure f = ref.get(r.method());
                String refCell = f == null ? (isCae(r.method()) ? "NumPy CAE, linear: " + PaperFigures.SECTION6_CAE.get(key) : "–")
                        : ref(f.mse()) + (Double.isNaN(f.accuracy()) ? "" : " (" + ref(f.accuracy()) + ")");
                double t1 = PaperFigures.table1(key, r.method());
                String rowNotes = r.note();
                if (r.draws() > 1) rowNotes = (rowNotes.isEmpty() ? "" : rowNotes + "; ") + "mean of " + r.draws() + " draws";
                md.append("| ").append(r.method()).append(" | ").append(sig3(r.linearMse())).append(" | ")
                        .append(Double.isNaN(r.accuracy()) ? "–" : String.format(Locale.ROOT, "%.3f", r.accuracy())).append(" | ")
                        .append(r.k() == 0 || r.method().equals(Comparison.PCA) ? "–" : r.distinct() + " of " + r.k()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", r.seconds())).append(" | ")
                        .append(Double.isNaN(r.decoderMse()) ? "–" : sig3(r.decoderMse())).append(" | ")
                        .append(refCell).append(" | ").append(Double.isNaN(t1) ? "–" : String.format(Locale.ROOT, "%.3f", t1)).append(" | ")
                        .append(rowNotes).append(" |\n");
            }
            md.append('\n');
        }

        if (notes != null && !notes.isBlank()) {
            md.append("## Notes\n\n").append(notes.strip()).append("\n\n");
        }
        md.append("## Where our data differ from the paper's\n\n");
        md.append("- MNIST and Fashion-MNIST: the paper's footnote split (6,000 train, 4,000 test from the official 10k test set), made "
                + "deterministic (docs/datasets.md); the paper's code split 4,000/6,000 at random without a seed.\n");
        md.append("- COIL-20: resized to 20×20 with scikit-image and scaled per pixel by the file's source; the paper used PIL and a global "
                + "min-max, so pixel values differ slightly. Split: our seeded 80/20 file.\n");
        md.append("- Mice Protein: the UCI file; class-mean imputation fitted on the training rows (test rows filled with the training "
                + "mean of their class), then min-max; seeded 80/20 split.\n");
        md.append("- ISOLET: the full isolet1–4 training set was not available; we train on `isolet_1560` (1,560 rows, most likely speaker "
                + "group isolet1) and test on the complete official isolet5, so there are about a quarter of the paper's training rows.\n");
        md.append("- Activity (HAR): the paper's preprocessed 5,744 × 561 file was not found; we use a 735-row stratified sample of the UCI "
                + "training set (already min-max scaled over those rows) with a seeded 80/20 split, i.e. 588 training rows.\n\n");
        md.append("## The paper's printed table\n\n");
        md.append("The paper's Table 1 (test MSE of the same linear reconstruction):\n\n| dataset | ");
        md.append(String.join(" | ", PaperFigures.TABLE1_COLUMNS)).append(" |\n|---|");
        md.append("---|".repeat(PaperFigures.TABLE1_COLUMNS.length)).append('\n');
        Map<String, String> paperNames = Map.of("mnist", "MNIST", "fashion", "Fashion-MNIST", "coil20", "COIL-20",
                "mice", "Mice Protein", "isolet", "ISOLET", "har", "Activity (HAR)");
        for (String key : PaperBenchmark.KEYS) {
            md.append("| ").append(paperNames.get(key)).append(" | ");
            double[] row = PaperFigures.TABLE1.get(key);
            for (int i = 0; i < row.length; i++) md.append(String.format(Locale.ROOT, "%.3f", row[i])).append(i + 1 < row.length ? " | " : " |\n");
        }
        md.append("\nIts PCA column is reproducible with its stated protocol: our `pca (bound)` rows (and section 6's) agree with it within "
                + "about 0.002 on every dataset. Its selector columns (Lap, AEFS, UDFS, MCFS, PFA and CAE) are not: with the same protocol "
                + "the same baselines give figures 2 to 120 times smaller, several of the printed ones are larger than predicting every entry "
                + "by its mean (our `mean (k = 0)` rows), and the printed CAE figures are beaten by PFA and, on Fashion-MNIST, even by a random "
                + "subset. They cannot serve as targets; the section-6 figures on our splits are the bar.\n");
        return md.toString();
    }

    private static boolean isCae(String method) {
        return method.equals("cae") || method.startsWith("cae-");
    }

    private static Map<String, Comparison.Row> rows(List<ComparisonFiles.Stored> stored) {
        Map<String, Comparison.Row> m = new LinkedHashMap<>();
        for (ComparisonFiles.Stored s : stored) m.put(s.row().method(), s.row());
        return m;
    }

    private static String cell(Comparison.Row r) {
        if (r == null) return "not run";
        return sig3(r.linearMse()) + (r.distinct() < r.k() ? " (" + r.distinct() + " distinct)" : "");
    }

    /** Our figures: three significant digits (0.0188, 0.00465). */
    static String sig3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** A reference figure exactly as printed in PAPER.md (no digits added). */
    static String ref(double v) {
        return Double.isNaN(v) ? "–" : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
