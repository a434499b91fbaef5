package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.RunDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's "Use this panel elsewhere" snippets run as a user pastes them: the R one in Debian's R
 * (Matrix, hdf5r, SummarizedExperiment with rhdf5 and HDF5Array: .ci/run installs them) and, for the tables,
 * the Python one in Debian's pandas. Each must give the panel's features, named as the workbench names them,
 * with the values the workbench read: the sum of the panel's columns over all samples, from our own reader,
 * is the figure both must reproduce. The anndata routes of the Python snippet are run by {@link InteropCliTest}.
 */
class ReportSnippetsTest {
    static final Path RSCRIPT = Path.of("/usr/bin/Rscript");
    static final Path FIXTURES = Path.of("src/test/resources/data/h5ad");

    @TempDir Path dir;

    /** Trains a short run (k 3 unless {@code more} says) on {@code data} (with the options in {@code more}) into {@code dir/name}. */
    private Path train(String name, String data, String... more) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", data, "--epochs", "6", "--convergence", "off",
                "--seed", "2", "--out", out.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--k")) args.addAll(List.of("--k", "3"));
        CliEndToEndTest.Result r = cae(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return out;
    }

    /** What the workbench's own reader holds for the run's panel: how many features, and their values summed over all samples. */
    record Panel(int features, double sum) {
        /** Asserts that a snippet printed "features sum match" with this count, this sum (to float precision) and match true. */
        void printedBy(String printed, String language) {
            String[] f = printed.split("\\s+");
            assertEquals(3, f.length, language + " printed: " + printed);
            assertEquals(features, Integer.parseInt(f[0]), language + ": the panel's size; printed " + printed);
            assertEquals(sum, Double.parseDouble(f[1]), 1e-5 * Math.max(1, Math.abs(sum)), language + ": the values; printed " + printed);
            assertTrue(f[2].equalsIgnoreCase("true"), language + ": the features named as the workbench names them; printed " + printed);
        }
    }

    static Panel expected(Path run, String data, ReadOptions opts) throws Exception {
        Dataset d = DatasetReader.read(Path.of(data), opts);
        LinkedHashSet<Integer> columns = new LinkedHashSet<>();
        for (RunDirectory.SelectedFeature f : RunDirectory.readSelected(run)) columns.add(f.index());
        double sum = 0;
        for (int c : columns) for (int r = 0; r < d.rows(); r++) sum += d.get(r, c);
        return new Panel(columns.size(), sum);
    }

    /** The distinct names of the run's panel, in rank order. */
    private static List<String> panel(Path run) throws IOException {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (RunDirectory.SelectedFeature f : RunDirectory.readSelected(run)) names.add(f.name());
        return List.copyOf(names);
    }

    /** Block {@code i} (0: Python, 1: R) of the report's section, as a user copies it from the page. */
    static String snippet(Path run, int i) throws IOException {
        String html = Files.readString(run.resolve("report.html"));
        int at = html.indexOf("Use this panel elsewhere");
        assertTrue(at > 0, "the report has the section");
        for (int b = 0; b < i; b++) at = html.indexOf("</pre>", html.indexOf("<pre>", at));
        int start = html.indexOf("<pre>", at) + 5;
        String block = html.substring(start, html.indexOf("</pre>", start));
        return block.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /**
     * Runs the R snippet with {@code check} after it (R code printing "features sum names-match") and returns what it printed.
     */
    static String r(Path run, String check) throws Exception {
        return r(run, check, java.util.Map.of());
    }

    /** As {@link #r(Path, String)}, with {@code env} set for R (a locale, say). */
    static String r(Path run, String check, java.util.Map<String, String> env) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RSCRIPT), "skipped: Rscript is needed (Debian: apt-get install r-base-core;"
                + " .ci/run installs it with the packages the snippets use)");
        Path script = run.resolveSibling(run.getFileName() + ".R");
        Files.writeString(script, snippet(run, 1) + "\n" + check + "\n");
        return run(List.of(RSCRIPT.toString(), "--vanilla", script.toString()), env);
    }

    private static String python(Path run, String check) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(InteropCliTest.PYTHON), "skipped: /usr/bin/python3 with pandas is needed");
        return run(List.of(InteropCliTest.PYTHON.toString(), "-c", snippet(run, 0) + "\n" + check));
    }

    private static String run(List<String> cmd) throws Exception {
        return run(cmd, java.util.Map.of());
    }

    private static String run(List<String> cmd, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish: " + cmd);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /**
     * A table of 40 samples under {@code header}: each row its id, {@code values} random numbers written as {@code numbers}
     * writes them, and a label a or b, separated by {@code sep}.
     */
    private static StringBuilder labelledTable(String header, char sep, Locale numbers, int values, long seed) {
        StringBuilder t = new StringBuilder(header).append('\n');
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < 40; i++) {
            t.append("s").append(i);
            for (int j = 0; j < values; j++) t.append(sep).append(String.format(numbers, "%.3f", rnd.nextDouble() * 10 + j));
            t.append(sep).append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        return t;
    }

    /** Writes a table to {@code data}, trains on it and checks that both snippets read the panel's values from it; returns the run. */
    private Path bothSnippetsRead(Path data, CharSequence table, String name, ReadOptions opts, String... more) throws Exception {
        Files.writeString(data, table);
        Path run = train(name, data.toString(), more);
        Panel want = expected(run, data.toString(), opts);
        want.printedBy(r(run, R_TABLE), "R");
        want.printedBy(python(run, PY_TABLE), "Python");
        return run;
    }

    /** R: a features x samples matrix {@code x} (sparse, dense or delayed) named by the panel. */
    private static final String R_MATRIX = "cat(nrow(x), sprintf('%.9g', sum(as.matrix(x))), identical(rownames(x), panel), '\\n')";
    /** R: a samples x features data frame {@code sub} with the panel as its columns (or features as rows, named in column 1). */
    static final String R_TABLE = "x <- if (all(panel %in% names(sub))) sub else { y <- sub[-1]; names(y) <- NULL; y }\n"
            + "same <- if (all(panel %in% names(sub))) identical(names(sub), panel) else identical(as.character(sub[[1]]), panel)\n"
            + "cat(length(panel), sprintf('%.9g', sum(x)), same, '\\n')";
    private static final String PY_TABLE = "x = sub if list(sub.columns) == panel else sub.select_dtypes('number')\n"
            + "same = list(sub.columns) == panel or list(sub.index) == panel\n"
            + "print(len(panel), '%.9g' % x.to_numpy(dtype='float64').sum(), same)";

    @Test
    void theRSnippetReadsATenxFolderWithMatrixAndGivesThePanelsCounts() throws Exception {
        String data = InteropCliTest.TENX;
        Path run = train("tenx", data);
        expected(run, data, ReadOptions.defaults()).printedBy(r(run, "x <- sub\n" + R_MATRIX), "R");
    }

    @Test
    void aRunOnTheMostVariableFeaturesAloneTakesThePanelAtItsPlacesInTheWholeFile() throws Exception {
        // --read-top-variable: features.tsv lists only the 500 read, so its index is not the place in the file
        String data = InteropCliTest.TENX;
        Path run = train("tenx-top", data, "--read-top-variable", "500");
        assertTrue(snippet(run, 1).contains("read only its most variable features"), snippet(run, 1));
        expected(run, data, ReadOptions.defaults().withKeepTopVariable(500)).printedBy(r(run, "x <- sub\n" + R_MATRIX), "R");

        String gct = "samples/all-leukemia-gct/all_leukemia.gct.gz";
        String labels = "samples/all-leukemia-gct/labels.csv";
        Path gctRun = train("gct-top", gct, "--labels", labels, "--read-top-variable", "300");
        Panel want = expected(gctRun, gct, ReadOptions.defaults().withLabelsFile(Path.of(labels)).withKeepTopVariable(300));
        want.printedBy(r(gctRun, "x <- sub[-(1:2)]\ncat(nrow(x), sprintf('%.9g', sum(x)), identical(sub$Name, panel), '\\n')"), "R");
        want.printedBy(python(gctRun, "x = sub.iloc[:, 2:]\nprint(len(x), '%.9g' % x.to_numpy(dtype='float64').sum(), list(sub.Name) == panel)"),
                "Python");
    }

    @Test
    void caeReportPrintsTheSameSnippetsForAScript() throws Exception {
        Path run = train("printed", InteropCliTest.TENX);
        CliEndToEndTest.Result r = cae("report", "--run", run.toString(), "--snippet", "r");
        assertEquals(0, r.code(), r.err());
        assertEquals(snippet(run, 1), r.out(), "what the page shows");
        CliEndToEndTest.Result py = cae("report", "--run", run.toString(), "--snippet", "Python");
        assertEquals(0, py.code(), py.err());
        assertEquals(snippet(run, 0), py.out());
        CliEndToEndTest.Result other = cae("report", "--run", run.toString(), "--snippet", "julia");
        assertEquals(2, other.code());
        assertEquals("cae: --snippet must be python or r (got 'julia').", other.err().strip());
    }

    @Test
    void bothSnippetsReadATenxFolderAsCellRanger2WroteIt() throws Exception {
        // Cell Ranger 2: genes.tsv, matrix.mtx and barcodes.tsv, none compressed; the snippets must use those names
        Path folder = Files.createDirectories(dir.resolve("cellranger2"));
        java.util.Random rnd = new java.util.Random(11);
        StringBuilder entries = new StringBuilder();
        int nonZero = 0;
        for (int cell = 1; cell <= 50; cell++) {
            for (int gene = 1; gene <= 12; gene++) {
                if (rnd.nextInt(3) == 0) continue;
                entries.append(gene).append(' ').append(cell).append(' ').append(1 + rnd.nextInt(30)).append('\n');
                nonZero++;
            }
        }
        Files.writeString(folder.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate integer general\n12 50 " + nonZero + "\n" + entries);
        StringBuilder genes = new StringBuilder();
        for (int g = 1; g <= 12; g++) genes.append("ENSG0000").append(g).append('\t').append(g == 9 ? "GENE2" : "GENE" + g).append('\n');
        Files.writeString(folder.resolve("genes.tsv"), genes);
        StringBuilder cells = new StringBuilder();
        for (int c = 1; c <= 50; c++) cells.append("AAAC").append(c).append("-1\n");
        Files.writeString(folder.resolve("barcodes.tsv"), cells);
        Path run = train("v2", folder.toString(), "--k", "4");
        assertFalse(snippet(run, 0).contains(".gz"), snippet(run, 0));
        Panel want = expected(run, folder.toString(), ReadOptions.defaults());
        want.printedBy(r(run, "x <- sub\n" + R_MATRIX), "R");
        Assumptions.assumeTrue(InteropCliTest.anndataAvailable(), "skipped: /usr/bin/python3 with anndata is needed");
        want.printedBy(python(run, "print(sub.n_vars, '%.9g' % sub.X.sum(), list(sub.var_names) == panel)"), "Python");
    }

    @Test
    void theRSnippetReadsACellRangerH5WithHdf5r() throws Exception {
        String data = FIXTURES.resolve("tenx-v3.h5").toString();
        Path run = train("h5", data, "--k", "2");
        expected(run, data, ReadOptions.defaults()).printedBy(r(run, "x <- sub\n" + R_MATRIX), "R");
    }

    @Test
    void theRSnippetReadsTheLoomLayerTheRunReadWithSummarizedExperiment() throws Exception {
        String data = FIXTURES.resolve("loom-v3.loom").toString();
        Path run = train("loom", data, "--k", "2", "--layer", "spliced");
        assertTrue(snippet(run, 1).contains("assay(sub, \"spliced\")"), snippet(run, 1));
        expected(run, data, ReadOptions.defaults().withLayer("spliced")).printedBy(r(run, "x <- values\n" + R_MATRIX), "R");
    }

    /** Every AnnData layout our reader takes, and each matrix --layer names, read in R with rhdf5 as the snippet does. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"dense.h5ad,", "csr.h5ad,", "csc.h5ad,", "old-0.7.h5ad,", "lzf.h5ad,",
            "layers-raw.h5ad,", "layers-raw.h5ad,raw.X", "layers-raw.h5ad,counts", "no-x.h5ad,", "mudata.h5mu,", "mudata.h5mu,prot",
            "mudata.h5mu,rna/counts"})
    void theRSnippetReadsTheAnnDataMatrixTheRunReadWithRhdf5(String fixture, String layer) throws Exception {
        String data = FIXTURES.resolve(fixture).toString();
        List<String> more = new ArrayList<>(List.of("--k", "2"));
        if (layer != null) more.addAll(List.of("--layer", layer));
        Path run = train(fixture.replace('.', '-') + (layer == null ? "" : "-" + layer.replace('/', '-').replace('.', '-')), data,
                more.toArray(String[]::new));
        ReadOptions opts = ReadOptions.defaults().withLayer(layer);
        String firstCell = DatasetReader.read(Path.of(data), opts).sampleIds().get(0);
        expected(run, data, opts).printedBy(r(run, "cat(ncol(sub), sprintf('%.9g', sum(sub)), identical(colnames(sub), panel)"
                + " && identical(rownames(sub)[1], " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(firstCell) + "), '\\n')"), "R");
    }

    @Test
    void bothSnippetsReadTheCsvSampleWithTheRunsColumns() throws Exception {
        String data = "samples/all-leukemia/all_leukemia.csv.gz";
        Path run = train("csv", data);
        Panel want = expected(run, data, ReadOptions.defaults());
        want.printedBy(r(run, R_TABLE), "R");
        want.printedBy(python(run, PY_TABLE), "Python");
    }

    @Test
    void bothSnippetsReadAGctByThePlacesOfItsRows() throws Exception {
        String data = "samples/all-leukemia-gct/all_leukemia.gct.gz";
        String labels = "samples/all-leukemia-gct/labels.csv";
        Path run = train("gct", data, "--labels", labels);
        Panel want = expected(run, data, ReadOptions.defaults().withLabelsFile(Path.of(labels)));
        want.printedBy(r(run, "x <- sub[-(1:2)]\ncat(nrow(x), sprintf('%.9g', sum(x)), identical(sub$Name, panel), '\\n')"), "R");
        want.printedBy(python(run, "x = sub.iloc[:, 2:]\nprint(len(x), '%.9g' % x.to_numpy(dtype='float64').sum(),"
                + " list(sub.Name) == panel)"), "Python");
    }

    @Test
    void bothSnippetsReadTheMnistIdxImagesAndTakeThePanelsPixels() throws Exception {
        String data = "samples/mnist/test4000-images-idx3-ubyte.gz";
        Path run = train("idx", data, "--k", "5");
        Panel want = expected(run, data, ReadOptions.defaults());
        want.printedBy(r(run, "cat(ncol(sub), sprintf('%.9g', sum(sub)), identical(colnames(sub), panel), '\\n')"), "R");
        want.printedBy(python(run, PY_TABLE), "Python");
    }

    @Test
    void aSpreadsheetsSemicolonTableWithDecimalCommasIsReadWithItsSeparatorByBoth() throws Exception {
        Path data = dir.resolve("plates.csv");
        StringBuilder t = labelledTable("well;Alb;Apoa1;\"Ccl5\";Cd3e;Gapdh;label", ';', Locale.GERMANY, 5, 4);
        Path run = bothSnippetsRead(data, t, "semicolon", ReadOptions.defaults(), "--k", "2");
        assertTrue(snippet(run, 1).contains("read.csv2("), snippet(run, 1));
    }

    @Test
    void featuresNamedByNumbersAsInSpectraAreTakenByNameNotByPosition() throws Exception {
        // wavelengths as column names: read as numbers, m[panel] in R would take columns by position
        Path data = dir.resolve("spectra.csv");
        StringBuilder t = new StringBuilder("sample");
        for (int w = 400; w < 700; w += 20) t.append(',').append(w);
        t.append('\n');
        java.util.Random rnd = new java.util.Random(6);
        for (int i = 0; i < 40; i++) {
            t.append("s").append(i);
            for (int w = 400; w < 700; w += 20) t.append(',').append(String.format(Locale.ROOT, "%.3f", rnd.nextDouble() + w / 700.0));
            t.append('\n');
        }
        bothSnippetsRead(data, t, "spectra", ReadOptions.defaults());
    }

    @Test
    void namesBeyondAsciiSurviveAnRThatIsNotInAUtf8Locale() throws Exception {
        // R on Windows before 4.2, or a C locale: read.csv without encoding = "UTF-8" misses "Gène" and takes nothing
        Path data = dir.resolve("utf8.csv");
        StringBuilder t = labelledTable("id,Gène,α-actin,plain,Größe,label", ',', Locale.ROOT, 4, 7);
        Path run = bothSnippetsRead(data, t, "utf8", ReadOptions.defaults(), "--k", "3");
        expected(run, data.toString(), ReadOptions.defaults()).printedBy(r(run, R_TABLE, java.util.Map.of("LC_ALL", "C", "LANG", "C")), "R in C");
    }

    @Test
    void aTableWithGenesAsRowsIsTakenByItsFirstColumnInBoth() throws Exception {
        Path data = dir.resolve("genes.tsv");
        List<String> genes = new ArrayList<>();
        for (int g = 0; g < 12; g++) genes.add("GENE" + g);
        StringBuilder t = genesAsRows(genes, 5);
        Path run = bothSnippetsRead(data, t, "rows", ReadOptions.defaults().withTranspose(true), "--k", "2", "--transpose");
        assertEquals(panel(run).size(), expected(run, data.toString(), ReadOptions.defaults().withTranspose(true)).features());
    }

    /** A tab-separated table with a row per gene of {@code genes} (named in its first column) and 30 samples of random counts. */
    private static StringBuilder genesAsRows(List<String> genes, long seed) {
        StringBuilder t = new StringBuilder("gene");
        for (int s = 0; s < 30; s++) t.append("\ts").append(s);
        t.append('\n');
        java.util.Random rnd = new java.util.Random(seed);
        for (String g : genes) {
            t.append(g);
            for (int s = 0; s < 30; s++) t.append('\t').append(rnd.nextInt(50));
            t.append('\n');
        }
        return t;
    }

    @Test
    void aRepeatedColumnNameIsTakenAsTheWorkbenchRenamedItInBoth() throws Exception {
        // X three times: the workbench reads X, X_2, X_3; R keeps X three times and pandas writes X.1, X.2
        Path data = dir.resolve("repeats.csv");
        StringBuilder t = labelledTable("id,X,Y,X,X,label", ',', Locale.ROOT, 4, 3);
        Path run = bothSnippetsRead(data, t, "repeats", ReadOptions.defaults(), "--k", "4");
        assertTrue(panel(run).stream().anyMatch(n -> n.matches("X_[23]")), "the panel holds a renamed repeat: " + panel(run));
    }

    @Test
    void aRepeatedGeneSymbolInTheRowsOfATableIsTakenAsTheWorkbenchRenamedIt() throws Exception {
        Path data = dir.resolve("symbols.tsv");
        StringBuilder t = genesAsRows(List.of("Actb", "Cd4", "Actb", "Gapdh", "Actb", "Cd8a"), 8);
        Path run = bothSnippetsRead(data, t, "symbols", ReadOptions.defaults().withTranspose(true), "--k", "6", "--transpose");
        assertTrue(panel(run).stream().anyMatch(n -> n.matches("Actb_[23]")), "the panel holds a renamed repeat: " + panel(run));
    }
}
