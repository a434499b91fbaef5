package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.Dl4jImputer;
import org.caeworkbench.export.FeatureTable;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Taking a run back where its user works (docs/interop.md), on the leukaemia sample in its 10x and
 * .h5ad forms: the panel for a pipeline, features.tsv, the annotated .h5ad copy (checked by anndata
 * itself when Debian's python3-anndata is installed), gene ids beside symbols, and the Deeplearning4j
 * imputer, loaded by Deeplearning4j's own API.
 */
class InteropCliTest {
    static final String TENX = "samples/all-leukemia-10x";
    static final String TENX_LABELS = "samples/all-leukemia-10x/labels.csv";
    /** Debian's python with anndata (the default python3 of this machine may lack it). */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir Path dir;

    private static Result train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--k", "8", "--epochs", "6", "--convergence", "off", "--out", out.toString()));
        args.addAll(List.of(more));
        return cae(args.toArray(String[]::new));
    }

    /** The panel's distinct names in the order of selected_features.csv. */
    private static List<String> panelOf(Path run) throws IOException {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (RunDirectory.SelectedFeature f : RunDirectory.readSelected(run)) names.add(f.name());
        return List.copyOf(names);
    }

    @Test
    void printPanelPrintsOnlyTheNamesAndEveryRunHasAFeatureTable() throws IOException {
        Path run = dir.resolve("tenx");
        Result r = train(run, "--data", TENX, "--labels-file", TENX_LABELS, "--print-panel");
        assertEquals(0, r.code(), r.err());
        List<String> panel = panelOf(run);
        assertEquals(panel, r.out().lines().toList(), "stdout holds the panel's names, one a line, and nothing else");
        assertTrue(r.err().contains("run written to"), "the summary goes to stderr: " + r.err());

        List<String> tsv = Files.readAllLines(run.resolve(FeatureTable.FILE));
        assertEquals("index\tname\tcae_selected\tcae_rank\tcae_probability", tsv.get(0));
        assertEquals(1 + 2000, tsv.size(), "one line per feature of the file");
        List<String> ranked = new ArrayList<>();
        for (String line : tsv.subList(1, tsv.size())) {
            String[] c = line.split("\t");
            boolean selected = c[2].equals("true");
            assertEquals(selected, Integer.parseInt(c[3]) > 0, line);
            assertEquals(selected, Double.parseDouble(c[4]) > 0, line);
            if (selected) ranked.add(Integer.parseInt(c[3]) + "\t" + c[1]);
        }
        ranked.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.split("\t")[0])));
        assertEquals(panel, ranked.stream().map(s -> s.split("\t")[1]).toList(), "cae_rank orders the panel as selected_features.csv");

        // --write-h5ad with a 10x input: one sentence, before any training
        Result refused = train(dir.resolve("refused"), "--data", TENX, "--write-h5ad", dir.resolve("x.h5ad").toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--write-h5ad needs an .h5ad, .h5mu, 10x .h5 or .loom input") && refused.err().contains("features.tsv"), refused.err());
        assertFalse(Files.exists(dir.resolve("refused")));
    }

    /** A 10x folder of the leukaemia sample whose features have Ensembl-like ids (column 1) beside the probe names (column 2). */
    private Path ensemblTenx() throws IOException {
        Path folder = dir.resolve("ensembl-10x");
        Files.createDirectories(folder);
        List<String> lines;
        try (var in = new GZIPInputStream(Files.newInputStream(Path.of(TENX, "features.tsv.gz")))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("features.tsv.gz")))) {
            for (int i = 0; i < lines.size(); i++) {
                String symbol = lines.get(i).split("\t")[1];
                out.write(String.format("ENSG%011d\t%s\tGene Expression%n", 100000 + i, symbol).getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String f : List.of("matrix.mtx.gz", "barcodes.tsv.gz", "labels.csv")) Files.copy(Path.of(TENX, f), folder.resolve(f));
        return folder;
    }

    @Test
    void ensemblIdsAndSymbolsAreBothWrittenAndTheReportShowsSymbols() throws Exception {
        Path tenx = ensemblTenx();
        Dataset read = DatasetReader.read(tenx, ReadOptions.defaults());
        assertTrue(read.geneNames() != null, "a 10x folder with Ensembl ids keeps them beside the symbols");
        assertEquals("ENSG00000100000", read.geneNames().ids().get(0));
        assertEquals(read.featureNames().get(0), read.geneNames().symbols().get(0), "the names stay the symbols, as before");
        assertTrue(DatasetReader.read(Path.of(TENX), ReadOptions.defaults()).geneNames() == null, "probe ids are not Ensembl ids");

        Path run = dir.resolve("ens");
        Result r = train(run, "--data", tenx.toString(), "--quiet", "--read-top-variable", "500");
        assertEquals(0, r.code(), r.err());
        List<String> selected = Files.readAllLines(run.resolve(RunDirectory.SELECTED));
        assertTrue(selected.get(0).endsWith(",gene_id,gene_symbol"), selected.get(0));
        String[] first = selected.get(1).split(",");
        assertTrue(first[first.length - 2].startsWith("ENSG") && first[first.length - 1].equals(first[3]), selected.get(1));
        FeatureTable table = FeatureTable.read(run);
        assertTrue(table.hasGeneNames());
        for (FeatureTable.Row row : table.panel()) {
            assertTrue(row.geneId().startsWith("ENSG") && row.symbol().equals(row.name()), row.toString());
        }
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains(table.panel().get(0).geneId()), "the report names the genes both ways");
    }

    @Test
    void reportHasPythonAndRSnippetsMadeFromTheRun() throws IOException {
        Path run = dir.resolve("snip");
        assertEquals(0, train(run, "--data", TENX, "--quiet").code());
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("Use this panel elsewhere"), "the section is there");
        assertTrue(report.contains("import anndata") || report.contains("import scanpy"), "a Python snippet");
        assertTrue(report.contains("read.delim") || report.contains("Seurat"), "an R snippet");
        assertTrue(report.contains(FeatureTable.FILE) && report.contains(panelOf(run).get(0)), "made from the run's own files and names");
    }

    @Test
    void deeplearning4jImputerGivesTheValuesOfCaeImpute() throws Exception {
        Path run = dir.resolve("dl4j");
        Result r = train(run, "--data", TENX, "--labels-file", TENX_LABELS, "--quiet", "--hidden", "32");
        assertEquals(0, r.code(), r.err());
        Path zip = dir.resolve("imputer.zip");
        Result exported = cae("export-model", "--run", run.toString(), "--dl4j", zip.toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(Dl4jImputer.entry(zip, "README.txt").contains("restoreMultiLayerNetwork"), "a README on how to load it");

        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile());
        List<String> inputs = Dl4jImputer.entry(zip, "inputs.tsv").lines().skip(1).map(l -> l.split("\t")[1]).toList();
        assertEquals(panelOf(run), inputs, "the inputs are the panel's features in panel order");

        Dataset sample = DatasetReader.read(Path.of(TENX), ReadOptions.defaults());
        SavedModel model = RunDirectory.readModel(run);
        Dataset imputed = model.impute(sample);              // what cae impute writes
        int rows = sample.rows();
        float[] x = new float[rows * inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            int c = sample.featureNames().indexOf(inputs.get(j));
            for (int i = 0; i < rows; i++) x[i * inputs.size() + j] = sample.get(i, c);
        }
        INDArray out = net.output(Nd4j.create(x, new long[] {rows, inputs.size()}, 'c'));
        assertEquals(imputed.cols(), out.columns());
        java.util.Set<String> panel = new java.util.HashSet<>(inputs);
        double worst = 0;
        for (int f = 0; f < imputed.cols(); f++) {
            if (panel.contains(imputed.featureNames().get(f))) continue;   // cae impute keeps the measured value there
            for (int i = 0; i < rows; i++) {
                double want = imputed.get(i, f);
                double got = out.getDouble(i, f);
                worst = Math.max(worst, Math.abs(got - want) / (1 + Math.abs(want)));
            }
        }
        assertTrue(worst < 1e-4, "the network imputes what cae impute does (worst relative difference " + worst + ")");
    }

    @Test
    void withLog1pTheImputerTakesAndGivesLogValuesAsItsReadmeSays() throws Exception {
        Path run = dir.resolve("dl4j-log");
        assertEquals(0, train(run, "--data", TENX, "--quiet", "--log1p", "--hidden", "none").code());
        Path zip = dir.resolve("log.zip");
        assertEquals(0, cae("export-model", "--run", run.toString(), "--dl4j", zip.toString()).code());
        assertTrue(Dl4jImputer.entry(zip, "README.txt").contains("log(1 + x)"), "the README names the units");
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile());
        List<String> inputs = Dl4jImputer.entry(zip, "inputs.tsv").lines().skip(1).map(l -> l.split("\t")[1]).toList();
        Dataset sample = DatasetReader.read(Path.of(TENX), ReadOptions.defaults());
        Dataset imputed = RunDirectory.readModel(run).impute(sample);
        float[] x = new float[sample.rows() * inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            int c = sample.featureNames().indexOf(inputs.get(j));
            for (int i = 0; i < sample.rows(); i++) x[i * inputs.size() + j] = (float) Math.log1p(sample.get(i, c));
        }
        INDArray out = net.output(Nd4j.create(x, new long[] {sample.rows(), inputs.size()}, 'c'));
        double worst = 0;
        for (int f = 0; f < imputed.cols(); f++) {
            if (inputs.contains(imputed.featureNames().get(f))) continue;
            for (int i = 0; i < sample.rows(); i++) {
                double want = Math.log1p(imputed.get(i, f));
                worst = Math.max(worst, Math.abs(out.getDouble(i, f) - want) / (1 + Math.abs(want)));
            }
        }
        assertTrue(worst < 1e-4, "log(1 + x) in, log(1 + imputed) out (worst relative difference " + worst + ")");
    }

    // ---- .h5ad: the annotated copy

    /** Skips a test that needs Debian's python with anndata, saying why. */
    private static void assumeAnndata() {
        Assumptions.assumeTrue(anndataAvailable(), "skipped: /usr/bin/python3 with anndata is needed (Debian: apt-get install python3-anndata)");
    }

    static boolean anndataAvailable() {
        return pythonHas("anndata, scipy");
    }

    private static boolean pythonHas(String modules) {
        if (!Files.isExecutable(PYTHON)) return false;
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    /** The report's Python snippet, as a user copies it from the page (the first block after the section's title). */
    private static String pythonSnippet(Path run) throws IOException {
        return ReportSnippetsTest.snippet(run, 0);
    }

    /** Runs the report's snippet in anndata's python and returns "rows cols same-names" of the subset it makes. */
    private static String runSnippet(Path run) throws Exception {
        return python("-c", pythonSnippet(run) + "\nprint(sub.n_obs, sub.n_vars, list(sub.var_names) == panel)").strip();
    }

    @Test
    void theReportsPythonSnippetGivesThePanelAsAnAnnDataSubsetOfThe10xSample() throws Exception {
        assumeAnndata();
        Path run = dir.resolve("snippet-10x");
        assertEquals(0, train(run, "--data", TENX, "--quiet").code());
        assertEquals("128 " + panelOf(run).size() + " True", runSnippet(run), "a user pastes it into python3 and has the panel");
    }

    @Test
    void namesWithQuotesAndMarkupAreEscapedInTheReportAndSurviveThePythonSnippet() throws Exception {
        List<String> names = List.of("g<b>1", "g\"2", "g&3", "g'4", "NA", "\"g6");
        StringBuilder csv = new StringBuilder("id");
        for (String n : names) csv.append(',').append('"').append(n.replace("\"", "\"\"")).append('"');
        csv.append('\n');
        java.util.Random rng = new java.util.Random(5);
        for (int r = 0; r < 40; r++) {
            csv.append("s").append(r);
            for (int c = 0; c < names.size(); c++) csv.append(',').append(rng.nextInt(100) / 10.0);
            csv.append('\n');
        }
        Path data = dir.resolve("odd.csv");
        Files.writeString(data, csv);
        Path run = dir.resolve("odd");
        Result r = cae("train", "--k", "5", "--epochs", "6", "--convergence", "off", "--quiet", "--no-transpose", "--data", data.toString(),
                "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(run.resolve("report.html"));
        assertFalse(html.contains("g<b>1"), "markup in a name is escaped");
        String snippet = pythonSnippet(run);
        List<String> panel = panelOf(run);
        assertTrue(snippet.contains(panel.get(0).replace("\"", "\\\"")), "the names are in the snippet as string literals");
        Assumptions.assumeTrue(anndataAvailable(), "skipped: /usr/bin/python3 with anndata is needed to run the snippet");
        String got = python("-c", snippet + "\nimport json\nprint(json.dumps(panel, separators=(\",\", \":\")))").strip();
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(panel), got,
                "pandas reads the panel's names back exactly from features.tsv");
        // and R's read.csv reads the same names from the file, the quoted ones included
        ReportSnippetsTest.expected(run, data.toString(), org.caeworkbench.data.ReadOptions.defaults().withOrientation(org.caeworkbench.data.Orientation.SAMPLES_AS_ROWS))
                .printedBy(ReportSnippetsTest.r(run, ReportSnippetsTest.R_TABLE), "R");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void annotatedH5adIsReadByAnndataWithTheRunsColumnsAndTheInputIsUntouched() throws Exception {
        assumeAnndata();
        Path input = dir.resolve("leukemia.h5ad");
        python("src/test/python/make_h5ad.py", ensemblTenx().toString(), input.toString());
        String before = sha256(input);
        Path run = dir.resolve("h5ad-run");
        Path out = dir.resolve("leukemia.cae.h5ad");
        Result r = train(run, "--data", input.toString(), "--label-column", "label", "--write-h5ad", out.toString(), "--print-panel");
        assertEquals(0, r.code(), r.err());
        assertEquals(before, sha256(input), "the input file is never written to");
        Path panel = dir.resolve("panel.txt");
        Files.writeString(panel, r.out());
        String checked = python("src/test/python/check_h5ad.py", out.toString(), input.toString(), panel.toString());
        assertTrue(checked.contains("all checks passed"), checked);
        // the var index holds Ensembl ids beside var['gene_symbols']: the run knows both
        assertTrue(FeatureTable.read(run).hasGeneNames(), "h5ad: ids in the var index, symbols in gene_symbols");
        assertTrue(python("-c", "import anndata; a = anndata.read_h5ad('" + out + "'); "
                + "print(list(a.var.loc[a.var.cae_selected == 1, 'cae_gene_symbol']) == list(a.var.loc[a.var.cae_selected == 1, 'gene_symbols']))")
                .strip().equals("True"), "cae_gene_symbol is the var's own symbol column");

        assertEquals("128 " + panelOf(run).size() + " True", runSnippet(run), "the report's snippet opens the .h5ad and takes the panel");

        // and from a finished run, as cae export-model --h5ad
        Path again = dir.resolve("again.h5ad");
        Result exported = cae("export-model", "--run", run.toString(), "--h5ad", again.toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(python("src/test/python/check_h5ad.py", again.toString(), input.toString(), panel.toString()).contains("all checks passed"));
        assertEquals(before, sha256(input));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left beside the outputs");
        }
    }

    /**
     * Trains two epochs on {@code input} with --write-h5ad into {@code name}.cae.h5ad (the run: {@code name}-run) and checks
     * that the output reads back with the input's matrix, cells and genes; returns the output.
     */
    /** A fixture's annotated copy (--write-h5ad), its input as read, and the run folder. */
    private record Annotated(Path input, Dataset original, Path out, Path run) {}

    /** Trains on the fixture {@code file} with --write-h5ad, and checks that the copy reads back with the input's names and values. */
    private Annotated annotatedAndReadBack(String file, String name) throws Exception {
        Path input = Path.of("src/test/resources/data/h5ad/" + file);
        Dataset original = DatasetReader.read(input, ReadOptions.defaults());
        Path out = dir.resolve(name + ".cae.h5ad");
        Result r = cae("train", "--k", "2", "--epochs", "2", "--convergence", "off", "--quiet", "--test-fraction", "0.34",
                "--data", input.toString(), "--out", dir.resolve(name + "-run").toString(), "--write-h5ad", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset copy = DatasetReader.read(out, ReadOptions.defaults());
        assertEquals(original.featureNames(), copy.featureNames());
        assertEquals(original.sampleIds(), copy.sampleIds());
        for (int i = 0; i < original.rows(); i++) for (int j = 0; j < original.cols(); j++) assertEquals(original.get(i, j), copy.get(i, j));
        return new Annotated(input, original, out, dir.resolve(name + "-run"));
    }

    /** The features an annotated .h5ad ranks (var/cae_rank above 0), named by {@code names}, best first. */
    private static List<String> rankedPanel(Path h5ad, List<String> names) {
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(h5ad)) {
            int[] rank = (int[]) h.getDatasetByPath("var/cae_rank").getData();
            return java.util.stream.IntStream.range(0, rank.length).boxed().filter(i -> rank[i] > 0)
                    .sorted(java.util.Comparator.comparingInt(i -> rank[i])).map(names::get).toList();
        }
    }

    @Test
    void annotatedCopyOfAnH5adWithoutPythonReadsBackWithTheSameMatrix() throws Exception {
        Annotated a = annotatedAndReadBack("csr.h5ad", "csr");
        Path input = a.input();
        Path run = a.run();
        List<String> ranked = rankedPanel(a.out(), a.original().featureNames());
        assertEquals(panelOf(run).size(), ranked.size());
        assertEquals(panelOf(run).get(0), ranked.get(0));
        // an LZF-compressed input (names too) is copied as well
        annotatedAndReadBack("lzf.h5ad", "lzf");
        Result same = cae("export-model", "--run", run.toString(), "--h5ad", input.toString());
        assertEquals(2, same.code(), "the input itself is refused as the output");
        assertTrue(same.err().contains("is the input file"), same.err());
    }

    @Test
    void aLoomBecomesAnAnnotatedH5adWithItsLayerAndColumnsThatReadsBack() throws Exception {
        Annotated a = annotatedAndReadBack("loom-v3.loom", "loom");
        Dataset original = a.original();
        assertEquals(panelOf(a.run()), rankedPanel(a.out(), original.featureNames()));
        Dataset spliced = DatasetReader.read(a.out(), ReadOptions.defaults().withLayer("spliced").withLabelColumn("ClusterName"));
        for (int i = 0; i < original.rows(); i++) for (int j = 0; j < original.cols(); j++)
            assertEquals(2 * original.get(i, j), spliced.get(i, j), "the layer, cell " + i + ", gene " + j);
        assertArrayEquals(new String[] {"T", "B", "T", "Mono", "B", "T"}, spliced.labels(), "col_attrs became obs columns");
        assertEquals(original.geneNames().ids(), spliced.geneNames().ids(), "row_attrs/Accession became var['Accession'], read as the ids");
    }

    @Test
    void aTenxH5BecomesAnAnnotatedH5adThatReadsBackAndAnndataOpens() throws Exception {
        Annotated a = annotatedAndReadBack("tenx-v3.h5", "tenx");
        Path input = a.input();
        Dataset original = a.original();
        Path out = a.out();
        Path run = a.run();
        assertEquals(panelOf(run), rankedPanel(out, original.featureNames()));
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(out)) {
            assertEquals(List.of("Gene Expression", "Gene Expression", "Gene Expression", "Antibody Capture"),
                    List.of((String[]) h.getDatasetByPath("var/feature_types").getData()));
            double[] totals = (double[]) h.getDatasetByPath("obs/total_counts").getData();
            for (int i = 0; i < original.rows(); i++) {
                double sum = 0;
                for (int j = 0; j < original.cols(); j++) sum += original.get(i, j);
                assertEquals(sum, totals[i], 1e-9, "cell " + i);
            }
        }
        // reading only the most variable genes: the new file still has every gene, those not read outside the panel
        Path top = dir.resolve("tenx-top.cae.h5ad");
        Result topRun = cae("train", "--k", "1", "--epochs", "2", "--convergence", "off", "--quiet", "--test-fraction", "0.34",
                "--read-top-variable", "3", "--data", input.toString(), "--out", dir.resolve("tenx-top-run").toString(), "--write-h5ad", top.toString());
        assertEquals(0, topRun.code(), topRun.err());
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(top)) {
            int[] rank = (int[]) h.getDatasetByPath("var/cae_rank").getData();
            assertEquals(4, rank.length);
            assertEquals(1, java.util.Arrays.stream(rank).filter(x -> x == 1).count());
        }
        assumeAnndata();
        String opened = python("-c", "import anndata; a = anndata.read_h5ad('" + out + "'); "
                + "print(a.n_obs, a.n_vars, list(a.var.columns[:2]), int(a.var.cae_selected.sum()), int(a.X.sum()))").strip();
        assertEquals("6 4 ['gene_ids', 'feature_types'] " + panelOf(run).size() + " " + (int) sumOf(original), opened);
        assertEquals("6 " + panelOf(run).size() + " True", runSnippet(run), "the report's snippet reads the .h5 with h5py and takes the panel");
    }

    @Test
    void anH5adWithoutObsColumnsAndWithRawGivesACopyAnndataOpensWhole() throws Exception {
        // obs without columns, as scanpy.read_10x_h5 and many minimal files leave it (anndata 0.8 cannot read a dataframe
        // without its column order); raw, as scanpy users keep every gene beside the variable ones (anndata writes an empty
        // raw/varm, which must not cost the copy its raw)
        assumeAnndata();
        Path input = dir.resolve("nocols.h5ad");
        python("-c", "import anndata, numpy as np, pandas as pd; a = anndata.AnnData((np.arange(120, dtype='float32').reshape(30, 4) * 7) % 11,"
                + " obs=pd.DataFrame(index=[f'c{i}' for i in range(30)]), var=pd.DataFrame(index=['a', 'b', 'c', 'd'])); a.raw = a;"
                + " a.write_h5ad('" + input + "')");
        Path out = dir.resolve("nocols.cae.h5ad");
        Result r = cae("train", "--k", "2", "--epochs", "2", "--convergence", "off", "--data", input.toString(),
                "--out", dir.resolve("nocols-run").toString(), "--write-h5ad", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("not carried over"), r.out());
        assertEquals("30 [] 2 (30, 4) True", python("-c", "import anndata, numpy as np; a = anndata.read_h5ad('" + out + "'); "
                + "print(a.n_obs, list(a.obs.columns), int(a.var.cae_selected.sum()), a.raw.shape, bool(np.array_equal(a.raw.X, a.X)))").strip());
    }

    @Test
    void aRunOnTheRawMatrixAnnotatesRawVarAndItsSnippetTakesThePanelFromAdataRaw() throws Exception {
        // scanpy's usual file: every gene's log-normalised values in raw, X the highly variable ones scaled, their counts
        // in a layer; a panel is chosen from all genes (--layer raw.X) or from the counts (--layer counts)
        assumeAnndata();
        Path input = dir.resolve("scanpy.h5ad");
        python("-c", "import anndata, numpy as np, pandas as pd, scipy.sparse as sp; rng = np.random.default_rng(3);"
                + " counts = rng.poisson(rng.uniform(0.2, 6, 12), (40, 12)).astype('float32');"
                + " a = anndata.AnnData(sp.csr_matrix(np.log1p(counts)), obs=pd.DataFrame({'cell_type': pd.Categorical(['T', 'B'] * 20)},"
                + " index=[f'c{i}' for i in range(40)]), var=pd.DataFrame(index=[f'G{j}' for j in range(12)])); a.raw = a;"
                + " b = a[:, [1, 4, 5, 8, 9, 11]].copy(); b.layers['counts'] = sp.csr_matrix(counts[:, [1, 4, 5, 8, 9, 11]]);"
                + " b.X = (b.X.toarray() - b.X.toarray().mean(0)) / b.X.toarray().std(0); b.write_h5ad('" + input + "')");
        Path out = dir.resolve("scanpy.cae.h5ad");
        Path run = dir.resolve("raw-run");
        Result r = cae("train", "--k", "3", "--epochs", "4", "--convergence", "off", "--data", input.toString(), "--layer", "raw.X",
                "--out", run.toString(), "--write-h5ad", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("read the raw matrix (raw/X, adata.raw) with raw/var's genes instead of X"), r.err());
        assertTrue(r.out().contains("(12 raw/var entries matched; the run read the raw matrix, so its columns are in raw/var, adata.raw.var)"), r.out());
        assertEquals(12, FeatureTable.read(run).rows().size(), "the panel is chosen from raw's 12 genes, not X's 6");
        int panel = panelOf(run).size();
        assertEquals("6 0 12 " + panel + " True", python("-c", "import anndata, numpy as np; a = anndata.read_h5ad('" + out + "'); "
                + "b = anndata.read_h5ad('" + input + "'); print(a.n_vars, a.var.columns.size, a.raw.n_vars, int(a.raw.var.cae_selected.sum()),"
                + " bool(np.array_equal(a.raw.X.toarray(), b.raw.X.toarray()) and np.array_equal(a.X, b.X)))").strip(),
                "X and its var as they were; raw.var has the run's columns");
        assertEquals("40 " + panel + " True", runSnippet(run), "the report's snippet takes the panel from adata.raw");

        Path counts = dir.resolve("counts-run");
        r = cae("train", "--k", "2", "--epochs", "4", "--convergence", "off", "--data", input.toString(), "--layer", "counts", "--out", counts.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(6, FeatureTable.read(counts).rows().size(), "a layer has X's genes");
        assertTrue(pythonSnippet(counts).contains("sub.layers[\"counts\"]"), pythonSnippet(counts));
        assertEquals("40 " + panelOf(counts).size() + " True", runSnippet(counts));
        assertTrue(Files.readString(counts.resolve("config.json")).contains("\"layer\" : \"counts\""), "the run records the matrix it read");
    }

    @Test
    void aLoomFileTrainsAsTheSame10xDataAndItsSnippetTakesThePanelWithLoompy() throws Exception {
        // the leukaemia sample's 10x folder written as a Loom file (genes × cells) by loompy, with a layer
        Assumptions.assumeTrue(pythonHas("anndata, loompy, scipy"), "skipped: /usr/bin/python3 with anndata and loompy is needed"
                + " (Debian: apt-get install python3-anndata python3-loompy)");
        Path loom = dir.resolve("leukemia.loom");
        python("-c", "import anndata, loompy, numpy as np, pandas as pd, scipy.io, gzip; d = '" + TENX + "/';"
                + " m = scipy.io.mmread(gzip.open(d + 'matrix.mtx.gz')).toarray().astype('float32');"
                + " g = pd.read_csv(d + 'features.tsv.gz', sep='\\t', header=None); c = pd.read_csv(d + 'barcodes.tsv.gz', header=None)[0].astype(str);"
                + " loompy.create('" + loom + "', {'': m, 'twice': 2 * m}, {'Gene': np.array(g[1].astype(str))}, {'CellID': np.array(c)})");
        Path fromLoom = dir.resolve("loom-run");
        Path fromTenx = dir.resolve("tenx-run");
        Path h5ad = dir.resolve("leukemia.cae.h5ad");
        assertEquals(0, train(fromLoom, "--data", loom.toString(), "--labels-file", TENX_LABELS, "--quiet", "--write-h5ad", h5ad.toString()).code());
        assertEquals(0, train(fromTenx, "--data", TENX, "--labels-file", TENX_LABELS, "--quiet").code());
        assertArrayEquals(Files.readAllBytes(fromTenx.resolve("probabilities.npy")), Files.readAllBytes(fromLoom.resolve("probabilities.npy")),
                "the same matrix, genes and cells: the same training");
        assertEquals("128 " + panelOf(fromLoom).size() + " True", runSnippet(fromLoom), "the report's snippet opens the .loom with anndata");
        // --write-h5ad makes a new .h5ad: the loom's matrix and layer, its cells and genes, the run's columns
        assertEquals("128 2000 True True " + panelOf(fromLoom).size(), python("-c", "import anndata, numpy as np;"
                + " a = anndata.read_h5ad('" + h5ad + "'); b = anndata.read_loom('" + loom + "'); x = lambda m: m.toarray() if hasattr(m, 'toarray') else m;"
                + " print(a.n_obs, a.n_vars, bool(np.array_equal(x(a.X), x(b.X)) and np.array_equal(x(a.layers['twice']), x(b.layers['twice']))),"
                + " list(a.obs_names) == list(b.obs_names), int(a.var.cae_selected.sum()))").strip());

        Path twice = dir.resolve("loom-layer-run");
        assertEquals(0, train(twice, "--data", loom.toString(), "--layer", "twice", "--quiet").code());
        assertTrue(pythonSnippet(twice).contains("sub.layers[\"twice\"]"), pythonSnippet(twice));
        assertEquals("128 " + panelOf(twice).size() + " True", runSnippet(twice));
    }

    @Test
    void aMuDataRunsSnippetReadsTheModalityTheRunRead() throws Exception {
        assumeAnndata();
        Path input = Path.of("src/test/resources/data/h5ad/mudata.h5mu");
        for (String layer : new String[] {null, "prot", "rna/counts"}) {
            Path run = dir.resolve("mu-" + (layer == null ? "default" : layer.replace('/', '-')));
            List<String> args = new ArrayList<>(List.of("train", "--k", "1", "--epochs", "2", "--convergence", "off", "--quiet",
                    "--test-fraction", "0.34", "--data", input.toString(), "--out", run.toString()));
            if (layer != null) args.addAll(List.of("--layer", layer));
            Result r = cae(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertEquals("6 1 True", runSnippet(run), layer + ": " + pythonSnippet(run));
            assertEquals(layer != null && layer.equals("prot") ? 2 : 4, FeatureTable.read(run).rows().size());
        }
        // --write-h5ad: the modality the run read as an .h5ad of its own, with the run's columns
        Path out = dir.resolve("mu.cae.h5ad");
        Result r = cae("train", "--k", "1", "--epochs", "2", "--convergence", "off", "--quiet", "--test-fraction", "0.34", "--data",
                input.toString(), "--layer", "rna/counts", "--out", dir.resolve("mu-h5ad").toString(), "--write-h5ad", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset counts = DatasetReader.read(out, ReadOptions.defaults().withLayer("counts").withLabelColumn("cell_type"));
        Dataset original = DatasetReader.read(input, ReadOptions.defaults().withLayer("rna/counts").withLabelColumn("cell_type"));
        assertEquals(original.featureNames(), counts.featureNames());
        assertArrayEquals(original.labels(), counts.labels());
        for (int i = 0; i < original.rows(); i++) for (int j = 0; j < original.cols(); j++) assertEquals(original.get(i, j), counts.get(i, j));
        assertEquals("6 4 1 True", python("-c", "import anndata; a = anndata.read_h5ad('" + out + "');"
                + " print(a.n_obs, a.n_vars, int(a.var.cae_selected.sum()), 'counts' in a.layers)").strip());
    }

    private static double sumOf(Dataset d) {
        double s = 0;
        for (int i = 0; i < d.rows(); i++) for (int j = 0; j < d.cols(); j++) s += d.get(i, j);
        return s;
    }
}
