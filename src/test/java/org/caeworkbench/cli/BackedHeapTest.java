package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caeworkbench.data.SparseFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of core: {@code cae train} on an .h5ad whose sparse matrix is larger than the whole heap trains, reading
 * the cells from the file (automatically, and it says so), while {@code --in-memory} is refused in one sentence.
 */
class BackedHeapTest {
    @TempDir Path dir;

    @Test
    void aSparseFileLargerThanTheHeapTrainsFromDisk() throws Exception {
        int cells = 80_000, genes = 6_000, perCell = 300;   // 24 million non-zeros: 192 MB as CSR in memory
        long heapMb = 160;
        long csrBytes = 8L * cells * perCell;
        assertTrue(csrBytes > (heapMb << 20), "the matrix is larger than the heap");
        java.util.Random r = new java.util.Random(7);
        float[] data = new float[cells * perCell];
        int[] indices = new int[cells * perCell];
        long[] indptr = new long[cells + 1];
        int at = 0;
        for (int c = 0; c < cells; c++) {
            int base = r.nextInt(genes / perCell);
            for (int j = 0; j < perCell; j++) {      // one gene in each block of 20, ascending
                indices[at] = j * (genes / perCell) + (base + j) % (genes / perCell);
                data[at++] = 1 + r.nextInt(20);
            }
            indptr[c + 1] = at;
        }
        Path file = dir.resolve("large.h5ad");
        SparseFiles.writeH5ad(file, cells, genes, data, indices, indptr, true);
        data = null;
        indices = null;

        Run disk = train(file, heapMb, "disk");
        assertEquals(0, disk.exit, disk.log);
        assertTrue(disk.log.contains("on disk (out of core)") && disk.log.contains("Training out of core"), disk.log);
        assertEquals(11, Files.readAllLines(dir.resolve("disk").resolve("selected_features.csv")).size(), "a header and 10 features");

        Run memory = train(file, heapMb, "memory", "--in-memory");
        assertNotEquals(0, memory.exit, memory.log);
        assertTrue(memory.log.contains("large.h5ad needs about") && memory.log.contains("-Xmx"), memory.log);
    }

    private record Run(int exit, String log) {}

    private Run train(Path file, long heapMb, String out, String... more) throws Exception {
        Path run = dir.resolve(out);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"), "org.caeworkbench.Main",
                "train", "--data", file.toString(), "--k", "10", "--epochs", "1", "--hidden", "none", "--convergence", "off",
                "--checkpoint", "off", "--out", run.toString()));
        cmd.addAll(List.of(more));
        Path log = dir.resolve(out + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the run did not end");
        return new Run(p.exitValue(), Files.readString(log));
    }
}
