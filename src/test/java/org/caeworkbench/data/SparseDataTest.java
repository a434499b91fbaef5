package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sparse data stay sparse: the readers make CSR of mostly-zero data, and preparation keeps it so. */
class SparseDataTest {
    @TempDir Path dir;

    /** cells x genes counts, about 5% non-zero (row-major, dense). */
    static float[] counts(int cells, int genes, long seed) {
        return SparseFiles.counts(cells, genes, seed);
    }

    private static void assertSameValues(float[] expected, Dataset d) {
        assertTrue(d.isSparse(), d + " is not sparse");
        assertTrue(d.matrix().storedValues() < 0.1 * d.rows() * d.cols());
        assertArrayEquals(expected, d.values());
    }

    @Test
    void aSparseTenxFolderIsReadAsCsr() throws Exception {
        float[] v = counts(80, 300, 1);
        SparseFiles.writeTenx(dir.resolve("tenx"), v, 80, 300);
        Dataset d = DatasetReader.read(dir.resolve("tenx"), ReadOptions.defaults());
        assertEquals(80, d.rows());
        assertEquals(300, d.cols());
        assertEquals("GENE7", d.featureNames().get(7));
        assertSameValues(v, d);
    }

    @Test
    void aSparseMatrixThatWouldNotFitDenseIsReadSparse() throws Exception {
        float[] v = counts(200, 1000, 6);   // dense: 800 KB; sparse: about 10,000 non-zeros, 120 KB while read
        SparseFiles.writeTenx(dir.resolve("tenx"), v, 200, 1000);
        try {
            MemoryBudget.availableForTests = (64L << 20) + 200_000;
            Dataset d = DatasetReader.read(dir.resolve("tenx"), ReadOptions.defaults());
            assertTrue(d.isSparse());
            // a step that wants the values dense is refused in one sentence, not by an OutOfMemoryError
            IllegalArgumentException dense = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, d::values);
            TestFiles.assertMessage(dense, "200 × 1,000 values as one dense matrix", "-Xmx");
            MemoryBudget.availableForTests = (64L << 20) + 50_000;
            // held in memory when asked; by default a matrix that does not fit is kept on disk (BackedMatrixTest)
            DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                    () -> DatasetReader.read(dir.resolve("tenx"), ReadOptions.defaults().withBacking(Backing.MEMORY)));
            assertTrue(DatasetReader.read(dir.resolve("tenx"), ReadOptions.defaults()).matrix() instanceof BackedMatrix);
            TestFiles.assertMessage(e, "matrix.mtx.gz needs about", "200 samples × 1,000 features", "-Xmx");
            MemoryBudget.availableForTests = -1;
            assertSameValues(v, d);
        } finally {
            MemoryBudget.availableForTests = -1;
        }
    }

    @Test
    void theBundledDenseTenxSampleStaysDense() throws Exception {
        Path tenx = TestFiles.sampleOrShared("all-leukemia-10x", "all-leukemia-10x");
        Dataset d = DatasetReader.read(tenx, ReadOptions.defaults());
        assertFalse(d.isSparse());   // every cell stored: dense is smaller and faster
        assertTrue(d.isPlainDense());
    }

    @Test
    void csrAndCscH5adAreReadAsCsr() throws Exception {
        float[] v = counts(60, 250, 2);
        for (boolean csr : new boolean[] {true, false}) {
            Path f = dir.resolve(csr ? "csr.h5ad" : "csc.h5ad");
            SparseFiles.writeH5ad(f, v, 60, 250, csr);
            Dataset d = DatasetReader.read(f, ReadOptions.defaults());
            assertEquals(60, d.rows());
            assertSameValues(v, d);
        }
    }

    @Test
    void aMostlyZeroCsvIsKeptSparseAndADenserOneDense() throws Exception {
        float[] v = counts(40, 50, 3);
        StringBuilder sb = new StringBuilder("id");
        for (int g = 0; g < 50; g++) sb.append(",g").append(g);
        sb.append('\n');
        for (int c = 0; c < 40; c++) {
            sb.append("c").append(c);
            for (int g = 0; g < 50; g++) sb.append(',').append((int) v[c * 50 + g]);
            sb.append('\n');
        }
        Path csv = Files.writeString(dir.resolve("counts.csv"), sb.toString());
        assertSameValues(v, DatasetReader.read(csv, ReadOptions.defaults()));
        Path mice = TestFiles.resource("mice_protein.csv.gz");
        assertFalse(DatasetReader.read(mice, ReadOptions.defaults().withImpute(Imputation.MEAN)).isSparse());
    }

    @Test
    void preparationKeepsOneSparseMatrixAndScalesWithoutCentring() throws Exception {
        int cells = 200, genes = 120;
        float[] v = counts(cells, genes, 4);
        SparseFiles.writeTenx(dir.resolve("tenx"), v, cells, genes);
        for (Scaling s : new Scaling[] {Scaling.MINMAX, Scaling.STANDARD}) {
            PreparedData p = DataPreparation.prepare(new DataSpec(dir.resolve("tenx"), ReadOptions.defaults(), null, null, 0.2, 3, s,
                    Preprocessing.NONE.withLog1p(true).withDropConstant(true)));
            assertTrue(p.train().isSparse());
            assertSame(p.train().matrix(), p.test().matrix());   // one matrix, two views
            for (float o : p.scaler().offset()) assertEquals(0f, o);   // zeros stay zeros
            // each value is log1p(count) times the feature's scale: the file read again, by hand
            Dataset raw = DatasetReader.read(dir.resolve("tenx"), ReadOptions.defaults());
            int[] kept = p.filter().kept();
            float[] scale = p.scaler().scale();
            for (int r = 0; r < p.train().rows(); r += 17) {
                int rawRow = raw.sampleIds().indexOf(p.train().sampleIds().get(r));
                for (int j = 0; j < kept.length; j += 5) {
                    float expected = (float) Math.log1p(raw.get(rawRow, kept[j])) * scale[j];
                    assertEquals(expected, p.train().get(r, j), 1e-6f);
                }
            }
            if (s == Scaling.MINMAX) {
                // min-max of counts (minimum 0) is division by the training maximum: every feature's max is 1
                float[][] range = ColumnMoments.range(p.train());
                for (int j = 0; j < kept.length; j++) assertEquals(1f, range[1][j], 1e-6f);
            }
        }
    }
}
