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

    /**
     * As {@link #of}, with the file's test file when one lies next to it: a file named as {@code data} with "train" (and
     * the digits after it) written "test" and any digits ({@code train6000-images-idx3-ubyte.gz} and
     * {@code test4000-images-idx3-ubyte.gz}, {@code cells_train.csv} and {@code cells_test.csv}; MNIST's own {@code t10k} too:
     * {@code train-images-idx3-ubyte.gz} and {@code t10k-images-idx3-ubyte.gz}). What the window's Open
     * dialog starts from; the command line takes a test file only when told ({@code --test}).
     */
    public static DataSpec suggested(Path data) {
        Path test = pairedTestFile(data);
        DataSpec d = of(data);
        return test == null ? d : new DataSpec(data, d.read(), test, null, d.testFraction(), d.seed(), d.scaling(), d.preprocessing());
    }

    /** The test file paired with training file {@code data} (see {@link #suggested}), or null when there is not exactly one. */
    public static Path pairedTestFile(Path data) {
        Path name = data.getFileName();
        Path dir = data.toAbsolutePath().getParent();
        if (name == null || dir == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![a-z])(train)[0-9]*", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(name.toString());
        if (!m.find()) return null;
        String train = m.group(1);
        String test = train.equals(train.toUpperCase(java.util.Locale.ROOT)) ? "TEST" : Character.isUpperCase(train.charAt(0)) ? "Test" : "test";
        java.util.regex.Pattern paired = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name.toString().substring(0, m.start()))
                + "(" + test + "[0-9]*|t10k)" + java.util.regex.Pattern.quote(name.toString().substring(m.end())));
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            java.util.List<Path> found = s.filter(p -> paired.matcher(p.getFileName().toString()).matches()).toList();
            return found.size() == 1 && !java.nio.file.Files.isDirectory(found.get(0)) ? found.get(0) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;   // an unreadable folder: no suggestion
        }
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
