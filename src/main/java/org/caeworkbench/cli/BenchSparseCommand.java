package org.caeworkbench.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.caeworkbench.core.SparseBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench-sparse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the sparse engine against the dense one.",
                "Times the selector on sparse data: a synthetic n x d matrix with the given share of non-zeros, through the"
                + " sparse engine (CSR, products over the non-zeros) and the dense engine (the same values dense). Prints one JSON"
                + " line: seconds per epoch of the selector's two products alone and of a real training epoch, per engine (the"
                + " fastest of the rounds, engines alternating), and the ratio sparse / (density x dense) the issue asks to keep"
                + " at most 2.",
                "Example: cae bench-sparse --n 20000 --d 20000 --density 0.05 --k 50"})
final class BenchSparseCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", description = "Rows (default: ${DEFAULT-VALUE}).") int n = 20_000;
    @Option(names = "--d", description = "Features (default: ${DEFAULT-VALUE}).") int d = 20_000;
    @Option(names = "--density", description = "Share of non-zero values (default: ${DEFAULT-VALUE}).") double density = 0.05;
    @Option(names = "--k", description = "Selected features (default: ${DEFAULT-VALUE}).") int k = 50;
    @Option(names = "--batch", description = "Minibatch size (default: ${DEFAULT-VALUE}).") int batch = 256;
    @Option(names = "--rounds", description = "Rounds; the fastest is kept (default: ${DEFAULT-VALUE}).") int rounds = 3;
    @Option(names = "--train-epochs", description = "Training epochs per round for the training figure; 0: none (default: ${DEFAULT-VALUE}).")
    int trainEpochs = 1;
    @Option(names = "--engine", description = "sparse, dense or both (default: ${DEFAULT-VALUE}); one alone to measure its peak memory.")
    String engine = "both";
    @Option(names = "--seed", description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).") long seed = 1;

    @Override
    public Integer call() {
        if (n < batch || d < 1 || k < 1 || !(density > 0 && density < 1) || rounds < 1 || trainEpochs < 0)
            throw new IllegalArgumentException("bench-sparse needs --n of at least --batch, --d and --k of 1 or more, --density between 0 and 1,"
                    + " --rounds of 1 or more and --train-epochs of 0 or more.");
        List<String> engines = switch (engine) {
            case "both" -> List.of("sparse", "dense");
            case "sparse", "dense" -> List.of(engine);
            default -> throw new IllegalArgumentException("--engine must be sparse, dense or both, not '" + engine + "'.");
        };
        SparseBenchmark.Result r = SparseBenchmark.run(n, d, density, k, batch, rounds, trainEpochs, engines, seed);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "{\"n\":%d,\"d\":%d,\"k\":%d,\"batch\":%d,\"non_zeros\":%d,\"density\":%.4f", r.n(), r.d(),
                r.k(), r.batch(), r.nonZeros(), r.density()));
        double[] sel = new double[2], tr = new double[2];
        Arrays.fill(sel, Double.NaN);
        Arrays.fill(tr, Double.NaN);
        for (SparseBenchmark.Engine e : r.engines()) {
            int i = e.name().equals("sparse") ? 0 : 1;
            sel[i] = e.selectorEpochSeconds();
            tr[i] = e.trainEpochSeconds();
            sb.append(String.format(Locale.ROOT, ",\"%s_selector_epoch_s\":%.4f,\"%s_train_epoch_s\":%s,\"%s_matrix_mib\":%.1f", e.name(),
                    e.selectorEpochSeconds(), e.name(), Double.isNaN(e.trainEpochSeconds()) ? "null" : String.format(Locale.ROOT, "%.4f",
                    e.trainEpochSeconds()), e.name(), e.matrixBytes() / 1048576.0));
        }
        if (!Double.isNaN(sel[0]) && !Double.isNaN(sel[1])) {
            sb.append(String.format(Locale.ROOT, ",\"selector_sparse_over_density_dense\":%.3f", sel[0] / (r.density() * sel[1])));
            if (!Double.isNaN(tr[0])) sb.append(String.format(Locale.ROOT, ",\"train_sparse_over_dense\":%.3f", tr[0] / tr[1]));
        }
        Runtime rt = Runtime.getRuntime();
        sb.append(String.format(Locale.ROOT, ",\"max_heap_mib\":%d}", rt.maxMemory() >> 20));
        spec.commandLine().getOut().println(sb);
        return 0;
    }
}
