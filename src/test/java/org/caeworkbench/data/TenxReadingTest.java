package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.expectError;
import static org.caeworkbench.data.TestFiles.write;
import static org.caeworkbench.data.TestFiles.writeGzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10x Genomics folders: a Matrix Market matrix of features × cells with features and barcodes files. */
class TenxReadingTest {
    @TempDir Path dir;

    /** 4 genes × 3 cells; cell 2 has no counts. */
    static final String MATRIX = "%%MatrixMarket matrix coordinate integer general\n%metadata_json: {}\n4 3 5\n"
            + "1 1 3\n4 1 1\n2 3 7\n3 3 2\n4 3 10\n";
    static final String FEATURES = "ENSG1\tCD3E\tGene Expression\nENSG2\tMS4A1\tGene Expression\n"
            + "ENSG3\tLYZ\tGene Expression\nENSG4\tNKG7\tGene Expression\n";
    static final String BARCODES = "AAAC-1\nAAAG-1\nAACT-1\n";

    static Path folder(Path parent, String name, String matrix, String features, String barcodes) throws Exception {
        Path f = Files.createDirectories(parent.resolve(name));
        writeGzip(f, "matrix.mtx.gz", matrix);
        if (features != null) writeGzip(f, "features.tsv.gz", features);
        if (barcodes != null) writeGzip(f, "barcodes.tsv.gz", barcodes);
        return f;
    }

    @Test
    void aFolderReadsAsCellsByGenes() throws Exception {
        Path f = folder(dir, "filtered_feature_bc_matrix", MATRIX, FEATURES, BARCODES);
        assertEquals(Format.MTX, DatasetReader.detect(f));
        Dataset d = DatasetReader.read(f, ReadOptions.defaults());
        assertEquals(3, d.rows());
        assertEquals(4, d.cols());
        assertEquals(List.of("CD3E", "MS4A1", "LYZ", "NKG7"), d.featureNames());
        assertEquals(List.of("AAAC-1", "AAAG-1", "AACT-1"), d.sampleIds());
        assertArrayEquals(new float[] {3, 0, 0, 1, 0, 0, 0, 0, 0, 7, 2, 10}, d.values());
        assertEquals("filtered_feature_bc_matrix", d.name());
        // the matrix file itself reads the same, and so does the uncompressed layout with genes.tsv
        assertArrayEquals(d.values(), DatasetReader.read(f.resolve("matrix.mtx.gz"), ReadOptions.defaults()).values());
        Path old = Files.createDirectories(dir.resolve("hg19"));
        write(old, "matrix.mtx", MATRIX);
        write(old, "genes.tsv", "ENSG1\tCD3E\nENSG2\tMS4A1\nENSG3\tLYZ\nENSG4\tNKG7\n");
        write(old, "barcodes.tsv", BARCODES);
        Dataset o = DatasetReader.read(old, ReadOptions.defaults());
        assertEquals(d.featureNames(), o.featureNames());
        assertArrayEquals(d.values(), o.values());
    }

    @Test
    void geoStylePrefixedFilesAndARealMatrix() throws Exception {
        Path f = Files.createDirectories(dir.resolve("GSE1"));
        writeGzip(f, "GSM1_matrix.mtx.gz", MATRIX.replace("integer", "real").replace("4 3 10", "4 3 1.5e1"));
        writeGzip(f, "GSM1_features.tsv.gz", FEATURES);
        writeGzip(f, "GSM1_barcodes.tsv.gz", BARCODES);
        Dataset d = DatasetReader.read(f, ReadOptions.defaults());
        assertEquals(15f, d.get(2, 3));
        assertEquals("AAAC-1", d.sampleIds().get(0));
    }

    @Test
    void repeatedGeneNamesGetTheirIdAndANote() throws Exception {
        Path f = folder(dir, "dup", MATRIX, FEATURES.replace("\tLYZ\t", "\tCD3E\t"), BARCODES);
        Dataset d = DatasetReader.read(f, ReadOptions.defaults());
        assertEquals(List.of("CD3E", "MS4A1", "CD3E_ENSG3", "NKG7"), d.featureNames());
        assertTrue(d.notes().get(0).contains("1 gene name repeats"), d.notes()::toString);
    }

    @Test
    void withoutFeaturesAndBarcodesTheNamesAreNumbered() throws Exception {
        Path m = write(dir, "counts.mtx", MATRIX);
        Dataset d = DatasetReader.read(m, ReadOptions.defaults());
        assertEquals(List.of("feature_1", "feature_2", "feature_3", "feature_4"), d.featureNames());
        assertEquals(List.of("cell_1", "cell_2", "cell_3"), d.sampleIds());
        assertEquals(2, d.notes().size());
    }

    @Test
    void keepingTheMostVariableGenesWhileReadingKeepsTheRightOnesInOrder() throws Exception {
        // keep 2 of 4 genes, ranked by the variance of log(1 + count) over the 3 cells
        Path f = folder(dir, "tenx", MATRIX, FEATURES, BARCODES);
        Dataset all = DatasetReader.read(f, ReadOptions.defaults());
        Dataset top = DatasetReader.read(f, ReadOptions.defaults().withKeepTopVariable(2));
        double[] logVar = new double[4];
        for (int c = 0; c < 4; c++) {
            double s = 0;
            double q = 0;
            for (int r = 0; r < 3; r++) {
                double l = Math.log1p(all.get(r, c));
                s += l;
                q += l * l;
            }
            logVar[c] = q / 3 - (s / 3) * (s / 3);
        }
        // by hand: NKG7 (log 2, 0, log 11) and MS4A1 (0, 0, log 8) beat CD3E (log 4, 0, 0) and LYZ (0, 0, log 3)
        assertTrue(logVar[3] > logVar[1] && logVar[1] > logVar[0] && logVar[0] > logVar[2]);
        assertEquals(List.of("MS4A1", "NKG7"), top.featureNames());
        assertArrayEquals(all.selectColumns(new int[] {1, 3}).values(), top.values());
        assertTrue(top.notes().stream().anyMatch(n -> n.contains("kept the 2 most variable of 4 features")), top.notes()::toString);
        // asking for more than there are keeps them all
        assertEquals(4, DatasetReader.read(f, ReadOptions.defaults().withKeepTopVariable(10)).cols());
    }

    @Test
    void labelsComeFromABarcodeAnnotationFile() throws Exception {
        Path f = folder(dir, "tenx", MATRIX, FEATURES, BARCODES);
        Path labels = write(dir, "cell_types.csv", "barcode,cell_type\nAACT-1,NK\nAAAC-1,T\nAAAG-1,empty\n");
        Dataset d = DatasetReader.read(f, ReadOptions.defaults().withLabelsFile(labels));
        assertArrayEquals(new String[] {"T", "empty", "NK"}, d.labels());
        expectError(f, ReadOptions.defaults().withLabelColumn("cell_type"), "matrix.mtx.gz", "no label column", "--labels-file");
    }

    @Test
    void brokenMatricesNameFileAndLine() throws Exception {
        expectError(folder(dir, "range", MATRIX.replace("2 3 7", "5 3 7"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 6", "feature 5 is outside 1..4");
        expectError(folder(dir, "cell", MATRIX.replace("2 3 7", "2 4 7"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 6", "cell 4 is outside 1..3");
        expectError(folder(dir, "fewer", MATRIX.replace("4 3 5", "4 3 6"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz ends after 5 entries", "line 3 announces 6");
        expectError(folder(dir, "more", MATRIX.replace("4 3 5", "4 3 4"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 8", "beyond the 4 that line 3 announces");
        expectError(folder(dir, "twice", MATRIX.replace("3 3 2", "2 3 2"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 7", "feature 2 of cell 3 is given a second time");
        expectError(folder(dir, "text", MATRIX.replace("3 3 2", "3 3 two"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 7", "'two'");
        expectError(folder(dir, "extra", MATRIX.replace("3 3 2", "3 3 2 9"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 7", "after the last number");
        expectError(folder(dir, "banner", MATRIX.replace("coordinate integer general", "array real general"), FEATURES, BARCODES),
                ReadOptions.defaults(), "matrix.mtx.gz, line 1", "'coordinate'");
        expectError(folder(dir, "sym", MATRIX.replace("general", "symmetric"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 1", "'general'");
        expectError(folder(dir, "size", MATRIX.replace("4 3 5", "4 3"), FEATURES, BARCODES), ReadOptions.defaults(),
                "matrix.mtx.gz, line 3", "number of entries");
        expectError(folder(dir, "promise", MATRIX.replace("4 3 5", "400000 300000 90000000"), FEATURES, BARCODES),
                ReadOptions.defaults(), "matrix.mtx.gz, line 3", "more than the file can hold");
        expectError(folder(dir, "genes", MATRIX, FEATURES + "ENSG5\tCD8A\tGene Expression\n", BARCODES), ReadOptions.defaults(),
                "features.tsv.gz, line 5", "more features than the 4");
        expectError(folder(dir, "cells", MATRIX, FEATURES, "AAAC-1\nAAAG-1\n"), ReadOptions.defaults(),
                "barcodes.tsv.gz lists 2 barcodes", "matrix.mtx.gz has 3 cells");
        expectError(Files.createDirectories(dir.resolve("empty")), ReadOptions.defaults(), "is a folder without matrix.mtx");
    }

    @Test
    void aPreviewReadsTheFirstCells() throws Exception {
        Path f = folder(dir, "tenx", MATRIX, FEATURES, BARCODES);
        DatasetReader.Preview p = DatasetReader.preview(f, ReadOptions.defaults(), 2);
        assertEquals(Format.MTX, p.format());
        assertEquals(2, p.head().rows());
        assertArrayEquals(new float[] {3, 0, 0, 1, 0, 0, 0, 0}, p.head().values());
    }
}
