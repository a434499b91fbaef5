package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialog's preview is the reader's own reading of the start of the file. */
class FilePreviewTest {

    static Path wideCsv(Path dir) throws Exception {
        StringBuilder b = new StringBuilder("sample");
        for (int c = 0; c < 15; c++) b.append(",g").append(c);
        b.append('\n');
        for (int r = 0; r < 30; r++) {
            b.append("s").append(r);
            for (int c = 0; c < 15; c++) b.append(',').append(r * 100 + c);
            b.append('\n');
        }
        Path f = dir.resolve("wide.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void firstSamplesAndFeatures(@TempDir Path tmp) throws Exception {
        FilePreview p = FilePreview.read(wideCsv(tmp), ReadOptions.defaults());
        assertEquals(List.of("sample", "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"), p.columns());
        assertEquals(FilePreview.ROWS, p.rows().size());
        assertEquals(List.of("s0", "0", "1", "2", "3", "4", "5", "6", "7", "8"), p.rows().get(0));
        assertEquals("901", p.rows().get(9).get(2));
        assertEquals(16, p.labelCandidates().size());
        assertTrue(p.note().startsWith("Delimited text (CSV); one row per sample"), p.note());
    }

    @Test
    void transposed(@TempDir Path tmp) throws Exception {
        FilePreview p = FilePreview.read(wideCsv(tmp), ReadOptions.defaults().withOrientation(Orientation.FEATURES_AS_ROWS));
        assertEquals(List.of("sample", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"), p.columns());
        assertEquals(FilePreview.ROWS, p.rows().size());
        assertEquals(List.of("g0", "0", "100", "200", "300", "400", "500", "600", "700", "800"), p.rows().get(0));
        assertEquals(30, p.labelCandidates().size());
        assertEquals("s29", p.labelCandidates().get(29));
        assertTrue(p.note().contains("one row per feature in the file"), p.note());
    }

    @Test
    void labelsAreAColumnOfThePreviewAndTheGuessIsSaid(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("genes.tsv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("gene\tA\tB\nTP53\t1\t2.5\nsubtype\tx\ty\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        FilePreview p = FilePreview.read(f, ReadOptions.defaults().withLabelColumn("subtype"));
        assertEquals(List.of("sample", "label", "TP53"), p.columns());
        assertEquals(List.of(List.of("A", "x", "1"), List.of("B", "y", "2.5000")), p.rows());
        assertTrue(p.note().contains("Tab-separated") && p.note().contains("features taken as rows"), p.note());
    }

    @Test
    void theBundledGctAnd10xSamples() throws Exception {
        Path samples = Samples.folder().orElseThrow();
        FilePreview gct = FilePreview.read(samples.resolve("all-leukemia-gct/all_leukemia.gct.gz"),
                ReadOptions.defaults().withLabelsFile(samples.resolve("all-leukemia-gct/labels.csv")));
        assertEquals(List.of("sample", "label", "1005_at"), gct.columns().subList(0, 3));
        assertEquals(List.of("01005", "B2", "8.5710"), gct.rows().get(0).subList(0, 3));
        assertTrue(gct.note().startsWith("GCT expression table; one row per feature"), gct.note());
        FilePreview tenx = FilePreview.read(samples.resolve("all-leukemia-10x"), ReadOptions.defaults());
        assertEquals(gct.rows().get(0).get(2), tenx.rows().get(0).get(1));
        assertTrue(tenx.note().startsWith("10x Genomics"), tenx.note());
    }

    @Test
    void genesNamedByEnsemblIdShowTheirSymbols() throws Exception {
        // CELLxGENE's layout: the var index holds the ids, feature_name the symbols
        FilePreview p = FilePreview.read(Path.of("src/test/resources/data/h5ad/ensembl-index.h5ad"), ReadOptions.defaults());
        assertEquals(List.of("sample", "ENSG00000000001 (CD3E)", "ENSG00000000002 (MS4A1)"), p.columns().subList(0, 3));
    }

    @Test
    void aBrokenFileFailsWithTheReadersSentence(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("train-images-idx3-ubyte");
        Files.write(f, new byte[] {0, 0, 8, 3});
        DataException e = assertThrows(DataException.class, () -> FilePreview.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte ends early"), e.getMessage());
    }
}
