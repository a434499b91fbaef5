package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.expectError;
import static org.caeworkbench.data.TestFiles.write;
import static org.caeworkbench.data.TestFiles.writeGzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GCT files: features are rows, so samples come from the columns; the dimension line is checked. */
class GctReadingTest {
    @TempDir Path dir;

    static final String GCT = "#1.2\n3\t2\nName\tDescription\tP1\tP2\n1000_at\tMAPK3\t7.5\t7.25\n"
            + "1001_at\tTIE1\t5\t5.5\n1002_f_at\tCYP2C19\t3.5\t-1\n";

    @Test
    void featuresAreRowsAndSamplesColumns() throws Exception {
        Dataset d = DatasetReader.read(write(dir, "expr.gct", GCT), ReadOptions.defaults());
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertEquals(List.of("1000_at", "1001_at", "1002_f_at"), d.featureNames());
        assertEquals(List.of("P1", "P2"), d.sampleIds());
        assertArrayEquals(new float[] {7.5f, 5, 3.5f, 7.25f, 5.5f, -1}, d.values());
        assertFalse(d.hasLabels());
        assertEquals(Format.GCT, DatasetReader.detect(dir.resolve("expr.gct")));
    }

    @Test
    void recognisedByItsFirstLineWhateverTheNameAndGzipped() throws Exception {
        Path p = writeGzip(dir, "expr.txt.gz", GCT);
        assertEquals(Format.GCT, DatasetReader.detect(p));
        assertEquals(3, DatasetReader.read(p, ReadOptions.defaults()).cols());
    }

    @Test
    void spreadsheetPaddingAndWindowsLineEndsAreAccepted() throws Exception {
        String padded = "#1.2\t\t\t\r\n2\t1\t\t\r\nName\tDescription\tS1\t\r\ng1\tna\t1\t\r\ng2\tna\t2\t\r\n";
        Dataset d = DatasetReader.read(write(dir, "padded.gct", padded), ReadOptions.defaults());
        assertEquals(List.of("g1", "g2"), d.featureNames());
        assertArrayEquals(new float[] {1, 2}, d.values());
    }

    @Test
    void theDimensionLineIsCheckedAgainstTheContent() throws Exception {
        expectError(write(dir, "fewer.gct", GCT.replace("3\t2", "4\t2")), ReadOptions.defaults(),
                "fewer.gct ends after 3 feature rows", "line 2 announces 4");
        expectError(write(dir, "more.gct", GCT.replace("3\t2", "2\t2")), ReadOptions.defaults(),
                "more.gct, line 6", "beyond the 2 that line 2 announces");
        expectError(write(dir, "samples.gct", GCT.replace("3\t2", "3\t3")), ReadOptions.defaults(),
                "samples.gct, line 3", "names 2 samples", "line 2 announces 3");
        expectError(write(dir, "dims.gct", GCT.replace("3\t2", "3 two")), ReadOptions.defaults(), "dims.gct, line 2", "two numbers");
        expectError(write(dir, "huge.gct", GCT.replace("3\t2", "30000000\t2")), ReadOptions.defaults(),
                "huge.gct, line 2", "far more values than the file holds");
        expectError(write(dir, "version.gct", GCT.replace("#1.2", "#2.0")), ReadOptions.defaults().withFormat(Format.GCT),
                "version.gct, line 1", "'#1.2'");
    }

    @Test
    void badValuesAndRaggedRowsNameLineAndSample() throws Exception {
        expectError(write(dir, "text.gct", GCT.replace("5\t5.5", "5\thigh")), ReadOptions.defaults(),
                "text.gct, line 5, column 'P2' (4)", "'high' is not a number");
        expectError(write(dir, "short.gct", GCT.replace("\t5\t5.5", "\t5")), ReadOptions.defaults(),
                "short.gct, line 5", "expected 4 tab-separated fields", "found 3");
        expectError(write(dir, "na.gct", GCT.replace("5\t5.5", "5\tNA")), ReadOptions.defaults(),
                "na.gct, line 5, column 'P2' (4)", "--impute mean");
        Dataset d = DatasetReader.read(dir.resolve("na.gct"), ReadOptions.defaults().withImpute(Imputation.MEAN));
        assertEquals(Float.NaN, d.get(1, 1));
    }

    @Test
    void gct13ColumnAnnotationsCanBeTheLabels() throws Exception {
        String v13 = "#1.3\n2\t3\t1\t2\nid\tsymbol\tA\tB\tC\nsubtype\tna\tB1\tT2\tB1\nbatch\tna\t1\t1\t2\n"
                + "g1\tTP53\t1\t2\t3\ng2\tMYC\t4\t5\t6\n";
        Path p = write(dir, "v13.gct", v13);
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("subtype"));
        assertEquals(List.of("A", "B", "C"), d.sampleIds());
        assertEquals(List.of("g1", "g2"), d.featureNames());
        assertArrayEquals(new String[] {"B1", "T2", "B1"}, d.labels());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, d.values());
        assertEquals(List.of("subtype", "batch"), DatasetReader.preview(p, ReadOptions.defaults(), 2).labelChoices());
        expectError(p, ReadOptions.defaults().withLabelColumn("tissue"), "v13.gct has no column annotation named 'tissue'", "'subtype'");
    }

    @Test
    void gct12HasNoLabelsSoALabelColumnPointsToALabelsFile() throws Exception {
        expectError(write(dir, "x.gct", GCT), ReadOptions.defaults().withLabelColumn("subtype"), "x.gct is GCT 1.2", "--labels-file");
    }

    @Test
    void labelsFromASampleAnnotationFileMatchedById() throws Exception {
        Path gct = write(dir, "x.gct", GCT);
        Path csv = write(dir, "labels.csv", "sample_id,label\nP2,T\nP1,B\nP9,B\n");
        Dataset d = DatasetReader.read(gct, ReadOptions.defaults().withLabelsFile(csv));
        assertArrayEquals(new String[] {"B", "T"}, d.labels());
        // an id that is not in the data is ignored, and said
        assertEquals(1, d.notes().stream().filter(n -> n.contains("1 sample ids are not in x.gct")).count(), d.notes()::toString);

        Path many = write(dir, "annotations.tsv", "sample\tage\tsubtype\nP1\t40\tB2\nP2\t51\tT3\n");
        assertArrayEquals(new String[] {"B2", "T3"},
                DatasetReader.read(gct, ReadOptions.defaults().withLabelsFile(many).withLabelColumn("subtype")).labels());
        Path semicolons = write(dir, "excel.csv", "sample;subtype\nP1;B, early\nP2;T\n");   // a spreadsheet's where the comma is the decimal mark
        assertArrayEquals(new String[] {"B, early", "T"}, DatasetReader.read(gct, ReadOptions.defaults().withLabelsFile(semicolons)).labels());
        Path headerless = write(dir, "plain.tsv", "P1\tB\nP2\tT\n");
        assertArrayEquals(new String[] {"B", "T"}, DatasetReader.read(gct, ReadOptions.defaults().withLabelsFile(headerless)).labels());
        Path cls = write(dir, "classes.cls", "2 2 1\n# B T\nB T\n");
        assertArrayEquals(new String[] {"B", "T"}, DatasetReader.read(gct, ReadOptions.defaults().withLabelsFile(cls)).labels());

        expectError(gct, ReadOptions.defaults().withLabelsFile(write(dir, "partial.csv", "id,label\nP1,B\n")),
                "partial.csv has no label for 1 of the 2 samples", "'P2'");
        expectError(gct, ReadOptions.defaults().withLabelsFile(write(dir, "clash.csv", "id,label\nP1,B\nP2,T\nP1,T\n")),
                "clash.csv, line 4", "'P1'", "line 2 gave it 'B'");
        expectError(gct, ReadOptions.defaults().withLabelsFile(write(dir, "which.csv", "id,age,sex\nP1,1,f\nP2,2,m\n")),
                "which.csv, line 1", "--label-column");
        expectError(gct, ReadOptions.defaults().withLabelsFile(write(dir, "short.cls", "3 2 1\n# B T\nB T B\n")),
                "short.cls has 3 labels", "x.gct has 2 samples");
        expectError(gct, ReadOptions.defaults().withLabelsFile(dir.resolve("none.csv")), "none.csv does not exist");
    }

    @Test
    void aForcedOrientationThatContradictsTheFormatIsRefused() throws Exception {
        expectError(write(dir, "x.gct", GCT), ReadOptions.defaults().withOrientation(Orientation.SAMPLES_AS_ROWS),
                "x.gct is a GCT file, which always has features as rows");
        Dataset d = DatasetReader.read(dir.resolve("x.gct"), ReadOptions.defaults().withTranspose(true));
        assertEquals(2, d.rows());
        assertNull(d.labels());
    }

    @Test
    void keepingTheMostVariableFeaturesOfADenseFile() throws Exception {
        // a negative value: ranked by the variance of the values (0.0156, 0.0625, 5.06)
        Dataset d = DatasetReader.read(write(dir, "x.gct", GCT), ReadOptions.defaults().withKeepTopVariable(2));
        assertEquals(List.of("1001_at", "1002_f_at"), d.featureNames());
        assertArrayEquals(new float[] {5, 3.5f, 5.5f, -1}, d.values());
        assertEquals(1, d.notes().stream().filter(n -> n.contains("kept the 2 most variable of 3 features (ranked by variance)")).count(),
                d.notes()::toString);
    }
}
