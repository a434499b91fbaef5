package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.data.Dataset;

/** Small datasets for the selector tests. */
final class Synthetic {
    private Synthetic() {}

    static Dataset of(float[] values, int rows, int cols, String[] labels) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("f" + c);
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rows; r++) ids.add("s" + r);
        return new Dataset("synthetic", rows, cols, values, names, ids, labels, null);
    }

    static Dataset of(double[][] rows) {
        int n = rows.length, d = rows[0].length;
        float[] v = new float[n * d];
        for (int r = 0; r < n; r++) for (int c = 0; c < d; c++) v[r * d + c] = (float) rows[r][c];
        return of(v, n, d, null);
    }
}
