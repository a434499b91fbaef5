package org.caeworkbench.data;

import java.nio.file.Path;

/**
 * Where the data come from and how to prepare them for training.
 *
 * @param data         the data file (for a separate test file: the training file)
 * @param read         how to read it (and the test file)
 * @param testFile     a separate test file, or null
 * @param splitFile    a {@code sample_id,split} file, or null; used when there is no test file
 * @param testFraction share of rows held out for testing when neither file is given, in (0, 1)
 * @param seed         seed of that random split
 * @param scaling      feature scaling, fitted on the training part
 */
public record DataSpec(Path data, ReadOptions read, Path testFile, Path splitFile, double testFraction, long seed,
                       Scaling scaling) {

    public DataSpec {
        if (data == null) throw new IllegalArgumentException("a data file is needed");
        if (read == null) read = ReadOptions.defaults();
        if (scaling == null) scaling = Scaling.AUTO;
    }

    /** Defaults: automatic reading, a random 80/20 split with seed 1, AUTO scaling. */
    public static DataSpec of(Path data) {
        return new DataSpec(data, ReadOptions.defaults(), null, null, 0.2, 1L, Scaling.AUTO);
    }
}
