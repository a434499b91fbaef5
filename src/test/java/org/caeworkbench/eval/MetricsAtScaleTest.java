package org.caeworkbench.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.caeworkbench.app.RunMetrics;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.PreparedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics read the data a chunk of rows at a time (issue 16, item 4): on the bundled samples they give
 * the figures of the direct computation (the one-pass implementation the project had before, written out
 * below), whatever the chunk size; where a pass would exceed its work limit it uses a subset of the rows
 * and says how many.
 */
class MetricsAtScaleTest {

    private static PreparedData leukaemia;

    private static synchronized PreparedData leukaemia() throws DataException {
        if (leukaemia == null) leukaemia = DataPreparation.prepare(DataSpec.of(Path.of("samples", "all-leukemia", "all_leukemia.csv.gz")));
        return leukaemia;
    }

    private static Dataset mnist(MnistSplit.Part p) {
        return LinearReconstructionTest.dataset(p.values(), p.rows(), MnistSplit.COLS, p.labels());
    }

    private static int[] randomColumns(int cols, int k, long seed) {
        Random random = new Random(seed);
        int[] all = java.util.stream.IntStream.range(0, cols).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(cols - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    @Test
    void leukaemiaStreamedMetricEqualsTheDirectOne() throws DataException {
        Dataset train = leukaemia().train(), test = leukaemia().test();
        for (int k : new int[] {0, 10, 50}) {
            int[] selected = randomColumns(train.cols(), k, 3 + k);
            double direct = Direct.testMse(train, test, selected);
            double streamed = LinearReconstruction.testMse(train, test, selected);
            assertEquals(direct, streamed, 1e-9 * direct, "k = " + k);
        }
        assertEquals(Direct.testMse(train, test, new int[0]), LinearReconstruction.meanPredictorMse(train, test), 1e-12);
    }

    @Test
    void mnistStreamedMetricEqualsTheDirectOneAndUsesEveryRow() {
        Dataset train = mnist(MnistSplit.train()), test = mnist(MnistSplit.test());
        int[] selected = randomColumns(MnistSplit.COLS, 50, 11);
        double direct = Direct.testMse(train, test, selected);
        LinearReconstruction.Score score = LinearReconstruction.score(train, test, selected, LinearReconstruction.Limits.DEFAULT);
        assertEquals(direct, score.mse(), 1e-9 * direct);
        assertEquals(6000, score.fitRows());
        assertEquals(4000, score.scoredRows());
        assertTrue(!score.subsampled() && score.note().isEmpty());
    }

    @Test
    void chunksSmallerThanTheDataGiveTheSameFigure() throws DataException {
        Dataset train = leukaemia().train(), test = leukaemia().test();
        int[] selected = randomColumns(train.cols(), 20, 5);
        double whole = LinearReconstruction.score(train, test, selected, new LinearReconstruction.Limits(Long.MAX_VALUE, train.rows())).mse();
        for (int chunk : new int[] {1, 7, 64}) {
            assertTrue(chunk < train.rows());
            double chunked = LinearReconstruction.score(train, test, selected, new LinearReconstruction.Limits(Long.MAX_VALUE, chunk)).mse();
            assertEquals(whole, chunked, 1e-12 * whole, "chunk " + chunk);
        }
        // per-column errors of the window's table too
        LinearReconstruction.Model model = LinearReconstruction.fit(train, selected);
        assertArrayEquals(Direct.columnMse(train, test, selected), model.columnMse(test), 1e-9);
    }

    @Test
    void aSubsetOfTheRowsIsReportedWithItsSize() {
        Dataset train = mnist(MnistSplit.train()), test = mnist(MnistSplit.test());
        int[] selected = randomColumns(MnistSplit.COLS, 50, 11);
        // a work limit of 1,500 rows of 51 regressors over 784 columns
        LinearReconstruction.Limits limits = new LinearReconstruction.Limits(1500L * 51 * 784, 0);
        LinearReconstruction.Score score = LinearReconstruction.score(train, test, selected, limits);
        assertEquals(1500, score.fitRows());
        assertEquals(1500, score.scoredRows());
        assertEquals(6000, score.trainRows());
        assertEquals(4000, score.testRows());
        assertTrue(score.subsampled());
        assertTrue(score.note().contains("1,500 of 6,000 training rows") && score.note().contains("1,500 of 4,000 test rows"), score.note());
        // the same rows every time, and a figure near the full one (a subset, not another metric)
        assertEquals(score.mse(), LinearReconstruction.score(train, test, selected, limits).mse(), 0.0);
        double full = Direct.testMse(train, test, selected);
        assertNotEquals(full, score.mse());
        assertTrue(Math.abs(score.mse() - full) < 0.25 * full, score.mse() + " against " + full);
    }

    @Test
    void metricsJsonSaysWhichRowsTheLinearMetricUsed() {
        Dataset train = mnist(MnistSplit.train()), test = mnist(MnistSplit.test());
        RunMetrics m = RunMetrics.compute(train, test, randomColumns(MnistSplit.COLS, 20, 2), null, List.of(), 1, 5);
        Map<String, Object> json = m.toMap();
        assertEquals(6000, json.get("linear_fit_rows"));
        assertEquals(4000, json.get("linear_scored_rows"));
        assertTrue(!json.containsKey("linear_note") && m.linearNote().isEmpty());
    }

    @Test
    void extraTreesGrownAFewAtATimeGiveTheForestsAccuracy() {
        MnistSplit.Part trainPart = MnistSplit.train(), testPart = MnistSplit.test();
        Dataset train = mnist(trainPart), test = mnist(testPart);
        int[] selected = randomColumns(MnistSplit.COLS, 30, 9);
        int trees = 12;
        // the whole forest held, then asked: the way the accuracy was measured before
        Map<String, Integer> ids = new HashMap<>();
        for (String l : new TreeSet<>(Arrays.asList(train.labels()))) ids.put(l, ids.size());
        int[] y = Arrays.stream(train.labels()).mapToInt(ids::get).toArray();
        float[] x = train.selectColumns(selected).values(), t = test.selectColumns(selected).values();
        int[] predicted = ExtraTreesClassifier.fit(x, train.rows(), selected.length, y, ids.size(), trees, 42).predict(t, test.rows());
        int correct = 0;
        for (int r = 0; r < test.rows(); r++) if (predicted[r] == ids.get(test.labels()[r])) correct++;
        double held = (double) correct / test.rows();
        assertEquals(held, ExtraTreesClassifier.accuracy(train, test, selected, trees, 42), 0.0);
        assertArrayEquals(predicted, ExtraTreesClassifier.fitPredict(x, train.rows(), selected.length, y, ids.size(), trees, 42, t, test.rows()));
        assertTrue(held > 0.5, "accuracy " + held);
    }

    @Test
    void pcaIsExactOnTheSamplesAndReportsASubset() throws DataException {
        Dataset train = leukaemia().train(), test = leukaemia().test();
        Pca exact = Pca.fit(train);
        assertEquals(train.rows(), exact.fitRows());
        assertTrue(exact.note().isEmpty());
        assertEquals(Pca.fit(train, true).reconstructionMse(test, 10), exact.reconstructionMse(test, 10), 1e-12);

        Pca part = Pca.fit(train, true, 40);
        assertEquals(40, part.fitRows());
        assertEquals(train.rows(), part.trainRows());
        assertTrue(part.note().contains("40 of the " + train.rows() + " training rows"), part.note());
        double bound = part.reconstructionMse(test, 10);
        assertTrue(bound < LinearReconstruction.meanPredictorMse(train, test), "bound " + bound);
        assertNotEquals(exact.reconstructionMse(test, 10), bound);
        // the covariance route, streamed, agrees with the Gram route on MNIST-shaped rows (d < n); with 1,400 rows the
        // Gram route's products go over two blocks of features (714 and 70 columns)
        Dataset small = mnist(MnistSplit.train()).selectRows(java.util.stream.IntStream.range(0, 1400).toArray());
        Dataset smallTest = mnist(MnistSplit.test()).selectRows(java.util.stream.IntStream.range(0, 300).toArray());
        double viaCov = Pca.fit(small, false).reconstructionMse(smallTest, 20);
        double viaGram = Pca.fit(small, true).reconstructionMse(smallTest, 20);
        assertEquals(viaGram, viaCov, 1e-9 * viaGram);
    }

    /** The direct computation: the project's one-pass implementation before the metric was streamed (reference only). */
    static final class Direct {
        static double testMse(Dataset train, Dataset test, int[] selected) {
            double total = 0;
            for (double v : columnMse(train, test, selected)) total += v;
            return total / train.cols();
        }

        static double[] columnMse(Dataset trainSet, Dataset testSet, int[] selected) {
            float[] train = trainSet.values();
            int trainRows = trainSet.rows(), cols = trainSet.cols(), k = selected.length;
            double[] means = new double[cols];
            for (int r = 0; r < trainRows; r++) for (int c = 0; c < cols; c++) means[c] += train[r * cols + c];
            for (int c = 0; c < cols; c++) means[c] /= trainRows;
            double[] sm = new double[k];
            for (int j = 0; j < k; j++) sm[j] = means[selected[j]];
            double[] gram = new double[k * k], cross = new double[k * cols], xc = new double[k], yc = new double[cols];
            for (int r = 0; r < trainRows; r++) {
                for (int c = 0; c < cols; c++) yc[c] = train[r * cols + c] - means[c];
                for (int j = 0; j < k; j++) xc[j] = train[r * cols + selected[j]] - sm[j];
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) gram[a * k + b] += xc[a] * xc[b];
                    for (int c = 0; c < cols; c++) cross[a * cols + c] += xc[a] * yc[c];
                }
            }
            SymmetricEigen eig = new SymmetricEigen(gram, k);
            double largest = 0;
            for (int i = 0; i < k; i++) largest = Math.max(largest, eig.value(i));
            double[] coef = new double[k * cols];
            for (int i = 0; i < k; i++) {
                double lambda = eig.value(i);
                if (!(lambda > LinearReconstruction.RELATIVE_TOLERANCE * largest)) continue;
                for (int c = 0; c < cols; c++) {
                    double w = 0;
                    for (int a = 0; a < k; a++) w += eig.vector(a, i) * cross[a * cols + c];
                    for (int a = 0; a < k; a++) coef[a * cols + c] += eig.vector(a, i) / lambda * w;
                }
            }
            float[] test = testSet.values();
            int testRows = testSet.rows();
            double[] sums = new double[cols];
            for (int r = 0; r < testRows; r++) {
                for (int c = 0; c < cols; c++) {
                    double pred = means[c];
                    for (int j = 0; j < k; j++) pred += (test[r * cols + selected[j]] - sm[j]) * coef[j * cols + c];
                    double e = test[r * cols + c] - pred;
                    sums[c] += e * e;
                }
            }
            for (int c = 0; c < cols; c++) sums[c] /= testRows;
            return sums;
        }
    }
}
