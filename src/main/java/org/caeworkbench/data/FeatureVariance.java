package org.caeworkbench.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-feature variance gathered in one streaming pass over the values of a matrix (the nonzero entries
 * of a sparse one suffice: a zero adds nothing to the sums), to keep only the most variable features
 * while reading. For non-negative data (counts) the variance of log(1 + x) is used, as the usual
 * "highly variable genes" selections do, so that a few very highly expressed genes do not take every
 * place; data with negative values are ranked by the variance of the values themselves.
 */
final class FeatureVariance {
    private final double[] sum;
    private final double[] sumSq;
    private final double[] logSum;
    private final double[] logSumSq;
    private boolean negative;

    FeatureVariance(int features) {
        sum = new double[features];
        sumSq = new double[features];
        logSum = new double[features];
        logSumSq = new double[features];
    }

    void add(int feature, float value) {
        double v = value;
        if (v != v) return;   // missing values are left out
        sum[feature] += v;
        sumSq[feature] += v * v;
        if (v < 0) {
            negative = true;
        } else {
            double l = Math.log1p(v);
            logSum[feature] += l;
            logSumSq[feature] += l * l;
        }
    }

    /** The variance of each feature over {@code samples} samples (of log1p values for non-negative data). */
    double[] variances(long samples) {
        double[] s = negative ? sum : logSum;
        double[] q = negative ? sumSq : logSumSq;
        double[] var = new double[s.length];
        for (int f = 0; f < s.length; f++) {
            double mean = s[f] / samples;
            var[f] = Math.max(0, q[f] / samples - mean * mean);
        }
        return var;
    }

    /** The {@code k} features of highest variance, in their original order (ties: the earlier feature). */
    int[] top(int k, long samples) {
        double[] var = variances(samples);
        Integer[] order = new Integer[var.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> var[a] != var[b] ? Double.compare(var[b], var[a]) : Integer.compare(a, b));
        int[] kept = new int[Math.min(k, var.length)];
        for (int i = 0; i < kept.length; i++) kept[i] = order[i];
        Arrays.sort(kept);
        return kept;
    }

    /** For each of {@code features} features, its column among the kept ones {@code top} (sorted), or -1. */
    static int[] columnOf(int[] top, int features) {
        int[] column = new int[features];
        Arrays.fill(column, -1);
        for (int c = 0; c < top.length; c++) column[top[c]] = c;
        return column;
    }

    /** The entries of {@code names} at the kept features {@code top}, in order. */
    static java.util.List<String> pick(java.util.List<String> names, int[] top) {
        java.util.List<String> kept = new java.util.ArrayList<>(top.length);
        for (int f : top) kept.add(names.get(f));
        return kept;
    }

    /** How the features were ranked, for the note. */
    String criterion() {
        return negative ? "variance" : "variance of log(1 + value)";
    }

    /** The features kept by {@link #keepTop}: each feature's column in the data set (-1: dropped), how many, their names. */
    record Kept(int[] column, int count, java.util.List<String> names) {}

    /** A first pass over a file that hands every stored (feature, value) to the ranking. */
    interface FirstPass<E extends Exception> {
        void feed(FeatureVariance variance) throws E, DataException;
    }

    /**
     * The first of the two passes of a read with --read-top-variable: ranks the {@code features} features
     * over {@code samples} samples, keeps the {@code k} most variable, and says so in a note on {@code ctx}.
     */
    static <E extends Exception> Kept keepTop(FirstPass<E> pass, int features, long samples, int k,
                                              java.util.List<String> names, String file, ReadContext ctx) throws E, DataException {
        FeatureVariance variance = new FeatureVariance(features);
        ctx.pass(1, 2);
        pass.feed(variance);
        int[] top = variance.top(k, samples);
        ctx.note(note(file, top.length, features, variance.criterion()));
        ctx.pass(2, 2);
        return new Kept(columnOf(top, features), top.length, pick(names, top));
    }

    /** The note that says what was kept. */
    static String note(String file, int kept, int of, String criterion) {
        return String.format(Locale.ROOT, "%s: kept the %,d most variable of %,d features while reading (ranked by %s);"
                + " the others were not loaded", file, kept, of, criterion);
    }
}
