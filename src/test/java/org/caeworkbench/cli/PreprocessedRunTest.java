package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gene table trained behind log(1 + x), constant-feature dropping and the most variable genes: the run
 * still names the file's columns, and eval and impute work from the file as it is.
 */
class PreprocessedRunTest {
    static final Path ALL = Path.of("samples/all-leukemia/all_leukemia.csv.gz");

    @TempDir static Path dir;
    static Dataset raw;
    static Path run;
    static Result trained;

    @BeforeAll
    static void trainOnce() throws Exception {
        org.caeworkbench.data.TestFiles.skipUnless(Files.exists(ALL), "bundled sample missing: " + ALL);
        raw = DatasetReader.read(ALL, ReadOptions.defaults());
        run = dir.resolve("all-run");
        trained = cae("train", "--data", ALL.toString(), "--log1p", "--drop-constant", "--top-variable", "300", "--k", "6",
                "--epochs", "3", "--convergence", "off", "--out", run.toString(), "--quiet");
    }

    @Test
    void theRunReportsThePreprocessingAndTheFilesColumns() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.err().contains("Kept the 300 most variable of 12625 features"), trained.err());
        List<String> lines = Files.readAllLines(run.resolve("selected_features.csv"));
        assertEquals(7, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            int index = Integer.parseInt(c[2]);
            assertEquals(raw.featureNames().get(index), c[3], "index " + index + " is the file's column of " + c[3]);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
        assertEquals(12625, summary.at("/preprocessing/original_features").asInt());
        assertEquals(300, summary.at("/preprocessing/model_features").asInt());
        assertEquals(12325, summary.at("/preprocessing/dropped_for_low_variance").asInt());
        assertEquals(6, summary.get("selected_original_indices").size());
        JsonNode config = json.readTree(run.resolve("config.json").toFile());
        assertEquals(300, config.at("/data/preprocessing/top_variable").asInt());
        assertTrue(config.at("/data/preprocessing/log1p").asBoolean());
        assertTrue(config.at("/data/preprocessing/drop_constant").asBoolean());
        assertTrue(config.get("command_line").asText().contains("--top-variable 300"));
        JsonNode model = json.readTree(run.resolve("model/model.json").toFile());
        assertEquals(300, model.get("features").asInt());
        assertEquals(300, model.at("/preprocessing/original_indices").size());
    }

    @Test
    void keptGenesOfLowVarianceStayThroughTheFiltersAndEvalSeesTheSameData() throws Exception {
        // the two least variable genes that are not constant: never among the 300 most variable
        double[] var = org.caeworkbench.data.FeatureFilter.variances(raw);
        List<String> lowest = IntStream.range(0, var.length).filter(c -> var[c] > 0).boxed()
                .sorted((a, b) -> Double.compare(var[a], var[b])).limit(2).map(c -> raw.featureNames().get(c)).toList();
        Path keptRun = dir.resolve("kept-run");
        Result r = cae("train", "--data", ALL.toString(), "--log1p", "--drop-constant", "--top-variable", "300", "--k", "4",
                "--keep", String.join(",", lowest), "--epochs", "2", "--convergence", "off", "--out", keptRun.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Kept the 300 most variable of") && r.err().contains("and 2 kept features; 302 of 12625"), r.err());
        List<String> rows = Files.readAllLines(keptRun.resolve("selected_features.csv"));
        assertEquals(7, rows.size(), "2 kept + 4 learned");
        for (String gene : lowest)
            assertTrue(rows.stream().anyMatch(l -> l.contains("," + gene + ",") && l.endsWith(",fixed")), gene + " is in the panel: " + rows);
        Result e = cae("eval", "--run", keptRun.toString(), "--trees", "5");
        assertEquals(0, e.code(), e.err());
        assertEquals(302, new ObjectMapper().readTree(e.out()).get("features").asInt(), "eval prepares the data as training did");
    }

    @Test
    void stabilityOverSeedsNamesTheFilesColumns() throws Exception {
        Path rep = dir.resolve("repeats-run");
        Result r = cae("train", "--data", ALL.toString(), "--drop-constant", "--top-variable", "200", "--k", "4", "--epochs", "2",
                "--convergence", "off", "--repeats", "2", "--out", rep.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(rep.resolve("stability.csv"));
        assertEquals("feature,name,times_chosen,fraction", lines.get(0));
        assertTrue(lines.size() > 4, "at least the first run's four features");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            assertEquals(raw.featureNames().get(Integer.parseInt(c[0])), c[1], "feature " + c[0] + " is the file's column of " + c[1]);
        }
    }

    @Test
    void evalRereadsTheFileThroughTheSamePreprocessing() throws Exception {
        Result r = cae("eval", "--run", run.toString(), "--trees", "10");
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        assertEquals(300, m.get("features").asInt());
        assertTrue(m.get("linear_mse").asDouble() < m.get("mean_mse").asDouble());
    }

    @Test
    void imputeTakesTheFileWithItsOriginalColumnsAndAnswersInItsUnits() throws Exception {
        Path out = dir.resolve("imputed.csv");
        Result r = cae("impute", "--run", run.toString(), "--data", ALL.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset imputed = DatasetReader.read(out, ReadOptions.defaults());
        assertEquals(128, imputed.rows());
        assertEquals(300, imputed.cols(), "the model's features: the 300 kept genes");
        List<String> selected = Files.readAllLines(run.resolve("selected_features.csv")).stream().skip(1)
                .map(l -> l.split(",")[3]).toList();
        for (String gene : selected) {
            int inRaw = raw.featureNames().indexOf(gene);
            int inOut = imputed.featureNames().indexOf(gene);
            for (int row = 0; row < 128; row += 17) assertEquals(raw.get(row, inRaw), imputed.get(row, inOut), 1e-4f, gene);
        }
        // the other genes come back in the file's units (log2 expression, about 2 to 15), not log(1 + x) of them
        int other = IntStream.range(0, 300).filter(j -> !selected.contains(imputed.featureNames().get(j))).findFirst().orElseThrow();
        int inRaw = raw.featureNames().indexOf(imputed.featureNames().get(other));
        double err = 0;
        for (int row = 0; row < 128; row++) err += Math.abs(imputed.get(row, other) - raw.get(row, inRaw));
        assertTrue(err / 128 < 3, "mean absolute error " + err / 128 + " on " + imputed.featureNames().get(other));
    }

    @Test
    void countsPerMillionNeedTheWholeProfileToImpute() throws Exception {
        Path cpmRun = dir.resolve("cpm-run");
        Result t = cae("train", "--data", ALL.toString(), "--cpm", "--log1p", "--top-variable", "200", "--k", "4", "--epochs", "2",
                "--convergence", "off", "--out", cpmRun.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        Path out = dir.resolve("cpm-imputed.csv");
        assertEquals(0, cae("impute", "--run", cpmRun.toString(), "--data", ALL.toString(), "--out", out.toString()).code());
        assertEquals(200, DatasetReader.read(out, ReadOptions.defaults()).cols());

        // only the selected genes: their sample totals are unknown, so counts per million cannot be formed
        List<String> selected = Files.readAllLines(cpmRun.resolve("selected_features.csv")).stream().skip(1)
                .map(l -> l.split(",")[3]).distinct().toList();
        StringBuilder b = new StringBuilder("sample_id," + String.join(",", selected) + "\n");
        for (int row = 0; row < 3; row++) {
            b.append(raw.sampleIds().get(row));
            for (String g : selected) b.append(',').append(raw.get(row, raw.featureNames().indexOf(g)));
            b.append('\n');
        }
        Path few = Files.writeString(dir.resolve("few.csv"), b.toString());
        Result r = cae("impute", "--run", cpmRun.toString(), "--data", few.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("counts per million, which need every one of the 12625 features"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
