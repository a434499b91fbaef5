package org.caeworkbench.cli;

import org.caeworkbench.app.CompareRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.caeworkbench.core.Problem;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.FeatureNames;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.eval.FeatureSelector;
import org.caeworkbench.eval.GivenPanel;
import org.caeworkbench.eval.Selectors;
import org.caeworkbench.export.ComparisonFiles;
import org.caeworkbench.export.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Compare the CAE with baseline selectors on one dataset.",
                "Runs the CAE and the baselines on one split with the same k, and scores each selection:",
                "linear_mse (least-squares reconstruction of every feature from the selected ones, MSE over the test split),",
                "accuracy (Extra-Trees, 50 trees, when the data have labels), seconds (selection time), distinct (features chosen).",
                "PCA with k components is added as the non-selection bound. Writes OUT/comparison.csv, OUT/comparison_features.csv (the features"
                        + " each method chose) and, for several k, OUT/mse_vs_k.png.",
                "A panel of your own (--panel FILE) is scored the same way beside them, and the methods then run at its size.",
                "Example: cae compare --data samples/mnist/train6000-images-idx3-ubyte.gz "
                        + "--test samples/mnist/test4000-images-idx3-ubyte.gz --k-list 10,20,50 --out runs/compare"})
final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Option(names = "--k-list", paramLabel = "K,K,...", description = "Several k values, e.g. 10,20,50 (overrides --k); adds a chart of MSE against k.")
    String kList;

    @Option(names = "--methods", paramLabel = "M,M,...",
            description = "Methods to run, of: cae, cae-linear, cae-classify, random, variance, laplacian, pfa, mcfs (default: cae,random,variance,laplacian,pfa,mcfs,"
                    + " and cae-classify after cae with --objective classify or mix:W). cae and cae-linear always reconstruct; cae-classify trains for"
                    + " the labels, with --objective's mix when one is given.")
    String methods;

    @Option(names = "--panel", paramLabel = "FILE|NAMES",
            description = "A panel you bring (one in use, from a paper, another run's selected_features.csv or features.tsv), scored as it is beside the methods:"
                    + " a file of names (one a line, or a table's 'name' or first column) or names separated by commas. Repeat it for"
                    + " several panels. Names the data lack are left out and said so; the preprocessing never drops a panel's feature."
                    + " Without --k or --k-list the methods run at the panel's size. --methods none scores the panels alone.")
    List<String> panels = new ArrayList<>();

    @Option(names = "--random-draws", defaultValue = "1", paramLabel = "N", description = "Average the random subset over N seeds (default: ${DEFAULT-VALUE}).")
    int randomDraws;

    /** Every training setting (core.Settings.TRAINING), for the CAE; --k is the one k when there is no --k-list. */
    @Mixin TrainingOptions training = new TrainingOptions().override(Settings.SEED, null,
            "Seed of the split, of every selector and of the classifier. Default: ${DEFAULT-VALUE}.");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for comparison.csv (and mse_vs_k.png).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    static int[] parseKs(String list, int single) {
        if (list == null) return new int[] {single};
        try {
            return Settings.kList(list);
        } catch (Setting.Invalid e) {
            throw new IllegalArgumentException(Setting.sentence("--k-list", e, list));
        }
    }

    @Override
    public Integer call() throws IOException, DataException {
        TrainingConfig caeBase = training.config();
        long seed = caeBase.seed();
        int[] ks = parseKs(kList, caeBase.k());
        if (randomDraws < 1) throw new IllegalArgumentException("--random-draws must be at least 1 (it is " + randomDraws + ").");
        List<Problem> caeProblems = caeBase.problems(0, 1);
        if (!caeProblems.isEmpty()) throw new IllegalArgumentException(caeProblems.get(0).sentence());
        List<GivenPanel> given = new ArrayList<>();
        for (String p : panels) given.add(GivenPanel.read(p, "--panel"));
        CompareRun run = new CompareRun(caeBase, randomDraws);
        boolean none = methods != null && methods.trim().equalsIgnoreCase("none");
        if (none && given.isEmpty()) throw new IllegalArgumentException("--methods none leaves nothing to compare; give a panel to score with --panel, or name methods.");
        List<FeatureSelector> selectors = none ? List.of() : run.selectors(
                Selectors.parse(methods == null ? String.join(",", run.defaultMethods()) : methods).stream().map(FeatureSelector::name).toList(), null, null);
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + " is a file, not a folder.");

        PrintWriter err = spec.commandLine().getErr();
        // the kept features (--keep) and the panels' survive the filters
        List<String> retain = new ArrayList<>(caeBase.keep());
        for (GivenPanel g : given) retain.addAll(g.names());
        PreparedData prepared = DataPreparation.prepare(RunConfig.withRetained(data.toSpec(seed), retain));
        int d = prepared.train().cols();
        List<GivenPanel.Match> matched = new ArrayList<>();
        for (GivenPanel g : given) matched.add(g.match(FeatureNames.of(prepared.train())));
        boolean kGiven = kList != null || spec.commandLine().getParseResult().hasMatchedOption("--k");
        if (!matched.isEmpty() && !kGiven)
            ks = matched.stream().mapToInt(GivenPanel.Match::size).distinct().sorted().toArray();   // the methods at the panels' sizes
        else if (!kGiven && ks[0] > d) {
            ks = new int[] {TrainingConfig.defaultK(d)};   // a table of few columns: half of them, as cae train and the window
            if (!quiet) err.println(TrainingOptions.halfTheFeaturesNote(ks[0], d));
        }
        String labels = run.labelProblem(selectors.stream().map(FeatureSelector::name).toList(), prepared.train());
        if (labels != null) throw new IllegalArgumentException(labels);
        for (int kk : ks) {
            if (kk > d) throw new IllegalArgumentException("k = " + kk + " is larger than the number of features (" + d + ").");
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "%s: %d training and %d test rows, %d features%s; k = %s; methods %s%n",
                    data.data.getFileName(), prepared.train().rows(), prepared.test().rows(), d,
                    prepared.train().hasLabels() ? ", labelled" : "", java.util.Arrays.toString(ks),
                    selectors.isEmpty() ? "none" : String.join(",", selectors.stream().map(FeatureSelector::name).toList()));
            for (GivenPanel.Match m : matched) {
                err.printf(Locale.ROOT, "%s: %d feature(s)%s%n", m.panel().method(), m.size(), m.missing().isEmpty() ? "" : "; " + m.note());
            }
            err.flush();
        }
        Comparison.Listener progress = quiet ? Comparison.Listener.NONE : new Comparison.Listener() {
            @Override public void starting(String method, int kk) {
                err.printf(Locale.ROOT, "  %s, k = %d ...%n", method, kk);
                err.flush();
            }
        };
        Comparison comparison = run.comparison(prepared.train(), prepared.test(), progress);
        List<Comparison.Row> rows = new ArrayList<>();
        for (GivenPanel.Match m : matched) rows.add(comparison.given(m));
        rows.addAll(comparison.run(selectors, ks));
        boolean chart = CompareRun.write(out, rows, data.data.getFileName().toString(), prepared.train());
        PrintWriter o = spec.commandLine().getOut();
        o.println(table(rows, comparison.mean()));
        for (String note : comparison.subsetNotes()) o.println("note: " + note);
        o.println("written to " + out.resolve(ComparisonFiles.CSV) + ", " + out.resolve(ComparisonFiles.FEATURES) + " (each method's features)"
                + (chart ? " and " + out.resolve(ComparisonFiles.CHART) : ""));
        o.flush();
        return 0;
    }

    static String table(List<Comparison.Row> rows, Comparison.Row mean) {
        int w = Math.max(14, rows.stream().mapToInt(r -> r.method().length()).max().orElse(0));
        String m = "%-" + w + "s";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, m + " %5s %11s %9s %9s %9s%n", "method", "k", "linear_mse", "accuracy", "seconds", "distinct"));
        for (Comparison.Row r : rows) {
            sb.append(String.format(Locale.ROOT, m + " %5d %11.5f %9s %9.1f %9s%n", r.method(), r.k(), r.linearMse(),
                    Double.isNaN(r.accuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", r.accuracy()), r.seconds(),
                    r.method().equals(Comparison.PCA) ? "-" : Integer.toString(r.distinct())));
        }
        sb.append(String.format(Locale.ROOT, m + " %5d %11.5f   (every value predicted by its training mean)", mean.method(), 0, mean.linearMse()));
        return sb.toString();
    }
}
