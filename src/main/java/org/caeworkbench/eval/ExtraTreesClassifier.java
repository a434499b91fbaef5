package org.caeworkbench.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.caeworkbench.data.Dataset;

/**
 * Extremely Randomized Trees (Geurts, Ernst and Wehenkel 2006) with the defaults of scikit-learn's
 * {@code ExtraTreesClassifier}, the paper's classification metric: no bootstrap; at each node
 * {@code max(1, floor(sqrt(p)))} candidate features drawn without replacement, each with one threshold
 * drawn uniformly between the node's min and max of that feature; the split with the largest Gini
 * decrease wins; trees grow until a node is pure or has fewer than 2 samples; prediction averages
 * the trees' class-probability vectors.
 *
 * <p>Each tree draws from its own generator, seeded from the model seed and the tree's index, so the
 * result is the same whether the trees are built on one thread or many.
 */
public final class ExtraTreesClassifier {
    public static final int DEFAULT_TREES = 50;
    /** Features whose range in a node is at most this are treated as constant there (as scikit-learn). */
    private static final double FEATURE_THRESHOLD = 1e-7;

    private final int cols;
    private final int nClasses;
    private final Tree[] trees;

    private ExtraTreesClassifier(int cols, int nClasses, Tree[] trees) {
        this.cols = cols;
        this.nClasses = nClasses;
        this.trees = trees;
    }

    /** Fits {@code nTrees} trees on {@code x} (rows × cols, row-major), building them in parallel. */
    public static ExtraTreesClassifier fit(float[] x, int rows, int cols, int[] labels, int nClasses, int nTrees, long seed) {
        return fit(x, rows, cols, labels, nClasses, nTrees, seed, true);
    }

    /** As {@link #fit(float[], int, int, int[], int, int, long)}; the result does not depend on {@code parallel}. */
    public static ExtraTreesClassifier fit(float[] x, int rows, int cols, int[] labels, int nClasses, int nTrees,
                                           long seed, boolean parallel) {
        checkFit(x, rows, cols, labels, nClasses, nTrees);
        Grower grower = new Grower(x, rows, cols, labels, nClasses, nTrees, seed);
        Tree[] trees = new Tree[nTrees];
        IntStream indices = IntStream.range(0, nTrees);
        (parallel ? indices.parallel() : indices).forEach(t -> trees[t] = grower.grow(t));
        return new ExtraTreesClassifier(cols, nClasses, trees);
    }

    /** What every tree of one forest is grown from: the training columns, labels and the trees' seeds. */
    private static final class Grower {
        final float[] columns;   // column-major: a node scans one feature over its samples, so keep each feature contiguous
        final int rows, cols, nClasses, maxFeatures;
        final int[] labels;
        final long[] treeSeeds;

        Grower(float[] x, int rows, int cols, int[] labels, int nClasses, int nTrees, long seed) {
            columns = new float[rows * cols];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) columns[c * rows + r] = x[r * cols + c];
            SplittableRandom master = new SplittableRandom(seed);
            treeSeeds = new long[nTrees];
            for (int t = 0; t < nTrees; t++) treeSeeds[t] = master.nextLong();
            this.rows = rows;
            this.cols = cols;
            this.labels = labels;
            this.nClasses = nClasses;
            this.maxFeatures = defaultMaxFeatures(cols);
        }

        Tree grow(int t) {
            return new TreeBuilder(columns, rows, cols, labels, nClasses, maxFeatures, new SplittableRandom(treeSeeds[t])).build();
        }
    }

    /**
     * The most probable class of each {@code test} row under the forest {@link #fit} would grow, without
     * holding the forest: trees are grown a few at a time (as many as run in parallel), each adds its
     * probabilities to the rows' sums in tree order and is dropped. The same figures as
     * {@code fit(...).predict(test, testRows)}, in the memory of a few trees instead of {@code nTrees}
     * (a tree grown to purity on n rows holds up to n leaves of nClasses probabilities each).
     */
    public static int[] fitPredict(float[] x, int rows, int cols, int[] labels, int nClasses, int nTrees, long seed,
                                   float[] test, int testRows) {
        checkFit(x, rows, cols, labels, nClasses, nTrees);
        if (testRows < 0 || (long) testRows * cols != test.length)
            throw new IllegalArgumentException("the input matrix has " + test.length + " values, expected " + testRows + " x " + cols);
        Grower grower = new Grower(x, rows, cols, labels, nClasses, nTrees, seed);
        double[] proba = new double[testRows * nClasses];
        int batch = Math.max(1, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        Tree[] grown = new Tree[Math.min(batch, nTrees)];
        for (int first = 0; first < nTrees; first += batch) {
            int count = Math.min(batch, nTrees - first);
            int from = first;
            IntStream.range(0, count).parallel().forEach(i -> grown[i] = grower.grow(from + i));
            for (int i = 0; i < count; i++) {
                Tree tree = grown[i];
                for (int r = 0; r < testRows; r++) {
                    int leaf = tree.leafOffset(test, r * cols);
                    int out = r * nClasses;
                    for (int c = 0; c < nClasses; c++) proba[out + c] += tree.leafProba[leaf + c];
                }
                grown[i] = null;
            }
        }
        for (int i = 0; i < proba.length; i++) proba[i] /= nTrees;
        return argmax(proba, testRows, nClasses);
    }

    private static void checkFit(float[] x, int rows, int cols, int[] labels, int nClasses, int nTrees) {
        if (rows < 1 || cols < 1 || (long) rows * cols != x.length)
            throw new IllegalArgumentException("the training matrix has " + x.length + " values, expected " + rows + " x " + cols);
        if (labels.length != rows) throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        if (nTrees < 1) throw new IllegalArgumentException("the number of trees must be at least 1, got " + nTrees);
        for (int y : labels)
            if (y < 0 || y >= nClasses) throw new IllegalArgumentException("class id " + y + " is outside 0.." + (nClasses - 1));
    }

    /** scikit-learn's {@code max_features="sqrt"}: {@code max(1, int(sqrt(p)))}. */
    public static int defaultMaxFeatures(int p) {
        return Math.max(1, (int) Math.sqrt(p));
    }

    public int cols() { return cols; }
    public int nClasses() { return nClasses; }
    public int nTrees() { return trees.length; }

    /** Mean of the trees' class probabilities for each row of {@code x}: rows × nClasses, row-major. */
    public double[] predictProba(float[] x, int rows) {
        if (rows < 0 || (long) rows * cols != x.length)
            throw new IllegalArgumentException("the input matrix has " + x.length + " values, expected " + rows + " x " + cols);
        double[] proba = new double[rows * nClasses];
        for (int r = 0; r < rows; r++) {
            int out = r * nClasses;
            for (Tree tree : trees) {
                int leaf = tree.leafOffset(x, r * cols);
                for (int c = 0; c < nClasses; c++) proba[out + c] += tree.leafProba[leaf + c];
            }
            for (int c = 0; c < nClasses; c++) proba[out + c] /= trees.length;
        }
        return proba;
    }

    /** The most probable class of each row (the lowest class id on a tie, like numpy's argmax). */
    public int[] predict(float[] x, int rows) {
        return argmax(predictProba(x, rows), rows, nClasses);
    }

    private static int[] argmax(double[] proba, int rows, int nClasses) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < nClasses; c++) if (proba[r * nClasses + c] > proba[r * nClasses + best]) best = c;
            out[r] = best;
        }
        return out;
    }

    /**
     * Test accuracy of a forest trained on the selected columns of the training split. Classes are the
     * distinct training labels (sorted, as scikit-learn orders them); a test label never seen in
     * training counts as wrong.
     */
    public static double accuracy(float[] train, int trainRows, String[] trainLabels,
                                  float[] test, int testRows, String[] testLabels,
                                  int cols, int[] selected, int nTrees, long seed) {
        if (testLabels.length != testRows) throw new IllegalArgumentException(testLabels.length + " test labels for " + testRows + " rows");
        if (testRows < 1) throw new IllegalArgumentException("the test split has no rows");
        if (selected.length < 1) throw new IllegalArgumentException("no columns selected");
        if (trainLabels.length != trainRows) throw new IllegalArgumentException(trainLabels.length + " training labels for " + trainRows + " rows");
        Map<String, Integer> classIds = new HashMap<>();
        for (String label : new TreeSet<>(Arrays.asList(trainLabels))) classIds.put(label, classIds.size());
        int[] y = new int[trainRows];
        for (int r = 0; r < trainRows; r++) y[r] = classIds.get(trainLabels[r]);

        return accuracy(columnsOf(train, trainRows, cols, selected), y, classIds, columnsOf(test, testRows, cols, selected),
                testLabels, selected.length, nTrees, seed);
    }

    /** Accuracy of the forest grown on {@code x} (selected columns, row-major) on {@code test}, holding a few trees at a time. */
    private static double accuracy(float[] x, int[] y, Map<String, Integer> classIds, float[] test, String[] testLabels,
                                   int k, int nTrees, long seed) {
        int testRows = testLabels.length;
        int[] predicted = fitPredict(x, y.length, k, y, classIds.size(), nTrees, seed, test, testRows);
        int correct = 0;
        for (int r = 0; r < testRows; r++) {
            Integer truth = classIds.get(testLabels[r]);
            if (truth != null && truth == predicted[r]) correct++;
        }
        return (double) correct / testRows;
    }

    /** {@link #accuracy(float[], int, String[], float[], int, String[], int, int[], int, long)} on labelled datasets. */
    public static double accuracy(Dataset train, Dataset test, int[] selected, int nTrees, long seed) {
        if (!train.hasLabels() || !test.hasLabels())
            throw new IllegalArgumentException("classification accuracy needs labels on both the training and the test data");
        if (train.cols() != test.cols())
            throw new IllegalArgumentException("training data has " + train.cols() + " columns but test data has " + test.cols());
        if (test.rows() < 1) throw new IllegalArgumentException("the test split has no rows");
        if (selected.length < 1) throw new IllegalArgumentException("no columns selected");
        String[] trainLabels = train.labels();
        Map<String, Integer> classIds = new HashMap<>();
        for (String label : new TreeSet<>(Arrays.asList(trainLabels))) classIds.put(label, classIds.size());
        int[] y = new int[train.rows()];
        for (int r = 0; r < y.length; r++) y[r] = classIds.get(trainLabels[r]);
        // only the selected columns are copied, a chunk of rows at a time: never the whole matrix
        return accuracy(new RowChunks(train).selectedColumns(selected), y, classIds, new RowChunks(test).selectedColumns(selected),
                test.labels(), selected.length, nTrees, seed);
    }

    private static float[] columnsOf(float[] x, int rows, int cols, int[] selected) {
        if ((long) rows * cols != x.length)
            throw new IllegalArgumentException("the matrix has " + x.length + " values, expected " + rows + " x " + cols);
        int k = selected.length;
        for (int s : selected)
            if (s < 0 || s >= cols) throw new IllegalArgumentException("selected column " + s + " is outside 0.." + (cols - 1));
        float[] out = new float[rows * k];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < k; j++) out[r * k + j] = x[r * cols + selected[j]];
        return out;
    }

    /** A grown tree in flat arrays. For a leaf, feature is -1 and child holds the offset of its probabilities. */
    private static final class Tree {
        final int[] feature;
        final double[] threshold;
        final int[] leftChild;      // right child is in rightChild; for a leaf: offset into leafProba
        final int[] rightChild;
        final double[] leafProba;

        Tree(int[] feature, double[] threshold, int[] leftChild, int[] rightChild, double[] leafProba) {
            this.feature = feature;
            this.threshold = threshold;
            this.leftChild = leftChild;
            this.rightChild = rightChild;
            this.leafProba = leafProba;
        }

        int leafOffset(float[] x, int base) {
            int node = 0;
            while (feature[node] >= 0)
                node = x[base + feature[node]] <= threshold[node] ? leftChild[node] : rightChild[node];
            return leftChild[node];
        }
    }

    /** Grows one tree depth-first with an explicit stack, partitioning one index array in place. */
    private static final class TreeBuilder {
        private final float[] columns;   // column-major training values
        private final int rows;
        private final int cols;
        private final int[] labels;
        private final int nClasses;
        private final int maxFeatures;
        private final SplittableRandom random;

        private final int[] samples;
        private final int[] features;
        private final int[] counts;
        private final int[] leftCounts;

        private final int[] feature;
        private final double[] threshold;
        private final int[] leftChild;
        private final int[] rightChild;
        private final double[] leafProba;
        private int nodeCount;
        private int leafCount;

        TreeBuilder(float[] columns, int rows, int cols, int[] labels, int nClasses, int maxFeatures, SplittableRandom random) {
            this.columns = columns;
            this.rows = rows;
            this.cols = cols;
            this.labels = labels;
            this.nClasses = nClasses;
            this.maxFeatures = maxFeatures;
            this.random = random;
            this.samples = IntStream.range(0, rows).toArray();
            this.features = IntStream.range(0, cols).toArray();
            this.counts = new int[nClasses];
            this.leftCounts = new int[nClasses];
            int maxNodes = 2 * rows - 1;   // a binary tree with at most `rows` leaves
            this.feature = new int[maxNodes];
            this.threshold = new double[maxNodes];
            this.leftChild = new int[maxNodes];
            this.rightChild = new int[maxNodes];
            this.leafProba = new double[rows * nClasses];
        }

        Tree build() {
            int[] stack = new int[3 * rows];   // (node, start, end) triples; depth-first keeps it small
            int top = 0;
            nodeCount = 1;
            stack[top++] = 0;
            stack[top++] = 0;
            stack[top++] = rows;
            while (top > 0) {
                int end = stack[--top];
                int start = stack[--top];
                int node = stack[--top];
                int mid = split(node, start, end);
                if (mid < 0) continue;
                int left = nodeCount++;
                int right = nodeCount++;
                leftChild[node] = left;
                rightChild[node] = right;
                stack[top++] = right;
                stack[top++] = mid;
                stack[top++] = end;
                stack[top++] = left;
                stack[top++] = start;
                stack[top++] = mid;
            }
            return new Tree(Arrays.copyOf(feature, nodeCount), Arrays.copyOf(threshold, nodeCount),
                    Arrays.copyOf(leftChild, nodeCount), Arrays.copyOf(rightChild, nodeCount),
                    Arrays.copyOf(leafProba, leafCount * nClasses));
        }

        /** Splits the node's samples in place and returns the boundary, or makes a leaf and returns -1. */
        private int split(int node, int start, int end) {
            int n = end - start;
            Arrays.fill(counts, 0);
            for (int i = start; i < end; i++) counts[labels[samples[i]]]++;
            int classesPresent = 0;
            for (int c : counts) if (c > 0) classesPresent++;
            if (n < 2 || classesPresent < 2) return leaf(node, n);

            // Draw features without replacement; constant ones count as visited (as in scikit-learn),
            // but keep drawing until at least one non-constant feature has been tried.
            int remaining = cols;
            int visited = 0;
            boolean found = false;
            int bestFeature = -1;
            double bestThreshold = 0.0;
            double bestScore = Double.NEGATIVE_INFINITY;
            while (remaining > 0 && (visited < maxFeatures || !found)) {
                int pick = random.nextInt(remaining);
                int f = features[pick];
                features[pick] = features[remaining - 1];
                features[remaining - 1] = f;
                remaining--;
                visited++;

                int base = f * rows;
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = start; i < end; i++) {
                    float v = columns[base + samples[i]];
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
                if (max <= min + FEATURE_THRESHOLD) continue;
                found = true;
                double t = min + random.nextDouble() * ((double) max - min);
                if (t >= max) t = min;   // keep the max sample on the right so both sides are non-empty

                Arrays.fill(leftCounts, 0);
                int nLeft = 0;
                for (int i = start; i < end; i++) {
                    int s = samples[i];
                    if (columns[base + s] <= t) {
                        leftCounts[labels[s]]++;
                        nLeft++;
                    }
                }
                // Maximising Σ_children Σ_c n_c² / n_child is minimising the weighted Gini impurity.
                double sumLeft = 0.0;
                double sumRight = 0.0;
                for (int c = 0; c < nClasses; c++) {
                    double l = leftCounts[c];
                    double r = counts[c] - leftCounts[c];
                    sumLeft += l * l;
                    sumRight += r * r;
                }
                double score = sumLeft / nLeft + sumRight / (n - nLeft);
                if (score > bestScore) {
                    bestScore = score;
                    bestFeature = f;
                    bestThreshold = t;
                }
            }
            if (!found) return leaf(node, n);

            int base = bestFeature * rows;
            int mid = start;
            for (int i = start; i < end; i++) {
                int s = samples[i];
                if (columns[base + s] <= bestThreshold) {
                    samples[i] = samples[mid];
                    samples[mid++] = s;
                }
            }
            feature[node] = bestFeature;
            threshold[node] = bestThreshold;
            return mid;
        }

        private int leaf(int node, int n) {
            int offset = leafCount++ * nClasses;
            for (int c = 0; c < nClasses; c++) leafProba[offset + c] = (double) counts[c] / n;
            feature[node] = -1;
            leftChild[node] = offset;
            return -1;
        }
    }
}
