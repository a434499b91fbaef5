package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, A.3 on real data: 38 samples of the ALL/AML leukaemia table (30 training rows) and k = 10
 * gave a "completed" panel that reconstructs worse than the column means. The command line, the run
 * folder, the report and {@code cae eval} each say so; a healthy panel of the same data gets no warning.
 */
class UselessPanelCliTest {
    static final Path ALL = PreprocessedRunTest.ALL;

    @TempDir Path dir;

    /** The first {@code rows} samples and {@code genes} genes of the bundled leukaemia table, as a CSV. */
    private Path firstRows(int rows, int genes) throws Exception {
        TestFiles.skipUnless(Files.exists(ALL), "bundled sample missing: " + ALL);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(ALL)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null && out.size() <= rows; line = r.readLine()) {
                String[] cells = line.split(",", genes + 2);
                out.add(String.join(",", java.util.Arrays.copyOf(cells, genes + 1)));
            }
        }
        return Files.write(dir.resolve("all" + rows + ".csv"), out);
    }

    @Test
    void aPanelOfTenGenesFromThirtyRowsIsReportedAsNotUseful() throws Exception {
        Path data = firstRows(38, 500);
        Path run = dir.resolve("run38");
        Result train = cae("train", "--data", data.toString(), "--k", "10", "--out", run.toString(), "--quiet");
        assertEquals(0, train.code(), train.err());
        // the default split holds out 8 of the 38 rows
        String k = "k = 10 is a third or more of the 30 training rows";
        assertTrue(train.out().contains("warning: " + k), train.out());
        assertTrue(train.out().contains("warning: The selected features reconstruct the test rows no better than each feature's mean"), train.out());

        JsonNode warnings = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("warnings");
        assertTrue(warnings.isArray() && warnings.size() >= 2, "summary.json: " + warnings);
        List<String> listed = new ArrayList<>();
        warnings.forEach(w -> listed.add(w.asText()));
        assertTrue(listed.stream().anyMatch(w -> w.startsWith(k)), listed.toString());
        for (String w : listed) assertTrue(train.out().contains("warning: " + w), "printed as written: " + w);

        String html = Files.readString(run.resolve("report.html"));
        // the sentence as the report prints it, its apostrophe escaped
        assertTrue(html.contains("reconstruct the test rows no better than each feature&#39;s mean")
                || html.contains("reconstruct the test rows no better than each feature&apos;s mean"), "report.html shows the warning");
        assertTrue(html.contains(k), "report.html shows the k warning");

        Result eval = cae("eval", "--run", run.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("warning: " + k) || eval.err().contains("warning: " + k), eval.out() + eval.err());
    }

    @Test
    void aHealthyPanelOfTheSameDataHasNoWarning() throws Exception {
        Path data = firstRows(128, 500);
        Path run = dir.resolve("run128");
        Result train = cae("train", "--data", data.toString(), "--k", "5", "--out", run.toString(), "--quiet");
        assertEquals(0, train.code(), train.err());
        assertTrue(!train.out().contains("warning:"), train.out());
        assertEquals(0, new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("warnings").size());
        assertTrue(!Files.readString(run.resolve("report.html")).contains("not useful"), "no warning in the report");
    }
}
