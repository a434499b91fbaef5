package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caeworkbench.core.Annealing;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TemperatureSchedule;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.FeatureFilter;
import org.caeworkbench.data.MeanImputer;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Select k features with a Concrete Autoencoder and write a run folder.",
                "Example: cae train --data samples/mnist/train6000-images-idx3-ubyte.gz "
                        + "--test samples/mnist/test4000-images-idx3-ubyte.gz --k 50 --out runs/mnist"})
final class TrainCommand implements Callable<Integer> {
    private static final TrainingConfig DEFAULTS = TrainingConfig.builder().build();

    @Spec CommandSpec spec;
    @Mixin DataOptions data;

    @Option(names = "--k", defaultValue = "50", description = "Number of features to select (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs of the first try; each retry doubles them (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--start-temp", defaultValue = "10", paramLabel = "T0", description = "Start temperature (default: ${DEFAULT-VALUE}).")
    double startTemp;

    @Option(names = "--end-temp", defaultValue = "0.01", paramLabel = "TB", description = "End temperature, reached at the last step (default: ${DEFAULT-VALUE}).")
    double endTemp;

    @Option(names = "--schedule", defaultValue = "exponential", paramLabel = "SHAPE",
            description = "exponential, linear, cosine or constant (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--anneal", defaultValue = "step", paramLabel = "WHEN",
            description = "step (every optimiser step, as the reference code) or epoch (as the paper) (default: ${DEFAULT-VALUE}).")
    String anneal;

    @Option(names = "--batch-size", defaultValue = "auto", paramLabel = "N",
            description = "Minibatch size: a number; auto = n/16 within [16, 256]; reference = the reference code's max(n/256, 16) (default: ${DEFAULT-VALUE}).")
    String batchSize;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "RATE", description = "Adam learning rate (default: ${DEFAULT-VALUE}; the paper's is 0.001).")
    double learningRate;

    @Option(names = "--hidden", defaultValue = "auto", paramLabel = "LAYERS",
            description = "Decoder hidden layers: auto (one of 3k/2), none (linear decoder) or sizes like 320,320 (default: ${DEFAULT-VALUE}).")
    String hidden;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout after each hidden layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice, the split included (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--convergence", defaultValue = "0.99", paramLabel = "P|off",
            description = "Accept a try when mean-max probability exceeds P, stop early above 0.998, else retry with twice the epochs; 'off' trains exactly --epochs (default: ${DEFAULT-VALUE}).")
    String convergence;

    @Option(names = "--max-tries", defaultValue = "5", description = "Most tries of the convergence rule (default: ${DEFAULT-VALUE}).")
    int maxTries;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Folder to write the run into.")
    Path out;

    @Option(names = "--overwrite", description = "Replace RUN_DIR if it already holds a run.")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "R",
            description = "Train R times with seeds seed..seed+R-1 and write how often each feature was chosen to RUN_DIR/stability.csv (default: ${DEFAULT-VALUE}).")
    int repeats;

    TrainingConfig config() {
        TrainingConfig.Builder b = TrainingConfig.builder()
                .k(k).epochs(epochs)
                .schedule(new TemperatureSchedule(Options.enumValue(TemperatureSchedule.Shape.class, schedule, "--schedule"),
                        positive(startTemp, "--start-temp"), positive(endTemp, "--end-temp")))
                .annealing(Options.enumValue(Annealing.class, anneal, "--anneal"))
                .batchSize(batchSize(batchSize)).learningRate(learningRate).hidden(hidden).dropout(dropout).seed(seed)
                .stopMeanMax(DEFAULTS.stopMeanMax()).maxTries(maxTries);
        if (convergence.trim().equalsIgnoreCase("off")) {
            b.convergenceOff();
        } else {
            try {
                b.acceptMeanMax(Double.parseDouble(convergence));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--convergence must be a probability like 0.99, or off (got '" + convergence + "').");
            }
        }
        return b.build();
    }

    static int batchSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) return TrainingConfig.AUTO_BATCH;
        if (t.equals("reference")) return TrainingConfig.REFERENCE_BATCH;
        try {
            int b = Integer.parseInt(t);
            if (b > 0) return b;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--batch-size must be a positive number, auto or reference (got '" + text + "').");
    }

    private static double positive(double v, String option) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(option + " must be a positive number (it is " + v + ").");
        return v;
    }

    @Override
    public Integer call() throws DataException, IOException {
        TrainingConfig cfg = config();
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1 (it is " + repeats + ").");
        DataSpec dataSpec = data.toSpec(seed);
        var err = spec.commandLine().getErr();
        // keep only what training needs: PreparedData also holds the raw matrix, a second copy of the data
        PreparedData prepared = DataPreparation.prepare(dataSpec);
        Dataset train = prepared.train();
        Dataset test = prepared.test();
        Scaler scaler = prepared.scaler();
        MeanImputer imputer = prepared.imputer();
        FeatureFilter filter = prepared.filter();
        prepared = null;
        List<String> problems = cfg.problems(train.cols(), train.rows());
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0));
        if (!quiet) {
            err.printf(Locale.ROOT, "%s: %d training and %d test rows, %d features%s; k = %d, batch %d, %s decoder%n",
                    dataSpec.data().getFileName(), train.rows(), test.rows(), train.cols(),
                    train.hasLabels() ? ", labelled" : "", cfg.k(), cfg.effectiveBatchSize(train.rows()),
                    cfg.hiddenSizes().length == 0 ? "linear" : "hidden " + java.util.Arrays.toString(cfg.hiddenSizes()));
            err.flush();
        }
        if (!filter.isIdentity()) {
            err.println(filter.describe());     // what preprocessing dropped, even with --quiet
            err.flush();
        }

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
            SelectionResult result = new Trainer(cfg).train(train, test, progress, cancel);
            progress.endLine();
            if (result.status() == SelectionResult.Status.DIVERGED) {
                err.println("cae: " + result.messages().get(result.messages().size() - 1) + " Nothing was written.");
                return 1;
            }
            SavedModel model = new SavedModel(result.model(), train.featureNames(), scaler,
                    imputer, train.imageShape(), dataSpec.preprocessing(), filter);
            String commandLine = "cae " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            RunConfig runConfig = new RunConfig(dataSpec, cfg, commandLine, CaeCommand.version());
            RunDirectory.write(out, new RunDirectory.Contents(runConfig, result, model, test), overwrite);
            printSummary(result, model);
            if (repeats > 1 && result.status() != SelectionResult.Status.CANCELLED) {
                Repeats.run(cfg, train, result, repeats, out, spec.commandLine().getOut(), err, quiet, cancel);
            }
            return result.status() == SelectionResult.Status.CANCELLED ? 1 : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it only waits for the latch counted down above
            }
        }
    }

    private void printSummary(SelectionResult r, SavedModel model) {
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %d of %d selected features distinct, mean-max probability %.4f, %d epoch(s) in try %d, %.1f s%n",
                switch (r.status()) {
                    case COMPLETED -> "done";
                    case NOT_CONVERGED -> "done (not converged)";
                    case CANCELLED -> "stopped";
                    case DIVERGED -> "diverged";
                }, r.distinctCount(), r.k(), r.meanMaxProbability(), r.epochs(), r.tries(), r.seconds());
        StringBuilder names = new StringBuilder();
        int shown = Math.min(10, r.k());
        for (int i = 0; i < shown; i++) names.append(i == 0 ? "" : ", ").append(model.featureNames().get(r.selected()[i]));
        o.println("selected: " + names + (r.k() > shown ? ", ... (" + (r.k() - shown) + " more)" : ""));
        o.println("run written to " + out.toAbsolutePath().normalize() + "; next: cae eval --run " + out);
        o.flush();
    }
}
