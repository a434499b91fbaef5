package org.caeworkbench.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Ways to divide data into a training and a test part. Both parts keep the original row order. */
public final class Splits {
    private Splits() {}

    /**
     * A seeded random split: round(n · testFraction) rows go to test, chosen by a Fisher–Yates shuffle
     * with {@link SplittableRandom}(seed), so the same seed gives the same split on every machine.
     */
    public static Split byFraction(Dataset d, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1 (exclusive), not " + testFraction);
        }
        int n = d.rows();
        int testRows = (int) Math.round(n * testFraction);
        if (testRows == 0 || testRows == n) {
            throw new IllegalArgumentException(d.name() + " has " + n + " rows: a test fraction of " + testFraction
                    + " leaves " + (testRows == 0 ? "no test rows" : "no training rows"));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] test = Arrays.copyOfRange(order, 0, testRows);
        int[] train = Arrays.copyOfRange(order, testRows, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new Split(d.selectRows(train), d.selectRows(test));
    }

    /**
     * A split given by a file of {@code sample_id,split} rows (header {@code sample_id,split}; split is
     * {@code train} or {@code test}) that must name every sample of the data exactly once.
     */
    public static Split fromFile(Dataset d, Path splitFile) throws DataException {
        DataFiles.checkReadable(splitFile);
        String name = DataFiles.displayName(splitFile);
        Map<String, Integer> rowOfId = rowsById(d);
        int[] assigned = new int[d.rows()];          // 0 = not in the file, 1 = train, 2 = test
        long[] lineOf = new long[d.rows()];
        try (LineSource lines = new LineSource(new InputStreamReader(DataFiles.open(splitFile), StandardCharsets.UTF_8),
                name, 1 << 20)) {
            Fields fields = new Fields();
            boolean header = true;
            while (lines.next()) {
                if (lines.isBlank()) continue;
                long line = lines.lineNumber();
                char delimiter = lines.contains(',') ? ',' : '\t';
                if (!fields.split(lines.chars(), lines.start(), lines.end(), delimiter)) {
                    throw DataException.atLine(name, line, fields.error());
                }
                if (fields.count() != 2) {
                    throw DataException.atLine(name, line, "expected 2 fields (sample_id,split), found " + fields.count());
                }
                String id = fields.text(0);
                String part = fields.text(1).toLowerCase(Locale.ROOT);
                if (header) {
                    header = false;
                    if (!part.equals("split")) {
                        throw DataException.atLine(name, line, "expected the header 'sample_id,split', found '" + id + "," + fields.text(1) + "'");
                    }
                    continue;
                }
                int kind = part.equals("train") ? 1 : part.equals("test") ? 2 : 0;
                if (kind == 0) {
                    throw DataException.atLine(name, line, "the split of '" + id + "' is '" + fields.text(1) + "'; it must be train or test");
                }
                Integer row = rowOfId.get(id);
                if (row == null) {
                    throw DataException.atLine(name, line, "the sample id '" + id + "' is not in " + d.name());
                }
                if (assigned[row] != 0) {
                    throw DataException.atLine(name, line, "the sample id '" + id + "' is listed a second time (first on line " + lineOf[row] + ")");
                }
                assigned[row] = kind;
                lineOf[row] = line;
            }
            if (header) throw new DataException(name + " is empty");
        } catch (IOException e) {
            throw DataFiles.explain(e, name);
        }
        return splitByAssignment(d, assigned, name);
    }

    private static Split splitByAssignment(Dataset d, int[] assigned, String splitName) throws DataException {
        int trainCount = 0;
        int testCount = 0;
        int unassigned = 0;
        int firstUnassigned = -1;
        for (int r = 0; r < assigned.length; r++) {
            if (assigned[r] == 1) trainCount++;
            else if (assigned[r] == 2) testCount++;
            else if (unassigned++ == 0) firstUnassigned = r;
        }
        if (unassigned > 0) {
            throw new DataException(splitName + " does not list " + unassigned + " of the " + d.rows() + " samples of "
                    + d.name() + ", for example '" + d.sampleIds().get(firstUnassigned) + "'");
        }
        if (trainCount == 0 || testCount == 0) {
            throw new DataException(splitName + " puts no samples in the " + (trainCount == 0 ? "train" : "test") + " part");
        }
        int[] train = new int[trainCount];
        int[] test = new int[testCount];
        int a = 0;
        int b = 0;
        for (int r = 0; r < assigned.length; r++) {
            if (assigned[r] == 1) train[a++] = r;
            else test[b++] = r;
        }
        return new Split(d.selectRows(train), d.selectRows(test));
    }

    /** Sample ids to rows; ids must be unique for a split file to mean anything. */
    private static Map<String, Integer> rowsById(Dataset d) throws DataException {
        List<String> ids = d.sampleIds();
        Map<String, Integer> rows = new HashMap<>(ids.size() * 2);
        for (int r = 0; r < ids.size(); r++) {
            Integer before = rows.putIfAbsent(ids.get(r), r);
            if (before != null) {
                throw new DataException(d.name() + " has the sample id '" + ids.get(r) + "' twice (data rows "
                        + (before + 1) + " and " + (r + 1) + "), so a split file cannot name its rows");
            }
        }
        return rows;
    }

    /**
     * A separate test file: it must have the training file's feature names in the same order (a file with the same
     * names in another order is put in order first: {@link #sameFeaturesInAnotherOrder}), and labels exactly when the
     * training file has them.
     */
    public static Split fromTestFile(Dataset train, Dataset test) throws DataException {
        List<String> a = train.featureNames();
        List<String> b = test.featureNames();
        if (a.size() != b.size()) {
            throw new DataException(test.name() + " has " + b.size() + " features but " + train.name() + " has " + a.size()
                    + "; a test file needs the same features as the training file");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                throw new DataException("feature " + (i + 1) + " is '" + b.get(i) + "' in " + test.name() + " but '" + a.get(i)
                        + "' in " + train.name() + "; a test file needs the same features in the same order");
            }
        }
        if (train.hasLabels() != test.hasLabels()) {
            throw new DataException(train.hasLabels()
                    ? train.name() + " has labels but the test file " + test.name() + " has none"
                    : "the test file " + test.name() + " has labels but " + train.name() + " has none");
        }
        return new Split(train, test);
    }

    /** Whether {@code test} has exactly the features of {@code train}, each once, but not in the same order. */
    public static boolean sameFeaturesInAnotherOrder(Dataset train, Dataset test) {
        List<String> a = train.featureNames(), b = test.featureNames();
        if (a.size() != b.size() || a.equals(b)) return false;
        java.util.Set<String> names = new java.util.HashSet<>(a);
        // each once in both: as many distinct names as columns, and the same ones
        return names.size() == a.size() && names.containsAll(b) && new java.util.HashSet<>(b).size() == b.size();
    }

    /**
     * The test file's columns for the training file's features, by name, in the training file's order
     * (after the training file kept only its most variable features while reading).
     */
    public static Dataset withFeaturesOf(Dataset train, Dataset test) throws DataException {
        Map<String, Integer> columnOf = new HashMap<>(test.cols() * 2);
        for (int c = 0; c < test.cols(); c++) columnOf.putIfAbsent(test.featureNames().get(c), c);
        int[] columns = new int[train.cols()];
        for (int j = 0; j < columns.length; j++) {
            Integer c = columnOf.get(train.featureNames().get(j));
            if (c == null) {
                throw new DataException("the test file " + test.name() + " has no feature '" + train.featureNames().get(j)
                        + "', which " + train.name() + " kept among its most variable");
            }
            columns[j] = c;
        }
        return test.selectColumns(columns);
    }
}
