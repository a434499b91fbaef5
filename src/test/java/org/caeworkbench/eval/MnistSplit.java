package org.caeworkbench.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared MNIST 6000/4000 split of PAPER.md section 6, pixels scaled by 1/255, loaded once per
 * test JVM. Tests that use it are skipped where the shared data sets are absent.
 */
final class MnistSplit {
    static final Path DIR = Path.of("..", "shared", "datasets", "mnist");
    static final int COLS = 784;

    record Part(float[] values, int rows, String[] labels) {}

    private static Part train;
    private static Part test;

    private MnistSplit() {}

    static synchronized Part train() {
        if (train == null) train = load("mnist_train6000.csv.gz");
        return train;
    }

    static synchronized Part test() {
        if (test == null) test = load("mnist_test4000.csv.gz");
        return test;
    }

    /** Header row, then sample_id, 784 raw 0–255 pixels, label. */
    private static Part load(String file) {
        Path path = DIR.resolve(file);
        assumeTrue(Files.exists(path), "shared MNIST split not found at " + path.toAbsolutePath());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            in.readLine();
            List<float[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) continue;
                String[] fields = line.split(",");
                if (fields.length != COLS + 2) throw new IOException(path + ": expected " + (COLS + 2) + " fields");
                float[] row = new float[COLS];
                for (int c = 0; c < COLS; c++) row[c] = (float) (Integer.parseInt(fields[c + 1]) / 255.0);
                rows.add(row);
                labels.add(fields[COLS + 1]);
            }
            float[] values = new float[rows.size() * COLS];
            for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, values, r * COLS, COLS);
            return new Part(values, rows.size(), labels.toArray(new String[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
