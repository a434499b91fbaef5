package org.caeworkbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed figures of the engine measured in one process, so they can be compared on a noisy machine:
 * the time of only the matrix multiplies an epoch needs (the floor for this model here) and the time
 * of real training epochs, with and without a listener that takes what the window takes.
 */
public final class Benchmark {
    private Benchmark() {}

    /**
     * The model and data shape being measured; {@code ipDim} is IP-CAE's m (0: the paper's plain logits),
     * whose three k x m x d products a step (L = Psi W^T, dPsi = dL W, dW = dL^T Psi) belong to the floor too.
     */
    public record Shape(int n, int d, int k, int[] hidden, int batch, int ipDim) {
        /** A shape with the plain logits. */
        public Shape(int n, int d, int k, int[] hidden, int batch) {
            this(n, d, k, hidden, batch, 0);
        }

        public int stepsPerEpoch() {
            return (n + batch - 1) / batch;
        }

        /** Layer widths of the decoder: k, hidden..., d. */
        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = k;
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = d;
            return w;
        }

        /**
         * Floating-point operations of the matrix multiplies of one step: the selector's two (X S^T and
         * dZ^T X) and three per decoder layer (forward, weight gradient, input gradient).
         */
        public long flopsPerStep() {
            long b = batch;
            long f = 2L * 2 * b * d * k + 3L * 2 * k * (long) ipDim * d;
            int[] w = widths();
            for (int l = 0; l + 1 < w.length; l++) f += 3L * 2 * b * w[l] * w[l + 1];
            return f;
        }

        public long flopsPerEpoch() {
            return flopsPerStep() * stepsPerEpoch();
        }
    }

    /**
     * Seconds of one epoch's matrix multiplies alone (the same shapes and batch as training, into
     * preallocated outputs), the fastest of {@code repeats} after one warm-up.
     */
    public static double gemmEpochSeconds(Shape s, int repeats) {
        return gemmEpochSeconds(s, repeats, -1);
    }

    /**
     * As {@link #gemmEpochSeconds(Shape, int)}, warmed up by {@code warmupSteps} steps instead of a whole epoch
     * (negative: a whole epoch), for shapes whose epoch takes minutes.
     */
    public static double gemmEpochSeconds(Shape s, int repeats, int warmupSteps) {
        NativeThreads.configure();
        int b = s.batch();
        int[] w = s.widths();
        INDArray x = Nd4j.rand(DataType.FLOAT, b, s.d());
        INDArray sel = Nd4j.rand(DataType.FLOAT, s.k(), s.d());
        INDArray dSel = Nd4j.create(DataType.FLOAT, s.k(), s.d());
        int layers = w.length - 1;
        INDArray[] weights = new INDArray[layers];
        INDArray[] dWeights = new INDArray[layers];
        INDArray[] act = new INDArray[layers + 1];       // act[0] = Z, act[l + 1] = output of layer l
        INDArray[] grad = new INDArray[layers + 1];
        for (int l = 0; l < layers; l++) {
            weights[l] = Nd4j.rand(DataType.FLOAT, w[l], w[l + 1]);
            dWeights[l] = Nd4j.create(DataType.FLOAT, w[l], w[l + 1]);
        }
        for (int l = 0; l <= layers; l++) {
            act[l] = Nd4j.rand(DataType.FLOAT, b, w[l]);
            grad[l] = Nd4j.rand(DataType.FLOAT, b, w[l]);
        }
        int m = s.ipDim();
        INDArray psi = m > 0 ? Nd4j.rand(DataType.FLOAT, s.k(), m) : null;
        INDArray ipW = m > 0 ? Nd4j.rand(DataType.FLOAT, s.d(), m) : null;
        INDArray dPsi = m > 0 ? Nd4j.create(DataType.FLOAT, s.k(), m) : null;
        INDArray dIpW = m > 0 ? Nd4j.create(DataType.FLOAT, s.d(), m) : null;
        Gemm gemm = new Gemm();   // the same calls as a training step
        Runnable step = () -> {
            if (m > 0) gemm.gemm(psi, ipW, sel, false, true, 1.0, 0.0);      // L = Psi W^T (the bias's rank-one product left out)
            gemm.gemm(x, sel, act[0], false, true, 1.0, 0.0);
            for (int l = 0; l < layers; l++) gemm.gemm(act[l], weights[l], act[l + 1], false, false, 1.0, 0.0);
            for (int l = layers - 1; l >= 0; l--) {
                gemm.gemm(act[l], grad[l + 1], dWeights[l], true, false, 1.0, 0.0);
                gemm.gemm(grad[l + 1], weights[l], grad[l], false, true, 1.0, 0.0);
            }
            gemm.gemm(grad[0], x, dSel, true, false, 1.0, 0.0);
            if (m > 0) {
                gemm.gemm(dSel, ipW, dPsi, false, false, 1.0, 0.0);
                gemm.gemm(dSel, psi, dIpW, true, false, 1.0, 0.0);
            }
        };
        int steps = s.stepsPerEpoch();
        double[] times = new double[repeats];
        for (int r = -1; r < repeats; r++) {
            long t0 = System.nanoTime();
            int run = r < 0 && warmupSteps >= 0 ? Math.min(steps, warmupSteps) : steps;
            for (int i = 0; i < run; i++) step.run();
            if (r >= 0) times[r] = (System.nanoTime() - t0) / 1e9;
        }
        return Arrays.stream(times).min().orElseThrow();
    }

    /** Uniform random data of the given shape (the timing does not depend on the values). */
    public static Dataset randomData(int n, int d, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        return new Dataset("random", n, d, v, IntStream.range(0, d).mapToObj(j -> "f" + j).toList(),
                IntStream.range(0, n).mapToObj(i -> "s" + i).toList(), null, null);
    }

    /**
     * A mostly-zero matrix in compressed sparse row form: row r's non-zeros are {@code values[indptr[r] ..
     * indptr[r + 1])} in the columns {@code indices[...]} (ascending). What a sparse engine would train on;
     * {@link #toDataset()} gives the dense form today's engine takes.
     */
    public record SparseRows(int rows, int cols, int[] indptr, int[] indices, float[] values) {
        public long nnz() { return indptr[rows]; }

        public double density() { return rows == 0 || cols == 0 ? 0 : (double) nnz() / ((double) rows * cols); }

        /** Bytes of the CSR arrays (float32 values, int32 indices and row pointers). */
        public long bytes() { return 4L * (values.length + indices.length + indptr.length); }

        /** The dense row-major form (rows × cols floats, zeros filled in). */
        public Dataset toDataset(String name) {
            if ((long) rows * cols > Integer.MAX_VALUE - 8)
                throw new IllegalArgumentException(rows + " x " + cols + " is too large for a dense matrix (" + ((long) rows * cols)
                        + " values; at most " + (Integer.MAX_VALUE - 8) + ")");
            float[] v = new float[rows * cols];
            for (int r = 0; r < rows; r++)
                for (int p = indptr[r]; p < indptr[r + 1]; p++) v[r * cols + indices[p]] = values[p];
            return new Dataset(name, rows, cols, v, IntStream.range(0, cols).mapToObj(j -> "f" + j).toList(),
                    IntStream.range(0, rows).mapToObj(i -> "s" + i).toList(), null, null);
        }
    }

    /**
     * Random sparse data of the given shape: each entry is non-zero with probability {@code density}
     * (independently; the gaps between non-zeros of a row are drawn as geometric, so the work is O(nnz)),
     * with a value uniform in (0, 1], the range of the dense benchmark's data.
     */
    public static SparseRows randomSparse(int n, int d, double density, long seed) {
        if (!(density > 0 && density <= 1)) throw new IllegalArgumentException("the density must be in (0, 1], got " + density);
        long expected = (long) Math.ceil((double) n * d * density * 1.01 + 64 * Math.sqrt((double) n * d));
        if (expected > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException(n + " x " + d + " at " + density + " has too many non-zeros for one array");
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] indptr = new int[n + 1];
        int[] indices = new int[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, expected))];
        float[] values = new float[indices.length];
        double logMiss = density < 1 ? Math.log1p(-density) : Double.NEGATIVE_INFINITY;
        int nnz = 0;
        for (int row = 0; row < n; row++) {
            long c = -1;
            while (true) {
                c += density >= 1 ? 1 : 1 + (long) Math.floor(Math.log(1 - r.nextDouble()) / logMiss);
                if (c >= d) break;
                if (nnz == indices.length) {
                    int grown = (int) Math.min(Integer.MAX_VALUE - 8, indices.length + (indices.length >> 3) + 16);
                    if (grown == indices.length) throw new IllegalArgumentException("too many non-zeros for one array");
                    indices = Arrays.copyOf(indices, grown);
                    values = Arrays.copyOf(values, grown);
                }
                indices[nnz] = (int) c;
                values[nnz++] = 1f - r.nextFloat() * 0.999f;   // (0, 1]
            }
            indptr[row + 1] = nnz;
        }
        return new SparseRows(n, d, indptr, Arrays.copyOf(indices, nnz), Arrays.copyOf(values, nnz));
    }

    /** Seconds of {@code epochs} epochs at {@code epochSeconds} each: the projection the benchmark prints (the paper's GEO run: 5,000). */
    public static double projectedSeconds(double epochSeconds, int epochs) {
        return epochSeconds * epochs;
    }

    /** A duration in the largest unit that keeps it readable: "950 s", "12.5 min", "3.2 h", "11.1 days". */
    public static String readableDuration(double seconds) {
        if (!Double.isFinite(seconds)) return "unknown";
        if (seconds < 120) return String.format(java.util.Locale.ROOT, "%.0f s", seconds);
        if (seconds < 7200) return String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
        if (seconds < 172800) return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
        return String.format(java.util.Locale.ROOT, "%.1f days", seconds / 86400);
    }

    /**
     * A benchmark's try: every epoch asked for (the convergence rule off) and nothing after it (no filling of
     * duplicate slots: its extra decoder epochs are not the try's, and at the GEO shape they took ten epochs' time).
     */
    static TrainingConfig.Builder timed(TrainingConfig.Builder b) {
        return b.convergenceOff().fillDuplicates(false);
    }

    /**
     * Seconds of each epoch of a real training run ({@link #timed}), taken from the trainer's own history, so
     * epoch-end work (monitor, snapshot) is included.
     */
    public static double[] trainEpochSeconds(Dataset data, TrainingConfig config, TrainingListener listener) {
        return trainEpochSeconds(new Trainer(timed(config.toBuilder()).build()), data, listener);
    }

    /** {@link #trainEpochSeconds(Dataset, TrainingConfig, TrainingListener)} with the selector's helper thread on or off. */
    public static double[] trainEpochSeconds(Dataset data, TrainingConfig config, boolean helper) {
        return trainEpochSeconds(new Trainer(timed(config.toBuilder()).build()).helperThread(helper).choosesBlasThreads(false),
                data, TrainingListener.NONE);
    }

    /** {@link #trainEpochSeconds(Dataset, TrainingConfig, TrainingListener)} letting the trainer choose its BLAS threads (also the default). */
    public static double[] trainEpochSecondsChoosing(Dataset data, TrainingConfig config) {
        return trainEpochSeconds(new Trainer(timed(config.toBuilder()).build()).choosesBlasThreads(true), data, TrainingListener.NONE);
    }

    /** What the last try's BLAS thread plan chose, in words. */
    public static String lastBlasChoice() {
        return BlasThreadPlan.lastOutcome;
    }

    private static double[] trainEpochSeconds(Trainer trainer, Dataset data, TrainingListener listener) {
        SelectionResult r = trainer.train(data, null, listener, null);
        List<EpochRecord> h = r.history();
        double[] t = new double[h.size()];
        double previous = 0;
        for (int i = 0; i < t.length; i++) {
            double end = h.get(i).seconds();
            t[i] = end - previous;
            previous = end;
        }
        return t;
    }

    /** The median of the values after dropping the first {@code skip} (warm-up). */
    public static double medianAfter(double[] values, int skip) {
        return median(Arrays.copyOfRange(values, Math.min(skip, values.length - 1), values.length));
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** A listener that does what the window does: keeps the latest snapshot, probabilities included. */
    public static TrainingListener windowLikeListener() {
        java.util.concurrent.atomic.AtomicReference<TrainingSnapshot> latest = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.ConcurrentLinkedQueue<TrainingSnapshot> epochEnds = new java.util.concurrent.ConcurrentLinkedQueue<>();
        return new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                latest.set(s);
                if (s.epochEnd()) {
                    epochEnds.add(s);
                    if (epochEnds.size() > 1000) epochEnds.poll();
                }
            }
            @Override public boolean wantsProbabilities() { return true; }
        };
    }

    /**
     * Heap in use, resident size and JavaCPP's count of native bytes (MiB), and the live threads of the
     * process, after each of a series of runs.
     */
    public record MemorySeries(long[] heapMib, long[] rssMib, long[] nativeMib, long[] threads) {}

    /**
     * What the window does when a user trains, stops and trains again: {@code runs} trainings on the same
     * data in this process, each stopped after {@code epochsBeforeStop} epochs with a window-like listener
     * attached, and the memory in use measured after each (after a garbage collection, so only what is
     * still held counts). Flat series mean nothing accumulates from run to run.
     */
    public static MemorySeries repeatedRuns(Dataset data, TrainingConfig config, int runs, int epochsBeforeStop) {
        TrainingConfig cfg = timed(config.toBuilder().epochs(epochsBeforeStop + 1000)).build();
        long[] heap = new long[runs], rss = new long[runs], nat = new long[runs], threads = new long[runs];
        for (int r = 0; r < runs; r++) {
            Cancellation stop = new Cancellation();
            TrainingListener window = windowLikeListener();
            TrainingListener listener = new TrainingListener() {
                @Override public void onSnapshot(TrainingSnapshot s) {
                    window.onSnapshot(s);
                    if (s.epochEnd() && s.epoch() >= epochsBeforeStop) stop.cancel();
                }
                @Override public boolean wantsProbabilities() { return true; }
            };
            new Trainer(cfg).train(data, null, listener, stop);
            settle();
            Memory m = memory();
            heap[r] = m.heapUsed();
            rss[r] = m.rss();
            nat[r] = org.bytedeco.javacpp.Pointer.physicalBytes() >> 20;
            threads[r] = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return new MemorySeries(heap, rss, nat, threads);
    }

    /**
     * Memory over a long run of small steps, after the epoch that passes each multiple of {@code every}
     * steps: resident size (MiB), the native bytes ND4J holds through JavaCPP (KiB; its arrays, the
     * figure that once grew with every epoch), the heap Java has committed (MiB; the resident size also
     * grows while the heap's committed pages are first touched, up to that figure), and the growth per
     * 1,000 steps of the resident size and of ND4J's native bytes over the second half of the run (after warm-up).
     */
    public record StepSeries(long[] steps, long[] rssMib, long[] nativeKib, long[] heapCommittedMib,
                             double rssGrowthPer1000Steps, double nativeGrowthKibPer1000Steps) {}

    /**
     * The shape that once grew (issue 12): few rows, many features, batch 16, thousands of steps, with a
     * validation set, as {@code cae train} has. ND4J's native bytes are flat after the first mark: a step allocates nothing.
     */
    public static StepSeries manySmallSteps(int n, int d, int k, long steps, long every) {
        int batch = 16;
        int perEpoch = (n + batch - 1) / batch;
        int epochs = (int) Math.max(1, (steps + perEpoch - 1) / perEpoch);
        TrainingConfig cfg = timed(TrainingConfig.builder().k(k).batchSize(batch).epochs(epochs)).build();
        int marks = (int) ((long) epochs * perEpoch / every);
        long[] at = new long[marks], rss = new long[marks], nat = new long[marks], heap = new long[marks];
        int[] filled = {0};
        TrainingListener listener = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (!s.epochEnd() || filled[0] >= marks || s.step() < (filled[0] + 1) * every) return;
                at[filled[0]] = s.step();
                rss[filled[0]] = memory().rss();
                heap[filled[0]] = Runtime.getRuntime().totalMemory() >> 20;
                nat[filled[0]++] = org.bytedeco.javacpp.Pointer.totalBytes() >> 10;
            }
        };
        new Trainer(cfg).train(randomData(n, d, 7), randomData(Math.max(1, n / 4), d, 8), listener, null);
        // the first half of the run is warm-up (the heap and the compiled code still growing)
        int last = filled[0] - 1, mid = last / 2;
        double per = last == mid ? 0 : 1000.0 / (at[last] - at[mid]);
        return new StepSeries(Arrays.copyOf(at, filled[0]), Arrays.copyOf(rss, filled[0]), Arrays.copyOf(nat, filled[0]),
                Arrays.copyOf(heap, filled[0]), (rss[last] - rss[mid]) * per, (nat[last] - nat[mid]) * per);
    }

    /** Garbage collection, then a moment for ND4J's deallocator thread to free what the collection released. */
    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Process memory in MiB: peak and current resident size (Linux /proc; -1 elsewhere), heap in use, maximum heap. */
    public record Memory(long peakRss, long rss, long heapUsed, long heapMax) {}

    public static Memory memory() {
        long peak = -1, rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) peak = kib(line) / 1024;
                if (line.startsWith("VmRSS:")) rss = kib(line) / 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: resident sizes unknown
        }
        Runtime rt = Runtime.getRuntime();
        return new Memory(peak, rss, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
