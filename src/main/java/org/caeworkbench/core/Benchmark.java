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
        Runnable step = () -> {
            if (m > 0) Nd4j.gemm(psi, ipW, sel, false, true, 1.0, 0.0);      // L = Psi W^T (the bias's rank-one product left out)
            Nd4j.gemm(x, sel, act[0], false, true, 1.0, 0.0);
            for (int l = 0; l < layers; l++) Nd4j.gemm(act[l], weights[l], act[l + 1], false, false, 1.0, 0.0);
            for (int l = layers - 1; l >= 0; l--) {
                Nd4j.gemm(act[l], grad[l + 1], dWeights[l], true, false, 1.0, 0.0);
                Nd4j.gemm(grad[l + 1], weights[l], grad[l], false, true, 1.0, 0.0);
            }
            Nd4j.gemm(grad[0], x, dSel, true, false, 1.0, 0.0);
            if (m > 0) {
                Nd4j.gemm(dSel, ipW, dPsi, false, false, 1.0, 0.0);
                Nd4j.gemm(dSel, psi, dIpW, true, false, 1.0, 0.0);
            }
        };
        int steps = s.stepsPerEpoch();
        double[] times = new double[repeats];
        for (int r = -1; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) step.run();
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
     * Seconds of each epoch of a real training run (the convergence rule off), taken from the
     * trainer's own history, so epoch-end work (monitor, snapshot) is included.
     */
    public static double[] trainEpochSeconds(Dataset data, TrainingConfig config, TrainingListener listener) {
        return trainEpochSeconds(new Trainer(config.toBuilder().convergenceOff().build()), data, listener);
    }

    /** {@link #trainEpochSeconds(Dataset, TrainingConfig, TrainingListener)} with the selector's helper thread on or off. */
    public static double[] trainEpochSeconds(Dataset data, TrainingConfig config, boolean helper) {
        return trainEpochSeconds(new Trainer(config.toBuilder().convergenceOff().build()).helperThread(helper).choosesBlasThreads(false),
                data, TrainingListener.NONE);
    }

    /** {@link #trainEpochSeconds(Dataset, TrainingConfig, TrainingListener)} letting the trainer choose its BLAS threads (also the default). */
    public static double[] trainEpochSecondsChoosing(Dataset data, TrainingConfig config) {
        return trainEpochSeconds(new Trainer(config.toBuilder().convergenceOff().build()).choosesBlasThreads(true), data, TrainingListener.NONE);
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
        TrainingConfig cfg = config.toBuilder().epochs(epochsBeforeStop + 1000).convergenceOff().build();
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
        TrainingConfig cfg = TrainingConfig.builder().k(k).batchSize(batch).epochs(epochs).convergenceOff().build();
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
