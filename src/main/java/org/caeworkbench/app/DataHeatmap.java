package org.caeworkbench.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.caeworkbench.data.Dataset;

/**
 * A clustered heatmap of a table (samples × features) with the selected features marked, so that a user
 * sees the chosen panel on the data: rows are samples ordered by label (then, within each label, by
 * average-linkage clustering of their shown values); columns are the selected features plus a seeded
 * sample of the others, ordered by average-linkage clustering on correlation distance (1 − r). Values are
 * each column's z-score over the shown rows, clipped to ±{@link #CLIP}.
 *
 * <p>The clustering is written here, small and naive (O(n³) on at most {@link #MAX_COLUMNS} columns and
 * {@link #MAX_ROWS} rows), because no library on the classpath has hierarchical clustering (commons-math3
 * offers k-means and DBSCAN only) and a dependency for a display order is not worth adding.
 *
 * @param rows       shown rows
 * @param cols       shown columns
 * @param values     rows × cols z-scores, row-major, in display order
 * @param rowIndex   each shown row's row in the data
 * @param rowLabels  each shown row's label (null without labels)
 * @param colIndex   each shown column's feature index in the data
 * @param colNames   each shown column's feature name
 * @param selected   whether each shown column is a selected feature
 */
public record DataHeatmap(int rows, int cols, float[] values, int[] rowIndex, String[] rowLabels, int[] colIndex,
                          List<String> colNames, boolean[] selected) {

    /** Columns shown at most (the selected features first, then a sample of others up to this). */
    public static final int MAX_COLUMNS = 120;
    /** Rows shown at most (a seeded sample of the data's). */
    public static final int MAX_ROWS = 300;
    /** |z| shown at most. */
    public static final float CLIP = 3f;

    /** The heatmap of {@code data} with {@code selectedFeatures} (indices into its columns, repeats allowed) marked. */
    public static DataHeatmap of(Dataset data, int[] selectedFeatures, long seed) {
        return of(data, selectedFeatures, seed, MAX_ROWS, MAX_COLUMNS);
    }

    public static DataHeatmap of(Dataset data, int[] selectedFeatures, long seed, int maxRows, int maxCols) {
        Random rnd = new Random(seed);
        // columns: the selected (distinct, valid) features, then a sample of the others
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int f : selectedFeatures) if (f >= 0 && f < data.cols()) chosen.add(f);
        List<Integer> columns = new ArrayList<>(chosen);
        int[] others = sample(java.util.stream.IntStream.range(0, data.cols()).filter(c -> !chosen.contains(c)).toArray(),
                Math.max(0, maxCols - columns.size()), rnd);
        for (int c : others) columns.add(c);
        int[] cols = columns.stream().mapToInt(Integer::intValue).toArray();
        // rows: a sample, ordered by label
        int[] rowsShown = sample(java.util.stream.IntStream.range(0, data.rows()).toArray(), maxRows, rnd);
        Arrays.sort(rowsShown);
        String[] labels = data.labels();
        int nr = rowsShown.length;
        int nc = cols.length;
        // the shown cells, read a row at a time in row order (a matrix kept in its file is read chunk by chunk)
        float[] x = new float[nr * nc];
        float[] row = new float[data.cols()];
        for (int i = 0; i < nr; i++) {
            data.copyRow(rowsShown[i], row, 0);
            for (int j = 0; j < nc; j++) x[i * nc + j] = row[cols[j]];
        }
        float[] z = new float[nr * nc];
        for (int j = 0; j < nc; j++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < nr; i++) sum += x[i * nc + j];
            double mean = sum / Math.max(1, nr);
            for (int i = 0; i < nr; i++) {
                double v = x[i * nc + j] - mean;
                sq += v * v;
            }
            double sd = Math.sqrt(sq / Math.max(1, nr));
            for (int i = 0; i < nr; i++) {
                double v = sd > 0 ? (x[i * nc + j] - mean) / sd : 0;
                z[i * nc + j] = (float) Math.max(-CLIP, Math.min(CLIP, v));
            }
        }
        // columns by correlation (z-scores: r is the mean product)
        int[] colOrder = averageLinkageOrder(nc, (a, b) -> {
            double s = 0;
            for (int i = 0; i < nr; i++) s += z[i * nc + a] * z[i * nc + b];
            return 1 - s / Math.max(1, nr);
        });
        // rows by label, and within a label by euclidean distance of their shown values
        List<Integer> rowOrder = new ArrayList<>();
        if (labels == null) {
            for (int i : averageLinkageOrder(nr, (a, b) -> rowDistance(z, nc, a, b))) rowOrder.add(i);
        } else {
            List<String> classes = new ArrayList<>(new java.util.TreeSet<>(Arrays.asList(labelsOf(labels, rowsShown))));
            classes.sort(Comparator.naturalOrder());
            for (String c : classes) {
                int[] members = java.util.stream.IntStream.range(0, nr).filter(i -> c.equals(String.valueOf(labels[rowsShown[i]]))).toArray();
                for (int m : averageLinkageOrder(members.length, (a, b) -> rowDistance(z, nc, members[a], members[b])))
                    rowOrder.add(members[m]);
            }
        }
        float[] values = new float[nr * nc];
        int[] rowIndex = new int[nr];
        String[] rowLabels = labels == null ? null : new String[nr];
        for (int i = 0; i < nr; i++) {
            int src = rowOrder.get(i);
            rowIndex[i] = rowsShown[src];
            if (rowLabels != null) rowLabels[i] = String.valueOf(labels[rowsShown[src]]);
            for (int j = 0; j < nc; j++) values[i * nc + j] = z[src * nc + colOrder[j]];
        }
        int[] colIndex = new int[nc];
        List<String> names = new ArrayList<>(nc);
        boolean[] sel = new boolean[nc];
        // genes named by id are labelled by their symbols: a heatmap's labels are read at a glance
        List<String> symbols = org.caeworkbench.data.FeatureNames.symbolsBesideIds(data.featureNames(), data.geneNames());
        for (int j = 0; j < nc; j++) {
            colIndex[j] = cols[colOrder[j]];
            names.add((symbols != null ? symbols : data.featureNames()).get(colIndex[j]));
            sel[j] = chosen.contains(colIndex[j]);
        }
        return new DataHeatmap(nr, nc, values, rowIndex, rowLabels, colIndex, List.copyOf(names), sel);
    }

    private static String[] labelsOf(String[] labels, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = String.valueOf(labels[rows[i]]);
        return out;
    }

    private static double rowDistance(float[] z, int nc, int a, int b) {
        double s = 0;
        for (int j = 0; j < nc; j++) {
            double d = z[a * nc + j] - z[b * nc + j];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** A distance between items a and b. */
    public interface Distance {
        double between(int a, int b);
    }

    /**
     * The leaf order of average-linkage (UPGMA) agglomerative clustering of {@code n} items: items of a
     * tight cluster end next to each other. Ties merge the lowest-numbered pair first.
     */
    public static int[] averageLinkageOrder(int n, Distance distance) {
        if (n <= 2) return java.util.stream.IntStream.range(0, n).toArray();
        double[][] d = new double[n][n];
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++) d[a][b] = d[b][a] = distance.between(a, b);
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < n; i++) members.add(new ArrayList<>(List.of(i)));
        boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        for (int merges = 0; merges < n - 1; merges++) {
            int ba = -1, bb = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < n; a++) {
                if (!alive[a]) continue;
                for (int b = a + 1; b < n; b++)
                    if (alive[b] && d[a][b] < best) {
                        best = d[a][b];
                        ba = a;
                        bb = b;
                    }
            }
            if (ba < 0) {   // NaN distances: join the first two left
                for (int a = 0; a < n && bb < 0; a++) if (alive[a]) { if (ba < 0) ba = a; else bb = a; }
            }
            int sa = members.get(ba).size();
            int sb = members.get(bb).size();
            for (int c = 0; c < n; c++)
                if (alive[c] && c != ba && c != bb) d[ba][c] = d[c][ba] = (d[ba][c] * sa + d[bb][c] * sb) / (sa + sb);
            members.get(ba).addAll(members.get(bb));
            alive[bb] = false;
        }
        for (int a = 0; a < n; a++) if (alive[a]) return members.get(a).stream().mapToInt(Integer::intValue).toArray();
        throw new IllegalStateException("no cluster left");
    }

    private static int[] sample(int[] from, int count, Random rnd) {
        if (count >= from.length) return from.clone();
        int[] a = from.clone();
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] out = Arrays.copyOf(a, count);
        Arrays.sort(out);
        return out;
    }
}
