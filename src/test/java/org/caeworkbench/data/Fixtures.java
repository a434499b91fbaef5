package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.List;

/** Small in-memory datasets for tests. */
final class Fixtures {
    private Fixtures() {}

    /** rows × cols with value(r, c) = r * 10 + c, ids "s0".., features "f0".., labels "even"/"odd". */
    static Dataset grid(int rows, int cols) {
        float[] v = new float[rows * cols];
        List<String> ids = new ArrayList<>();
        String[] labels = new String[rows];
        for (int r = 0; r < rows; r++) {
            ids.add("s" + r);
            labels[r] = r % 2 == 0 ? "even" : "odd";
            for (int c = 0; c < cols; c++) v[r * cols + c] = r * 10 + c;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("f" + c);
        return new Dataset("grid.csv", rows, cols, v, names, ids, labels, null);
    }

    static Dataset of(int cols, float... values) {
        int rows = values.length / cols;
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rows; r++) ids.add(Integer.toString(r + 1));
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("f" + c);
        return new Dataset("m.csv", rows, cols, values, names, ids, null, null);
    }
}
