package org.caeworkbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caeworkbench.core.Benchmark;
import org.caeworkbench.core.NativeThreads;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingCheckpoint;
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
import org.caeworkbench.export.CheckpointFile;
import org.caeworkbench.export.RunConfig;
import picocli.CommandLine.Command;
import org.caeworkbench.core.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the engine's speed in one process and print one JSON line (--table: a readable table).",
                "gemm_epoch_s: only the matrix multiplies of one epoch (the floor); train_epoch_s: a real training epoch (median after warm-up);",
                "listener_overhead: epoch time with a window-like listener (probabilities included) over without;",
                "checkpoint_mib, checkpoint_write_s, checkpoint_read_s: a training checkpoint of this model (written atomically, flushed to disk);",
                "time_to_quality_s: 'cae train' defaults on the bundled MNIST 6000/4000 sample until accepted, with its linear MSE.",
                "projected_train_s, projected_train: train_epoch_s times --project-epochs (the paper's GEO run: 5,000 epochs); peak_rss_mib: the process's peak resident memory.",
                "Gene-sized case: cae bench --n 2000 --d 20000 --k 500 --no-quality",
                "The paper's GEO shape: cae bench --n 88807 --d 10463 --k 943 --hidden none --no-quality --warmup 0 --rounds 1 --epochs 1 --history off (-Xmx16g)",
                "A sparse case: cae bench --n 100000 --d 20000 --density 0.05 --k 50 --no-quality (mostly-zero data, generated as CSR; nnz, csr_mib, dense_mib)"})
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", defaultValue = "6000", description = "Training rows (default: ${DEFAULT-VALUE}).") int n;
    @Option(names = "--d", defaultValue = "784", description = "Features (default: ${DEFAULT-VALUE}).") int d;
    @Option(names = "--batch", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).") int batch;
    /** --k, --hidden, --epochs, --selector and --ip-dim from the catalogue (core.Settings); the benchmark times 8 epochs. */
    @Mixin TrainingOptions training = TrainingOptions.only(Settings.K, Settings.HIDDEN, Settings.EPOCHS, Settings.SELECTOR, Settings.IP_DIM)
            .override(Settings.EPOCHS, "8", "Timed training epochs per run (default: ${DEFAULT-VALUE}).");
    @Option(names = "--warmup", defaultValue = "2", description = "Epochs of each run left out of the median (default: ${DEFAULT-VALUE}).") int warmup;
    @Option(names = "--rounds", defaultValue = "4", description = "Alternating runs without and with the listener (default: ${DEFAULT-VALUE}).") int rounds;
    @Option(names = "--density", paramLabel = "P",
            description = "Share of non-zero entries of the synthetic data, in (0, 1]: below 1 the data are generated as a sparse (CSR) matrix, "
                    + "each entry non-zero with probability P, and handed to the engine densified (the dense engine's figures on those data; 'cae bench-sparse' times the sparse engine against it); "
                    + "nnz, csr_mib and dense_mib say what each form holds (default: 1, dense uniform data).")
    double density = 1.0;
    @Option(names = "--project-epochs", defaultValue = "5000", paramLabel = "N",
            description = "Epochs the projected training time is given for (default: ${DEFAULT-VALUE}, the paper's GEO run).")
    int projectEpochs;
    @Option(names = "--no-quality", negatable = false, description = "Skip the time-to-quality run.") boolean noQuality;
    @Option(names = "--quality-data", defaultValue = "samples/mnist", description = "Folder with the MNIST 6000/4000 IDX files (default: ${DEFAULT-VALUE}).") Path qualityData;
    @Option(names = "--table", description = "Print a readable table instead of JSON.") boolean table;
    @Option(names = "--history", defaultValue = "on", paramLabel = "on|off|both",
            description = "The time-to-quality run records its replay (on, as 'cae train' does), does not (off), or runs twice, without and "
                    + "then with it, twice (off, on, on, off; the faster of each), and reports history_overhead (time with over without), history_recorder_s (the recorder's own time "
                    + "on the training thread) and the replay's share of the run folder; both also times the benchmark epochs with the "
                    + "recorder (history_epoch_overhead, the fastest round of each) (default: ${DEFAULT-VALUE}).")
    String history;
    @Option(names = "--memory-runs", defaultValue = "0", paramLabel = "N",
            description = "Also train N times on the benchmark data in this process, each stopped after 3 epochs with a window-like listener, "
                    + "and report heap, resident and native memory after each (memory_*_mib; flat series: nothing accumulates); then 3,000 steps of "
                    + "batch 16 on 46 x 22,283 data, with resident and native memory every 500 steps (small_steps_*). Default: off.")
    int memoryRuns;

    /** GFLOP of one epoch's multiplies above which the defaults time one epoch per figure (about 10 s an epoch or more here). */
    static final double LONG_EPOCH_GFLOP = 1000;

    /** One sentence, before minutes of work, when the synthetic data alone would not fit the heap. */
    private void requireHeap() {
        long dense = 4L * n * d;
        long csr = density < 1 ? (long) Math.ceil(8.0 * n * d * density) + 4L * (n + 1) : 0;
        long max = Runtime.getRuntime().maxMemory();
        if (dense + csr > 0.9 * max)
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The synthetic data of %,d x %,d take %.1f GB%s, but Java may use only %.1f GB: "
                    + "start it with more memory, e.g. java -Xmx%dg -jar cae-workbench.jar bench ...", n, d, dense / 1e9,
                    csr > 0 ? String.format(Locale.ROOT, " dense (and %.1f GB while generated as CSR)", csr / 1e9) : "",
                    max / 1e9, (long) Math.ceil((dense + csr) * 2.0 / (1L << 30)) + 1));
    }

    @Option(names = "--thread-configs", negatable = false,
            description = "Instead of the figures above: for each of --rounds rounds, alternating the order, the GEMM floor and the training epoch "
                    + "(median after warm-up) with 1 BLAS thread and the selector's helper, 2 BLAS threads and the helper, 2 BLAS threads "
                    + "without it (docs/performance.md, 'Both cores'); prints each measurement and the medians with their range.")
    boolean threadConfigs;

    /** The many-small-steps case of --memory-runs: 46 training rows of 22,283 features, 3,000 steps of batch 16. */
    private static final int SMALL_N = 46;
    private static final int SMALL_D = 22_283;
    private static final long SMALL_STEPS = 3000;

    @Override
    public Integer call() throws DataException, java.io.IOException {
        NativeThreads.configure();
        TrainingConfig cfg = training.config().toBuilder().batchSize(batch).build();
        int k = cfg.k();
        int epochs = cfg.epochs();
        var problems = cfg.problems(d, n);
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0).sentence());
        Benchmark.Shape shape = new Benchmark.Shape(n, d, k, cfg.hiddenSizes(), Math.min(batch, n), cfg.effectiveIpDim(d));
        Map<String, Object> m = new LinkedHashMap<>();
        // a shape whose epoch takes minutes (the paper's GEO shape: about 3 here) is timed once per figure unless told otherwise
        var parsed = spec.commandLine().getParseResult();
        boolean told = parsed.hasMatchedOption("--rounds") || parsed.hasMatchedOption("--epochs") || parsed.hasMatchedOption("--warmup");
        boolean shortened = shape.flopsPerEpoch() / 1e9 > LONG_EPOCH_GFLOP && !told;
        if (shortened) {
            rounds = 1;
            warmup = 0;
            cfg = cfg.toBuilder().epochs(1).build();
            epochs = 1;
        }
        if (epochs <= warmup) throw new IllegalArgumentException("--epochs must exceed --warmup (" + epochs + " <= " + warmup + ").");
        requireHeap();
        if (threadConfigs) return threadConfigs(shape, cfg);
        m.put("n", n);
        m.put("d", d);
        m.put("k", k);
        m.put("hidden", java.util.Arrays.toString(shape.hidden()));
        m.put("batch", shape.batch());
        m.put("selector", shape.ipDim() > 0 ? "ip (m " + shape.ipDim() + ")" : "plain");
        m.put("steps_per_epoch", shape.stepsPerEpoch());
        m.put("gemm_gflop_per_epoch", shape.flopsPerEpoch() / 1e9);
        if (shortened)
            m.put("timing", "one epoch per figure (no warm-up, one round): an epoch of this shape is over " + (int) LONG_EPOCH_GFLOP
                    + " GFLOP; give --rounds, --epochs or --warmup to time more");

        String recording = history.trim().toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("on", "off", "both").contains(recording))
            throw new IllegalArgumentException("--history must be on, off or both (got '" + history + "').");
        if (!(density > 0 && density <= 1)) throw new IllegalArgumentException("--density must be above 0 and at most 1 (it is " + density + ").");
        if (projectEpochs < 1) throw new IllegalArgumentException("--project-epochs must be at least 1 (it is " + projectEpochs + ").");
        Dataset data = benchData(m);
        double[] recorded = new double[rounds];
        double[] gemms = new double[rounds];
        double[] plain = new double[rounds];
        double[] withListener = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // every figure is re-measured in each round and the fastest round kept: on a shared machine the
            // minimum is the figure least disturbed by other work
            gemms[r] = shortened ? Benchmark.gemmEpochSeconds(shape, 1, 3) : Benchmark.gemmEpochSeconds(shape, 3);
            // alternate the order, so a slow spell of a shared machine does not always hit the same side
            boolean plainFirst = r % 2 == 0;
            if (plainFirst) plain[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, TrainingListener.NONE), warmup);
            withListener[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, Benchmark.windowLikeListener()), warmup);
            if (!plainFirst) plain[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, TrainingListener.NONE), warmup);
            // the replay recorder alone (what 'cae train' adds to its progress lines), in the same round as the plain epochs
            if (recording.equals("both"))
                recorded[r] = Benchmark.medianAfter(Benchmark.trainEpochSeconds(data, cfg, new org.caeworkbench.app.HistoryRecorder(TrainingListener.NONE)), warmup);
        }
        double gemm = min(gemms);
        if (shape.ipDim() > 0) {
            // the floor without IP-CAE's three k x m x d products, as measured before issue 14 made ip the default
            Benchmark.Shape plainShape = new Benchmark.Shape(n, d, k, shape.hidden(), shape.batch(), 0);
            double plainGemm = Benchmark.gemmEpochSeconds(plainShape, 3 * rounds);
            m.put("gemm_plain_epoch_s", round(plainGemm));
            m.put("train_to_plain_gemm", round(min(plain) / plainGemm));
        }
        double train = min(plain);
        double listened = min(withListener);
        m.put("gemm_epoch_s", round(gemm));
        m.put("gemm_gflops", round(shape.flopsPerEpoch() / 1e9 / gemm));
        m.put("train_epoch_s", round(train));
        m.put("train_to_gemm", round(train / gemm));
        m.put("projected_epochs", projectEpochs);
        m.put("projected_train_s", Math.round(Benchmark.projectedSeconds(train, projectEpochs)));
        m.put("projected_train", Benchmark.readableDuration(Benchmark.projectedSeconds(train, projectEpochs)));
        m.put("listener_epoch_s", round(listened));
        m.put("listener_overhead", round(listened / train));
        if (recording.equals("both")) {
            m.put("history_epoch_s", round(min(recorded)));
            m.put("history_epoch_overhead", round(min(recorded) / train));
        }
        data = null;

        if (memoryRuns < 0) throw new IllegalArgumentException("--memory-runs must be 0 or more (it is " + memoryRuns + ").");
        if (memoryRuns > 0) {
            Benchmark.MemorySeries series = Benchmark.repeatedRuns(benchData(null), cfg, memoryRuns, 3);
            m.put("memory_runs", memoryRuns);
            m.put("memory_heap_mib", java.util.Arrays.toString(series.heapMib()));
            m.put("memory_rss_mib", java.util.Arrays.toString(series.rssMib()));
            m.put("memory_native_mib", java.util.Arrays.toString(series.nativeMib()));
            m.put("memory_threads", java.util.Arrays.toString(series.threads()));
            int last = memoryRuns - 1, second = Math.min(1, last);
            m.put("memory_rss_growth_mib", series.rssMib()[last] - series.rssMib()[second]);
            // many small steps: the expression-table shape whose memory once grew with every epoch
            Benchmark.StepSeries steps = Benchmark.manySmallSteps(SMALL_N, SMALL_D, k, SMALL_STEPS, 500);
            m.put("small_steps_shape", SMALL_N + " x " + SMALL_D + ", k " + k + ", batch 16, validation " + SMALL_N / 4 + " rows");
            m.put("small_steps_at", java.util.Arrays.toString(steps.steps()));
            m.put("small_steps_rss_mib", java.util.Arrays.toString(steps.rssMib()));
            m.put("small_steps_nd4j_native_kib", java.util.Arrays.toString(steps.nativeKib()));
            m.put("small_steps_heap_committed_mib", java.util.Arrays.toString(steps.heapCommittedMib()));
            m.put("small_steps_rss_growth_mib_per_1000_steps_after_warmup", round(steps.rssGrowthPer1000Steps()));
            m.put("small_steps_nd4j_native_growth_kib_per_1000_steps_after_warmup", round(steps.nativeGrowthKibPer1000Steps()));
        }
        checkpointFigures(m, shape);
        if (!noQuality) quality(m, recording);
        m.put("threads", NativeThreads.describe());
        m.put("blas_choice", Benchmark.lastBlasChoice());
        m.put("blas_kernels", org.caeworkbench.core.BlasKernels.decision());
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

    /**
     * The benchmark's data: uniform random values, or with {@code --density} below 1 a random sparse matrix made
     * as CSR and densified (the dense engine's figures; {@code cae bench-sparse} times the sparse engine). Figures
     * about the data go into {@code m} when it is given.
     */
    private Dataset benchData(Map<String, Object> m) {
        if (density >= 1) {
            if (m != null) m.put("data", "dense, uniform in [0, 1)");
            return Benchmark.randomData(n, d, 7);
        }
        Benchmark.SparseRows sparse = Benchmark.randomSparse(n, d, density, 7);
        if (m != null) {
            m.put("data", "sparse, each entry non-zero with probability " + density + ", values in (0, 1]; trained dense");
            m.put("density", round(sparse.density()));
            m.put("nnz", sparse.nnz());
            m.put("csr_mib", round(sparse.bytes() / 1048576.0));
            m.put("dense_mib", round(4.0 * n * d / 1048576.0));
        }
        return sparse.toDataset("random sparse");
    }

    /**
     * The thread configurations (1 BLAS thread and the helper, 2 and the helper, 2 without it, and the trainer's own choice),
     * measured in alternating order, printed one line each and summed up.
     */
    private Integer threadConfigs(Benchmark.Shape shape, TrainingConfig cfg) {
        var out = spec.commandLine().getOut();
        String[] names = {"1 BLAS + helper", "2 BLAS + helper", "2 BLAS, no helper", "auto (run-time)"};
        int[] blas = {1, 2, 2, 1};
        boolean[] helper = {true, true, false, true};
        int configs = names.length;
        double[][] gemm = new double[configs][rounds];
        double[][] train = new double[configs][rounds];
        Dataset data = Benchmark.randomData(n, d, 7);
        int before = NativeThreads.blasThreadsNow();
        out.printf(Locale.ROOT, "# n %d, d %d, k %d, hidden %s, batch %d, selector %s, %d steps an epoch, %.2f GFLOP of GEMM an epoch; load %.2f; %s%n",
                n, d, shape.k(), java.util.Arrays.toString(shape.hidden()), shape.batch(), shape.ipDim() > 0 ? "ip (m " + shape.ipDim() + ")" : "plain",
                shape.stepsPerEpoch(), shape.flopsPerEpoch() / 1e9,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), NativeThreads.describe());
        try {
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < configs; i++) {
                    int c = r % 2 == 0 ? i : configs - 1 - i;     // alternate the order, so a slow spell does not always hit the same one
                    NativeThreads.useBlasThreads(blas[c]);
                    gemm[c][r] = Benchmark.gemmEpochSeconds(shape, 2);
                    boolean auto = c == configs - 1;
                    train[c][r] = Benchmark.medianAfter(auto ? Benchmark.trainEpochSecondsChoosing(data, cfg)
                            : Benchmark.trainEpochSeconds(data, cfg, helper[c]), warmup);
                    out.printf(Locale.ROOT, "round %d  %-18s gemm %.4f s  train %.4f s  train/gemm %.2f%s%n", r + 1, names[c], gemm[c][r], train[c][r],
                            train[c][r] / gemm[c][r], auto ? "  (" + Benchmark.lastBlasChoice() + ")" : "");
                    out.flush();
                }
            }
        } finally {
            NativeThreads.useBlasThreads(before);
        }
        out.printf(Locale.ROOT, "%-18s %28s %28s %10s %10s%n", "configuration", "gemm s/epoch median (range)", "train s/epoch median (range)",
                "train/gemm", "vs 1 BLAS");
        double base = Benchmark.median(train[0]);
        for (int c = 0; c < configs; c++) {
            double g = Benchmark.median(gemm[c]), t = Benchmark.median(train[c]);
            out.printf(Locale.ROOT, "%-18s %8.4f (%.4f-%.4f) %10.4f (%.4f-%.4f) %10.2f %10.2f%n", names[c], g, min(gemm[c]), max(gemm[c]),
                    t, min(train[c]), max(train[c]), t / g, t / base);
        }
        out.println("(gemm of 'auto' is the 1-thread floor; train/gemm of a 2-thread row is against its own 2-thread floor)");
        out.flush();
        return 0;
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    /**
     * The defaults of 'cae train' on the bundled MNIST split, timed until the convergence rule accepts; with
     * {@code history} "both" twice, without and with the replay recorder, and the run folder written with and without it.
     */
    private void quality(Map<String, Object> m, String history) throws DataException, java.io.IOException {
        DataSpec spec = new DataSpec(qualityData.resolve("train6000-images-idx3-ubyte.gz"), ReadOptions.defaults(),
                qualityData.resolve("test4000-images-idx3-ubyte.gz"), null, 0.2, 1, Scaling.AUTO);
        long t0 = System.nanoTime();
        PreparedData data = DataPreparation.prepare(spec);
        double load = (System.nanoTime() - t0) / 1e9;
        TrainingConfig defaults = TrainingConfig.builder().selector(training.config().selector()).ipDim(training.config().ipDim()).build();
        boolean both = history.equals("both");
        SelectionResult plain = null;
        SelectionResult r = null;
        org.caeworkbench.app.TrainingJob recorded = null;
        // both: without, with, with, without (a slow spell of a shared machine hits both sides), the faster of each kept
        String[] order = both ? new String[] {"off", "on", "on", "off"} : new String[] {history};
        for (String o : order) {
            boolean record = o.equals("on");
            var job = org.caeworkbench.app.TrainingJob.start(defaults, data.train(), data.test(), null, -1);
            SelectionResult one = job.run(TrainingListener.NONE, null, record);
            if (record && (r == null || one.seconds() < r.seconds())) {
                r = one;
                recorded = job;
            }
            if (!record && (plain == null || one.seconds() < plain.seconds())) plain = one;
        }
        if (r == null) r = plain;
        m.put("time_to_quality_s", round(r.seconds()));
        m.put("quality_load_s", round(load));
        m.put("quality_status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("quality_epochs", r.epochs());
        m.put("quality_tries", r.tries());
        m.put("quality_linear_mse", LinearReconstruction.testMse(data.train(), data.test(), r.selected()));
        m.put("quality_duplicates", r.k() - r.distinctCount());
        if (recorded != null) m.put("history_recorder_s", round(recorded.recorderSeconds()));
        if (both) {
            m.put("time_to_quality_without_history_s", round(plain.seconds()));
            m.put("history_overhead", round(r.seconds() / plain.seconds()));
            m.put("history_recorder_share", round(recorded.recorderSeconds() / r.seconds()));
            runFolderShare(m, spec, data, defaults, r, recorded.history());
        }
    }

    /** Writes the run folder with and without the replay into a temporary folder and reports their sizes. */
    private static void runFolderShare(Map<String, Object> m, DataSpec spec, PreparedData data, TrainingConfig cfg, SelectionResult r,
                                       org.caeworkbench.export.SelectorHistory history) throws java.io.IOException {
        Path tmp = java.nio.file.Files.createTempDirectory("cae-bench-run");
        try {
            RunConfig config = new RunConfig(spec, cfg, "cae bench", org.caeworkbench.export.RunConfig.programVersion());
            var model = new org.caeworkbench.export.SavedModel(r.model(), data.train().featureNames(), data.scaler(), data.imputer(),
                    data.train().imageShape(), spec.preprocessing(), data.filter());
            org.caeworkbench.app.TrainingJob.writeRun(tmp.resolve("without"), config, r, model, data.train(), data.test(), false, null);
            org.caeworkbench.app.TrainingJob.writeRun(tmp.resolve("with"), config, r, model, data.train(), data.test(), false, history);
            long without = folderBytes(tmp.resolve("without"));
            long with = folderBytes(tmp.resolve("with"));
            var written = org.caeworkbench.export.SelectorHistory.read(tmp.resolve("with").resolve(org.caeworkbench.export.SelectorHistory.FILE));
            m.put("run_folder_bytes", without);
            m.put("history_bytes", with - without);
            m.put("history_share_of_run_folder", round((double) (with - without) / without));
            m.put("history_frames_recorded", history == null ? 0 : history.size());
            m.put("history_frames_written", written.size());
            m.put("history_layout", written.full() ? "full matrix" : "top " + written.top() + " per selector and each feature's maximum");
            if (history != null) {
                // the copy written beside each checkpoint (every 10 s at most by default), the whole recording
                Path copy = tmp.resolve("copy.bin.gz");
                long t0 = System.nanoTime();
                history.write(copy, java.util.zip.Deflater.BEST_SPEED);
                m.put("history_checkpoint_copy_s", round((System.nanoTime() - t0) / 1e9));
                m.put("history_checkpoint_copy_bytes", java.nio.file.Files.size(copy));
            }
        } finally {
            org.caeworkbench.export.AtomicFiles.deleteTree(tmp);
        }
    }

    private static long folderBytes(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /**
     * The size of a checkpoint of this model (parameters and Adam's two moments) and the time to write it
     * (atomically, flushed to disk) and read it back, the fastest of three, in a temporary folder.
     */
    private static void checkpointFigures(Map<String, Object> m, Benchmark.Shape shape) throws java.io.IOException {
        int[] w = new int[shape.hidden().length + 2];
        w[0] = shape.k();
        System.arraycopy(shape.hidden(), 0, w, 1, shape.hidden().length);
        w[w.length - 1] = shape.d();
        long count = (long) shape.k() * shape.d();
        for (int l = 0; l + 1 < w.length; l++) count += (long) w[l] * w[l + 1] + w[l + 1];
        if (3 * count * 4 > Runtime.getRuntime().maxMemory() / 2) {
            m.put("checkpoint_mib", round(3 * count * 4 / 1048576.0));
            return;     // not enough heap to hold the three arrays besides the rest; size only
        }
        float[] params = new float[(int) count];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < params.length; i++) params[i] = (float) r.nextGaussian();
        TrainingCheckpoint c = new TrainingCheckpoint(1, 300, 150, 1, shape.d(), shape.k(), shape.hidden(), 0, params, params.clone(),
                params.clone(), 1, 0.1, 1, java.util.List.of(), java.util.List.of());
        Path dir = java.nio.file.Files.createTempDirectory("cae-bench-checkpoint");
        try {
            Path file = dir.resolve(CheckpointFile.NAME);
            double write = Double.POSITIVE_INFINITY;
            double read = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                CheckpointFile.write(file, c);
                long t1 = System.nanoTime();
                CheckpointFile.read(file);
                long t2 = System.nanoTime();
                write = Math.min(write, (t1 - t0) / 1e9);
                read = Math.min(read, (t2 - t1) / 1e9);
            }
            m.put("checkpoint_mib", round(java.nio.file.Files.size(file) / 1048576.0));
            m.put("checkpoint_write_s", round(write));
            m.put("checkpoint_read_s", round(read));
        } finally {
            org.caeworkbench.export.AtomicFiles.deleteTree(dir);
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
