package org.caeworkbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caeworkbench.core.Benchmark;
import org.caeworkbench.core.NativeThreads;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;
import org.caeworkbench.eval.LinearReconstruction;
import org.caeworkbench.export.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the engine's speed in one process and print one JSON line (--table: a readable table).",
                "gemm_epoch_s: only the matrix multiplies of one epoch (the floor); train_epoch_s: a real training epoch (median after warm-up);",
                "listener_overhead: epoch time with a window-like listener (probabilities included) over without;",
                "time_to_quality_s: 'cae train' defaults on the bundled MNIST 6000/4000 sample until accepted, with its linear MSE.",
                "Gene-sized case: cae bench --n 2000 --d 20000 --k 500 --no-quality"})
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", defaultValue = "6000", description = "Training rows (default: ${DEFAULT-VALUE}).") int n;
    @Option(names = "--d", defaultValue = "784", description = "Features (default: ${DEFAULT-VALUE}).") int d;
    @Option(names = "--k", defaultValue = "50", description = "Selected features (default: ${DEFAULT-VALUE}).") int k;
    @Option(names = "--hidden", defaultValue = "auto", description = "Decoder hidden layers (default: ${DEFAULT-VALUE}).") String hidden;
    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--epochs", defaultValue = "8", description = "Timed training epochs per run (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--warmup", defaultValue = "2", description = "Epochs of each run left out of the median (default: ${DEFAULT-VALUE}).") int warmup;
    @Option(names = "--rounds", defaultValue = "4", description = "Alternating runs without and with the listener (default: ${DEFAULT-VALUE}).") int rounds;
    @Option(names = "--no-quality", negatable = false, description = "Skip the time-to-quality run.") boolean noQuality;
    @Option(names = "--quality-data", defaultValue = "samples/mnist", description = "Folder with the MNIST 6000/4000 IDX files (default: ${DEFAULT-VALUE}).") Path qualityData;
    @Option(names = "--table", description = "Print a readable table instead of JSON.") boolean table;

    @Override
    public Integer call() throws DataException {
        NativeThreads.configure();
        TrainingConfig cfg = TrainingConfig.builder().k(k).hidden(hidden).batchSize(batch).epochs(epochs).build();
        var problems = cfg.problems(d, n);
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0));
        if (epochs <= warmup) throw new IllegalArgumentException("--epochs must exceed --warmup (" + epochs + " <= " + warmup + ").");
        Benchmark.Shape shape = new Benchmark.Shape(n, d, k, cfg.hiddenSizes(), Math.min(batch, n));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("d", d);
        m.put("k", k);
        m.put("hidden", java.util.Arrays.toString(shape.hidden()));
        m.put("batch", shape.batch());
        m.put("steps_per_epoch", shape.stepsPerEpoch());
        m.put("gemm_gflop_per_epoch", shape.flopsPerEpoch() / 1e9);

        Dataset data = Benchmark.randomData(n, d, 7);
        double[] gemms = new double[rounds];
        double[] plain = new double[rounds];
        double[] withListener = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // every figure is re-measured in each round and the fastest round kept: on a shared machine the
            // minimum is the figure least disturbed by other work
            gemms[r] = Benchmark.gemmEpochSeconds(shape, 3);
            // alternate the order, so a slow spell of a shared machine does not always hit the same side
            boolean plainFirst = r % 2 == 0;
            if (plainFirst) plain[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, TrainingListener.NONE), warmup);
            withListener[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, Benchmark.windowLikeListener()), warmup);
            if (!plainFirst) plain[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, TrainingListener.NONE), warmup);
        }
        double gemm = min(gemms);
        double train = min(plain);
        double listened = min(withListener);
        m.put("gemm_epoch_s", round(gemm));
        m.put("gemm_gflops", round(shape.flopsPerEpoch() / 1e9 / gemm));
        m.put("train_epoch_s", round(train));
        m.put("train_to_gemm", round(train / gemm));
        m.put("listener_epoch_s", round(listened));
        m.put("listener_overhead", round(listened / train));
        data = null;

        if (!noQuality) quality(m);
        m.put("threads", NativeThreads.describe());
        m.put("java", System.getProperty("java.version"));
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        Benchmark.Memory mem = Benchmark.memory();
        m.put("peak_rss_mib", mem.peakRss());
        m.put("heap_max_mib", mem.heapMax());

        var out = spec.commandLine().getOut();
        if (table) {
            m.forEach((key, v) -> out.printf(Locale.ROOT, "%-26s %s%n", key, v));
        } else {
            out.println(RunConfig.toJsonLine(m));
        }
        out.flush();
        return 0;
    }

    /** The defaults of 'cae train' on the bundled MNIST split, timed until the convergence rule accepts. */
    private void quality(Map<String, Object> m) throws DataException {
        DataSpec spec = new DataSpec(qualityData.resolve("train6000-images-idx3-ubyte.gz"), ReadOptions.defaults(),
                qualityData.resolve("test4000-images-idx3-ubyte.gz"), null, 0.2, 1, Scaling.AUTO);
        long t0 = System.nanoTime();
        PreparedData data = DataPreparation.prepare(spec);
        double load = (System.nanoTime() - t0) / 1e9;
        TrainingConfig defaults = TrainingConfig.builder().build();
        SelectionResult r = new Trainer(defaults).train(data.train(), data.test(), TrainingListener.NONE, null);
        m.put("time_to_quality_s", round(r.seconds()));
        m.put("quality_load_s", round(load));
        m.put("quality_status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("quality_epochs", r.epochs());
        m.put("quality_tries", r.tries());
        m.put("quality_linear_mse", LinearReconstruction.testMse(data.train(), data.test(), r.selected()));
        m.put("quality_duplicates", r.k() - r.distinctCount());
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
