package org.caeworkbench.core;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.data.CsrMatrix;
import org.caeworkbench.data.Dataset;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The selector's cost on sparse data (issue 16): one synthetic n x d matrix with a given share of
 * non-zeros, trained through the sparse engine (CSR, products over the non-zeros) and the dense engine
 * (the same values as one dense array, BLAS multiplies). Two figures per engine, each the fastest of
 * the rounds (the engines alternate, so a busy machine disturbs both alike):
 * <ul>
 *   <li>{@code selector}: an epoch of the selector's two products alone (Z = X_b S^T and dS = dZ^T X_b
 *       over every minibatch, the minibatch already gathered), what the sparse product changes;</li>
 *   <li>{@code train}: a real training epoch (the decoder's output side stays dense per minibatch).</li>
 * </ul>
 */
public final class SparseBenchmark {
    private SparseBenchmark() {}

    /** Figures of one engine; NaN where not measured. */
    public record Engine(String name, double selectorEpochSeconds, double trainEpochSeconds, long matrixBytes) {}

    public record Result(int n, int d, int k, int batch, long nonZeros, List<Engine> engines) {
        public double density() { return nonZeros / ((double) n * d); }
    }

    /** A synthetic counts-like matrix: each cell non-zero with probability {@code density}, values 1..20, seeded. */
    public static CsrMatrix synthetic(int n, int d, double density, long seed) {
        long expected = (long) (n * (double) d * density * 1.05) + 16;
        int[] start = new int[n + 1];
        int[] cols = new int[(int) Math.min(Integer.MAX_VALUE - 8, expected)];
        float[] vals = new float[cols.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int at = 0;
        // geometric gaps between non-zeros: one random draw per non-zero, not per cell
        double logQ = Math.log(1 - density);
        for (int i = 0; i < n; i++) {
            int c = -1;
            while (true) {
                c += 1 + (int) Math.floor(Math.log(1 - r.nextDouble()) / logQ);
                if (c >= d) break;
                if (at == cols.length) {
                    cols = java.util.Arrays.copyOf(cols, cols.length + (cols.length >> 2));
                    vals = java.util.Arrays.copyOf(vals, cols.length);
                }
                cols[at] = c;
                vals[at++] = 1 + r.nextInt(20);
            }
            start[i + 1] = at;
        }
        return new CsrMatrix(n, d, start, cols, vals);
    }

    /**
     * @param engines "sparse", "dense" or both (dense needs 4 n d bytes of heap)
     * @param trainEpochs training epochs per round for the train figure (0: no training figure)
     */
    public static Result run(int n, int d, double density, int k, int batch, int rounds, int trainEpochs, List<String> engines, long seed) {
        NativeThreads.configure();
        CsrMatrix csr = synthetic(n, d, density, seed);
        // scaled into [0, 1] as training data would be: every value / 20 (the largest count)
        float[] v = csr.values();
        for (int p = 0; p < csr.storedValues(); p++) v[p] /= 20f;
        List<String> names = new ArrayList<>(d), ids = new ArrayList<>(n);
        for (int c = 0; c < d; c++) names.add("g" + c);
        for (int i = 0; i < n; i++) ids.add("c" + i);
        Dataset sparse = new Dataset("sparse", csr, names, ids, null, null, List.of());
        Dataset dense = engines.contains("dense") ? new Dataset("dense", n, d, sparse.values(), names, ids, null, null) : null;
        if (!engines.contains("sparse")) sparse = null;

        double[] sel = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] train = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        TrainingConfig cfg = Benchmark.timed(TrainingConfig.builder().k(k).epochs(trainEpochs).batchSize(batch).hidden("none"))
                .validationRows(0).selector(Parameterisation.PLAIN).seed(seed).build();
        for (int round = 0; round < rounds; round++) {
            for (int e = 0; e < 2; e++) {
                int which = (round + e) % 2;      // alternate which engine goes first
                Dataset data = which == 0 ? sparse : dense;
                if (data == null) continue;
                sel[which] = Math.min(sel[which], selectorEpoch(data, k, batch, seed));
                if (trainEpochs > 0) {
                    SelectionResult r = new Trainer(cfg).train(data, null, null, null);
                    List<EpochRecord> h = r.history();
                    // the last epoch's own seconds (the history's are cumulative)
                    double last = h.get(h.size() - 1).seconds() - (h.size() > 1 ? h.get(h.size() - 2).seconds() : 0);
                    train[which] = Math.min(train[which], last);
                    r.model().release();
                }
            }
        }
        List<Engine> out = new ArrayList<>();
        if (sparse != null) out.add(new Engine("sparse", sel[0], trainEpochs > 0 ? train[0] : Double.NaN, csr.bytes()));
        if (dense != null) out.add(new Engine("dense", sel[1], trainEpochs > 0 ? train[1] : Double.NaN, 4L * n * d));
        return new Result(n, d, k, batch, csr.storedValues(), out);
    }

    /** Seconds for the selector products of one epoch (full minibatches; gathering not counted). */
    private static double selectorEpoch(Dataset data, int k, int batch, long seed) {
        int n = data.rows(), d = data.cols();
        ConcreteAutoencoder model = ConcreteAutoencoder.create(d, k, new int[0], 0, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Trainer.shuffle(order, new java.util.Random(seed));
        long total = 0;
        // as a training try decides (LiveColumns.pay): this synthetic matrix has no dead columns, so no scan either
        try (TrainingStep step = new TrainingStep(model, batch, 0.0).liveColumns(LiveColumns.pay(data, batch))) {
            for (int start = 0; start + batch <= n; start += batch) {
                step.gather(data, order, start);
                long t0 = System.nanoTime();
                step.selectorProductsOnly();
                total += System.nanoTime() - t0;
            }
        } finally {
            model.release();
        }
        return total / 1e9;
    }

}
