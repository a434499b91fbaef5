package org.caeworkbench.cli;

import org.caeworkbench.app.Interop;
import org.caeworkbench.export.AnnotatedH5ad;
import org.caeworkbench.export.FeatureTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caeworkbench.app.TrainingJob;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingCheckpoint;
import org.caeworkbench.core.Problem;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.FeatureFilter;
import org.caeworkbench.data.MeanImputer;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.export.CheckpointFile;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Select k features with a Concrete Autoencoder and write a run folder.",
                "Example: cae train --data samples/mnist/train6000-images-idx3-ubyte.gz "
                        + "--test samples/mnist/test4000-images-idx3-ubyte.gz --k 50 --out runs/mnist",
                "After a crash or Ctrl-C: cae train --resume runs/mnist"})
final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    /** Every training setting (core.Settings.TRAINING): --k, --epochs, ..., --validation-rows. */
    @Mixin TrainingOptions training;

    @Option(names = "--out", paramLabel = "RUN_DIR",
            description = "Folder to write the run into (required unless --resume). While training, RUN_DIR.partial holds its checkpoint.")
    Path out;

    @Option(names = "--overwrite", description = "Replace RUN_DIR if it already holds a run (and RUN_DIR.partial if an interrupted run left one).")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "R",
            description = "Train R times with seeds seed..seed+R-1 and write how often each feature was chosen to RUN_DIR/stability.csv (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--checkpoint", defaultValue = "10", paramLabel = "SECONDS|off",
            description = "Save the training state to RUN_DIR.partial at epoch ends, at most every SECONDS (further apart when saving is slow; 0: every epoch, however long saving takes), so an interrupted run can be resumed; off: never (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--write-h5ad", paramLabel = "OUT.h5ad",
            description = "With an .h5ad input: also write a copy of it with the run's columns in var (cae_selected, cae_rank, cae_probability) and its settings in uns['cae'] (docs/interop.md). The input is never changed.")
    Path writeH5ad;

    @Option(names = "--print-panel",
            description = "Print the panel's feature names on standard output, one a line, and nothing else there (the summary goes to standard error), for shell pipelines.")
    boolean printPanel;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue an interrupted 'cae train --out RUN_DIR' from its last checkpoint (RUN_DIR.partial) and write the run folder; data and settings come from the recorded config.json.")
    Path resume;

    TrainingConfig config() {
        return training.config();
    }

    /** Seconds between checkpoints, or -1 for none. */
    double checkpointSeconds() {
        String t = checkpoint.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off")) return -1;
        try {
            double v = Double.parseDouble(t);
            if (v >= 0 && Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--checkpoint must be a number of seconds (0 or more) or off (got '" + checkpoint + "').");
    }

    /** The prepared data, without the raw copy (PreparedData holds it: a second copy of the matrix). */
    private record Data(Dataset train, Dataset test, Scaler scaler, MeanImputer imputer, FeatureFilter filter, String countsAdvice) {
        static Data prepare(DataSpec spec) throws DataException {
            PreparedData p = DataPreparation.prepare(spec);
            return new Data(p.train(), p.test(), p.scaler(), p.imputer(), p.filter(), p.summary().countsAdvice(spec.preprocessing()));
        }
    }

    @Override
    public Integer call() throws DataException, IOException {
        double every = checkpointSeconds();
        if (resume != null) return resumeRun(every);
        TrainingConfig cfg = config();
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1 (it is " + repeats + ").");
        if (out == null) throw new IllegalArgumentException("--out RUN_DIR is required: the folder to write the run into (or --resume RUN_DIR).");
        DataSpec dataSpec = RunConfig.withKept(data.toSpec(training.seed()), cfg);   // kept features survive the filters
        Path runDir = out.toAbsolutePath().normalize();
        RunDirectory.checkWritable(runDir, overwrite);
        Path partialDir = PartialRun.folderFor(runDir);
        if (!overwrite && PartialRun.find(partialDir).isPresent())
            throw new IOException(partialDir + " holds an interrupted run; continue it with 'cae train --resume " + out
                    + "', or start again with --overwrite.");
        checkH5adOutput(dataSpec);
        Data d = Data.prepare(dataSpec);
        dataSpec = DataPreparation.asRead(dataSpec, d.train());   // --resume holds the matrix as this run does
        cfg = kForTheData(cfg, d.train().cols());
        report(dataSpec, cfg, d);
        String commandLine = "cae " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        RunConfig runConfig = new RunConfig(dataSpec, cfg, commandLine, CaeCommand.version());
        PartialRun partial = every >= 0 ? PartialRun.start(partialDir, runConfig) : null;
        return trainAndWrite(runDir, runConfig, d, TrainingJob.start(cfg, d.train(), d.test(), partial, every), overwrite);
    }

    /**
     * Without --k, on data of fewer features than the default k: half the features ({@link TrainingConfig#defaultK}), as
     * the window sets it, with a note; config.json records the k used.
     */
    private TrainingConfig kForTheData(TrainingConfig cfg, int features) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--k") || cfg.k() <= features) return cfg;
        int k = TrainingConfig.defaultK(features);
        if (!quiet) spec.commandLine().getErr().println(TrainingOptions.halfTheFeaturesNote(k, features));
        return cfg.toBuilder().k(k).build();
    }

    private void report(DataSpec dataSpec, TrainingConfig cfg, Data d) {
        var err = spec.commandLine().getErr();
        if (!d.filter().isIdentity()) {
            err.println(d.filter().describe());     // what preprocessing dropped, even with --quiet
            err.flush();
        }
        List<Problem> problems = cfg.problems(d.train().cols(), d.train().rows());
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0).sentence());
        String labels = cfg.objective().labelProblem(d.train());
        if (labels != null) throw new IllegalArgumentException(labels);
        org.caeworkbench.core.FeaturePanel panel = org.caeworkbench.core.FeaturePanel.resolve(cfg, org.caeworkbench.data.FeatureNames.of(d.train()),
                d.filter() == null ? null : d.filter().originalNames());  // before any file is written
        if (!quiet && !panel.isNone()) {
            err.printf(Locale.ROOT, "panel: %d kept and %d excluded feature(s); %d selectable%n", panel.fixed().length,
                    panel.excluded().length, panel.selectable());
        }
        if (!quiet && d.countsAdvice() != null) err.println("hint: " + d.countsAdvice() + ": --cpm --log1p.");
        Path beside = dataSpec.testFile() == null && dataSpec.splitFile() == null ? DataSpec.pairedTestFile(dataSpec.data()) : null;
        if (!quiet && beside != null) {
            err.printf(Locale.ROOT, "hint: %s lies beside the data and is named as its test set; --test %s takes it (now: a random %d%% of"
                    + " the rows is held out).%n", beside.getFileName(), dataSpec.data().resolveSibling(beside.getFileName()), Math.round(100 * dataSpec.testFraction()));
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "%s: %d training and %d test rows, %d features%s; k = %d, batch %d, %s decoder%n",
                    dataSpec.data().getFileName(), d.train().rows(), d.test().rows(), d.train().cols(),
                    d.train().hasLabels() ? ", labelled" : "", cfg.k(), cfg.effectiveBatchSize(d.train().rows()),
                    cfg.hiddenSizes().length == 0 ? "linear" : "hidden " + java.util.Arrays.toString(cfg.hiddenSizes()));
            err.flush();
        }
    }

    /**
     * Trains (or continues from {@code from}), writes the run folder and then deletes the in-progress
     * folder, except when the user stopped training: the run so far is written and the checkpoint kept,
     * so that {@code --resume} can finish it.
     */
    private int trainAndWrite(Path runDir, RunConfig runConfig, Data d, TrainingJob job, boolean replace) throws IOException {
        var err = spec.commandLine().getErr();
        TrainingConfig cfg = runConfig.training();
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();        // Ctrl-C: stop training, then let the run be written
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Progress progress = new Progress(err, System.console() != null, quiet);
        try {
            SelectionResult result = job.run(progress, cancel);
            progress.endLine();
            if (result.status() == SelectionResult.Status.DIVERGED) {
                job.finish(result);
                // a setting to change, like bad input: the last message says which (Trainer); without --quiet the
                // progress lines have just printed it, so it is not said twice
                String why = result.messages().get(result.messages().size() - 1);
                err.println("cae: " + (quiet ? why + " " : "") + "Nothing was written.");
                return CaeCommand.BAD_INPUT;
            }
            SavedModel model = new SavedModel(result.model(), d.train().featureNames(), d.scaler(), d.imputer(),
                    d.train().imageShape(), runConfig.data().preprocessing(), d.filter());
            List<String> warnings;
            try {
                warnings = TrainingJob.writeRun(runDir, runConfig, result, model, d.train(), d.test(), replace, job.history());
            } catch (IOException e) {
                throw new IOException(e.getMessage() + " " + whatIsKept(job, runDir), e);
            }
            boolean stopped = result.status() == SelectionResult.Status.CANCELLED;
            if (job.finish(result)) {
                CheckpointFile.Header at = job.partial().peek();
                err.printf(Locale.ROOT, "The run so far is written; 'cae train --resume %s' continues from the last checkpoint (try %d, after epoch %d).%n",
                        runDir, at.tryNumber(), at.epochsDone());
                err.flush();
            }
            var summary = printPanel ? err : spec.commandLine().getOut();
            printSummary(summary, result, model, runDir, warnings, d.test(), cfg);
            if (writeH5ad != null) {
                AnnotatedH5ad.Written w = Interop.writeAnnotatedH5ad(runDir, writeH5ad);
                summary.println(w.summary());
                for (String left : w.leftOut()) summary.println("  not carried over: " + left);
                summary.flush();
            }
            if (printPanel) {
                var o = spec.commandLine().getOut();
                for (String name : Interop.panelNames(runDir)) o.println(name);
                o.flush();
            }
            if (repeats > 1 && !stopped) {
                Repeats.run(cfg, d.train(), d.filter(), result, repeats, runDir, summary, err, quiet, cancel);
            }
            return stopped ? 1 : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for the latch counted down above
            }
        }
    }

    /** After the run folder could not be written: what of the training is left (its checkpoint is kept), and how to go on. */
    private static String whatIsKept(TrainingJob job, Path runDir) {
        PartialRun partial = job.partial();
        if (partial != null && partial.hasCheckpoint()) {
            try {
                CheckpointFile.Header at = partial.peek();
                return String.format(Locale.ROOT, "The training is kept up to its last checkpoint (try %d, after epoch %d) in %s;"
                        + " once the disk has room, 'cae train --resume %s' goes on from there and writes the run.",
                        at.tryNumber(), at.epochsDone(), partial.dir(), runDir);
            } catch (IOException unreadable) {
                // said below as if there were none
            }
        }
        return "No checkpoint of the training was saved, so it is not kept.";
    }

    /** {@code --resume}: the recorded data and settings, the last checkpoint, then the normal end of a run. */
    private int resumeRun(double every) throws IOException, DataException {
        Path given = resume.toAbsolutePath().normalize();
        Path runDir = PartialRun.runFor(given);
        String status = PartialRun.runStatus(runDir);
        boolean finishedRun = status != null && !status.equals("cancelled");
        PartialRun partial = PartialRun.find(given).filter(PartialRun::hasCheckpoint).orElse(null);
        if (partial == null) {
            if (finishedRun) throw new IOException(runDir + " is a finished run (" + status + "); there is nothing to resume.");
            throw new IOException(runDir + " has no checkpoint to resume from (" + PartialRun.folderFor(runDir).resolve(CheckpointFile.NAME)
                    + " does not exist); train it again without --resume.");
        }
        if (finishedRun)
            throw new IOException(runDir + " is already a finished run (" + status + "), so its checkpoint in " + partial.dir()
                    + " is left over; delete that folder, or train into another folder.");
        RunConfig recorded = partial.config();
        checkNoConflict(recorded, runDir, partial);
        partial.removeStaleTemporaries();
        RunDirectory.removeStaleTemporaries(runDir);
        checkH5adOutput(recorded.data());
        Data d = Data.prepare(recorded.data());
        report(recorded.data(), recorded.training(), d);
        TrainingJob job = TrainingJob.resume(recorded.training(), d.train(), d.test(), partial, every);
        TrainingCheckpoint from = job.resumedFrom();
        var err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "Resuming %s at try %d, epoch %d of %d (%.0f s of training so far).%n", runDir, from.tryNumber(),
                from.epochsDone() + 1, from.epochsOfTry(), from.seconds());
        err.flush();
        return trainAndWrite(runDir, recorded, d, job, status != null);
    }

    /**
     * With --resume, any other data or training option must agree with the recorded one: each given
     * option is applied on top of the recorded settings, and a difference is refused, naming the option.
     */
    private void checkNoConflict(RunConfig recorded, Path runDir, PartialRun partial) {
        var parse = spec.commandLine().getParseResult();
        java.util.Set<String> free = java.util.Set.of("--resume", "--checkpoint", "--quiet", "--help", "--version");
        List<String> base = RunConfig.trainArguments(recorded.data(), recorded.training(), runDir);
        DataSpec recordedSpec = recorded.data().absolute();
        for (OptionSpec o : parse.matchedOptions()) {
            String name = o.longestName();
            if (free.contains(name)) continue;
            if (name.equals("--overwrite") || name.equals("--repeats"))
                throw new IllegalArgumentException(name + " cannot be used with --resume, which finishes the interrupted run as it was started.");
            List<String> args = new java.util.ArrayList<>(base);
            args.add(name);
            if (o.arity().max() > 0) args.addAll(o.originalStringValues());
            TrainCommand probe = new TrainCommand();
            new CommandLine(probe).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
            boolean same;
            try {
                same = RunConfig.withKept(probe.data.toSpec(probe.training.seed()), probe.config()).absolute().equals(recordedSpec) && probe.config().equals(recorded.training())
                        && probe.out.toAbsolutePath().normalize().equals(runDir);
            } catch (IllegalArgumentException e) {
                same = false;
            }
            if (!same) {
                String given = o.arity().max() > 0 ? name + " " + String.join(" ", o.originalStringValues()) : name;
                throw new IllegalArgumentException(given + " differs from the settings recorded in " + partial.dir().resolve(RunDirectory.CONFIG)
                        + "; --resume continues the run with those, so leave the option out or start a new run.");
            }
        }
    }

    /** The first ten features' names (each with its symbol when {@code symbols} is not null), then how many more. */
    private static String names(int[] features, SavedModel model, List<String> symbols) {
        StringBuilder names = new StringBuilder();
        int shown = Math.min(10, features.length);
        for (int i = 0; i < shown; i++) {
            names.append(i == 0 ? "" : ", ").append(model.featureNames().get(features[i]));
            if (symbols != null) names.append(" (").append(symbols.get(features[i])).append(')');
        }
        return names + (features.length > shown ? ", ... (" + (features.length - shown) + " more)" : "");
    }

    /** --write-h5ad: refused before training when the input is not an .h5ad file or is the output itself. */
    private void checkH5adOutput(DataSpec dataSpec) {
        if (writeH5ad == null) return;
        if (!Interop.canAnnotate(dataSpec.data()))
            throw new IllegalArgumentException("--write-h5ad needs an .h5ad, .h5mu, 10x .h5 or .loom input, and " + dataSpec.data().getFileName()
                    + " is not one; the run folder's " + FeatureTable.FILE + " holds the same columns for any input.");
        if (dataSpec.data().toAbsolutePath().normalize().equals(writeH5ad.toAbsolutePath().normalize()))
            throw new IllegalArgumentException("--write-h5ad " + writeH5ad + " is the input file; give the annotated copy another name (the input is never changed).");
    }

    private void printSummary(java.io.PrintWriter o, SelectionResult r, SavedModel model, Path runDir, List<String> warnings, Dataset test,
                              TrainingConfig cfg) {
        o.printf(Locale.ROOT, "%s: %d of %d selected features distinct, mean-max probability %.4f, %d epoch(s) in try %d, %.1f s%n",
                switch (r.status()) {
                    case COMPLETED -> "done";
                    case NOT_CONVERGED -> "done (not converged)";
                    case CANCELLED -> "stopped";
                    case DIVERGED -> "diverged";
                }, r.distinctCount(), r.k(), r.meanMaxProbability(), r.epochs(), r.tries(), r.seconds());
        // genes named by id (an .h5ad indexed by Ensembl id): each with its symbol
        List<String> symbols = org.caeworkbench.data.FeatureNames.symbolsBesideIds(model.featureNames(), test.geneNames());
        if (r.fixed() > 0) {
            o.println("kept (" + r.fixed() + "): " + names(r.fixedFeatures(), model, symbols));
            o.println("learned (" + r.learned() + "): " + names(r.learnedFeatures(), model, symbols));
        } else {
            o.println("selected: " + names(r.selected(), model, symbols));
        }
        double head = r.model().headAccuracy(test);
        if (Double.isFinite(head))
            o.printf(Locale.ROOT, "classifier head (objective %s): test accuracy %.4f over %d classes; cae eval adds Extra-Trees on the panel%n",
                    cfg.objective(), head, r.model().head().classes().size());
        for (String w : warnings) o.println("warning: " + w);
        o.println("run written to " + runDir + "; next: cae eval --run " + runDir);
        o.flush();
    }
}
