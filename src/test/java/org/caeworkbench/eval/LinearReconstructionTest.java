package org.caeworkbench.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.caeworkbench.data.Dataset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearReconstructionTest {

    /** rows × cols of independent uniform noise. */
    private static float[] noise(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) x[i] = random.nextFloat();
        return x;
    }

    /** Columns 0..2 random; every other column an exact affine function of them (small integer weights). */
    private static float[] affineData(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] x = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            int a = random.nextInt(100), b = random.nextInt(100), c = random.nextInt(100);
            for (int j = 0; j < cols; j++) {
                int v = switch (j) {
                    case 0 -> a;
                    case 1 -> b;
                    case 2 -> c;
                    default -> (j % 5) * a - (j % 3) * b + 2 * c + j;
                };
                x[r * cols + j] = v / 64f;   // exact in float
            }
        }
        return x;
    }

    @Test
    void columnsThatAreAffineInTheSelectedOnesAreReconstructedExactly() {
        int cols = 12;
        float[] train = affineData(200, cols, 1);
        float[] test = affineData(100, cols, 2);
        double mse = LinearReconstruction.testMse(train, 200, test, 100, cols, new int[] {0, 1, 2});
        assertTrue(mse < 1e-8, "mse " + mse);
        // and the data are not trivially easy: one column short is far from exact
        assertTrue(LinearReconstruction.testMse(train, 200, test, 100, cols, new int[] {0, 1}) > 1e-2);
    }

    @Test
    void aRepeatedIndexGivesTheSameResultAsTheDeduplicatedSet() {
        int cols = 10;
        float[] train = noise(300, cols, 3);
        float[] test = noise(150, cols, 4);
        double once = LinearReconstruction.testMse(train, 300, test, 150, cols, new int[] {1, 3, 5});
        double twice = LinearReconstruction.testMse(train, 300, test, 150, cols, new int[] {1, 3, 3, 5, 1});
        assertEquals(once, twice, 1e-12 * once);
        assertEquals(3, LinearReconstruction.fit(train, 300, cols, new int[] {1, 3, 3, 5, 1}).rank());
    }

    @Test
    void anExactlyCollinearSelectionPredictsLikeItsIndependentPart() {
        int cols = 12;
        float[] train = affineData(200, cols, 5);
        float[] test = noise(80, cols, 6);   // the collinearity does not hold in test: min-norm matters here
        int[] independent = {0, 1, 7};
        int[] withRedundant = {0, 1, 7, 3, 4};   // columns 3 and 4 are affine in 0, 1, 2 (hence in 0, 1, 7)
        LinearReconstruction.Model model = LinearReconstruction.fit(train, 200, cols, withRedundant);
        assertEquals(3, model.rank());
        double mse = model.mse(affineData(50, cols, 7), 50);
        assertTrue(mse < 1e-8, "mse " + mse);
        // on test data that breaks the collinearity, the answer is the min-norm one, still finite
        double broken = LinearReconstruction.testMse(train, 200, test, 80, cols, withRedundant);
        assertTrue(Double.isFinite(broken));
        assertTrue(LinearReconstruction.testMse(train, 200, test, 80, cols, independent) > 0);
    }

    @Test
    void aConstantSelectedColumnIsIgnored() {
        int rows = 120, cols = 6;
        float[] train = noise(rows, cols, 8);
        float[] test = noise(60, cols, 9);
        for (int r = 0; r < rows; r++) train[r * cols + 4] = 0.25f;
        double without = LinearReconstruction.testMse(train, rows, test, 60, cols, new int[] {0, 2});
        double with = LinearReconstruction.testMse(train, rows, test, 60, cols, new int[] {0, 4, 2});
        assertEquals(without, with, 1e-12 * without);
        // nothing but constants: the mean predictor
        assertEquals(LinearReconstruction.meanPredictorMse(train, rows, test, 60, cols),
                LinearReconstruction.testMse(train, rows, test, 60, cols, new int[] {4, 4}), 1e-15);
    }

    @Test
    void meanPredictorMatchesAHandComputation() {
        // train columns: (1, 3, 5) mean 3 and (2, 2, 8) mean 4
        float[] train = {1, 2, 3, 2, 5, 8};
        float[] test = {4, 4, 0, 1};
        // errors: (4-3, 4-4, 0-3, 1-4) -> (1, 0, 9, 9) / 4
        assertEquals(19.0 / 4, LinearReconstruction.meanPredictorMse(train, 3, test, 2, 2), 1e-12);
    }

    @Test
    void oneSelectedColumnMatchesTheTextbookSlopeAndIntercept() {
        // column 1 = 2·x + 1 plus a residual; the OLS slope is cov/var
        float[] x = {0, 1, 2, 3};
        float[] y = {1.5f, 2.5f, 5.5f, 6.5f};
        float[] train = new float[8];
        for (int r = 0; r < 4; r++) {
            train[2 * r] = x[r];
            train[2 * r + 1] = y[r];
        }
        // mean x 1.5, mean y 4; Σ(dx·dy) = (-1.5)(-2.5)+(-0.5)(-1.5)+(0.5)(1.5)+(1.5)(2.5) = 9; Σdx² = 5
        double slope = 9.0 / 5, intercept = 4 - slope * 1.5;
        LinearReconstruction.Model model = LinearReconstruction.fit(train, 4, 2, new int[] {0});
        assertEquals(slope, model.coefficient(0, 1), 1e-12);
        assertEquals(intercept, model.intercept(1), 1e-12);
        assertEquals(1.0, model.coefficient(0, 0), 1e-12);   // the selected column reproduces itself
        assertEquals(0.0, model.intercept(0), 1e-12);
        float[] test = {10, 0};
        double predicted = intercept + slope * 10;
        assertEquals(predicted * predicted / 2, LinearReconstruction.testMse(train, 4, test, 1, 2, new int[] {0}), 1e-9);
    }

    @Test
    void agreesWithGaussianEliminationOnAWellConditionedProblem() {
        int rows = 80, cols = 7, testRows = 40;
        float[] train = noise(rows, cols, 10);
        float[] test = noise(testRows, cols, 11);
        int[] selected = {6, 2, 0};
        float[] predicted = LinearReconstruction.predict(train, rows, test, testRows, cols, selected);

        // reference: for each output column, solve the (k+1)×(k+1) uncentred normal equations with [1, x]
        int p = selected.length + 1;
        for (int out = 0; out < cols; out++) {
            double[][] a = new double[p][p + 1];
            for (int r = 0; r < rows; r++) {
                double[] z = new double[p];
                z[0] = 1;
                for (int j = 0; j < selected.length; j++) z[j + 1] = train[r * cols + selected[j]];
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) a[i][j] += z[i] * z[j];
                    a[i][p] += z[i] * train[r * cols + out];
                }
            }
            double[] beta = solve(a);
            for (int r = 0; r < testRows; r++) {
                double expected = beta[0];
                for (int j = 0; j < selected.length; j++) expected += beta[j + 1] * test[r * cols + selected[j]];
                assertEquals(expected, predicted[r * cols + out], 1e-5, "row " + r + " column " + out);
            }
        }
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= n; c++) a[r][c] -= f * a[col][c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int c = r + 1; c < n; c++) s -= a[r][c] * x[c];
            x[r] = s / a[r][r];
        }
        return x;
    }

    @Test
    void modelPredictionsAreConsistentWithTheScore() {
        int rows = 100, cols = 9, testRows = 30;
        float[] train = noise(rows, cols, 12);
        float[] test = noise(testRows, cols, 13);
        int[] selected = {8, 1, 4};
        LinearReconstruction.Model model = LinearReconstruction.fit(train, rows, cols, selected);
        float[] predicted = model.predict(test, testRows);
        double sum = 0;
        for (int i = 0; i < test.length; i++) sum += (test[i] - predicted[i]) * (double) (test[i] - predicted[i]);
        assertEquals(sum / test.length, model.mse(test, testRows), 1e-7);

        float[] measured = new float[testRows * selected.length];
        for (int r = 0; r < testRows; r++)
            for (int j = 0; j < selected.length; j++) measured[r * selected.length + j] = test[r * cols + selected[j]];
        assertArrayEquals(predicted, model.predictFromSelected(measured, testRows), 1e-6f);

        for (int c = 0; c < cols; c++) {
            double viaCoefficients = model.intercept(c);
            for (int j = 0; j < selected.length; j++) viaCoefficients += model.coefficient(j, c) * test[selected[j]];
            assertEquals(viaCoefficients, predicted[c], 1e-5);
        }
    }

    @Test
    void datasetOverloadsScoreTheSameAsTheArrays() {
        int rows = 40, cols = 3;
        float[] train = noise(rows, cols, 14);
        float[] test = noise(20, cols, 15);
        Dataset trainSet = dataset(train, rows, cols), testSet = dataset(test, 20, cols);
        assertEquals(LinearReconstruction.testMse(train, rows, test, 20, cols, new int[] {2}),
                LinearReconstruction.testMse(trainSet, testSet, new int[] {2}));
        assertEquals(LinearReconstruction.meanPredictorMse(train, rows, test, 20, cols),
                LinearReconstruction.meanPredictorMse(trainSet, testSet));
        assertThrows(IllegalArgumentException.class,
                () -> LinearReconstruction.testMse(trainSet, dataset(new float[20], 10, 2), new int[] {0}));
    }

    static Dataset dataset(float[] values, int rows, int cols) {
        return dataset(values, rows, cols, null);
    }

    static Dataset dataset(float[] values, int rows, int cols, String[] labels) {
        List<String> names = IntStream.range(0, cols).mapToObj(c -> "f" + c).toList();
        List<String> ids = IntStream.range(0, rows).mapToObj(r -> "s" + r).toList();
        return new Dataset("test", rows, cols, values, names, ids, labels, null);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        float[] x = new float[12];
        assertThrows(IllegalArgumentException.class, () -> LinearReconstruction.fit(x, 3, 4, new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> LinearReconstruction.fit(x, 3, 5, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> LinearReconstruction.testMse(x, 3, new float[5], 1, 4, new int[] {0}));
    }

    // --- the MNIST 6000/4000 split (PAPER.md section 6), pixels / 255 ---

    @Test
    void mnistMeanPredictorMatchesThePaperFigure() {
        MnistSplit.Part train = MnistSplit.train(), test = MnistSplit.test();
        double mse = LinearReconstruction.meanPredictorMse(train.values(), train.rows(), test.values(), test.rows(), MnistSplit.COLS);
        assertEquals(0.0673, mse, 5e-4);                 // PAPER.md section 6, "mean"
        assertEquals(0.067172268505, mse, 1e-6);          // numpy, same files
    }

    @Test
    void mnistAllColumnsReconstructAlmostPerfectly() {
        MnistSplit.Part train = MnistSplit.train(), test = MnistSplit.test();
        int[] all = IntStream.range(0, MnistSplit.COLS).toArray();
        double mse = LinearReconstruction.testMse(train.values(), train.rows(), test.values(), test.rows(), MnistSplit.COLS, all);
        // not exactly 0: pixels that are always 0 in train but not in test can only be predicted as 0
        assertTrue(mse < 1e-5, "mse " + mse);
    }

    @Test
    void mnistFixedSelectionsMatchScikitLearn() {
        MnistSplit.Part train = MnistSplit.train(), test = MnistSplit.test();
        int[] spread = new int[50];   // pixel 0 (always 0 in train) and a stride-16 comb
        for (int j = 1; j < 50; j++) spread[j] = (j - 1) * 16 + 8;
        int[] spreadWithRepeats = Arrays.copyOf(spread, 52);
        spreadWithRepeats[50] = 8;
        spreadWithRepeats[51] = 0;
        int[] block = new int[50];    // rows 10..14, columns 9..18
        for (int r = 0; r < 5; r++) for (int c = 0; c < 10; c++) block[r * 10 + c] = (r + 10) * 28 + c + 9;

        // reference values: sklearn 1.2 LinearRegression on the same float32 data
        assertEquals(0.0340948655709573, mnistMse(train, test, spread), 1e-7);
        assertEquals(0.0340948655709573, mnistMse(train, test, spreadWithRepeats), 1e-7);
        assertEquals(0.04394429628856744, mnistMse(train, test, block), 1e-7);
    }

    @Test
    void mnistRandomFiftyPixelsScoreLikeThePaperRandomBaseline() {
        MnistSplit.Part train = MnistSplit.train(), test = MnistSplit.test();
        double[] scores = new double[5];
        Random random = new Random(2024);
        for (int draw = 0; draw < scores.length; draw++) scores[draw] = mnistMse(train, test, randomPixels(random, 50));
        Arrays.sort(scores);
        // PAPER.md: random (5 draws) 0.0398. The median, because an occasional draw that includes a pixel
        // lit in only a handful of training images overfits it and scores far worse (numpy agrees).
        assertTrue(scores[2] > 0.03 && scores[2] < 0.05, Arrays.toString(scores));
        assertTrue(scores[0] > 0.0117, "no selection beats the PCA bound: " + Arrays.toString(scores));
    }

    static int[] randomPixels(Random random, int k) {
        int[] pixels = IntStream.range(0, MnistSplit.COLS).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(pixels.length - i);
            int t = pixels[i];
            pixels[i] = pixels[j];
            pixels[j] = t;
        }
        return Arrays.copyOf(pixels, k);
    }

    private static double mnistMse(MnistSplit.Part train, MnistSplit.Part test, int[] selected) {
        return LinearReconstruction.testMse(train.values(), train.rows(), test.values(), test.rows(), MnistSplit.COLS, selected);
    }
}
