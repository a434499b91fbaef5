package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real data sets of the project, with the figures their README states. */
class RealDatasetsTest {
    private static final int[] MNIST_TRAIN_COUNTS = {574, 665, 633, 589, 600, 543, 569, 603, 625, 599};
    private static final int[] MNIST_TEST_COUNTS = {406, 470, 399, 421, 382, 349, 389, 425, 349, 410};

    private static Path mnistIdx(String name) {
        return TestFiles.sampleOrShared("mnist/" + name, "mnist/subset/" + name);
    }

    private static void assertDigitCounts(int[] expected, Dataset d) {
        Map<String, Integer> counts = d.labelCounts();
        assertEquals(10, counts.size());
        for (int digit = 0; digit < 10; digit++) assertEquals(expected[digit], counts.get(Integer.toString(digit)), "digit " + digit);
    }

    @Test
    void mnistIdxSubsetWithItsLabelsFoundByName() throws Exception {
        Dataset train = DatasetReader.read(mnistIdx("train6000-images-idx3-ubyte.gz"), ReadOptions.defaults());
        assertEquals(6000, train.rows());
        assertEquals(784, train.cols());
        assertEquals(new Dataset.ImageShape(28, 28), train.imageShape());
        assertEquals("pixel_0_0", train.featureNames().get(0));
        assertEquals("pixel_27_27", train.featureNames().get(783));
        assertEquals("pixel_1_0", train.featureNames().get(28));
        assertEquals(List.of("0", "1", "2"), train.sampleIds().subList(0, 3));
        assertDigitCounts(MNIST_TRAIN_COUNTS, train);
        DatasetSummary s = DatasetSummary.of(train);
        assertEquals(0f, s.min());
        assertEquals(255f, s.max());

        Dataset test = DatasetReader.read(mnistIdx("test4000-images-idx3-ubyte.gz"), ReadOptions.defaults());
        assertEquals(4000, test.rows());
        assertDigitCounts(MNIST_TEST_COUNTS, test);
    }

    @Test
    void idxLabelsFileCanBeGivenOrBeAbsent(@TempDir Path dir) throws Exception {
        Path images = mnistIdx("test4000-images-idx3-ubyte.gz");
        Path labels = mnistIdx("test4000-labels-idx1-ubyte.gz");
        Path lonely = dir.resolve("digits.idx");   // other name, no labels next to it; IDX found by magic
        Files.copy(images, lonely);
        Dataset unlabelled = DatasetReader.read(lonely, ReadOptions.defaults());
        assertFalse(unlabelled.hasLabels());
        assertTrue(unlabelled.isImage());
        Dataset labelled = DatasetReader.read(lonely, ReadOptions.defaults().withLabelsFile(labels));
        assertDigitCounts(MNIST_TEST_COUNTS, labelled);
        // the wrong labels file: 6000 labels for 4000 images
        TestFiles.expectError(lonely, ReadOptions.defaults().withLabelsFile(mnistIdx("train6000-labels-idx1-ubyte.gz")),
                "train6000-labels-idx1-ubyte.gz has 6000 labels", "digits.idx has 4000 images");
    }

    @Test
    void mnistCsvAndIdxSubsetsHoldTheSamePixels() throws Exception {
        Path csv = TestFiles.shared("mnist/mnist_train6000.csv.gz");
        Dataset fromCsv = DatasetReader.read(csv, ReadOptions.defaults());
        Dataset fromIdx = DatasetReader.read(mnistIdx("train6000-images-idx3-ubyte.gz"), ReadOptions.defaults());

        assertEquals(6000, fromCsv.rows());
        assertEquals(new Dataset.ImageShape(28, 28), fromCsv.imageShape());
        assertEquals(fromIdx.featureNames(), fromCsv.featureNames());
        assertArrayEquals(fromIdx.labels(), fromCsv.labels());
        assertArrayEquals(fromIdx.values(), fromCsv.values());
        assertDigitCounts(MNIST_TRAIN_COUNTS, fromCsv);
        // the CSV ids are t10k indices in ascending order
        List<String> ids = fromCsv.sampleIds();
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(Integer.parseInt(ids.get(i).substring(5)) > Integer.parseInt(ids.get(i - 1).substring(5)), ids.get(i));
        }
        // generous: about a quarter of a second when warm, a second or so cold on a loaded 2-core machine
    }

    @Test
    void miceProteinRefusesMissingValuesUnlessImputationIsAsked() throws Exception {
        Path mice = TestFiles.resource("mice_protein.csv.gz");
        TestFiles.expectError(mice, ReadOptions.defaults(),
                "mice_protein.csv.gz, line 2, column 'BCL2_N' (71): missing value", "--impute mean");

        Dataset d = DatasetReader.read(mice, ReadOptions.defaults().withImpute(Imputation.MEAN));
        assertEquals(1080, d.rows());
        assertEquals(77, d.cols());
        assertEquals("DYRK1A_N", d.featureNames().get(0));
        assertEquals("CaNA_N", d.featureNames().get(76));
        assertEquals("309_1", d.sampleIds().get(0));
        DatasetSummary s = DatasetSummary.of(d);
        assertEquals(1396, s.missing());
        assertEquals(Map.of("c-CS-m", 150, "c-SC-m", 150, "c-CS-s", 135, "c-SC-s", 135, "t-CS-m", 135, "t-SC-m", 135,
                "t-SC-s", 135, "t-CS-s", 105), s.labelCounts());
        assertEquals(0.503643884f, d.get(0, 0));
        // the one real negative value: RRP1_N of 365_14
        int row = d.sampleIds().indexOf("365_14");
        int col = d.featureNames().indexOf("RRP1_N");
        assertEquals(-0.062007874f, d.get(row, col));
        assertTrue(s.min() < 0);
    }

    @Test
    void allLeukaemiaMatrix() throws Exception {
        Path all = TestFiles.sampleOrShared("all-leukemia/all_leukemia.csv.gz", "all-leukemia/all_leukemia.csv.gz");
        Dataset d = DatasetReader.read(all, ReadOptions.defaults());
        assertEquals(128, d.rows());
        assertEquals(12625, d.cols());
        assertEquals("01005", d.sampleIds().get(0));          // kept as a string, leading zero and all
        assertEquals("1000_at", d.featureNames().get(0));
        assertEquals(7.597323f, d.get(0, 0));
        assertNull(d.imageShape());
        Map<String, Integer> expected = Map.of("B", 5, "B1", 19, "B2", 36, "B3", 23, "B4", 12, "T", 5, "T1", 1, "T2", 15,
                "T3", 10, "T4", 2);
        assertEquals(new TreeMap<>(expected), new TreeMap<>(d.labelCounts()));
    }
}
