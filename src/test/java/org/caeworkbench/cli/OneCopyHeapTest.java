package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data are held once: {@code cae train} in a JVM whose heap holds the float matrix only once (it is
 * about 60% of -Xmx) reads, splits, scales and trains, and writes the run. Before issue 16 the split
 * copied the rows and such a run stopped with "needs a second copy".
 */
class OneCopyHeapTest {
    @TempDir Path dir;

    @Test
    void trainsOnAMatrixThatFitsTheHeapOnlyOnce() throws Exception {
        int cells = 18_000, genes = 2_000;
        long heapMb = 240;
        long matrixBytes = 4L * cells * genes;   // 144 MB: 60% of the heap
        assertTrue(matrixBytes > 0.55 * (heapMb << 20) && 2 * matrixBytes > (heapMb << 20), "the matrix does not fit twice");
        Path data = dir.resolve("dense.h5ad");
        java.util.Random r = new java.util.Random(1);
        float[][] x = new float[cells][genes];
        for (float[] row : x) for (int g = 0; g < genes; g++) row[g] = 1 + r.nextInt(100) + (g % 10 == 0 ? 50 * (r.nextInt(3)) : 0);
        try (WritableHdfFile f = HdfFile.write(data)) {
            f.putDataset("X", x);
            f.putGroup("obs");
            f.putGroup("var");
        }
        x = null;

        Path run = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"), "org.caeworkbench.Main",
                "train", "--data", data.toString(), "--k", "10", "--epochs", "2", "--hidden", "none", "--convergence", "off",
                "--checkpoint", "off", "--quiet", "--out", run.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the run did not end");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.isRegularFile(run.resolve("selected_features.csv")), log);
        assertEquals(11, Files.readAllLines(run.resolve("selected_features.csv")).size(), "a header and 10 features");
    }

}
