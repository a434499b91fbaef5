package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts per million, log(1 + x), constant features and the most variable features, as a biologist uses them. */
class PreprocessingTest {
    @TempDir Path dir;

    private PreparedData prepare(Path train, Path test, Scaling scaling, Preprocessing p) throws DataException {
        return DataPreparation.prepare(new DataSpec(train, null, test, null, 0.2, 1, scaling, p));
    }

    @Test
    void countsPerMillionThenLogOnAHandExample() throws Exception {
        // totals: s1 = 10, s2 = 20; t1 = 4
        Path train = write(dir, "counts.csv", "id,a,b,c\ns1,1,3,6\ns2,0,5,15\n");
        Path test = write(dir, "test.csv", "id,a,b,c\nt1,2,2,0\n");
        PreparedData cpm = prepare(train, test, Scaling.NONE, Preprocessing.NONE.withCpm(true));
        assertArrayEquals(new float[] {100_000, 300_000, 600_000, 0, 250_000, 750_000}, cpm.train().values());
        assertArrayEquals(new float[] {500_000, 500_000, 0}, cpm.test().values());

        PreparedData both = prepare(train, test, Scaling.NONE, Preprocessing.NONE.withCpm(true).withLog1p(true));
        float[] expected = {(float) Math.log(100_001), (float) Math.log(300_001), (float) Math.log(600_001),
                0, (float) Math.log(250_001), (float) Math.log(750_001)};
        assertArrayEquals(expected, both.train().values(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.log(500_001), (float) Math.log(500_001), 0}, both.test().values(), 1e-6f);

        PreparedData log = prepare(train, test, Scaling.NONE, Preprocessing.NONE.withLog1p(true));
        assertArrayEquals(new float[] {(float) Math.log(2), (float) Math.log(4), (float) Math.log(7), 0, (float) Math.log(6),
                (float) Math.log(16)}, log.train().values(), 1e-6f);
        // the summary is of the file as read; scaling comes after the transforms
        assertEquals(15f, log.summary().max());
        PreparedData scaled = prepare(train, test, Scaling.MINMAX, Preprocessing.NONE.withLog1p(true));
        assertEquals((float) Math.log(2), scaled.scaler().offset()[0] + 1 / scaled.scaler().scale()[0], 1e-6f);
        assertEquals(0f, scaled.scaler().offset()[0]);
    }

    @Test
    void negativeValuesAndEmptySamplesAreRefusedNamingSampleAndFeature() throws Exception {
        Path logged = write(dir, "logged.csv", "id,a,b\ns1,1,2\ns2,3,-0.5\ns3,2,2\n");
        Path test = write(dir, "t.csv", "id,a,b\nt1,1,1\n");
        DataException log = assertThrows(DataException.class, () -> prepare(logged, test, Scaling.NONE, Preprocessing.NONE.withLog1p(true)));
        TestFiles.assertMessage(log, "logged.csv", "sample 's2'", "feature 'b'", "-0.5", "log(1 + x)");
        DataException cpm = assertThrows(DataException.class, () -> prepare(logged, test, Scaling.NONE, Preprocessing.NONE.withCpm(true)));
        TestFiles.assertMessage(cpm, "logged.csv", "sample 's2'", "feature 'b'", "counts per million");

        Path empty = write(dir, "empty.csv", "id,a,b\ns1,1,2\ns2,0,0\n");
        DataException zero = assertThrows(DataException.class, () -> prepare(empty, test, Scaling.NONE, Preprocessing.NONE.withCpm(true)));
        TestFiles.assertMessage(zero, "empty.csv", "sample 's2'", "every value is zero");
    }

    @Test
    void missingValuesAreImputedBeforeTheTransforms() throws Exception {
        // b is missing in s2: the training mean of b (raw units: (3 + 5) / 2 = 4) fills it before log(1 + x)
        Path train = write(dir, "gaps.csv", "id,a,b\ns1,1,3\ns2,2,\ns3,0,5\n");
        Path test = write(dir, "t.csv", "id,a,b\nt1,1,1\n");
        DataSpec spec = new DataSpec(train, ReadOptions.defaults().withImpute(Imputation.MEAN), test, null, 0.2, 1, Scaling.NONE,
                Preprocessing.NONE.withLog1p(true));
        PreparedData p = DataPreparation.prepare(spec);
        assertEquals((float) Math.log(5), p.train().get(1, 1), 1e-6f);
        assertArrayEquals(new float[] {1, 4}, p.imputer().means(), 1e-6f);
    }

    @Test
    void constantFeaturesOnTheTrainingSplitAreDroppedAndReported() throws Exception {
        // 'flat' is constant everywhere; 'trainflat' is constant in training but not in the test file:
        // the filter is fitted on training rows only, so it goes too (the test rows must not decide)
        Path train = write(dir, "train.csv", "id,a,flat,b,trainflat,label\ns1,1,7,2,0,x\ns2,2,7,9,0,y\ns3,5,7,1,0,x\n");
        Path test = write(dir, "test.csv", "id,a,flat,b,trainflat,label\nt1,3,7,4,8,x\n");
        PreparedData p = prepare(train, test, Scaling.NONE, Preprocessing.NONE.withDropConstant(true));
        FeatureFilter f = p.filter();
        assertArrayEquals(new int[] {0, 2}, f.kept());
        assertArrayEquals(new int[] {1, 3}, f.constant());
        assertEquals(List.of("flat", "trainflat"), f.constantNames());
        assertEquals(List.of("a", "b"), p.train().featureNames());
        assertEquals(List.of("a", "b"), p.test().featureNames());
        assertArrayEquals(new float[] {3, 4}, p.test().values());
        assertTrue(p.train().hasLabels());
        assertEquals("Dropped 2 constant features (flat, trainflat); 2 of 4 features remain.", f.describe());

        PreparedData kept = prepare(train, test, Scaling.NONE, Preprocessing.NONE);
        assertTrue(kept.filter().isIdentity());
        assertEquals("", kept.filter().describe());
        assertEquals(4, kept.train().cols());
    }

    @Test
    void keptFeaturesSurviveBothFiltersAndChangeNothingWhenTheyWouldStayAnyway() throws Exception {
        // variances on the training rows: a 4.67, flat 0, b 12.67, c 0.22, d 2.89
        Path train = write(dir, "kept.csv", "id,a,flat,b,c,d\ns1,1,7,2,0,1\ns2,2,7,9,1,5\ns3,6,7,1,0,2\n");
        Path test = write(dir, "kept-test.csv", "id,a,flat,b,c,d\nt1,3,7,4,1,2\n");
        Preprocessing filters = Preprocessing.NONE.withDropConstant(true).withTopVariable(2);
        PreparedData plain = prepare(train, test, Scaling.NONE, filters);
        assertEquals(List.of("a", "b"), plain.train().featureNames());

        // a kept low-variance gene and a kept constant one come back beside the two most variable (names ignore case)
        PreparedData kept = prepare(train, test, Scaling.NONE, filters.withRetain(List.of("C", "flat")));
        assertEquals(List.of("a", "flat", "b", "c"), kept.train().featureNames());
        assertEquals(List.of("a", "flat", "b", "c"), kept.test().featureNames());
        assertArrayEquals(new int[0], kept.filter().constant(), "a kept constant feature is not reported as dropped");
        assertEquals("Kept the 2 most variable of 5 features and 2 kept features; 4 of 5 features remain.", kept.filter().describe());

        // keeping what the filters keep anyway gives the same data, so a run's recorded keep list re-prepares it exactly
        PreparedData same = prepare(train, test, Scaling.NONE, filters.withRetain(List.of("b", "nosuchgene")));
        assertEquals(plain.filter(), same.filter());
    }

    @Test
    void topVariableKeepsExactlyTheMostVariableGenesOfTheTrainingSplit() throws Exception {
        Path all = TestFiles.sampleOrShared("all-leukemia/all_leukemia.csv.gz", "all-leukemia/all_leukemia.csv.gz");
        DataSpec spec = new DataSpec(all, ReadOptions.defaults(), null, null, 0.2, 5, Scaling.NONE,
                Preprocessing.NONE.withTopVariable(500));
        PreparedData p = DataPreparation.prepare(spec);
        assertEquals(500, p.train().cols());
        assertEquals(500, p.test().cols());

        // the same split by hand: variances on the 102 training rows only
        Dataset raw = DatasetReader.read(all, ReadOptions.defaults());   // the file again: preparation changed its matrix in place
        Split split = Splits.byFraction(raw, 0.2, 5);
        assertEquals(split.train().sampleIds(), p.train().sampleIds());
        double[] var = FeatureFilter.variances(split.train());
        int[] kept = p.filter().kept();
        boolean[] isKept = new boolean[var.length];
        for (int c : kept) isKept[c] = true;
        double lowestKept = Arrays.stream(kept).mapToDouble(c -> var[c]).min().orElseThrow();
        double highestDropped = IntStream.range(0, var.length).filter(c -> !isKept[c]).mapToDouble(c -> var[c]).max().orElseThrow();
        assertTrue(lowestKept >= highestDropped, lowestKept + " < " + highestDropped);
        // and not the variances of all 128 samples: the held-out rows would rank the genes differently
        double[] allVar = FeatureFilter.variances(raw);
        int[] byAll = IntStream.range(0, allVar.length).boxed().sorted((a, b) -> Double.compare(allVar[b], allVar[a]))
                .limit(500).mapToInt(Integer::intValue).sorted().toArray();
        assertFalse(Arrays.equals(byAll, kept), "the ranking used the test rows");

        // each kept column is the file's column, values untouched (no scaling here), names traced back
        for (int j = 0; j < kept.length; j += 50) {
            assertEquals(raw.featureNames().get(kept[j]), p.train().featureNames().get(j));
            int rawRow = raw.sampleIds().indexOf(p.train().sampleIds().get(0));
            assertEquals(raw.get(rawRow, kept[j]), p.train().get(0, j));
        }
        assertEquals(0, p.filter().constant().length);
        assertEquals("Kept the 500 most variable of 12625 features; 500 of 12625 features remain.", p.filter().describe());
    }

    @Test
    void imagesKeepOneScaleWhenPixelsAreDropped() throws Exception {
        Path train = TestFiles.sampleOrShared("mnist/train6000-images-idx3-ubyte.gz", "mnist/subset/train6000-images-idx3-ubyte.gz");
        Path test = TestFiles.sampleOrShared("mnist/test4000-images-idx3-ubyte.gz", "mnist/subset/test4000-images-idx3-ubyte.gz");
        PreparedData p = prepare(train, test, Scaling.AUTO, Preprocessing.NONE.withDropConstant(true));
        int constant = p.filter().constant().length;
        assertTrue(constant > 20 && constant < 200, constant + " always-blank pixels");
        assertEquals(784 - constant, p.train().cols());
        assertEquals("pixel_0_0", p.filter().constantNames().get(0));
        assertNull(p.train().imageShape(), "with pixels missing it is a table");
        assertEquals(Scaling.MINMAX_GLOBAL, p.scaler().kind(), "but keeps the one pixel range of images");
    }

    @Test
    void topVariableMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(false, false, false, -1));
        assertEquals("counts per million, log(1 + x), constant features dropped, 20 most variable features",
                new Preprocessing(true, true, true, 20).describe());
    }
}
