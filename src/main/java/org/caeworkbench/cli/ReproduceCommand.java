package org.caeworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataException;
import org.caeworkbench.eval.CaeSelector;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.eval.FeatureSelector;
import org.caeworkbench.eval.PaperBenchmark;
import org.caeworkbench.eval.Selectors;
import org.caeworkbench.export.AtomicFiles;
import org.caeworkbench.export.ComparisonFiles;
import org.caeworkbench.export.ReproductionReport;
import picocli.CommandLine.Command;
import org.caeworkbench.core.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reproduce", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Reproduce the paper's Table 1.",
                "Runs its protocol on the datasets folder of docs/datasets.md, on its fixed splits, with every",
                "baseline and the CAE (defaults, and with a linear decoder), and write a Markdown report beside the reference figures.",
                "Each dataset's rows are kept in RESULTS/<dataset>.csv; the report is rebuilt from every result file there, so datasets",
                "can be run in separate (or parallel) invocations; RESULTS/notes.md, if present, is copied into the report.",
                "Example: cae reproduce --datasets mnist,mice --out docs/reproduction.md"})
final class ReproduceCommand implements Callable<Integer> {
    /** Hand-written notes kept beside the result files and copied into the report. */
    static final String NOTES = "notes.md";
    static final String ALL_METHODS = "random,variance,laplacian,pfa,mcfs,cae,cae-linear";

    @Spec CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "../shared/datasets", paramLabel = "DIR",
            description = "The datasets folder (docs/datasets.md), with mnist/, fashion-mnist/, coil20/, ..., splits/ (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", defaultValue = "docs/reproduction.md", paramLabel = "FILE", description = "The report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--results", paramLabel = "DIR", description = "Where each dataset's rows are kept (default: a folder 'reproduction' beside the report).")
    Path results;

    @Option(names = "--datasets", defaultValue = "mnist,fashion,coil20,mice,isolet,har", paramLabel = "D,D,...",
            description = "Datasets to run (default: ${DEFAULT-VALUE}).")
    String datasets;

    @Option(names = "--methods", defaultValue = ALL_METHODS, paramLabel = "M,M,...", description = "Methods to run (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--quick", description = "CAE: a single try of --epochs (no retry with doubled epochs); random: one draw.")
    boolean quick;

    /**
     * --epochs and --seed from the catalogue (core.Settings); the protocol's seed is 0. --selector, --ip-dim,
     * --redraw and --fill-duplicates too, so the paper's parameterisation (--selector plain) stays one option away.
     */
    @Mixin TrainingOptions training = TrainingOptions.only(Settings.EPOCHS, Settings.SEED, Settings.SELECTOR, Settings.IP_DIM, Settings.REDRAW, Settings.FILL_DUPLICATES)
            .override(Settings.EPOCHS, null, "CAE: epochs of the first try (default: ${DEFAULT-VALUE}).")
            .override(Settings.SEED, "0", "Seed of every selector and of the classifier (default: ${DEFAULT-VALUE}).");

    @Option(names = "--random-draws", defaultValue = "5", paramLabel = "N", description = "Random subsets averaged, seeds seed..seed+N-1 (default: ${DEFAULT-VALUE}).")
    int randomDraws;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Option(names = "--report-only", description = "Run nothing: rebuild the report from the result files already in RESULTS.")
    boolean reportOnly;

    @Override
    public Integer call() throws IOException, DataException {
        TrainingConfig given = training.config();
        int epochs = given.epochs();
        long seed = given.seed();
        List<String> keys = new ArrayList<>();
        for (String part : datasets.split(",")) {
            if (part.isBlank()) continue;
            String key = part.trim().toLowerCase(Locale.ROOT);
            PaperBenchmark.title(key);   // throws with the list of datasets for an unknown name
            if (!keys.contains(key)) keys.add(key);
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("--datasets names no dataset; the datasets are " + String.join(", ", PaperBenchmark.KEYS) + ".");
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1 (it is " + epochs + ").");
        if (randomDraws < 1) throw new IllegalArgumentException("--random-draws must be at least 1 (it is " + randomDraws + ").");
        if (!reportOnly && !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("--data-dir " + dataDir + " is not a folder; point it at the datasets folder (with mnist/, coil20/, splits/, ...; see docs/datasets.md).");
        }
        TrainingConfig.Builder cae = TrainingConfig.builder().epochs(epochs);
        if (quick) cae.maxTries(1);
        List<FeatureSelector> selectors = new ArrayList<>();
        for (FeatureSelector s : Selectors.parse(methods)) {
            if (s instanceof CaeSelector c) {
                TrainingConfig.Builder b = c.config().toBuilder().epochs(epochs).selector(given.selector()).ipDim(given.ipDim())
                        .redraw(given.redraw()).fillDuplicates(given.fillDuplicates());
                if (quick) b.maxTries(1);
                s = new CaeSelector(c.name(), b.build(), null);
            }
            selectors.add(s);
        }
        Path resultDir = results != null ? results
                : out.toAbsolutePath().getParent().resolve(stripExtension(out.getFileName().toString()));
        PrintWriter err = spec.commandLine().getErr();
        String command = "cae " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        if (reportOnly) {
            if (!Files.isDirectory(resultDir)) throw new IllegalArgumentException("there are no results to report: " + resultDir + " does not exist.");
            writeReport(resultDir, command);
            PrintWriter o = spec.commandLine().getOut();
            o.println("report written to " + out + " from the rows in " + resultDir);
            o.flush();
            return 0;
        }
        Files.createDirectories(resultDir);

        for (String key : keys) {
            long t0 = System.nanoTime();
            PaperBenchmark.Benchmark b = PaperBenchmark.load(key, dataDir);
            if (!quiet) {
                err.printf(Locale.ROOT, "%s: %d training and %d test rows, %d features, k = %d%n", b.title(), b.train().rows(),
                        b.test().rows(), b.train().cols(), b.k());
                err.flush();
            }
            Comparison comparison = new Comparison(b.train(), b.test(), seed, quick ? 1 : randomDraws, Comparison.Listener.NONE);
            List<Comparison.Row> rows = new ArrayList<>();
            rows.add(comparison.mean());
            rows.add(comparison.pcaBound(b.k()));
            Path file = resultDir.resolve(key + ".csv");
            for (FeatureSelector s : selectors) {
                Comparison.Row r = comparison.run(s, b.k());
                rows.add(r);
                ComparisonFiles.writeLongCsv(file, key, b.train().rows(), b.test().rows(), b.train().cols(), rows);
                if (!quiet) {
                    err.printf(Locale.ROOT, "  %-11s linear MSE %.5f  accuracy %s  distinct %d  %.1f s%s%n", r.method(), r.linearMse(),
                            Double.isNaN(r.accuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", r.accuracy()), r.distinct(), r.seconds(),
                            r.note().isEmpty() ? "" : "  (" + r.note() + ")");
                    err.flush();
                }
            }
            ComparisonFiles.writeLongCsv(file, key, b.train().rows(), b.test().rows(), b.train().cols(), rows);
            if (!quiet) {
                err.printf(Locale.ROOT, "  %s done in %.0f s%n", key, (System.nanoTime() - t0) / 1e9);
                err.flush();
            }
            writeReport(resultDir, command);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("report written to " + out + " (rows in " + resultDir + ")");
        o.flush();
        return 0;
    }

    private void writeReport(Path resultDir, String command) throws IOException {
        long seed = training.config().seed();
        List<ComparisonFiles.Stored> all = new ArrayList<>();
        for (String key : PaperBenchmark.KEYS) {
            Path f = resultDir.resolve(key + ".csv");
            if (Files.isRegularFile(f)) all.addAll(ComparisonFiles.readLongCsv(f));
        }
        List<String> settings = List.of(
                "Seeds: " + seed + " for every selector, the CAE and the classifier; random subsets: seeds " + seed + ".." + (seed + randomDraws - 1)
                        + " unless a row says otherwise.",
                "Report last written " + java.time.LocalDate.now() + " by `" + command + "` (CAE Workbench " + CaeCommand.version()
                        + ", Java " + Runtime.version().feature() + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores, one native thread for ND4J); seconds are the selection time on that machine.");
        Path notesFile = resultDir.resolve(NOTES);
        String notes = Files.isRegularFile(notesFile) ? Files.readString(notesFile) : null;
        AtomicFiles.writeString(out, ReproductionReport.markdown(all, settings, notes));
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name + "-results";
    }
}
