package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.assertMessage;
import static org.caeworkbench.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsTest {
    @TempDir Path dir;

    private static int index(String id) { return Integer.parseInt(id.substring(1)); }

    @Test
    void fractionGivesRoundedSizesDisjointPartsInOriginalOrder() {
        Dataset d = Fixtures.grid(101, 3);
        Split s = Splits.byFraction(d, 0.2, 5);
        assertEquals(20, s.test().rows());          // round(20.2)
        assertEquals(81, s.train().rows());
        Set<String> all = new HashSet<>(s.train().sampleIds());
        all.addAll(s.test().sampleIds());
        assertEquals(101, all.size());
        for (Dataset part : List.of(s.train(), s.test())) {
            List<String> ids = part.sampleIds();
            for (int i = 1; i < ids.size(); i++) assertTrue(index(ids.get(i)) > index(ids.get(i - 1)));
            for (int i = 0; i < ids.size(); i++) {   // values and labels travel with their ids
                int r = index(ids.get(i));
                assertEquals(r * 10 + 2, part.get(i, 2));
                assertEquals(r % 2 == 0 ? "even" : "odd", part.labels()[i]);
            }
        }
        assertEquals(Math.round(101 * 0.25), Splits.byFraction(d, 0.25, 5).test().rows());
    }

    @Test
    void theSeedDecidesTheSplit() {
        Dataset d = Fixtures.grid(200, 2);
        assertEquals(Splits.byFraction(d, 0.3, 42).test().sampleIds(), Splits.byFraction(d, 0.3, 42).test().sampleIds());
        assertNotEquals(Splits.byFraction(d, 0.3, 42).test().sampleIds(), Splits.byFraction(d, 0.3, 43).test().sampleIds());
        // and it is a shuffle, not the first or last rows
        List<String> test = Splits.byFraction(d, 0.3, 42).test().sampleIds();
        assertTrue(index(test.get(0)) < 20 && index(test.get(test.size() - 1)) > 180, test.toString());
    }

    @Test
    void fractionMustBeStrictlyBetweenZeroAndOne() {
        Dataset d = Fixtures.grid(10, 2);
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.byFraction(d, f, 1));
            assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
        }
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> Splits.byFraction(Fixtures.grid(2, 1), 0.1, 1));
        assertTrue(tooFew.getMessage().contains("no test rows"), tooFew.getMessage());
    }

    @Test
    void miceSplitFile() throws Exception {
        Dataset mice = DatasetReader.read(TestFiles.resource("mice_protein.csv.gz"), ReadOptions.defaults().withImpute(Imputation.MEAN));
        Split s = Splits.fromFile(mice, TestFiles.resource("mice_seed0.csv"));
        assertEquals(216, s.test().rows());
        assertEquals(864, s.train().rows());
        List<String> lines = Files.readAllLines(TestFiles.resource("mice_seed0.csv"));
        Set<String> testIds = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) if (line.endsWith(",test")) testIds.add(line.split(",")[0]);
        assertEquals(testIds, new HashSet<>(s.test().sampleIds()));
        assertEquals("309_1", s.train().sampleIds().get(0));   // original order kept
        int row = mice.sampleIds().indexOf(s.test().sampleIds().get(5));
        assertEquals(mice.get(row, 0), s.test().get(5, 0));
    }

    @Test
    void splitFileProblemsNameTheLine() throws Exception {
        Dataset d = Fixtures.grid(3, 2);
        assertSplitError(d, "unknown.csv", "sample_id,split\ns0,train\nzz,test\ns1,test\ns2,train\n", "unknown.csv, line 3", "'zz'");
        assertSplitError(d, "word.csv", "sample_id,split\ns0,train\ns1,testing\ns2,train\n", "word.csv, line 3", "'testing'", "train or test");
        assertSplitError(d, "twice.csv", "sample_id,split\ns0,train\ns1,test\ns0,test\n", "twice.csv, line 4", "'s0'", "line 2");
        assertSplitError(d, "short.csv", "sample_id,split\ns0,train\ns1,test\n", "short.csv does not list 1 of the 3", "'s2'");
        assertSplitError(d, "header.csv", "s0,train\ns1,test\ns2,train\n", "header.csv, line 1", "sample_id,split");
        assertSplitError(d, "fields.csv", "sample_id,split\ns0,train,x\n", "fields.csv, line 2", "found 3");
        assertSplitError(d, "notest.csv", "sample_id,split\ns0,train\ns1,train\ns2,train\n", "notest.csv", "test part");
        assertSplitError(d, "empty.csv", "", "empty.csv is empty");
    }

    @Test
    void splitFileAcceptsCrlfAndBlankLines() throws Exception {
        Dataset d = Fixtures.grid(3, 2);
        Split s = Splits.fromFile(d, write(dir, "ok.csv", "sample_id,split\r\ns0,train\r\n\r\ns1,TEST\r\ns2,train\r\n"));
        assertEquals(List.of("s1"), s.test().sampleIds());
        assertEquals(List.of("s0", "s2"), s.train().sampleIds());
    }

    @Test
    void duplicateSampleIdsCannotBeSplitByFile() throws Exception {
        Dataset d = new Dataset("dups.csv", 2, 1, new float[] {1, 2}, List.of("a"), List.of("x", "x"), null, null);
        DataException e = assertThrows(DataException.class,
                () -> Splits.fromFile(d, write(dir, "s.csv", "sample_id,split\nx,train\n")));
        assertMessage(e, "dups.csv", "'x' twice");
    }

    private void assertSplitError(Dataset d, String name, String content, String... fragments) throws Exception {
        Path p = write(dir, name, content);
        DataException e = assertThrows(DataException.class, () -> Splits.fromFile(d, p));
        assertMessage(e, fragments);
    }

    @Test
    void testFileMustMatchTheTrainingFile() throws Exception {
        Dataset train = Fixtures.grid(4, 3);
        Split ok = Splits.fromTestFile(train, Fixtures.grid(2, 3));
        assertEquals(2, ok.test().rows());

        DataException count = assertThrows(DataException.class, () -> Splits.fromTestFile(train, Fixtures.grid(2, 2)));
        assertMessage(count, "has 2 features", "has 3");

        List<String> names = new ArrayList<>(List.of("f0", "g1", "f2"));
        Dataset renamed = new Dataset("other.csv", 1, 3, new float[3], names, List.of("a"), new String[] {"x"}, null);
        DataException order = assertThrows(DataException.class, () -> Splits.fromTestFile(train, renamed));
        assertMessage(order, "feature 2 is 'g1' in other.csv but 'f1' in grid.csv");

        Dataset unlabelled = new Dataset("nolabels.csv", 1, 3, new float[3], List.of("f0", "f1", "f2"), List.of("a"), null, null);
        DataException labels = assertThrows(DataException.class, () -> Splits.fromTestFile(train, unlabelled));
        assertMessage(labels, "grid.csv has labels", "nolabels.csv has none");
        DataException reverse = assertThrows(DataException.class, () -> Splits.fromTestFile(unlabelled, train));
        assertMessage(reverse, "grid.csv has labels but nolabels.csv has none");
    }

    @Test
    void theOpenDialogStartsWithTheTestFileNamedLikeTheTrainingFileBesideIt() throws Exception {
        Path images = Files.createFile(dir.resolve("train6000-images-idx3-ubyte.gz"));
        Path test = Files.createFile(dir.resolve("test4000-images-idx3-ubyte.gz"));
        Files.createFile(dir.resolve("test4000-labels-idx1-ubyte.gz"));   // the labels' pair is not the images'
        assertEquals(test, DataSpec.suggested(images).testFile());
        Path mnist = Files.createDirectory(dir.resolve("mnist"));
        Files.createFile(mnist.resolve("train-labels-idx1-ubyte.gz"));
        Files.createFile(mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(Files.createFile(mnist.resolve("t10k-images-idx3-ubyte.gz")),
                DataSpec.suggested(Files.createFile(mnist.resolve("train-images-idx3-ubyte.gz"))).testFile(), "MNIST's own names");
        Path cells = Files.createFile(dir.resolve("Cells_Train.csv"));
        Path cellsTest = Files.createFile(dir.resolve("Cells_Test.csv"));
        assertEquals(cellsTest, DataSpec.suggested(cells).testFile(), "the case as written");
        assertEquals(0.2, DataSpec.suggested(dir.resolve("constraint.csv")).testFraction(), "'train' inside a word is not a training file");
        Files.createFile(dir.resolve("constest.csv"));
        Files.createFile(dir.resolve("constraint.csv"));
        assertEquals(null, DataSpec.suggested(dir.resolve("constraint.csv")).testFile());
        Path two = Files.createFile(dir.resolve("x_train.tsv"));
        Files.createFile(dir.resolve("x_test.tsv"));
        Files.createFile(dir.resolve("x_test2.tsv"));
        assertEquals(null, DataSpec.suggested(two).testFile(), "two candidates: no guess");
        assertEquals(null, DataSpec.suggested(cellsTest).testFile(), "a test file has no test file");
    }
}
