package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Which of the file's features the model sees, fitted on the training split: {@link #kept} holds, for
 * each model feature (in order), its column among the file's features, so every index a user reads in
 * a run (selected_features.csv, model.json) can be traced back to the original file.
 *
 * @param originalNames the file's feature names, in the file's order
 * @param kept          the original index of each kept feature, ascending (the model's feature order)
 * @param constant      original indices of the features dropped because they were constant on the
 *                      training split (empty when constant features were not dropped)
 * @param topVariable   the number of most variable features asked for (0: no such limit)
 */
public record FeatureFilter(List<String> originalNames, int[] kept, int[] constant, int topVariable) {

    public FeatureFilter {
        originalNames = List.copyOf(originalNames);
        kept = kept.clone();
        constant = constant.clone();
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] < 0 || kept[i] >= originalNames.size() || (i > 0 && kept[i] <= kept[i - 1]))
                throw new IllegalArgumentException("kept feature indices must be ascending original columns");
        }
    }

    /** Every feature kept. */
    public static FeatureFilter all(List<String> names) {
        return new FeatureFilter(names, IntStream.range(0, names.size()).toArray(), new int[0], 0);
    }

    /**
     * Fits the filter on (transformed, imputed) training rows: the constant features (every value equal)
     * are dropped when {@code dropConstant}; then, when {@code topVariable > 0}, only that many of the
     * remaining features are kept, those of highest variance (population variance, ties to the earlier
     * column). Missing values (NaN) are ignored.
     */
    public static FeatureFilter fit(Dataset train, boolean dropConstant, int topVariable) {
        return fit(train, dropConstant, topVariable, List.of());
    }

    /**
     * {@link #fit(Dataset, boolean, int)}, except that the features named in {@code retain} are never
     * dropped: not when constant, and added to the {@code topVariable} most variable when not among them.
     * A user who keeps a gene in the panel measures it whatever its variance here. Names are matched
     * exactly, else ignoring case; a name that matches nothing is left to the panel to report.
     */
    public static FeatureFilter fit(Dataset train, boolean dropConstant, int topVariable, List<String> retain) {
        int cols = train.cols();
        boolean[] kept = retained(FeatureNames.of(train), retain);
        double[] variance = variances(train);
        boolean[] constant = new boolean[cols];
        float[][] range = ColumnMoments.range(train);
        float[] min = range[0];
        float[] max = range[1];
        // exactly equal values, not a small variance: a float rounding must not drop a real feature
        for (int c = 0; c < cols; c++) constant[c] = !(max[c] > min[c]);
        int[] dropped = dropConstant ? IntStream.range(0, cols).filter(c -> constant[c] && !kept[c]).toArray() : new int[0];
        // the kept features compete like the others and are added only when they lose: keeping a gene that is
        // among the most variable anyway changes nothing, so data prepared without the list stay the same
        int[] candidates = IntStream.range(0, cols).filter(c -> !dropConstant || !constant[c]).toArray();
        if (topVariable > 0 && topVariable < candidates.length) {
            candidates = Arrays.stream(candidates).boxed()
                    .sorted(Comparator.comparingDouble((Integer c) -> -variance[c]).thenComparingInt(c -> c))
                    .limit(topVariable).mapToInt(Integer::intValue).toArray();
        }
        for (int c : candidates) kept[c] = true;
        return new FeatureFilter(train.featureNames(), IntStream.range(0, cols).filter(c -> kept[c]).toArray(), dropped, topVariable);
    }

    /** Which columns {@code retain} names ({@link FeatureNames}: exact, else the one name equal ignoring case). */
    private static boolean[] retained(FeatureNames index, List<String> retain) {
        boolean[] out = new boolean[index.size()];
        if (retain.isEmpty()) return out;
        for (String n : retain) {
            int j = index.find(n);
            if (j >= 0) out[j] = true;
        }
        return out;
    }

    /** Population variance of each column over the rows (two passes, in double), NaN ignored. */
    public static double[] variances(Dataset d) {
        return ColumnMoments.of(d).variances();
    }

    public int originalCount() { return originalNames.size(); }
    public int keptCount() { return kept.length; }

    /** Whether every feature is kept (nothing to map). */
    public boolean isIdentity() { return kept.length == originalNames.size(); }

    /** The file's column (among the features) of model feature {@code feature}. */
    public int original(int feature) { return kept[feature]; }

    /**
     * The file's columns of the given model features, in the same order: what every export that goes
     * back to the file's columns (the reduced data, index lists) must use instead of the model's indices.
     */
    public int[] originalColumns(int[] features) {
        int[] out = new int[features.length];
        for (int i = 0; i < features.length; i++) out[i] = kept[features[i]];
        return out;
    }

    /** A copy of the kept features' original indices. */
    @Override public int[] kept() { return kept.clone(); }

    /** A copy of the original indices of the constant features that were dropped. */
    @Override public int[] constant() { return constant.clone(); }

    public List<String> keptNames() {
        List<String> names = new ArrayList<>(kept.length);
        for (int c : kept) names.add(originalNames.get(c));
        return names;
    }

    public List<String> constantNames() {
        List<String> names = new ArrayList<>(constant.length);
        for (int c : constant) names.add(originalNames.get(c));
        return names;
    }

    /** Features dropped for low variance (beyond the constant ones). */
    public int droppedForVariance() {
        return originalNames.size() - kept.length - constant.length;
    }

    /** The training or test rows with only the kept features; the same object when all are kept. */
    public Dataset apply(Dataset d) {
        if (d.cols() != originalNames.size())
            throw new IllegalArgumentException("the feature filter was fitted on " + originalNames.size() + " features, not " + d.cols());
        return isIdentity() ? d : d.selectColumns(kept);
    }

    /**
     * One sentence on what was dropped, e.g. "Dropped 12 constant features (g1, g7, g9, ...); kept the 2000
     * most variable of 12613 features." Empty when nothing was dropped.
     */
    public String describe() {
        if (isIdentity()) return "";
        StringBuilder b = new StringBuilder();
        if (constant.length > 0) {
            List<String> names = constantNames();
            int shown = Math.min(5, names.size());
            b.append(String.format(Locale.ROOT, "Dropped %d constant feature%s (%s%s)", constant.length, constant.length == 1 ? "" : "s",
                    String.join(", ", names.subList(0, shown)), names.size() > shown ? ", ..." : ""));
        }
        int lowVariance = droppedForVariance();
        if (lowVariance > 0) {
            b.append(b.length() == 0 ? "Kept" : "; kept");
            int extra = topVariable > 0 ? kept.length - topVariable : 0;    // --keep features put back beside the most variable
            b.append(String.format(Locale.ROOT, " the %d most variable of %d features", kept.length - Math.max(0, extra),
                    originalNames.size() - constant.length));
            if (extra > 0) b.append(String.format(Locale.ROOT, " and %d kept feature%s", extra, extra == 1 ? "" : "s"));
        }
        b.append(String.format(Locale.ROOT, "; %d of %d features remain.", kept.length, originalNames.size()));
        return b.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof FeatureFilter f && originalNames.equals(f.originalNames) && Arrays.equals(kept, f.kept)
                && Arrays.equals(constant, f.constant) && topVariable == f.topVariable;
    }

    @Override public int hashCode() {
        return 31 * originalNames.hashCode() + Arrays.hashCode(kept);
    }

    @Override public String toString() {
        return "FeatureFilter[" + kept.length + " of " + originalNames.size() + " kept, " + constant.length + " constant dropped]";
    }
}
