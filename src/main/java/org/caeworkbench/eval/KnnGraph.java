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

    static KnnGraph build(Dataset data, int neighbours) {
        int n = data.rows(), p = data.cols();
        if (n < 2) throw new IllegalArgumentException("a neighbour graph needs at least 2 rows.");
        int kn = Math.min(neighbours, n - 1);
        double[] rows = new double[n * p];
        float[] v = data.values();
        for (int i = 0; i < rows.length; i++) rows[i] = v[i];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) norm[i] = Dense.dot(rows, i * p, rows, i * p, p);

        int[] nbr = new int[n * kn];
        double[] nd = new double[n * kn];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] bi = new int[kn];
            double[] bd = new double[kn];
            Arrays.fill(bd, Double.POSITIVE_INFINITY);
            Arrays.fill(bi, Integer.MAX_VALUE);
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dist = Math.max(0.0, norm[i] + norm[j] - 2 * Dense.dot(rows, i * p, rows, j * p, p));
                if (dist >= bd[kn - 1]) continue;   // equal distance: the earlier (lower) row stays
                int pos = kn - 1;
                while (pos > 0 && bd[pos - 1] > dist) {
                    bd[pos] = bd[pos - 1];
                    bi[pos] = bi[pos - 1];
                    pos--;
                }
                bd[pos] = dist;
                bi[pos] = j;
            }
            System.arraycopy(bi, 0, nbr, i * kn, kn);
            System.arraycopy(bd, 0, nd, i * kn, kn);
        });

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
