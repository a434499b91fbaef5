package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cae train --keep / --exclude: bad names, and a keep run through the run folder, cae eval and cae impute. */
class KeepExcludeCliTest {
    @TempDir static Path dir;
    static Path trainFile;
    static Path newFile;

    /** Sources A..D copied into three columns each, four noise columns N0..N3; 200 training rows and 20 new ones. */
    @BeforeAll
    static void tables() throws Exception {
        trainFile = write("train.csv", 0, 200);
        newFile = write("new.csv", 200, 220);
    }

    static Path write(String name, int from, int to) throws Exception {
        java.util.Random r = new java.util.Random(7);
        StringBuilder b = new StringBuilder("sample_id");
        for (String s : new String[] {"A", "B", "C", "D"}) for (int c = 0; c < 3; c++) b.append(',').append(s).append(c);
        for (int i = 0; i < 4; i++) b.append(",N").append(i);
        b.append('\n');
        for (int i = 0; i < to; i++) {
            double[] src = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            StringBuilder line = new StringBuilder("s" + i);
            for (double v : src) for (int c = 0; c < 3; c++) line.append(',').append((float) (v + 0.1 * r.nextGaussian()));
            for (int n = 0; n < 4; n++) line.append(',').append((float) r.nextGaussian());
            if (i >= from) b.append(line).append('\n');
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    @Test
    void anH5adIndexedByEnsemblIdTakesPanelsBySymbol() throws Exception {
        // CELLxGENE's layout: var indexed by Ensembl id, the symbols in var['feature_name'] (CD3E, MS4A1, LYZ, NKG7)
        Path h5ad = Path.of("src/test/resources/data/h5ad/ensembl-index.h5ad");
        Result inspect = cae("inspect", h5ad.toString());
        assertTrue(inspect.out().contains("also named:  CD3E, MS4A1, LYZ, NKG7  (their gene symbols; --keep, --exclude and --panel take either name)"),
                inspect.out());
        Path run = dir.resolve("by-symbol");
        Result r = cae("train", "--data", h5ad.toString(), "--test-fraction", "0.34", "--keep", "lyz", "--exclude", "re:^CD", "--k", "1",
                "--epochs", "3", "--max-tries", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kept (1): ENSG00000000003 (LYZ)"), r.out());
        assertFalse(r.out().contains("(CD3E)"), "CD3E is excluded by its symbol: " + r.out());
        List<String> lines = Files.readAllLines(run.resolve("selected_features.csv"));
        assertTrue(lines.get(1).startsWith("1,-1,2,ENSG00000000003,"), lines.toString());
        assertTrue(Files.readString(run.resolve("report.html")).contains("Most firmly chosen first: <b>ENSG00000000003 (LYZ)"), "the report as cae train");
        // a panel of symbols in a comparison
        Path cmp = dir.resolve("by-symbol-cmp");
        Result c = cae("compare", "--data", h5ad.toString(), "--test-fraction", "0.34", "--panel", "MS4A1,NKG7", "--methods", "none",
                "--out", cmp.toString(), "--quiet");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("panel: 2 names") && !c.err().contains("not found"), c.out() + c.err());
        // each method's features with their symbols
        assertEquals(List.of("method,k,rank,index,name,gene_symbol", "panel: 2 names,2,1,1,ENSG00000000002,MS4A1",
                "panel: 2 names,2,2,3,ENSG00000000004,NKG7"), Files.readAllLines(cmp.resolve("comparison_features.csv")));
    }

    @Test
    void unknownKeptNamesFailWithOneSentenceNamingThemAndWriteNothing() {
        Path run = dir.resolve("bad-run");
        Result r = cae("train", "--data", trainFile.toString(), "--k", "2", "--epochs", "2", "--keep", "A0,NOPE1,nope2",
                "--out", run.toString(), "--quiet");
        assertEquals(2, r.code(), r.err());
        assertEquals("cae: --keep: 2 names match none of the 16 features: NOPE1, nope2.", r.err().strip());
        assertFalse(Files.exists(run));
        assertFalse(Files.exists(dir.resolve("bad-run.partial")), "nothing written before the names are checked");

        r = cae("train", "--data", trainFile.toString(), "--k", "2", "--epochs", "2", "--exclude", "re:^MT-", "--out", run.toString(), "--quiet");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--exclude re:^MT- matches none of the 16 features' names"), r.err());
    }

    @Test
    void aKeepRunRoundTripsThroughTheRunFolderEvalAndImpute() throws Exception {
        Path keepFile = Files.writeString(dir.resolve("keep.txt"), "A1\nB2\n");
        Path run = dir.resolve("keep-run");
        Result t = cae("train", "--data", trainFile.toString(), "--k", "2", "--epochs", "40", "--convergence", "off", "--hidden", "none",
                "--keep", keepFile.toString(), "--exclude", "re:^N", "--out", run.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("kept (2): A1, B2"), t.out());
        assertTrue(t.out().contains("learned (2): "), t.out());

        // selected_features.csv: the kept features first, marked fixed, then the learned ones
        List<String> lines = Files.readAllLines(run.resolve(RunDirectory.SELECTED));
        assertEquals("rank,selector,index,name,probability,duplicate,role", lines.get(0));
        assertEquals("1,-1,1,A1,1.000000,no,fixed", lines.get(1));
        assertEquals("2,-1,5,B2,1.000000,no,fixed", lines.get(2));
        List<String> learned = new ArrayList<>();
        for (String l : lines.subList(3, lines.size())) {
            assertTrue(l.endsWith(",learned"), l);
            String name = l.split(",")[3];
            assertFalse(name.startsWith("N") || name.equals("A1") || name.equals("B2"), "an excluded or kept feature was learned: " + l);
            learned.add(name);
        }
        assertEquals(2, learned.size());
        List<RunDirectory.SelectedFeature> read = RunDirectory.readSelected(run);
        assertTrue(read.get(0).fixed() && read.get(1).fixed() && !read.get(2).fixed());

        JsonNode summary = new ObjectMapper().readTree(run.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(2, summary.path("k").asInt());
        assertEquals(2, summary.path("fixed").asInt());
        assertEquals(4, summary.path("panel_size").asInt());
        assertEquals(4, summary.path("excluded").asInt());
        assertEquals("A1", summary.path("fixed_features").get(0).asText());

        // config.json holds the names (not the file), and reads back into the same settings
        RunConfig config = RunDirectory.readConfig(run);
        assertEquals(List.of("A1", "B2"), config.training().keep());
        assertEquals(List.of("re:^N"), config.training().exclude());
        assertTrue(config.commandLine().contains("--keep"), config.commandLine());
        List<String> args = RunConfig.trainArguments(config.data(), config.training(), run);
        assertEquals("A1,B2", args.get(args.indexOf("--keep") + 1));
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("kept features") && report.contains("A1, B2"), "the report lists the kept features");

        // the saved model knows its panel: f + k inputs, the kept features first
        SavedModel model = RunDirectory.readModel(run);
        assertArrayEquals(new int[] {1, 5}, model.model().fixed());
        assertEquals(4, model.selected().length);
        assertEquals(summary.path("selected").toString(), new ObjectMapper().valueToTree(model.selected()).toString());

        Result e = cae("eval", "--run", run.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("\"k\":4"), "eval measures the whole panel: " + e.out());

        // impute from the four panel columns of new rows: the measured ones kept, the others from the decoder
        Path imputed = dir.resolve("imputed.csv");
        Result i = cae("impute", "--run", run.toString(), "--data", newFile.toString(), "--out", imputed.toString());
        assertEquals(0, i.code(), i.err());
        Dataset measured = DatasetReader.read(newFile, ReadOptions.defaults());
        Dataset out = DatasetReader.read(imputed, ReadOptions.defaults());
        assertEquals(measured.featureNames(), out.featureNames());
        for (String name : List.of("A1", "B2", learned.get(0), learned.get(1))) {
            int c = measured.featureNames().indexOf(name);
            for (int r = 0; r < measured.rows(); r++) assertEquals(measured.get(r, c), out.get(r, c), 1e-4f, name);
        }
        // A0 is imputed from A1 (a copy of the same source): close to the measured value
        int a0 = measured.featureNames().indexOf("A0");
        double err = 0, spread = 0;
        for (int r = 0; r < measured.rows(); r++) {
            err += Math.pow(out.get(r, a0) - measured.get(r, a0), 2);
            spread += Math.pow(measured.get(r, a0), 2);
        }
        assertTrue(err < 0.2 * spread, "A0 imputed from the kept A1: error " + err + " against " + spread);

        // a file without a kept column cannot be imputed: the model needs it as an input
        Path noA1 = Files.writeString(dir.resolve("no-a1.csv"), Files.readString(newFile).replace("A1,", "X1,"));
        Result missing = cae("impute", "--run", run.toString(), "--data", noA1.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("'A1'"), missing.err());
    }
}
