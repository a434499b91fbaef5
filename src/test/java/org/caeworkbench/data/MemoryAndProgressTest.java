package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file too large for the memory left is refused before its matrix is allocated, with the figures and
 * the fixes; reading reports its progress and its notes.
 */
class MemoryAndProgressTest {
    @TempDir Path dir;

    @AfterEach
    void realMemoryAgain() {
        MemoryBudget.availableForTests = -1;
    }

    /** 200 cells × 1000 genes, ~5% nonzero, as a 10x folder. */
    private Path tenx() throws Exception {
        StringBuilder m = new StringBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int nnz = 0;
        StringBuilder entries = new StringBuilder();
        for (int c = 1; c <= 200; c++) {
            for (int g = 1; g <= 1000; g++) {
                if (r.nextInt(5) == 0) {   // 20% non-zero: read dense (under 10% it is read sparse: SparseDataTest)
                    entries.append(g).append(' ').append(c).append(' ').append(1 + r.nextInt(g % 10 + 1)).append('\n');
                    nnz++;
                }
            }
        }
        m.append("%%MatrixMarket matrix coordinate integer general\n1000 200 ").append(nnz).append('\n').append(entries);
        StringBuilder f = new StringBuilder();
        for (int g = 1; g <= 1000; g++) f.append("ENSG").append(g).append("\tG").append(g).append("\tGene Expression\n");
        StringBuilder b = new StringBuilder();
        for (int c = 1; c <= 200; c++) b.append("CELL").append(c).append("-1\n");
        return TenxReadingTest.folder(dir, "tenx", m.toString(), f.toString(), b.toString());
    }

    @Test
    void tooLargeForTheMemoryLeftSaysHowMuchIsNeededAndWhatToDo() throws Exception {
        Path f = tenx();
        // 200 × 1000 floats need 800 KB; pretend only 200 KB more than the head room is free
        MemoryBudget.availableForTests = (64L << 20) + 200_000;
        DataException e = assertThrows(DataException.class, () -> DatasetReader.read(f, ReadOptions.defaults()));
        TestFiles.assertMessage(e, "matrix.mtx.gz needs about 1 MB of memory for 200 samples × 1,000 features",
                "--read-top-variable", "-Xmx", "JAVA_TOOL_OPTIONS");
        // keeping the 100 most variable genes needs 80 KB: it fits
        Dataset top = DatasetReader.read(f, ReadOptions.defaults().withKeepTopVariable(100));
        assertEquals(100, top.cols());
        assertEquals(200, top.rows());
    }

    @Test
    void everyFormatChecksBeforeAllocating() throws Exception {
        MemoryBudget.availableForTests = 64L << 20;   // nothing beyond the head room
        StringBuilder gct = new StringBuilder("#1.2\n100\t3\nName\tDescription\tA\tB\tC\n");
        for (int g = 0; g < 100; g++) gct.append("g").append(g).append("\tna\t1\t2\t3\n");
        Path g = write(dir, "x.gct", gct.toString());
        TestFiles.assertMessage(assertThrows(DataException.class, () -> DatasetReader.read(g, ReadOptions.defaults())),
                "x.gct needs about", "3 samples × 100 features", "-Xmx");
        Path h = TestFiles.resource("h5ad/csr.h5ad");
        // held in memory when asked (by default an .h5ad that does not fit is read from its file: BackedMatrixTest)
        TestFiles.assertMessage(assertThrows(DataException.class, () -> DatasetReader.read(h, ReadOptions.defaults().withBacking(Backing.MEMORY))),
                "csr.h5ad needs about", "6 samples × 4 features");
        Path csv = write(dir, "x.csv", "a,b\n1,2\n3,4\n");
        TestFiles.assertMessage(assertThrows(DataException.class, () -> DatasetReader.read(csv, ReadOptions.defaults())),
                "x.csv needs about", "--read-top-variable");
        Path idx = TestFiles.sampleOrShared("mnist/test4000-images-idx3-ubyte.gz", "mnist/subset/test4000-images-idx3-ubyte.gz");
        TestFiles.assertMessage(assertThrows(DataException.class, () -> DatasetReader.read(idx, ReadOptions.defaults())),
                "test4000-images-idx3-ubyte.gz needs about 12 MB", "4,000 samples × 784 features");
    }

    @Test
    void progressRisesToTheTotalAndTheNotesArriveWhenTheReadSucceeds() throws Exception {
        Path f = tenx();
        List<long[]> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ReadProgress listener = new ReadProgress() {
            @Override public void progress(long done, long total) { steps.add(new long[] {done, total}); }
            @Override public void note(String sentence) { notes.add(sentence); }
        };
        Dataset d = DatasetReader.read(f, ReadOptions.defaults().withKeepTopVariable(10).withProgress(listener));
        assertTrue(steps.size() >= 2, "progress was reported " + steps.size() + " times");
        long[] last = steps.get(steps.size() - 1);
        assertEquals(last[1], last[0], "the last report is complete");
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i)[0] * steps.get(i - 1)[1] >= steps.get(i - 1)[0] * steps.get(i)[1], "progress went back at " + i);
        }
        assertEquals(d.notes(), notes);
        assertTrue(notes.get(0).contains("kept the 10 most variable of 1,000"), notes::toString);
    }
}
