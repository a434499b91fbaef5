package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cae train, eval and inspect on every format, and one sentence with exit code 2 for a broken file. */
class FormatsCliTest {
    static final String GCT = "samples/all-leukemia-gct/all_leukemia.gct.gz";
    static final String GCT_LABELS = "samples/all-leukemia-gct/labels.csv";
    static final String TENX = "samples/all-leukemia-10x";
    static final String TENX_LABELS = "samples/all-leukemia-10x/labels.csv";
    static final String H5AD = "src/test/resources/data/h5ad/csc.h5ad";

    @TempDir Path dir;

    private Result train(String name, String... data) {
        String[] common = {"train", "--k", "2", "--epochs", "2", "--convergence", "off", "--quiet", "--out", dir.resolve(name).toString()};
        String[] args = new String[common.length + data.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(data, 0, args, common.length, data.length);
        return cae(args);
    }

    @Test
    void trainsAndEvaluatesOnGct10xAndH5ad() throws Exception {
        for (String[] data : List.of(
                new String[] {"gct", "--data", GCT, "--labels-file", GCT_LABELS},
                new String[] {"tenx", "--data", TENX, "--labels-file", TENX_LABELS},
                new String[] {"h5ad", "--data", H5AD, "--label-column", "cell_type", "--test-fraction", "0.34"})) {
            String name = data[0];
            Result r = train(name, java.util.Arrays.copyOfRange(data, 1, data.length));
            assertEquals(0, r.code(), name + ": " + r.err());
            JsonNode config = new ObjectMapper().readTree(Files.readString(dir.resolve(name).resolve("config.json")));
            Result eval = cae("eval", "--run", dir.resolve(name).toString());
            assertEquals(0, eval.code(), name + ": " + eval.err());
            JsonNode metrics = new ObjectMapper().readTree(eval.out());
            assertTrue(metrics.has("extra_trees_accuracy"), name + ": labelled, so an accuracy: " + eval.out());
            if (!name.equals("h5ad")) {
                assertEquals(2000, metrics.get("features").asInt(), name);
                assertTrue(config.at("/data/labels_file").asText().endsWith("labels.csv"), config.toString());
            }
        }
    }

    @Test
    void inspectSaysFormatOrientationShapeAndLabels() {
        Result r = cae("inspect", TENX, "--labels-file", TENX_LABELS, "--read-top-variable", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("format:      mtx"), r.out());
        assertTrue(r.out().contains("orientation: features as rows in the file"), r.out());
        assertTrue(r.out().contains("samples:     128") && r.out().contains("features:    100 "), r.out());
        assertTrue(r.out().contains("labels:      10 classes: B2 (36)"), r.out());
        assertTrue(r.err().contains("note: matrix.mtx.gz: kept the 100 most variable of 2,000 features"), r.err());
        Result h = cae("inspect", H5AD);
        assertTrue(h.out().contains("format:      h5ad") && h.out().contains("labels:      none (--label-column can name one of:"), h.out());
    }

    @Test
    void inspectAndTrainPointAtATestFileNamedAsTheDatasTestSetButTakeItOnlyWhenTold() throws Exception {
        Path cells = dir.resolve("cells_train.csv");
        StringBuilder b = new StringBuilder("id,a,b,c\n");
        for (int i = 0; i < 40; i++) b.append("s").append(i).append(',').append(i % 7).append(',').append(i % 5).append(',').append(i % 3).append('\n');
        Files.writeString(cells, b);
        Path test = Files.writeString(dir.resolve("cells_test.csv"), b);
        String[] run = {"train", "--data", cells.toString(), "--k", "2", "--epochs", "1", "--convergence", "off"};
        Result r = cae(concat(run, "--out", dir.resolve("split").toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("hint: cells_test.csv lies beside the data and is named as its test set; --test " + test
                + " takes it (now: a random 20% of the rows is held out)."), r.err());
        assertTrue(r.err().contains("32 training and 8 test rows"), "a hint only: the split is as asked; " + r.err());
        Result inspect = cae("inspect", cells.toString());
        assertTrue(inspect.out().contains("test file:   cells_test.csv lies beside it and is named as its test set: cae train --test " + test),
                inspect.out());
        assertFalse(cae("inspect", test.toString()).out().contains("test file:"), "a test file has none");
        Result told = cae(concat(run, "--test", test.toString(), "--out", dir.resolve("told").toString()));
        assertEquals(0, told.code(), told.err());
        assertFalse(told.err().contains("hint:"), told.err());
        assertTrue(told.err().contains("40 training and 40 test rows"), told.err());
    }

    private static String[] concat(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }

    @Test
    void aGeneTableWithGenesAsRowsIsTransposedAndSaysSo() throws Exception {
        StringBuilder b = new StringBuilder("probe_id\tP1\tP2\tP3\n");
        for (int g = 0; g < 20; g++) b.append("g").append(g).append('\t').append(g).append('\t').append(g * 2).append("\t1\n");
        Path tsv = Files.writeString(dir.resolve("genes.tsv"), b.toString());
        Result r = cae("inspect", tsv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("samples:     3 ") && r.out().contains("features:    20 "), r.out());
        assertTrue(r.err().contains("note: genes.tsv: features taken as rows") && r.err().contains("--no-transpose"), r.err());
        Result asIs = cae("inspect", tsv.toString(), "--no-transpose");
        assertTrue(asIs.out().contains("samples:     20 "), asIs.out());
        assertEquals(2, cae("inspect", tsv.toString(), "--no-transpose", "--transpose").code());
    }

    @Test
    void aBrokenFileOfEachFormatExitsWith2AndOneSentence() throws Exception {
        Path gct = Files.writeString(dir.resolve("bad.gct"), "#1.2\n2\t2\nName\tDescription\tA\tB\ng1\tna\t1\t2\n");
        Path tenx = Files.createDirectories(dir.resolve("badtenx"));
        Files.writeString(tenx.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate integer general\n2 2 2\n1 1 1\n3 1 1\n");
        Path h5ad = Files.write(dir.resolve("bad.h5ad"), java.util.Arrays.copyOf(Files.readAllBytes(Path.of(H5AD)), 4000));
        Path csv = Files.writeString(dir.resolve("bad.csv"), "id,a,b\ns1,1,2\ns2,3\n");
        for (Object[] c : List.of(new Object[] {gct, "bad.gct ends after 1 feature rows"}, new Object[] {tenx, "matrix.mtx, line 4: feature 3"},
                new Object[] {h5ad, "bad.h5ad"}, new Object[] {csv, "bad.csv, line 3"})) {
            Result r = train("x", "--data", c[0].toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("cae: ") && r.err().contains((String) c[1]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(!r.err().contains("Exception"), r.err());
        }
    }
}
