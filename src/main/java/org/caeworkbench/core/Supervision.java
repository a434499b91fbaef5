package org.caeworkbench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caeworkbench.data.Dataset;

/**
 * What a supervised {@link Objective} needs from the training rows: the classes (the distinct training
 * labels, sorted, as {@code ExtraTreesClassifier} orders them; a test label is mapped through the same
 * list, and one never seen in training counts as wrong), each row's class, and the two reference losses
 * that make the terms of {@code mix:W} comparable: MSE₀, the MSE of predicting every feature by its
 * training mean (the mean of the columns' variances), and CE₀, the cross-entropy of predicting every row
 * by the class frequencies (their entropy, in nats).
 *
 * @param classes     the head's classes in output order
 * @param classOfRow  each training row's index into {@code classes}
 * @param meanMse     MSE₀
 * @param priorCrossEntropy CE₀
 * @param notes       sentences for the user (classes with very few training rows)
 */
record Supervision(List<String> classes, int[] classOfRow, double meanMse, double priorCrossEntropy, List<String> notes) {

    /** Classes with fewer training rows than this are named in a note: the head learns little about them. */
    static final int FEW_ROWS = 3;

    /** The supervision of {@code train} (an IllegalArgumentException with {@link Objective#labelProblem}'s sentence when there is none). */
    static Supervision of(Objective objective, Dataset train) {
        String p = objective.labelProblem(train);
        if (p != null) throw new IllegalArgumentException(p);
        Map<String, Integer> counts = new TreeMap<>(train.labelCounts());
        List<String> classes = List.copyOf(counts.keySet());
        Map<String, Integer> index = new java.util.HashMap<>();
        for (String c : classes) index.put(c, index.size());
        String[] labels = train.labels();
        int[] classOfRow = new int[labels.length];
        for (int r = 0; r < labels.length; r++) classOfRow[r] = index.get(labels[r]);
        double ce0 = 0;
        for (int n : counts.values()) {
            double p0 = (double) n / labels.length;
            ce0 -= p0 * Math.log(p0);
        }
        List<String> few = new ArrayList<>();
        counts.forEach((c, n) -> { if (n < FEW_ROWS) few.add("'" + c + "' (" + n + ")"); });
        List<String> notes = few.isEmpty() ? List.of() : List.of((few.size() == 1 ? "The class " : "The classes ") + String.join(", ", few)
                + (few.size() == 1 ? " has" : " have") + " fewer than " + FEW_ROWS + " training rows: the classifier head learns little about "
                + (few.size() == 1 ? "it" : "them") + ", and a test row of such a class is likely misclassified.");
        return new Supervision(classes, classOfRow, meanMse(train), ce0, notes);
    }

    /** The MSE of predicting every value by its column's mean: the mean of the columns' (population) variances. */
    static double meanMse(Dataset train) {
        int n = train.rows(), d = train.cols();
        double[] mean = new double[d];
        train.forEachRow((r, v, base) -> { for (int j = 0; j < d; j++) mean[j] += v[base + j]; });
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[] s = {0};
        train.forEachRow((r, v, base) -> {
            double rowSum = s[0];
            for (int j = 0; j < d; j++) {
                double e = v[base + j] - mean[j];
                rowSum += e * e;
            }
            s[0] = rowSum;
        });
        return s[0] / ((double) n * d);
    }

    /**
     * Each feature's one-way analysis-of-variance F statistic over the training classes: the variance between the
     * class means over the variance within the classes, each per degree of freedom; how well the feature
     * separates the classes on its own. One pass over the rows.
     */
    double[] fStatistics(Dataset train) {
        int d = train.cols(), c = classes.size(), n = classOfRow.length;
        double[] sum = new double[c * d];
        double[] sq = new double[d];
        train.forEachRow((r, v, base) -> {
            int o = classOfRow[r] * d;
            for (int j = 0; j < d; j++) {
                double x = v[base + j];
                sum[o + j] += x;
                sq[j] += x * x;
            }
        });
        int[] count = new int[c];
        for (int cl : classOfRow) count[cl]++;
        double[] f = new double[d];
        for (int j = 0; j < d; j++) {
            double total = 0, explained = 0;
            for (int cl = 0; cl < c; cl++) {
                double s = sum[cl * d + j];
                total += s;
                if (count[cl] > 0) explained += s * s / count[cl];
            }
            double between = Math.max(0, explained - total * total / n);
            double within = Math.max(0, sq[j] - explained);
            f[j] = (between / Math.max(1, c - 1)) / (within / Math.max(1, n - c) + 1e-12);
        }
        return f;
    }

    /** The scale of the MSE in the loss: (1 − W) / MSE₀ for mix:W, 1 for classify (the decoder's own loss). */
    double reconstructionScale(Objective objective) {
        return objective.kind() == Objective.Kind.MIX ? (1 - objective.weight()) / Math.max(meanMse, 1e-12) : 1;
    }

    /** The scale of the cross-entropy in the loss: W / CE₀ (W = 1 for classify). */
    double crossEntropyScale(Objective objective) {
        return objective.weight() / priorCrossEntropy;
    }

    ConcreteAutoencoder.Head head(int hidden) {
        return new ConcreteAutoencoder.Head(hidden, classes);
    }

    /** The hidden width of the head for k selected features: round(3k/2), the decoder's automatic width. */
    static int headHidden(int inputs) {
        return Math.max(1, (int) Math.round(1.5 * inputs));
    }

    /** A checksum of the labels, so a checkpoint of a supervised run is not resumed on relabelled rows. */
    static long labelChecksum(Dataset train) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (String l : train.labels()) {
            crc.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            crc.update(0);
        }
        return crc.getValue();
    }
}
