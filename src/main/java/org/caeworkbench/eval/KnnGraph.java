package org.caeworkbench.eval;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.caeworkbench.data.Dataset;

/**
 * The symmetric k-nearest-neighbour graph of the training rows with heat-kernel weights, the graph of
 * the Laplacian Score and of MCFS: i and j are joined when either is among the other's k nearest rows
 * (squared Euclidean distance; ties to the lower row index), with weight {@code exp(-‖xi − xj‖² / t)}
 * and {@code t} the mean squared distance over the graph's edges (1 when every edge has length 0).
 * Stored as adjacency lists (CSR), each undirected edge in both lists.
 */
final class KnnGraph {
    final int n;
    final int[] start;      // neighbours of i: adj[start[i] .. start[i+1])
    final int[] adj;
    final double[] weight;
    final double t;

    private KnnGraph(int n, int[] start, int[] adj, double[] weight, double t) {
        this.n = n;
        this.start = start;
        this.adj = adj;
        this.weight = weight;
        this.t = t;
    }

    /** Degree d_i = Σ_j W_ij of each row. */
    double[] degrees() {
        double[] deg = new double[n];
        for (int i = 0; i < n; i++) for (int e = start[i]; e < start[i + 1]; e++) deg[i] += weight[e];
        return deg;
    }

    private static final LastFor<KnnGraph> LAST = new LastFor<>();

    /**
     * The graph of {@code data}'s rows: the one built last when it was for the same rows and neighbours (the Laplacian
     * Score and MCFS of one comparison share it), else {@link #build}.
     */
    static KnnGraph of(Dataset data, int neighbours) {
        return LAST.get(data, neighbours, d -> build(d, neighbours));
    }

    /**
     * Each row's kn nearest other rows (row-major n × kn, nearest first): the kn smallest (squared distance, row)
     * pairs, so of equal distances the lower row. Each pair's distance is computed once and offered to both rows
     * (the distance is the same bits either way round: the dot product's terms commute); the pairs are split over
     * a few tasks, each with its own lists, merged at the end. Since the order is total, the lists do not depend on
     * which task saw which pair, and they are those of going through j = 0, 1, … for each row, as before.
     */
    private static int[] nearest(double[] rows, double[] norm, int n, int p, int kn) {
        int tasks = Math.max(1, Math.min(Math.min(n, 16), 2 * Runtime.getRuntime().availableProcessors()));   // each holds n × kn
        Nearest[] parts = new Nearest[tasks];
        IntStream.range(0, tasks).parallel().forEach(t -> {
            Nearest mine = new Nearest(n, kn);
            for (int i = t; i < n; i += tasks)   // interleaved rows: each task gets as many pairs
                for (int j = i + 1; j < n; j++) {
                    double dist = Math.max(0.0, norm[i] + norm[j] - 2 * Dense.dot(rows, i * p, rows, j * p, p));
                    mine.offer(i, dist, j);
                    mine.offer(j, dist, i);
                }
            parts[t] = mine;
        });
        Nearest all = parts[0];
        for (int t = 1; t < tasks; t++)
            for (int r = 0; r < n; r++)
                for (int q = 0; q < kn; q++) {
                    int at = r * kn + q;
                    if (parts[t].row[at] != Integer.MAX_VALUE) all.offer(r, parts[t].dist[at], parts[t].row[at]);
                }
        return all.row;
    }

    /** Per row, the kn smallest (distance, row) pairs offered so far, in increasing order. */
    private static final class Nearest {
        final int kn;
        final int[] row;
        final double[] dist;

        Nearest(int n, int kn) {
            this.kn = kn;
            row = new int[n * kn];
            dist = new double[n * kn];
            Arrays.fill(row, Integer.MAX_VALUE);
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
        }

        void offer(int r, double d, int j) {
            int first = r * kn, pos = first + kn - 1;
            if (d > dist[pos] || (d == dist[pos] && j >= row[pos])) return;
            while (pos > first && (dist[pos - 1] > d || (dist[pos - 1] == d && row[pos - 1] > j))) {
                dist[pos] = dist[pos - 1];
                row[pos] = row[pos - 1];
                pos--;
            }
            dist[pos] = d;
            row[pos] = j;
        }
    }

    static KnnGraph build(Dataset data, int neighbours) {
        int n = data.rows(), p = data.cols();
        if (n < 2) throw new IllegalArgumentException("a neighbour graph needs at least 2 rows.");
        int kn = Math.min(neighbours, n - 1);
        double[] rows = new double[n * p];
        float[] v = data.values();
        for (int i = 0; i < rows.length; i++) rows[i] = v[i];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) norm[i] = Dense.dot(rows, i * p, rows, i * p, p);

        int[] nbr = nearest(rows, norm, n, p, kn);

        // Symmetrise: collect (i, j) pairs with i < j, deduplicated, with their exact squared distance.
        long[] keys = new long[2 * n * kn];
        int m = 0;
        for (int i = 0; i < n; i++)
            for (int q = 0; q < kn; q++) {
                int j = nbr[i * kn + q];
                int a = Math.min(i, j), b = Math.max(i, j);
                keys[m++] = (long) a * n + b;
            }
        keys = Arrays.stream(keys, 0, m).sorted().distinct().toArray();
        int edges = keys.length;
        double[] sq = new double[edges];
        double sum = 0;
        int[] deg = new int[n];
        for (int e = 0; e < edges; e++) {
            int a = (int) (keys[e] / n), b = (int) (keys[e] % n);
            double s = 0;
            for (int c = 0; c < p; c++) {
                double diff = rows[a * p + c] - rows[b * p + c];
                s += diff * diff;
            }
            sq[e] = s;
            sum += s;
            deg[a]++;
            deg[b]++;
        }
        double t = sum / edges;
        if (!(t > 0)) t = 1.0;
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = start[i] + deg[i];
        int[] fill = Arrays.copyOf(start, n);
        int[] adj = new int[2 * edges];
        double[] w = new double[2 * edges];
        for (int e = 0; e < edges; e++) {
            int a = (int) (keys[e] / n), b = (int) (keys[e] % n);
            double weight = Math.exp(-sq[e] / t);
            adj[fill[a]] = b;
            w[fill[a]++] = weight;
            adj[fill[b]] = a;
            w[fill[b]++] = weight;
        }
        return new KnnGraph(n, start, adj, w, t);
    }
}
