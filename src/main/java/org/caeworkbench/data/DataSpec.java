package org.caeworkbench.data;

import java.nio.file.Path;

/**
 * Where the data come from and how to prepare them for training.
 *
 * @param data          the data file (for a separate test file: the training file)
 * @param read          how to read it (and the test file)
 * @param testFile      a separate test file, or null
 * @param splitFile     a {@code sample_id,split} file, or null; used when there is no test file
 * @param testFraction  share of rows held out for testing when neither file is given, in (0, 1)
 * @param seed          seed of that random split
 * @param scaling       feature scaling, fitted on the training part
 * @param preprocessing transforms and feature filters between imputation and scaling
 */
public record DataSpec(Path data, ReadOptions read, Path testFile, Path splitFile, double testFraction, long seed,
                       Scaling scaling, Preprocessing preprocessing) {

    public DataSpec {
        if (data == null) throw new IllegalArgumentException("a data file is needed");
        if (read == null) read = ReadOptions.defaults();
        if (scaling == null) scaling = Scaling.AUTO;
        if (preprocessing == null) preprocessing = Preprocessing.NONE;
    }

    /** Without preprocessing between imputation and scaling. */
    public DataSpec(Path data, ReadOptions read, Path testFile, Path splitFile, double testFraction, long seed, Scaling scaling) {
        this(data, read, testFile, splitFile, testFraction, seed, scaling, Preprocessing.NONE);
    }

    /** Defaults: automatic reading, a random 80/20 split with seed 1, AUTO scaling, no preprocessing. */
    public static DataSpec of(Path data) {
        return new DataSpec(data, ReadOptions.defaults(), null, null, 0.2, 1L, Scaling.AUTO);
    }

    public DataSpec withRead(ReadOptions r) {
        return new DataSpec(data, r, testFile, splitFile, testFraction, seed, scaling, preprocessing);
    }

    public DataSpec withPreprocessing(Preprocessing p) {
        return new DataSpec(data, read, testFile, splitFile, testFraction, seed, scaling, p);
    }

    /** The same settings with every path absolute and normalised (to compare two specs). */
    public DataSpec absolute() {
        return new DataSpec(abs(data), read.withLabelsFile(abs(read.labelsFile())), abs(testFile), abs(splitFile), testFraction,
                seed, scaling, preprocessing);
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
