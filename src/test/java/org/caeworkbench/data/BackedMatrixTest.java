package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backed}: an .h5ad matrix kept in its file gives the rows, and after preparation the values, that
 * the same file held in memory gives; a file that cannot be read by rows, or does not fit, is told apart.
 */
class BackedMatrixTest {
    @TempDir Path dir;

    @BeforeEach
    void smallChunks() {
        System.setProperty("cae.backedChunkValues", "400");   // about 20 rows a chunk here: many chunks
    }

    @AfterEach
    void usualChunks() {
        System.clearProperty("cae.backedChunkValues");
        MemoryBudget.availableForTests = -1;
    }

    private static ReadOptions on(Backing b) {
        return ReadOptions.defaults().withBacking(b);
    }

    @Test
    void rowsReadFromTheFileInChunksAreTheRowsHeldInMemory() throws Exception {
        float[] v = SparseDataTest.counts(300, 400, 3);
        Path file = dir.resolve("x.h5ad");
        SparseFiles.writeH5ad(file, v, 300, 400, true);
        Dataset memory = DatasetReader.read(file, on(Backing.MEMORY));
        Dataset disk = DatasetReader.read(file, on(Backing.DISK));
        assertFalse(memory.matrix() instanceof BackedMatrix);
        BackedMatrix backed = assertInstanceOf(BackedMatrix.class, disk.matrix());
        assertTrue(backed.chunks() > 10, "chunks: " + backed.chunks());
        assertTrue(disk.isSparse());
        assertArrayEquals(v, disk.values());
        // a minibatch in any order, with a row twice
        int[] order = {299, 0, 150, 17, 150, 42};
        float[] a = new float[order.length * 400];
        float[] b = new float[order.length * 400];
        memory.copyRows(order, 0, order.length, a);
        disk.copyRows(order, 0, order.length, b);
        assertArrayEquals(a, b);
        assertEquals(memory.get(150, 7), disk.get(150, 7));
        assertTrue(disk.notes().stream().anyMatch(n -> n.contains("on disk (out of core)")), disk.notes().toString());
    }

    @Test
    void aTenxFolderIsWrittenOnceInCellOrderAndReadBackInChunks() throws Exception {
        float[] v = SparseDataTest.counts(300, 400, 11);
        SparseFiles.writeTenx(dir.resolve("tenx"), v, 300, 400);
        Dataset memory = DatasetReader.read(dir.resolve("tenx"), on(Backing.MEMORY));
        Dataset disk = DatasetReader.read(dir.resolve("tenx"), on(Backing.DISK));
        BackedMatrix backed = assertInstanceOf(BackedMatrix.class, disk.matrix());
        assertTrue(backed.chunks() > 10);
        assertEquals(memory.featureNames(), disk.featureNames());
        assertEquals(memory.sampleIds(), disk.sampleIds());
        assertArrayEquals(v, disk.values());
        assertTrue(disk.notes().stream().anyMatch(n -> n.contains("a temporary copy of matrix.mtx.gz in cell order")), disk.notes().toString());
        // the most variable genes only, on disk too
        Dataset top = DatasetReader.read(dir.resolve("tenx"), on(Backing.DISK).withKeepTopVariable(40));
        assertArrayEquals(DatasetReader.read(dir.resolve("tenx"), on(Backing.MEMORY).withKeepTopVariable(40)).values(), top.values());
    }

    @Test
    void aMatrixMarketFileOutOfCellOrderIsRefusedOnDisk() throws Exception {
        Path mtx = dir.resolve("m.mtx");
        java.nio.file.Files.writeString(mtx, "%%MatrixMarket matrix coordinate real general\n3 4 4\n1 1 2\n2 3 1\n1 2 5\n3 4 1\n");
        DataException e = assertThrows(DataException.class, () -> DatasetReader.read(mtx, on(Backing.DISK)));
        TestFiles.assertMessage(e, "m.mtx lists its entries out of cell order", "--in-memory", "read_10x_mtx");
        assertEquals(3, DatasetReader.read(mtx, on(Backing.MEMORY)).cols(), "held in memory it reads");
    }

    @Test
    void aDenseMatrixIsReadFromTheFileToo() throws Exception {
        float[][] x = new float[120][30];
        java.util.Random r = new java.util.Random(4);
        for (float[] row : x) for (int c = 0; c < row.length; c++) row[c] = r.nextInt(50) - 10;
        Path file = dir.resolve("dense.h5ad");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("X", x);
            f.putGroup("obs");
            f.putGroup("var");
        }
        Dataset disk = DatasetReader.read(file, on(Backing.DISK));
        BackedMatrix backed = assertInstanceOf(BackedMatrix.class, disk.matrix());
        assertFalse(disk.isSparse());
        assertTrue(backed.chunks() > 5);
        assertArrayEquals(DatasetReader.read(file, on(Backing.MEMORY)).values(), disk.values());
    }

    @Test
    void preparationOnDiskGivesTheValuesPreparedInMemory() throws Exception {
        float[] v = SparseDataTest.counts(400, 300, 5);
        Path file = dir.resolve("x.h5ad");
        SparseFiles.writeH5ad(file, v, 400, 300, true);
        // log(1 + x), constant genes dropped, the 120 most variable kept, scaled without centring (sparse)
        Preprocessing pre = new Preprocessing(false, true, true, 120, List.of());
        PreparedData memory = DataPreparation.prepare(new DataSpec(file, on(Backing.MEMORY), null, null, 0.25, 9, Scaling.STANDARD, pre));
        PreparedData disk = DataPreparation.prepare(new DataSpec(file, on(Backing.DISK), null, null, 0.25, 9, Scaling.STANDARD, pre));
        assertInstanceOf(BackedMatrix.class, disk.train().matrix());
        assertEquals(memory.train().featureNames(), disk.train().featureNames());
        assertArrayEquals(memory.scaler().scale(), disk.scaler().scale(), 1e-6f);
        assertSameRows(memory.train(), disk.train());
        assertSameRows(memory.test(), disk.test());
        // the parts list their rows in file order (read chunk by chunk), the same rows as in memory
        for (int r = 1; r < disk.train().rows(); r++) assertTrue(disk.train().matrixRow(r) > disk.train().matrixRow(r - 1));
    }

    /** The same samples with the same values, whatever the order of the rows. */
    private static void assertSameRows(Dataset expected, Dataset actual) {
        assertEquals(expected.rows(), actual.rows());
        Map<String, Integer> at = new HashMap<>();
        for (int r = 0; r < actual.rows(); r++) at.put(actual.sampleIds().get(r), r);
        float[] a = new float[expected.cols()];
        float[] b = new float[expected.cols()];
        for (int r = 0; r < expected.rows(); r++) {
            Integer other = at.get(expected.sampleIds().get(r));
            assertTrue(other != null, expected.sampleIds().get(r) + " is missing");
            expected.copyRow(r, a, 0);
            actual.copyRow(other, b, 0);
            assertArrayEquals(a, b, 1e-6f, "sample " + expected.sampleIds().get(r));
        }
    }

    @Test
    void aFileStoredByGeneIsRefusedOnDiskWithTheFix() {
        Path file = dir.resolve("csc.h5ad");
        SparseFiles.writeH5ad(file, SparseDataTest.counts(50, 60, 2), 50, 60, false);
        DataException e = assertThrows(DataException.class, () -> DatasetReader.read(file, on(Backing.DISK)));
        TestFiles.assertMessage(e, "csc.h5ad stores X by gene (csc_matrix)", "--in-memory", "adata.X = adata.X.tocsr()");
    }

    @Test
    void automaticBackingReadsFromDiskOnlyWhenTheMatrixDoesNotFit() throws Exception {
        float[] v = SparseDataTest.counts(300, 400, 7);   // about 6,000 non-zeros: some 100 KB while read
        Path file = dir.resolve("x.h5ad");
        SparseFiles.writeH5ad(file, v, 300, 400, true);
        assertFalse(DatasetReader.read(file, ReadOptions.defaults()).matrix() instanceof BackedMatrix, "it fits: held in memory");
        MemoryBudget.availableForTests = (64L << 20) + 20_000;
        Dataset auto = DatasetReader.read(file, ReadOptions.defaults());
        assertInstanceOf(BackedMatrix.class, auto.matrix());
        assertTrue(auto.notes().stream().anyMatch(n -> n.contains("out of core") && n.contains("--in-memory to insist")), auto.notes().toString());
        DataException insist = assertThrows(DataException.class, () -> DatasetReader.read(file, on(Backing.MEMORY)));
        TestFiles.assertMessage(insist, "x.h5ad needs about", "-Xmx");
        MemoryBudget.availableForTests = -1;
        assertArrayEquals(v, auto.values());
    }

    /**
     * A run records the reader's automatic choice, so that --resume holds the matrix the same way under another heap:
     * memory when it fitted, disk when it did not; a CSV (always in memory) and a choice given by the user stay as given.
     */
    @Test
    void aRunRecordsTheAutomaticChoiceOfTheReader() throws Exception {
        float[] v = SparseDataTest.counts(300, 400, 7);
        Path file = dir.resolve("x.h5ad");
        SparseFiles.writeH5ad(file, v, 300, 400, true);
        DataSpec auto = DataSpec.of(file);
        assertEquals(Backing.MEMORY, DataPreparation.asRead(auto, DataPreparation.prepare(auto).train()).read().backing());
        MemoryBudget.availableForTests = (64L << 20) + 20_000;
        PreparedData onDisk = DataPreparation.prepare(auto);
        MemoryBudget.availableForTests = -1;
        assertInstanceOf(BackedMatrix.class, onDisk.train().matrix());
        DataSpec recorded = DataPreparation.asRead(auto, onDisk.train());
        assertEquals(Backing.DISK, recorded.read().backing());
        assertEquals(auto.withRead(auto.read().withBacking(Backing.DISK)), recorded, "nothing else changes");
        // the recorded choice is what a resumed run reads, whatever the heap: here it would fit, and it stays on disk
        assertInstanceOf(BackedMatrix.class, DataPreparation.prepare(recorded).train().matrix());

        DataSpec given = auto.withRead(auto.read().withBacking(Backing.DISK));
        assertEquals(given, DataPreparation.asRead(given, onDisk.train()));
        Path csv = dir.resolve("x.csv");
        java.nio.file.Files.writeString(csv, "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n");
        DataSpec table = DataSpec.of(csv);
        assertEquals(Backing.AUTO, DataPreparation.asRead(table, DataPreparation.prepare(table).train()).read().backing());
    }

    /** A 10x folder's copy in cell order is deleted once nothing uses its matrix (the window opened another file). */
    @Test
    void theTemporaryCopyOfATenxFolderGoesWhenItsMatrixDoes() throws Exception {
        SparseFiles.writeTenx(dir.resolve("tenx"), SparseDataTest.counts(300, 400, 11), 300, 400);
        List<Path> files = copyOf(dir.resolve("tenx"));
        assertEquals(2, files.size());
        for (int i = 0; i < 500 && files.stream().anyMatch(java.nio.file.Files::exists); i++) {
            System.gc();     // the matrix is unreachable now; its cleaner runs after a collection
            Thread.sleep(20);
        }
        for (Path f : files) assertFalse(java.nio.file.Files.exists(f), f + " is still there");
        assertTrue(DatasetReader.read(dir.resolve("tenx"), on(Backing.MEMORY)).rows() == 300, "the user's folder is untouched");
    }

    /** The temporary files of the folder read from disk, which exist while its dataset does (unreachable after the return). */
    private static List<Path> copyOf(Path tenx) throws Exception {
        Dataset disk = DatasetReader.read(tenx, on(Backing.DISK));
        List<Path> files = assertInstanceOf(BackedMatrix.class, disk.matrix()).temporaryFiles();
        for (Path f : files) assertTrue(java.nio.file.Files.size(f) > 0, f + " holds the copy");
        float[] row = new float[400];
        disk.copyRow(299, row, 0);     // read back from the copy
        return files;
    }

    @Test
    void aFileReplacedWhileItsRowsAreReadIsToldApart() throws Exception {
        Path file = dir.resolve("x.h5ad");
        SparseFiles.writeH5ad(file, SparseDataTest.counts(1000, 50, 1), 1000, 50, true);
        Dataset disk = DatasetReader.read(file, on(Backing.DISK));
        float[] row = new float[50];
        disk.copyRow(0, row, 0);
        SparseFiles.writeH5ad(file, SparseDataTest.counts(1000, 50, 2), 1000, 50, true);
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        BackedMatrix.BackedReadException e = assertThrows(BackedMatrix.BackedReadException.class, () -> disk.copyRow(999, row, 0));
        TestFiles.assertMessage(e, "x.h5ad changed on disk after it was opened", "train again");
    }

    @Test
    void onlyTheMostVariableGenesAreKeptOnDiskToo() throws Exception {
        float[] v = SparseDataTest.counts(200, 300, 8);
        Path file = dir.resolve("x.h5ad");
        SparseFiles.writeH5ad(file, v, 200, 300, true);
        Dataset memory = DatasetReader.read(file, on(Backing.MEMORY).withKeepTopVariable(50));
        Dataset disk = DatasetReader.read(file, on(Backing.DISK).withKeepTopVariable(50));
        assertInstanceOf(BackedMatrix.class, disk.matrix());
        assertEquals(50, disk.cols());
        assertEquals(memory.featureNames(), disk.featureNames());
        assertArrayEquals(memory.values(), disk.values());
    }
}
