package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caeworkbench.core.Benchmark;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;

/** cae bench's sparse case and its projection of the paper's 5,000 epochs (issue 16, item 5), at a small shape. */
class BenchScaleTest {

    private static String cae(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = CaeCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(json);
        assertTrue(m.find(), key + " missing in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theSparseCaseReportsItsNonZerosEpochTimePeakMemoryAndProjection() {
        String json = cae("bench", "--n", "600", "--d", "400", "--k", "5", "--density", "0.05", "--no-quality",
                "--rounds", "1", "--epochs", "2", "--warmup", "1", "--history", "off");
        double nnz = number(json, "nnz");
        // binomial: 12,000 expected, standard deviation ~107
        assertTrue(Math.abs(nnz - 12_000) < 600, "nnz " + nnz);
        assertEquals(nnz / (600.0 * 400), number(json, "density"), 1e-4);
        assertTrue(number(json, "csr_mib") < number(json, "dense_mib") / 5, json);
        double epoch = number(json, "train_epoch_s");
        assertTrue(epoch > 0, json);
        assertEquals(5000, number(json, "projected_epochs"));
        assertEquals(epoch * 5000, number(json, "projected_train_s"), 5000 * 1e-4 + 1);
        assertTrue(json.contains("\"projected_train\":\""), json);
        assertTrue(number(json, "peak_rss_mib") != 0, json);
        assertTrue(json.contains("trained dense"), json);
    }

    @Test
    void sparseDataAreRowsOfAscendingColumnsWithTheAskedShareOfNonZeros() {
        Benchmark.SparseRows s = Benchmark.randomSparse(2000, 1000, 0.05, 3);
        long nnz = s.nnz();
        assertTrue(Math.abs(nnz - 100_000) < 1500, "nnz " + nnz);
        for (int r = 0; r < s.rows(); r++)
            for (int p = s.indptr()[r] + 1; p < s.indptr()[r + 1]; p++) assertTrue(s.indices()[p] > s.indices()[p - 1]);
        Dataset dense = s.toDataset("x");
        long zeros = 0;
        for (float v : dense.values()) {
            if (v == 0) zeros++;
            else assertTrue(v > 0 && v <= 1);
        }
        assertEquals(2000L * 1000 - nnz, zeros);
        // the same seed, the same matrix
        assertEquals(nnz, Benchmark.randomSparse(2000, 1000, 0.05, 3).nnz());
    }

    @Test
    void dataLargerThanTheHeapIsRefusedInOneSentenceBeforeAnyWork() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        long max = Runtime.getRuntime().maxMemory();
        int d = 20_000;
        int n = (int) Math.min(Integer.MAX_VALUE / d, max / 4 / d + 1000);   // more floats than the heap holds
        int code = CaeCommand.execute(new String[] {"bench", "--n", Integer.toString(n), "--d", Integer.toString(d), "--no-quality"},
                new PrintWriter(out), new PrintWriter(err));
        if (4L * n * d < 0.9 * max) return;   // a heap too large to test this here
        assertTrue(code != 0);
        assertTrue(err.toString().contains("Java may use only") && err.toString().contains("-Xmx"), err.toString());
    }
}
