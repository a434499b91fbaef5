package org.caeworkbench.eval;

import java.nio.file.Path;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;

/**
 * The MNIST 6000/4000 split of PAPER.md section 6 (bundled in samples/mnist), pixels scaled by 1/255,
 * loaded once per test JVM.
 */
final class MnistSplit {
    static final Path DIR = Path.of("samples", "mnist");
    static final int COLS = 784;

    record Part(float[] values, int rows, String[] labels) {}

    private static Part train;
    private static Part test;

    private MnistSplit() {}

    static synchronized Part train() {
        if (train == null) train = load("train6000-images-idx3-ubyte.gz");
        return train;
    }

    static synchronized Part test() {
        if (test == null) test = load("test4000-images-idx3-ubyte.gz");
        return test;
    }

    /** The bundled IDX files (the same images as the shared CSV files), pixels / 255. */
    private static Part load(String file) {
        try {
            Dataset d = DatasetReader.read(DIR.resolve(file), ReadOptions.defaults());
            float[] values = d.values().clone();
            for (int i = 0; i < values.length; i++) values[i] /= 255f;
            return new Part(values, d.rows(), d.labels());
        } catch (DataException e) {
            throw new IllegalStateException(e);
        }
    }
}
