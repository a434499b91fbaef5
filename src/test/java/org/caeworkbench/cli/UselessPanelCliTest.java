package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.Csv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, A.3: on a 38-sample gene table (30 training rows) with k = 10, a run that "completed" was
 * of no use. {@code cae train}, summary.json, report.html and {@code cae eval} must each say so in plain
 * sentences; a panel with k small for its rows must get no such warning.
 */
class UselessPanelCliTest {
    static final Path ALL = PreprocessedRunTest.ALL;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static Path small;
    static Path run;
    static Result trained;
    static String reportAfterTraining;

    /**
     * The first 38 patients of the ALL leukaemia data, with the 500 genes most variable among them (to keep
     * the test quick; the genes are chosen here, not by the run, so the run sees a plain 38 x 500 table).
     */
    @BeforeAll
    static void trainOnASmallTable() throws Exception {
        org.caeworkbench.data.TestFiles.skipUnless(Files.exists(ALL), "bundled sample missing: " + ALL);
        Dataset raw = DatasetReader.read(ALL, ReadOptions.defaults());
        Dataset first = raw.selectRows(IntStream.range(0, 38).toArray());
        double[] variance = new double[first.cols()];
        for (int c = 0; c < first.cols(); c++) {
            double sum = 0, sq = 0;
            for (int r = 0; r < 38; r++) {
                sum += first.get(r, c);
                sq += (double) first.get(r, c) * first.get(r, c);
            }
            variance[c] = sq / 38 - (sum / 38) * (sum / 38);
        }
        int[] genes = IntStream.range(0, first.cols()).boxed().sorted(Comparator.comparingDouble(c -> -variance[c]))
                .limit(500).mapToInt(Integer::intValue).sorted().toArray();
        small = dir.resolve("all38.csv");
        Csv.writeDataset(small, first.selectColumns(genes));

        run = dir.resolve("k10-run");
        // a test fraction of 0.21 holds out round(38 x 0.21) = 8 rows: 30 training rows, a third of them is 10
        trained = cae("train", "--data", small.toString(), "--k", "10", "--test-fraction", "0.21", "--epochs", "40",
                "--convergence", "off", "--out", run.toString(), "--quiet");
        reportAfterTraining = Files.exists(run.resolve("report.html")) ? Files.readString(run.resolve("report.html")) : "";
    }

    static List<String> warnings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.path("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    /** HTML text escaping, written out here so the test does not take the report's word for it. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void trainSaysThePanelHasTooFewRowsForItsK() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        String kWarning = "warning: k = 10 is a third or more of the 30 training rows, too few rows to learn from 10 features: "
                + "choose k of at most 9, or add samples.";
        assertTrue(trained.out().contains(kWarning), trained.out());

        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText(), "the training itself finished");
        List<String> warnings = warnings(summary);
        assertFalse(warnings.isEmpty(), "summary.json lists the warnings");
        assertTrue(warnings.contains(kWarning.substring("warning: ".length())), warnings.toString());
        for (String w : warnings) {
            assertTrue(trained.out().contains("warning: " + w + System.lineSeparator()), "printed as one line: " + w);
            assertTrue(w.endsWith(".") && !w.contains("\n"), w);
        }
        assertEquals(warnings.size(), trained.out().lines().filter(l -> l.startsWith("warning: ")).count(),
                "every warning printed is in summary.json");
    }

    @Test
    void theReportShowsEachWarningFirstAndEscaped() throws Exception {
        List<String> warnings = warnings(JSON.readTree(run.resolve("summary.json").toFile()));
        assertFalse(warnings.isEmpty());
        String page = reportAfterTraining;
        assertTrue(page.contains("Check this panel before using it."), "report.html written by cae train warns");
        int alert = page.indexOf("Check this panel before using it.");
        assertTrue(alert < page.indexOf("<h2>"), "the warnings come before the results");
        for (String w : warnings) {
            assertTrue(page.contains("<p>" + html(w) + "</p>"), "in the report: " + html(w));
            if (!html(w).equals(w)) assertFalse(page.contains(w), "not left unescaped: " + w);
        }
    }

    @Test
    void evalPrintsTheWarningsAndTheMeansCheckMatchesItsFigures() throws Exception {
        Result e = cae("eval", "--run", run.toString(), "--trees", "5");
        assertEquals(0, e.code(), e.err());
        JsonNode metrics = JSON.readTree(e.out());
        List<String> warnings = warnings(metrics);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("k = 10 is a third or more of the 30 training rows")), warnings.toString());
        for (String w : warnings) assertTrue(e.err().contains("warning: " + w), "eval prints: " + w + "\n" + e.err());
        assertEquals(warnings, warnings(JSON.readTree(run.resolve("metrics.json").toFile())));

        // the column-means check follows eval's own figures, whichever way this selection came out
        double linear = metrics.get("linear_mse").asDouble();
        double mean = metrics.get("mean_mse").asDouble();
        boolean noBetter = linear >= mean;
        assertEquals(noBetter, warnings.stream().anyMatch(w -> w.contains("no better than each feature's mean")),
                "linear MSE " + linear + " against " + mean + " for the means: " + warnings);
        if (noBetter) assertTrue(warnings.get(0).contains("no better than each feature's mean"), "the most telling one first");

        // the report remade by eval still shows them
        String page = Files.readString(run.resolve("report.html"));
        for (String w : warnings) assertTrue(page.contains("<p>" + html(w) + "</p>"), html(w));
    }

    /**
     * k = 5 of 102 training rows, from the 200 most variable of the 12,625 genes of all 128 patients: the five
     * genes rebuild the test rows clearly better than the means (about 0.04 against 0.063 for seeds 1 to 6).
     */
    @Test
    void aUsefulPanelGetsNoWarning() throws Exception {
        Path good = dir.resolve("k5-run");
        Result t = cae("train", "--data", ALL.toString(), "--drop-constant", "--top-variable", "200", "--k", "5", "--epochs", "15",
                "--convergence", "off", "--out", good.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        assertFalse(t.out().contains("warning:"), t.out());
        assertEquals(List.of(), warnings(JSON.readTree(good.resolve("summary.json").toFile())));
        assertEquals(15, Files.readAllLines(good.resolve("history.csv")).size() - 1, "enough epochs for the validation check to apply");

        Result e = cae("eval", "--run", good.toString(), "--trees", "5");
        assertEquals(0, e.code(), e.err());
        JsonNode metrics = JSON.readTree(e.out());
        assertTrue(metrics.get("linear_mse").asDouble() < metrics.get("mean_mse").asDouble(), e.out());
        assertEquals(List.of(), warnings(metrics));
        assertFalse(e.err().contains("warning:"), e.err());
        assertFalse(Files.readString(good.resolve("report.html")).contains("Check this panel"));
    }
}
