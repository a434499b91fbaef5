package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.expectError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AnnData files in the layouts anndata writes (src/test/resources/data/h5ad, made by make_fixtures.py
 * with h5py): each holds the same 6 cells × 4 genes.
 */
class H5adReadingTest {
    @TempDir Path dir;

    static final float[] X = {
        0, 1, 0, 2.5f,
        3, 0, 0, 0,
        0, 0, 0, 0,
        1, 2, 3, 4,
        0, 0, 7, 0,
        5, 0, 0, 1,
    };
    static final List<String> CELLS = List.of("AAAC-1", "AAAG-1", "AACT-1", "AAGC-1", "ACTG-1", "AGGT-1");
    static final List<String> GENES = List.of("CD3E", "MS4A1", "LYZ", "NKG7");
    static final String[] CELL_TYPE = {"T", "B", "T", "Mono", "B", "T"};

    static Path fixture(String name) {
        return TestFiles.resource("h5ad/" + name);
    }

    /** lzf.h5ad: h5py's LZF, whose chunks of variable-length strings jHDF's own filter could not decode ({@link HdfLzf}). */
    @ParameterizedTest
    @ValueSource(strings = {"dense.h5ad", "csr.h5ad", "csc.h5ad", "old-0.7.h5ad", "lzf.h5ad"})
    void everyLayoutGivesTheSameMatrixNamesAndCategoricalLabels(String file) throws Exception {
        Path p = fixture(file);
        assertEquals(Format.H5AD, DatasetReader.detect(p));
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("cell_type"));
        assertEquals(6, d.rows());
        assertEquals(4, d.cols());
        assertArrayEquals(X, d.values());
        assertEquals(CELLS, d.sampleIds());
        assertEquals(GENES, d.featureNames());
        assertArrayEquals(CELL_TYPE, d.labels());
        // without a label column there are no labels (no obs column is named label or class)
        assertFalse(DatasetReader.read(p, ReadOptions.defaults()).hasLabels());
    }

    @Test
    void stringAndNumberColumnsCanBeLabelsToo() throws Exception {
        Path p = fixture("csr.h5ad");
        assertArrayEquals(new String[] {"d1", "d1", "d2", "d2", "d1", "d2"},
                DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("donor")).labels());
        assertArrayEquals(new String[] {"2", "1", "0", "4", "1", "2"},
                DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("n_genes")).labels());
        expectError(p, ReadOptions.defaults().withLabelColumn("tissue"), "csr.h5ad has no obs column named 'tissue'",
                "'cell_type'", "'n_genes'", "'donor'");
        assertEquals(List.of("cell_type", "donor", "n_genes"),
                DatasetReader.preview(p, ReadOptions.defaults(), 3).labelChoices().stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense.h5ad", "csr.h5ad", "csc.h5ad"})
    void keepingTheMostVariableGenesReadsOnlyThose(String file) throws Exception {
        Path p = fixture(file);
        Dataset all = DatasetReader.read(p, ReadOptions.defaults());
        Dataset top = DatasetReader.read(p, ReadOptions.defaults().withKeepTopVariable(2));
        double[] var = new double[4];
        for (int c = 0; c < 4; c++) {
            double s = 0;
            double q = 0;
            for (int r = 0; r < 6; r++) {
                double l = Math.log1p(all.get(r, c));
                s += l;
                q += l * l;
            }
            var[c] = q / 6 - (s / 6) * (s / 6);
        }
        Integer[] order = {0, 1, 2, 3};
        Arrays.sort(order, (a, b) -> Double.compare(var[b], var[a]));
        int[] expected = {Math.min(order[0], order[1]), Math.max(order[0], order[1])};
        assertEquals(List.of(GENES.get(expected[0]), GENES.get(expected[1])), top.featureNames());
        assertArrayEquals(all.selectColumns(expected).values(), top.values());
    }

    @Test
    void aPreviewReadsTheFirstCells() throws Exception {
        for (String f : List.of("dense.h5ad", "csr.h5ad", "csc.h5ad")) {
            Dataset head = DatasetReader.preview(fixture(f), ReadOptions.defaults(), 2).head();
            assertArrayEquals(Arrays.copyOf(X, 8), head.values(), f);
            assertEquals(CELLS.subList(0, 2), head.sampleIds());
        }
    }

    @Test
    void anExternalLinkIsRefusedNotFollowed() throws Exception {
        // X links to fifo.h5 next to the file: a named pipe there blocks whoever opens it until a writer comes
        Path x = Files.copy(fixture("external-X.h5ad"), dir.resolve("external-X.h5ad"));
        Assumptions.assumeTrue(mkfifo(dir.resolve("fifo.h5")), "mkfifo is not available here");
        // the timeout is a guard only, so that reading a file that follows the link fails instead of hanging the build
        String m = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            TestFiles.assertMessage(assertThrows(DataException.class, () -> DatasetReader.preview(x, ReadOptions.defaults(), 3)),
                    "external-X.h5ad: X is a link");
            return expectError(x, ReadOptions.defaults(), "external-X.h5ad: X is a link to fifo.h5:/X in another file", "not followed");
        }, "the reader followed the external link to a named pipe");
        assertTrue(m.startsWith("external-X.h5ad: X is a link"), m);
        // wherever the reader looks: var, the obs index, a label column
        expectError(fixture("external-var.h5ad"), ReadOptions.defaults(), "external-var.h5ad: var is a link to elsewhere.h5:/var");
        expectError(fixture("external-obs-index.h5ad"), ReadOptions.defaults(), "obs/_index is a link to elsewhere.h5:/_index");
        expectError(fixture("external-label.h5ad"), ReadOptions.defaults().withLabelColumn("cell_type"),
                "obs/cell_type is a link to elsewhere.h5:/cell_type");
        // a link the reading does not touch is no reason to refuse the file
        Dataset d = DatasetReader.read(fixture("external-label.h5ad"), ReadOptions.defaults().withLabelColumn("donor"));
        assertArrayEquals(X, d.values());
    }

    private static boolean mkfifo(Path p) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor() == 0 && Files.exists(p);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void notAnHdf5FileOrAGzippedOne() throws Exception {
        Path fake = Files.write(dir.resolve("fake.h5ad"), "a,b\n1,2\n".getBytes());
        expectError(fake, ReadOptions.defaults().withFormat(Format.H5AD), "fake.h5ad could not be read as an HDF5 (.h5ad) file");
        Path gz = dir.resolve("x.h5ad.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(fixture("csr.h5ad")));
        }
        expectError(gz, ReadOptions.defaults(), "x.h5ad.gz is gzip-compressed", "decompress it first");
        Path truncated = Files.write(dir.resolve("cut.h5ad"), Arrays.copyOf(Files.readAllBytes(fixture("csr.h5ad")), 3000));
        String m = expectError(truncated, ReadOptions.defaults(), "cut.h5ad");
        assertTrue(m.length() < 300, m);
    }

    @Test
    void symbolsInTheIndexAndEnsemblIdsInGeneIdsAreBothKept() throws Exception {
        // scanpy's read_10x / read_10x_h5 layout: var_names are symbols, var['gene_ids'] the Ensembl ids
        Dataset d = DatasetReader.read(fixture("symbols-index.h5ad"), ReadOptions.defaults());
        assertEquals(GENES, d.featureNames(), "named by the index, as before");
        assertEquals(GENES, d.geneNames().symbols());
        assertEquals(List.of("ENSG00000000001", "ENSG00000000002", "ENSG00000000003", "ENSG00000000004"), d.geneNames().ids());
        // ids that do not look like Ensembl's (the other fixtures' ENSG01 ...) are not taken for ids
        assertEquals(null, DatasetReader.read(fixture("dense.h5ad"), ReadOptions.defaults()).geneNames());
    }

    /** Cell Ranger's .h5: the 10x matrix group of version 3 and later, and version 2's group named after the genome. */
    @ParameterizedTest
    @ValueSource(strings = {"tenx-v3.h5", "tenx-v2.h5"})
    void aTenxHdf5MatrixIsReadAsTheTenxFolderIs(String file) throws Exception {
        Path p = fixture(file);
        assertEquals(Format.H5AD, DatasetReader.detect(p));
        boolean v3 = file.contains("v3");
        float[] expected = X.clone();
        if (v3) expected[3] = 2;      // Cell Ranger 3 stores whole counts (int32): the fixture's 2.5 was written as 2
        for (Backing b : new Backing[] {Backing.AUTO, Backing.DISK}) {
            Dataset d = DatasetReader.read(p, ReadOptions.defaults().withBacking(b));
            assertEquals(6, d.rows());
            assertEquals(4, d.cols());
            for (int r = 0; r < 6; r++) for (int c = 0; c < 4; c++) assertEquals(expected[r * 4 + c], d.get(r, c), b + " cell " + r + ", gene " + c);
            assertEquals(CELLS, d.sampleIds());
            assertEquals(GENES, d.featureNames(), "named by symbol, as the 10x folder's genes are");
            assertEquals(List.of("ENSG00000000001", "ENSG00000000002", "ENSG00000000003", "ENSG00000000004"), d.geneNames().ids());
            assertFalse(d.hasLabels());
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("a 10x Genomics matrix (Cell Ranger's .h5), 6 cells × 4 genes")), d.notes()::toString);
            assertEquals(v3, d.notes().stream().anyMatch(n -> n.contains("Gene Expression (3), Antibody Capture (1)")), d.notes()::toString);
        }
        // labels from a labels file, as for the 10x folder
        Path labels = Files.writeString(dir.resolve("types.csv"), "barcode,cell_type\n" + String.join("\n",
                java.util.stream.IntStream.range(0, 6).mapToObj(i -> CELLS.get(i) + "," + CELL_TYPE[i]).toList()) + "\n");
        assertArrayEquals(CELL_TYPE, DatasetReader.read(p, ReadOptions.defaults().withLabelsFile(labels)).labels());
    }

    @Test
    void anHdf5FileThatIsNeitherAnnDataNor10xSaysSo() throws Exception {
        expectError(fixture("neither.h5"), ReadOptions.defaults(), "neither.h5 has no matrix X at its top level",
                "nor the matrix group of a 10x Genomics .h5 file");
    }

    /**
     * scanpy's layout after choosing highly variable genes (layers-raw.h5ad): X holds 3 of the 4 genes, scaled;
     * layers/counts their counts (CSR), layers/lognorm log1p of them (dense), raw/X log1p of all 4 genes (CSR) with raw/var.
     */
    @Test
    void aLayerOrTheRawMatrixIsReadInsteadOfXWithItsOwnGenes() throws Exception {
        Path p = fixture("layers-raw.h5ad");
        int[] hv = {0, 2, 3};
        List<String> hvGenes = List.of("CD3E", "LYZ", "NKG7");
        for (Backing b : new Backing[] {Backing.MEMORY, Backing.DISK}) {
            Dataset x = DatasetReader.read(p, ReadOptions.defaults().withBacking(b));
            assertEquals(hvGenes, x.featureNames());
            assertTrue(x.notes().stream().anyMatch(n -> n.contains("read X; the file also holds counts, lognorm, raw.X (--layer NAME")), x.notes()::toString);

            Dataset counts = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer("counts"));
            Dataset lognorm = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer("lognorm"));
            assertEquals(hvGenes, counts.featureNames());
            assertEquals(CELLS, counts.sampleIds());
            for (int r = 0; r < 6; r++) for (int c = 0; c < 3; c++) {
                assertEquals(X[r * 4 + hv[c]], counts.get(r, c), b + ": counts of cell " + r + ", gene " + c);
                assertEquals((float) Math.log1p(X[r * 4 + hv[c]]), lognorm.get(r, c), 1e-6, b + ": lognorm of cell " + r + ", gene " + c);
            }
            assertTrue(counts.notes().stream().anyMatch(n -> n.contains("read the layer 'counts' (layers/counts) instead of X")), counts.notes()::toString);

            for (String raw : new String[] {ReadOptions.RAW, "raw"}) {
                Dataset all = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer(raw).withLabelColumn("cell_type"));
                assertEquals(GENES, all.featureNames(), "raw has its own genes: all four");
                assertEquals(List.of("ENSG00000000001", "ENSG00000000002", "ENSG00000000003", "ENSG00000000004"), all.geneNames().ids(),
                        "and raw/var's gene ids");
                assertArrayEquals(CELL_TYPE, all.labels(), "obs is the same for every matrix");
                for (int r = 0; r < 6; r++) for (int c = 0; c < 4; c++)
                    assertEquals((float) Math.log1p(X[r * 4 + c]), all.get(r, c), 1e-6, b + ": raw of cell " + r + ", gene " + c);
            }
        }
        assertEquals(ReadOptions.defaults(), ReadOptions.defaults().withLayer("X"), "X is the default, however it is named");
        DatasetReader.Preview preview = DatasetReader.preview(p, ReadOptions.defaults().withLayer("counts"), 2);
        assertEquals(List.of("X", "counts", "lognorm", ReadOptions.RAW), preview.matrixChoices());
        assertEquals("counts", preview.matrixRead(), "the matrix read, as cae inspect marks it");
        assertEquals(ReadOptions.RAW, DatasetReader.preview(p, ReadOptions.defaults().withLayer("raw"), 2).matrixRead(), "raw is raw.X");
        assertEquals(2, preview.head().rows());
        assertEquals(List.of("X"), DatasetReader.preview(fixture("csr.h5ad"), ReadOptions.defaults(), 2).matrixChoices(),
                "an empty layers group: X only");
    }

    /** MuData (mudata.h5mu): rna (X and a counts layer) and prot (two antibodies) under mod/, each an AnnData. */
    @Test
    void aMuDataFileReadsOneModalityRnaByDefaultAnyOtherByLayer() throws Exception {
        Path p = fixture("mudata.h5mu");
        assertEquals(Format.H5AD, DatasetReader.detect(p));
        for (Backing b : new Backing[] {Backing.MEMORY, Backing.DISK}) {
            Dataset rna = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLabelColumn("cell_type"));
            assertEquals(GENES, rna.featureNames());
            assertArrayEquals(CELL_TYPE, rna.labels(), "the modality's own obs");
            for (int r = 0; r < 6; r++) for (int c = 0; c < 4; c++) assertEquals(X[r * 4 + c], rna.get(r, c), b + " rna " + r + ", " + c);
            assertTrue(rna.notes().stream().anyMatch(n -> n.contains("a MuData file with the modalities rna, prot; read rna")), rna.notes()::toString);
            Dataset counts = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer("rna/counts"));
            for (int r = 0; r < 6; r++) for (int c = 0; c < 4; c++) assertEquals(3 * X[r * 4 + c], counts.get(r, c), b + " counts " + r + ", " + c);
            Dataset prot = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer("prot"));
            assertEquals(List.of("CD3_TotalSeqB", "CD19_TotalSeqB"), prot.featureNames());
            assertEquals(9f, prot.get(1, 1));
        }
        assertEquals(List.of("rna", "rna/counts", "prot"), DatasetReader.preview(p, ReadOptions.defaults(), 2).matrixChoices(),
                "the modality read by default first");
        assertEquals("rna", DatasetReader.preview(p, ReadOptions.defaults(), 2).matrixRead());
        assertEquals("rna/counts", DatasetReader.preview(p, ReadOptions.defaults().withLayer("rna/counts"), 2).matrixRead());
        expectError(p, ReadOptions.defaults().withLayer("atac"), "mudata.h5mu is a MuData file without a modality named 'atac';"
                + " its matrices are rna, rna/counts, prot");
        expectError(p, ReadOptions.defaults().withLayer("rna/spliced"), "mudata.h5mu has no layer named 'spliced' in mod/rna");
    }

    /**
     * mudata-global-obs.h5mu: the cell types annotated on the whole object (mdata.obs), whose index is every modality's cells in
     * an order of its own; prot holds four of the six cells, in another order.
     */
    @Test
    void aMuDataFilesGlobalObsGivesLabelsMatchedToTheModalitysCellsByName() throws Exception {
        Path p = fixture("mudata-global-obs.h5mu");
        java.util.Map<String, String> global = java.util.Map.of("T", "T cell", "B", "B cell", "Mono", "monocyte");
        String[] expected = new String[CELL_TYPE.length];
        for (int i = 0; i < expected.length; i++) expected[i] = global.get(CELL_TYPE[i]);
        for (Backing b : new Backing[] {Backing.MEMORY, Backing.DISK}) {
            Dataset rna = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLabelColumn("celltype"));
            assertArrayEquals(expected, rna.labels(), b + ": rna's cells in rna's order, though the global obs lists them backwards");
            Dataset prot = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer("prot").withLabelColumn("celltype"));
            assertEquals(List.of("AGGT-1", "AAAC-1", "AAGC-1", "AACT-1"), prot.sampleIds());
            assertArrayEquals(new String[] {"T cell", "T cell", "monocyte", "T cell"}, prot.labels(), b + ": prot's four cells");
            assertEquals(8f, prot.get(0, 1));
        }
        assertArrayEquals(CELL_TYPE, DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("cell_type")).labels(),
                "the modality's own column, as before");
        assertEquals(List.of("cell_type", "celltype", "rna:cell_type"), DatasetReader.preview(p, ReadOptions.defaults(), 2).labelChoices(),
                "the modality's columns, then the global obs's");
        assertEquals(List.of("celltype", "rna:cell_type"),
                DatasetReader.preview(p, ReadOptions.defaults().withLayer("prot"), 2).labelChoices(), "prot has no columns of its own");
        expectError(p, ReadOptions.defaults().withLabelColumn("sample"), "mudata-global-obs.h5mu has no obs column named 'sample'"
                + " (neither in mod/rna/obs nor in the file's global obs); its obs columns are 'cell_type', 'celltype', 'rna:cell_type'.");
    }

    @Test
    void anAnnDataFileWithoutXReadsItsFirstLayerAndSaysSo() throws Exception {
        Path p = fixture("no-x.h5ad");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("cell_type"));
        assertArrayEquals(X, d.values());
        assertArrayEquals(CELL_TYPE, d.labels());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("has no X, so its layer 'counts' is read; it also holds scaled")), d.notes()::toString);
        Dataset scaled = DatasetReader.read(p, ReadOptions.defaults().withLayer("scaled"));
        for (int i = 0; i < X.length; i++) assertEquals(10 * X[i], scaled.values()[i]);
        assertEquals(List.of("counts", "scaled"), DatasetReader.preview(p, ReadOptions.defaults(), 2).matrixChoices(), "no X among the choices");
    }

    @Test
    void pandasNullableIntegerAndBooleanColumnsAreLabelsAndAMissingOneIsNamed() throws Exception {
        Path p = fixture("layers-raw.h5ad");
        assertArrayEquals(new String[] {"2", "1", "0", "4", "1", "2"}, DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("n_genes")).labels());
        expectError(p, ReadOptions.defaults().withLabelColumn("doublet"), "layers-raw.h5ad: obs column 'doublet' has no value for cell 5",
                "--unlabelled drop");
        for (Backing b : new Backing[] {Backing.MEMORY, Backing.DISK}) {
            Dataset kept = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLabelColumn("doublet").withUnlabelled(Unlabelled.DROP));
            assertEquals(List.of("AAAC-1", "AAAG-1", "AACT-1", "AAGC-1", "AGGT-1"), kept.sampleIds(), b + ": the fifth cell left out");
            assertArrayEquals(new String[] {"False", "False", "True", "False", "False"}, kept.labels());
            Dataset all = DatasetReader.read(p, ReadOptions.defaults().withBacking(b));
            for (int c = 0; c < 3; c++) assertEquals(all.get(5, c), kept.get(4, c), b + ": the last cell kept is the file's sixth");
        }
        assertEquals(List.of("cell_type", "doublet", "n_genes"), DatasetReader.preview(p, ReadOptions.defaults(), 2).labelChoices().stream().sorted().toList());
    }

    @Test
    void aLayerThatIsNotThereOrAFileWithOneMatrixIsNamedInOneSentence() throws Exception {
        expectError(fixture("layers-raw.h5ad"), ReadOptions.defaults().withLayer("spliced"),
                "layers-raw.h5ad has no layer named 'spliced'; its matrices are X, counts, lognorm, raw.X (--layer takes one of them)");
        expectError(fixture("csr.h5ad"), ReadOptions.defaults().withLayer(ReadOptions.RAW),
                "csr.h5ad has no raw matrix (raw/X); its matrices are X");
        expectError(fixture("tenx-v3.h5"), ReadOptions.defaults().withLayer("counts"),
                "tenx-v3.h5 is a 10x Genomics .h5 file, which holds one matrix; --layer names a matrix of an .h5ad file");
        Path csv = Files.writeString(dir.resolve("table.csv"), "id,a,b\ns1,1,2\ns2,3,4\n");
        expectError(csv, ReadOptions.defaults().withLayer("counts"), "table.csv is a CSV file, which has one matrix; --layer names a matrix of an .h5ad");
    }

    /** Loom files (genes × cells): as loompy 3 writes them (loom-v3.loom) and in loompy 2's layout (loom-v2.loom). */
    @ParameterizedTest
    @ValueSource(strings = {"loom-v3.loom", "loom-v2.loom"})
    void aLoomFileIsReadCellsAsRowsInMemoryAndOnDisk(String file) throws Exception {
        Path p = fixture(file);
        assertEquals(Format.H5AD, DatasetReader.detect(p));
        boolean v3 = file.contains("v3");
        for (Backing b : new Backing[] {Backing.MEMORY, Backing.DISK}) {
            Dataset d = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLabelColumn(v3 ? "ClusterName" : null));
            assertEquals(6, d.rows());
            assertEquals(4, d.cols());
            for (int r = 0; r < 6; r++) for (int c = 0; c < 4; c++) assertEquals(X[r * 4 + c], d.get(r, c), b + " cell " + r + ", gene " + c);
            assertEquals(CELLS, d.sampleIds());
            assertEquals(GENES, d.featureNames());
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("a Loom file, 6 cells × 4 genes")), d.notes()::toString);
            if (v3) {
                assertArrayEquals(CELL_TYPE, d.labels());
                assertEquals(List.of("ENSG00000000001", "ENSG00000000002", "ENSG00000000003", "ENSG00000000004"), d.geneNames().ids());
                Dataset spliced = DatasetReader.read(p, ReadOptions.defaults().withBacking(b).withLayer("spliced"));
                for (int r = 0; r < 6; r++) for (int c = 0; c < 4; c++) assertEquals(2 * X[r * 4 + c], spliced.get(r, c), b + " spliced " + r + ", " + c);
            } else {
                assertFalse(d.hasLabels());
            }
        }
        if (v3) {
            DatasetReader.Preview preview = DatasetReader.preview(p, ReadOptions.defaults(), 3);
            assertEquals(List.of("X", "spliced"), preview.matrixChoices());
            assertEquals(List.of("ClusterName", "nUMI"), preview.labelChoices().stream().sorted().toList(),
                    "one value a cell: neither the cell names nor a 2-D embedding");
            expectError(p, ReadOptions.defaults().withLabelColumn("tissue"), "loom-v3.loom has no col_attrs column named 'tissue'", "'ClusterName'");
            expectError(p, ReadOptions.defaults().withLayer(ReadOptions.RAW), "loom-v3.loom has no raw matrix (raw/X, which Loom files do not have)");
            // the most variable genes, read while reading as for the other HDF5 files
            Dataset top = DatasetReader.read(p, ReadOptions.defaults().withKeepTopVariable(2));
            assertEquals(2, top.cols());
            assertEquals(Set.copyOf(DatasetReader.read(fixture("csr.h5ad"), ReadOptions.defaults().withKeepTopVariable(2)).featureNames()),
                    Set.copyOf(top.featureNames()), "the same genes as from the same matrix in an .h5ad");
        }
    }
}
