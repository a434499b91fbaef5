package org.caeworkbench.cli;

import java.nio.file.Path;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Preprocessing;
import org.caeworkbench.data.ReadProgress;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that say which data to read and how to split and scale it (shared by commands). */
final class DataOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** How to read it: --format, --label-column, --labels-file, --transpose, --no-transpose, --read-top-variable, --impute. */
    @Mixin ReadingOptions reading;

    // not marked required for picocli: 'cae train --resume' reads it from the run (toSpec checks it)
    @Option(names = "--data", paramLabel = "FILE",
            description = "Data file: CSV or TSV (optionally .gz) with a header of feature names, GCT, a 10x Genomics folder"
                    + " (or its matrix.mtx.gz) or Cell Ranger's .h5, an AnnData .h5ad, a MuData .h5mu, a Loom file, or MNIST IDX images (.gz).")
    Path data;

    @Option(names = "--test", paramLabel = "FILE", description = "A separate test file with the same features.")
    Path testFile;

    @Option(names = "--split", paramLabel = "FILE", description = "A split file of 'sample_id,split' rows (split = train or test).")
    Path splitFile;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of rows held out for testing when there is no --test or --split file (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--scale", defaultValue = "auto", paramLabel = "HOW",
            description = "auto, minmax, minmax-global, standard or none (default: ${DEFAULT-VALUE}: one [0,1] range for images, per-feature min-max otherwise). Fitted on the training split.")
    String scale;

    // ---- preprocessing between imputation and scaling (see data.Preprocessing)

    @Option(names = "--cpm", description = "Counts per million: divide each sample by its total and multiply by one million (before --log1p). Needs values of zero or more.")
    boolean cpm;

    @Option(names = "--log1p", description = "Replace every value x by log(1 + x) (after --cpm). Needs values of zero or more.")
    boolean log1p;

    @Option(names = "--drop-constant", description = "Drop the features that are constant on the training split; the run reports which.")
    boolean dropConstant;

    @Option(names = "--top-variable", paramLabel = "N", defaultValue = "0",
            description = "Keep only the N features of highest variance on the training split (after --cpm/--log1p); indices in the run still refer to the file's columns.")
    int topVariable;

    Preprocessing preprocessing() {
        if (topVariable < 0) throw new IllegalArgumentException("--top-variable must be at least 1 (it is " + topVariable + ").");
        return new Preprocessing(cpm, log1p, dropConstant, topVariable);
    }

    DataSpec toSpec(long splitSeed) {
        if (data == null) throw new IllegalArgumentException("--data FILE is required: the data file to read.");
        ReadOptions read = reading.readOptions().withProgress(progress());
        if (!(testFraction > 0 && testFraction < 1))
            throw new IllegalArgumentException("--test-fraction must be between 0 and 1 (it is " + testFraction + ").");
        return new DataSpec(data, read, testFile, splitFile, testFraction, splitSeed,
                Options.enumValue(Scaling.class, scale, "--scale"), preprocessing());
    }

    /** Reading progress (not with --quiet, where the command has it) and the reader's notes on stderr. */
    private ReadProgress progress() {
        if (command == null) return ReadProgress.NONE;
        var quietOption = command.findOption("--quiet");
        boolean quiet = quietOption != null && Boolean.TRUE.equals(quietOption.getValue());
        return new ReadProgressLine(command.commandLine().getErr(), data.getFileName() == null ? data.toString()
                : data.getFileName().toString(), System.console() != null, quiet);
    }
}
