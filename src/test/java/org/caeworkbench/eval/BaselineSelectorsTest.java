package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** Each baseline selector on data where the right answer is known. */
class BaselineSelectorsTest {

    private static Set<Integer> set(int[] a) {
        return Arrays.stream(a).boxed().collect(Collectors.toSet());
    }

    private static Dataset uniformNoise(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) for (int c = 0; c < d; c++) row[c] = r.nextDouble();
        return Synthetic.of(x);
    }

    @Test
    void randomIsSeededDistinctAndInRange() {
        Dataset d = uniformNoise(10, 40, 1);
        RandomSelector s = new RandomSelector();
        int[] a = s.select(d, 15, 7);
        assertArrayEquals(a, s.select(d, 15, 7), "same seed, same subset");
        assertEquals(15, set(a).size(), "distinct");
        assertTrue(Arrays.stream(a).allMatch(f -> f >= 0 && f < 40));
        assertNotEquals(set(a), set(s.select(d, 15, 8)), "another seed, another subset");
        assertEquals(40, set(s.select(d, 40, 3)).size(), "k = d takes every feature once");
    }

    @Test
    void everySelectorRefusesImpossibleK() {
        Dataset d = uniformNoise(10, 5, 1);
        for (FeatureSelector s : new FeatureSelector[] {new RandomSelector(), new VarianceSelector(),
                new LaplacianScoreSelector(), new PfaSelector(), new McfsSelector()}) {
            assertThrows(IllegalArgumentException.class, () -> s.select(d, 0, 1), s.name());
            assertThrows(IllegalArgumentException.class, () -> s.select(d, 6, 1), s.name());
        }
    }

    @Test
    void variancePicksTheWidestColumnsInOrder() {
        Random r = new Random(3);
        double[] spread = {0.1, 5, 0.5, 3, 0, 1};
        double[][] x = new double[200][spread.length];
        for (double[] row : x) for (int c = 0; c < spread.length; c++) row[c] = spread[c] * r.nextGaussian() + 10;
        assertArrayEquals(new int[] {1, 3, 5}, new VarianceSelector().select(Synthetic.of(x), 3, 0));
    }

    /**
     * Two well-separated groups of rows. Columns 0 and 1 follow the groups (a step plus a little noise);
     * columns 2..5 are noise with a larger variance; column 6 is constant. The Laplacian Score must
     * prefer the structured columns, where the variance would take the noise.
     */
    private static Dataset twoClusters(long seed) {
        Random r = new Random(seed);
        int n = 120;
        double[][] x = new double[n][7];
        for (int i = 0; i < n; i++) {
            int g = i < n / 2 ? 0 : 1;
            x[i][0] = g + 0.05 * r.nextGaussian();
            x[i][1] = 0.8 * g + 0.05 * r.nextGaussian();
            for (int c = 2; c < 6; c++) x[i][c] = 2.0 * r.nextDouble();
            x[i][6] = 0.5;
        }
        return Synthetic.of(x);
    }

    @Test
    void laplacianScorePrefersFeaturesThatFollowTheClusterStructure() {
        Dataset d = twoClusters(5);
        double[] score = LaplacianScoreSelector.scores(d);
        for (int noise = 2; noise < 6; noise++) {
            assertTrue(score[0] < score[noise] && score[1] < score[noise], Arrays.toString(score));
        }
        assertEquals(Double.POSITIVE_INFINITY, score[6], "a constant feature is ranked last");
        assertEquals(Set.of(0, 1), set(new LaplacianScoreSelector().select(d, 2, 0)));
        assertFalse(set(new VarianceSelector().select(d, 2, 0)).contains(0), "variance alone would take the noise");
    }

    @Test
    void laplacianScoreMatchesItsDefinitionOnAHandComputedGraph() {
        // Three rows on a line; with 5 neighbours every pair is joined. Distances² 1, 4, 9 → t = 14/3.
        Dataset d = Synthetic.of(new double[][] {{0, 1}, {1, 0}, {3, 1}});
        // feature 1 by hand: W12 = exp(-2/t), W13 = exp(-9/t)... use the definition directly
        double[][] p = {{0, 1}, {1, 0}, {3, 1}};
        double[][] w = new double[3][3];
        double t = 0;
        for (int i = 0; i < 3; i++) for (int j = i + 1; j < 3; j++) t += sq(p[i], p[j]);
        t /= 3;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) w[i][j] = i == j ? 0 : Math.exp(-sq(p[i], p[j]) / t);
        double[] expected = new double[2];
        for (int f = 0; f < 2; f++) {
            double[] deg = new double[3];
            double dsum = 0, fd = 0;
            for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) deg[i] += w[i][j]; dsum += deg[i]; fd += deg[i] * p[i][f]; }
            double mu = fd / dsum, num = 0, den = 0;
            for (int i = 0; i < 3; i++) {
                den += deg[i] * (p[i][f] - mu) * (p[i][f] - mu);
                for (int j = 0; j < 3; j++) num += 0.5 * w[i][j] * (p[i][f] - p[j][f]) * (p[i][f] - p[j][f]);
            }
            expected[f] = num / den;
        }
        assertArrayEquals(expected, LaplacianScoreSelector.scores(d), 1e-6);
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    /** Four independent signals, each copied into five columns with a little noise and its own scale. */
    private static Dataset fourGroups(long seed) {
        Random r = new Random(seed);
        int n = 300;
        double[][] x = new double[n][20];
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < 4; g++) {
                double s = r.nextGaussian();
                for (int c = 0; c < 5; c++) x[i][g * 5 + c] = s * (1 + 0.1 * c) + 0.02 * r.nextGaussian();
            }
        }
        return Synthetic.of(x);
    }

    @Test
    void pfaTakesOneFeaturePerGroupOfNearDuplicates() {
        Dataset d = fourGroups(11);
        for (long seed = 0; seed < 3; seed++) {
            int[] sel = new PfaSelector().select(d, 4, seed);
            assertEquals(Set.of(0, 1, 2, 3), Arrays.stream(sel).map(f -> f / 5).boxed().collect(Collectors.toSet()),
                    "one per group: " + Arrays.toString(sel));
        }
        PfaSelector s = new PfaSelector();
        assertArrayEquals(s.select(d, 4, 9), s.select(d, 4, 9), "deterministic for a seed");
        // and such a selection reconstructs far better than one that takes a group twice
        double pfa = LinearReconstruction.testMse(d, d, s.select(d, 4, 0));
        double redundant = LinearReconstruction.testMse(d, d, new int[] {0, 1, 5, 10});
        assertTrue(pfa < redundant / 10, pfa + " vs " + redundant);
    }

    @Test
    void pfaReturnsKDistinctFeaturesEvenWithConstantColumns() {
        Random r = new Random(2);
        double[][] x = new double[50][30];
        for (double[] row : x) for (int c = 0; c < 10; c++) row[c] = r.nextGaussian();   // columns 10..29 constant 0
        int[] sel = new PfaSelector().select(Synthetic.of(x), 15, 0);
        assertEquals(15, set(sel).size());
        assertTrue(set(sel).containsAll(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), "every varying column is taken first: " + Arrays.toString(sel));
    }

    @Test
    void kMeansFindsWellSeparatedBlobs() {
        Random r = new Random(4);
        int n = 90;
        double[] pts = new double[n * 2];
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < n; i++) {
            pts[2 * i] = centres[i % 3][0] + r.nextGaussian() * 0.3;
            pts[2 * i + 1] = centres[i % 3][1] + r.nextGaussian() * 0.3;
        }
        KMeans km = KMeans.fit(pts, n, 2, 3, 1, 5, 100);
        for (int i = 3; i < n; i++) assertEquals(km.assignment[i % 3], km.assignment[i], "point " + i);
        assertEquals(3, Arrays.stream(km.assignment).distinct().count());
        assertTrue(km.inertia < n * 2 * 0.3 * 0.3 * 2, "inertia " + km.inertia);
    }

    @Test
    void larsWithEveryStepIsLeastSquaresAndWithFewStepsFindsTheSupport() {
        Random r = new Random(8);
        int n = 100, p = 8;
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < p; c++) x[i][c] = r.nextGaussian();
            y[i] = 3 * x[i][2] - 2 * x[i][5] + 0.5 + 0.01 * r.nextGaussian();
        }
        Dataset d = Synthetic.of(x);
        double[] coef = new Lars(Dense.centredColumns(d, Dense.columnMeans(d)), n, p).fit(y, p);
        assertEquals(3, coef[2], 0.01);
        assertEquals(-2, coef[5], 0.01);
        for (int c : new int[] {0, 1, 3, 4, 6, 7}) assertEquals(0, coef[c], 0.01, "coefficient " + c);
        double[] two = new Lars(Dense.centredColumns(d, Dense.columnMeans(d)), n, p).fit(y, 2);
        for (int c = 0; c < p; c++) assertEquals(c == 2 || c == 5, two[c] != 0, "support after 2 steps: " + Arrays.toString(two));
        assertTrue(two[2] > 0 && two[5] < 0);
    }

    @Test
    void larsSkipsDuplicateAndConstantColumns() {
        Random r = new Random(9);
        int n = 60;
        double[][] x = new double[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = x[i][0];          // duplicate of column 0
            x[i][2] = 1;                // constant
            x[i][3] = r.nextGaussian();
            y[i] = x[i][0] + 0.5 * x[i][3];
        }
        Dataset d = Synthetic.of(x);
        double[] coef = new Lars(Dense.centredColumns(d, Dense.columnMeans(d)), n, 4).fit(y, 4);
        assertEquals(0, coef[2]);
        assertEquals(1, coef[0] + coef[1], 1e-6, "the duplicate pair carries the weight once");
        assertTrue(coef[0] == 0 || coef[1] == 0, "only one of the duplicates enters");
        assertEquals(0.5, coef[3], 1e-6);
    }

    /**
     * The graph against a brute-force search: for each row, the 5 nearest other rows by squared distance, of equal
     * distances the lower row, and an edge wherever either row lists the other. Rows on an integer grid with
     * repeats make many ties, which the pairs split over tasks must break the same way.
     */
    @Test
    void neighbourGraphIsTheBruteForceOneWithTiesToTheLowerRow() {
        Random r = new Random(12);
        int n = 157, p = 3, kn = 5;
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) for (int c = 0; c < p; c++) x[i][c] = r.nextInt(4);
        KnnGraph g = KnnGraph.build(Synthetic.of(x), kn);
        java.util.Set<Long> expected = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            final int row = i;
            Integer[] others = java.util.stream.IntStream.range(0, n).filter(j -> j != row).boxed().toArray(Integer[]::new);
            Arrays.sort(others, (a, b) -> {
                int byDistance = Double.compare(sq(x[row], x[a]), sq(x[row], x[b]));
                return byDistance != 0 ? byDistance : Integer.compare(a, b);
            });
            for (int q = 0; q < kn; q++) expected.add((long) Math.min(i, others[q]) * n + Math.max(i, others[q]));
        }
        java.util.Set<Long> built = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++)
            for (int e = g.start[i]; e < g.start[i + 1]; e++) built.add((long) Math.min(i, g.adj[e]) * n + Math.max(i, g.adj[e]));
        assertEquals(expected, built);
        // the Laplacian Score and MCFS of one comparison share the graph of the same rows, not of other rows
        Dataset d = Synthetic.of(x);
        KnnGraph shared = KnnGraph.of(d, kn);
        assertTrue(shared == KnnGraph.of(d, kn));
        assertTrue(shared != KnnGraph.of(Synthetic.of(x), kn));
        assertTrue(KnnGraph.of(d, kn) != KnnGraph.of(d, kn - 1));
    }

    @Test
    void spectralEmbeddingMatchesADenseEigensolver() {
        Dataset d = twoClusters(6);
        KnnGraph g = KnnGraph.build(d, 5);
        int n = g.n;
        double[] deg = g.degrees();
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int e = g.start[i]; e < g.start[i + 1]; e++) m[i * n + g.adj[e]] = g.weight[e] / Math.sqrt(deg[i] * deg[g.adj[e]]);
        SymmetricEigen dense = new SymmetricEigen(m, n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = dense.value(i);
        Arrays.sort(values);
        SpectralEmbedding.Result r = SpectralEmbedding.leading(g, 4, 3, 1e-9, 5000);
        assertTrue(r.converged());
        for (int j = 0; j < 4; j++) assertEquals(values[n - 1 - j], r.values()[j], 1e-6, "eigenvalue " + j);
        // y solves W y = λ D y
        for (int j = 0; j < 4; j++) {
            double[] y = r.vectors()[j];
            double res = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                double wy = 0;
                for (int e = g.start[i]; e < g.start[i + 1]; e++) wy += g.weight[e] * y[g.adj[e]];
                res += Math.pow(wy - r.values()[j] * deg[i] * y[i], 2);
                norm += y[i] * y[i];
            }
            assertTrue(Math.sqrt(res / norm) < 1e-6, "residual of vector " + j);
        }
    }

    @Test
    void mcfsPicksTheFeaturesThatSeparateTheClusters() {
        Random r = new Random(12);
        int n = 150, d = 10;
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x[i][0] = (c == 1 ? 4 : 0) + 0.1 * r.nextGaussian();
            x[i][1] = (c == 2 ? 4 : 0) + 0.1 * r.nextGaussian();
            for (int f = 2; f < d; f++) x[i][f] = 0.6 * r.nextGaussian();
        }
        Dataset data = Synthetic.of(x);
        assertEquals(Set.of(0, 1), set(new McfsSelector(2).select(data, 2, 0)));
        int[] five = new McfsSelector().select(data, 5, 1);
        assertEquals(5, set(five).size());
        assertTrue(set(five).containsAll(Set.of(0, 1)), Arrays.toString(five));
    }

    @Test
    void pcaBothRoutesAgreeAndTheBoundIsBelowAnySelection() {
        Random r = new Random(21);
        int n = 40, d = 12;
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            for (int c = 0; c < d; c++) row[c] = a * (c + 1) / d + b * Math.cos(c) + 0.05 * r.nextGaussian() + c;
        }
        Dataset train = Synthetic.of(x);
        Dataset test = Synthetic.of(Arrays.copyOfRange(x, 0, 10));
        Pca cov = Pca.fit(train, false);
        Pca gram = Pca.fit(train, true);
        for (int j = 0; j < 5; j++) assertEquals(cov.variance(j), gram.variance(j), 1e-9 * cov.variance(0));
        for (int q = 1; q <= 4; q++) assertEquals(cov.reconstructionMse(test, q), gram.reconstructionMse(test, q), 1e-10);
        // two latent signals: two components reconstruct all but the small noise
        assertTrue(cov.reconstructionMse(train, 2) < 0.003, "rank-2 data: " + cov.reconstructionMse(train, 2));
        assertTrue(cov.reconstructionMse(train, 2) < cov.reconstructionMse(train, 1));
        // on the training rows PCA is the best rank-k linear map: below every selection of k columns
        for (int a = 0; a < d; a++)
            for (int b = a + 1; b < d; b++)
                assertTrue(cov.reconstructionMse(train, 2) <= LinearReconstruction.testMse(train, train, new int[] {a, b}) + 1e-9);
        // a wide table (more features than rows) goes through the Gram route
        Dataset wide = uniformNoise(15, 60, 3);
        Pca w = Pca.fit(wide);
        assertEquals(14, w.rank(), "centred 15 rows have rank 14");
        assertTrue(w.reconstructionMse(wide, 14) < 1e-10);
    }
}
