package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPreparationTest {
    @TempDir Path dir;

    private static float[] range(Dataset d) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : d.values()) { min = Math.min(min, x); max = Math.max(max, x); }
        return new float[] {min, max};
    }

    @Test
    void miceWithTheSplitFileMeanImputationAndMinMax() throws Exception {
        Path mice = TestFiles.resource("mice_protein.csv.gz");
        DataSpec spec = new DataSpec(mice, ReadOptions.defaults().withImpute(Imputation.MEAN), null,
                TestFiles.resource("mice_seed0.csv"), 0.2, 1, Scaling.AUTO);
        PreparedData p = DataPreparation.prepare(spec);
        assertEquals(864, p.train().rows());
        assertEquals(216, p.test().rows());
        assertEquals(Scaling.MINMAX, p.scaler().kind());
        assertNotNull(p.imputer());
        assertFalse(MeanImputer.hasMissing(p.train()));
        assertFalse(MeanImputer.hasMissing(p.test()));
        // fitted on train: train spans exactly [0, 1] in every feature
        for (int c = 0; c < p.train().cols(); c++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < p.train().rows(); r++) {
                min = Math.min(min, p.train().get(r, c));
                max = Math.max(max, p.train().get(r, c));
            }
            assertEquals(0f, min, 1e-6f);
            assertEquals(1f, max, 1e-5f);
        }
        // the summary is of the file as read: missing values still there; the file read again has the original units
        assertEquals(1080, p.summary().n());
        assertTrue(p.summary().missing() > 0);
        Dataset raw = DatasetReader.read(mice, spec.read());
        assertEquals(0.503643884f, raw.get(0, 0));
        // the imputer's means come from the training rows only
        MeanImputer trainOnly = MeanImputer.fit(Splits.fromFile(raw, TestFiles.resource("mice_seed0.csv")).train());
        assertArrayEquals(trainOnly.means(), p.imputer().means());
        // going back to original units gives the raw values of a complete test row
        int raw0 = raw.sampleIds().indexOf(p.test().sampleIds().get(0));
        float[] back = p.scaler().inverse(p.test().selectRows(new int[] {0}).values(), p.test().cols());
        assertEquals(raw.get(raw0, 0), back[0], 1e-6f);
    }

    @Test
    void withoutImputationMissingValuesStopAtReading() {
        DataException e = assertThrows(DataException.class,
                () -> DataPreparation.prepare(DataSpec.of(TestFiles.resource("mice_protein.csv.gz"))));
        TestFiles.assertMessage(e, "mice_protein.csv.gz, line 2", "--impute mean");
    }

    @Test
    void randomSplitByFractionAndSeedWithoutImputer() throws Exception {
        StringBuilder sb = new StringBuilder("id,a,b,label\n");
        for (int i = 0; i < 50; i++) sb.append("s").append(i).append(',').append(i).append(',').append(i * i).append(",x\n");
        Path p = write(dir, "fifty.csv", sb.toString());
        PreparedData a = DataPreparation.prepare(new DataSpec(p, null, null, null, 0.2, 7, null));
        PreparedData b = DataPreparation.prepare(new DataSpec(p, null, null, null, 0.2, 7, Scaling.STANDARD));
        assertNull(a.imputer());
        assertEquals(10, a.test().rows());
        assertEquals(40, a.train().rows());
        assertEquals(a.test().sampleIds(), b.test().sampleIds());
        Set<String> all = new HashSet<>(a.train().sampleIds());
        all.addAll(a.test().sampleIds());
        assertEquals(50, all.size());
        assertArrayEquals(new float[] {0, 1}, range(a.train()), 1e-6f);
        assertEquals(Scaling.STANDARD, b.scaler().kind());
        // the two parts are views of one matrix, scaled in place once: no copy of the rows
        assertSame(a.train().matrix(), a.test().matrix());
        assertEquals(50, a.train().matrix().rows());
        assertEquals(0f, a.summary().min());   // the summary is of the file as read
        assertEquals(49f * 49f, a.summary().max());

        DataException bad = assertThrows(DataException.class,
                () -> DataPreparation.prepare(new DataSpec(p, null, null, null, 1.0, 7, null)));
        TestFiles.assertMessage(bad, "test fraction", "between 0 and 1");
    }

    @Test
    void separateTestFileIsScaledWithTheTrainingFit() throws Exception {
        Path train = write(dir, "train.csv", "id,a,label\ns1,0,x\ns2,10,y\n");
        Path test = write(dir, "test.csv", "id,a,label\nt1,20,x\nt2,5,y\n");
        PreparedData p = DataPreparation.prepare(new DataSpec(train, null, test, null, 0.2, 1, Scaling.MINMAX));
        assertArrayEquals(new float[] {0, 1}, p.train().values(), 1e-6f);
        assertArrayEquals(new float[] {2, 0.5f}, p.test().values(), 1e-6f);
        assertEquals(10f, p.summary().max());   // the summary is of the training file as read

        Path other = write(dir, "other.csv", "id,b,label\nt1,20,x\n");
        DataException e = assertThrows(DataException.class,
                () -> DataPreparation.prepare(new DataSpec(train, null, other, null, 0.2, 1, Scaling.MINMAX)));
        TestFiles.assertMessage(e, "other.csv", "train.csv", "'b'");
    }

    @Test
    void aTestFileWithTheSameFeaturesInAnotherOrderIsMatchedByName() throws Exception {
        Path train = write(dir, "train.csv", "id,a,b,c,label\ns1,0,100,-1,x\ns2,10,200,1,y\n");
        Path test = write(dir, "test.csv", "id,c,a,b,label\nt1,0,5,150,x\n");      // another program's column order
        PreparedData p = DataPreparation.prepare(new DataSpec(train, null, test, null, 0.2, 1, Scaling.MINMAX));
        assertEquals(List.of("a", "b", "c"), p.test().featureNames());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, p.test().values(), 1e-6f);
        // a name twice, or one name for another: still refused
        Path twice = write(dir, "twice.csv", "id,a,a,b,label\nt1,0,5,150,x\n");
        TestFiles.assertMessage(assertThrows(DataException.class,
                () -> DataPreparation.prepare(new DataSpec(train, null, twice, null, 0.2, 1, Scaling.MINMAX))), "twice.csv", "train.csv");
    }

    @Test
    void mnistIdxTrainAndTestFilesGetGlobalMinMax() throws Exception {
        Path train = TestFiles.sampleOrShared("mnist/train6000-images-idx3-ubyte.gz", "mnist/subset/train6000-images-idx3-ubyte.gz");
        Path test = TestFiles.sampleOrShared("mnist/test4000-images-idx3-ubyte.gz", "mnist/subset/test4000-images-idx3-ubyte.gz");
        PreparedData p = DataPreparation.prepare(new DataSpec(train, null, test, null, 0.2, 1, Scaling.AUTO));
        assertEquals(Scaling.MINMAX_GLOBAL, p.scaler().kind());
        assertArrayEquals(new float[] {0, 1}, range(p.train()), 1e-6f);
        assertEquals(4000, p.test().rows());
        assertTrue(p.test().hasLabels());
        assertArrayEquals(new float[] {0, 1}, range(p.test()), 1e-6f);   // the test pixels also span 0..255
        assertEquals(1 / 255f, p.scaler().scale()[400], 1e-9f);          // one range for every pixel
    }

    @Test
    void summaryOfADataset() throws Exception {
        Dataset d = Fixtures.of(2, 1, Float.NaN, -3, 8);
        DatasetSummary s = DatasetSummary.of(d);
        assertEquals(2, s.n());
        assertEquals(2, s.d());
        assertEquals(1, s.missing());
        assertEquals(-3f, s.min());
        assertEquals(8f, s.max());
        assertFalse(s.hasLabels());
        DatasetSummary labelled = DatasetSummary.of(Fixtures.grid(5, 1));
        assertEquals(java.util.Map.of("even", 3, "odd", 2), labelled.labelCounts());
        assertTrue(Float.isNaN(DatasetSummary.of(Fixtures.of(1, Float.NaN)).min()));
    }
}
