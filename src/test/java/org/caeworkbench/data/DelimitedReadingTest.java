package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.expectError;
import static org.caeworkbench.data.TestFiles.write;
import static org.caeworkbench.data.TestFiles.writeGzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good CSV and TSV files in their common variations. */
class DelimitedReadingTest {
    @TempDir Path dir;

    private static Dataset read(Path p) throws DataException {
        return DatasetReader.read(p, ReadOptions.defaults());
    }

    @Test
    void csvWithIdsAndLabels() throws Exception {
        Dataset d = read(write(dir, "small.csv", "sample_id,a,b,label\ns1,1,2,x\ns2,3.5,-4e-1,y\ns3,0,1e3,x\n"));
        assertEquals(3, d.rows());
        assertEquals(2, d.cols());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("s1", "s2", "s3"), d.sampleIds());
        assertArrayEquals(new String[] {"x", "y", "x"}, d.labels());
        assertArrayEquals(new float[] {1, 2, 3.5f, -0.4f, 0, 1000}, d.values());
        assertEquals("small.csv", d.name());
        assertFalse(d.isImage());
    }

    @Test
    void aSpreadsheetSavedWithSemicolonsAndDecimalCommasIsReadWithANote() throws Exception {
        // as Excel saves "CSV" where the comma is the decimal mark: a byte-order mark, CRLF, quoted names, both marks
        Path p = dir.resolve("excel.csv");
        java.nio.file.Files.write(p, ("\uFEFFsample;\"IL-6; serum\";CD4;label\r\ns1;1,5;-2,25e1;A\r\ns2;3;0,125;B\r\ns3;4.5;NA;A\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withImpute(Imputation.MEAN));
        assertEquals(List.of("IL-6; serum", "CD4"), d.featureNames());
        assertEquals(List.of("s1", "s2", "s3"), d.sampleIds());
        assertArrayEquals(new String[] {"A", "B", "A"}, d.labels());
        float[] v = d.values();
        assertArrayEquals(new float[] {1.5f, -22.5f, 3f, 0.125f, 4.5f}, new float[] {v[0], v[1], v[2], v[3], v[4]});
        assertTrue(Float.isNaN(v[5]), "NA is a missing value (for the imputer): " + v[5]);
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("separated by semicolons") && n.contains("decimal comma")), d.notes().toString());
        // a comma-separated file is read as before: its commas separate, its points are decimal marks
        Dataset plain = read(write(dir, "plain.csv", "a,b\n1.5,2\n"));
        assertArrayEquals(new float[] {1.5f, 2f}, plain.values());
        assertTrue(plain.notes().stream().noneMatch(n -> n.contains("semicolons")));
    }

    @Test
    void aTabSeparatedTableNamedCsvAndACommaSeparatedOneNamedTsvAreReadWithANote() throws Exception {
        Dataset tabs = read(write(dir, "tabs.csv", "id\ta\tb\ns1\t1\t2\ns2\t3\t4\n"));
        assertEquals(List.of("a", "b"), tabs.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, tabs.values());
        assertTrue(tabs.notes().stream().anyMatch(n -> n.contains("separated by tabs, not commas as its name suggests")), tabs.notes().toString());
        Dataset commas = read(write(dir, "commas.tsv", "id,a,b\ns1,1,2\ns2,3,4\n"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, commas.values());
        assertTrue(commas.notes().stream().anyMatch(n -> n.contains("separated by commas, not tabs")), commas.notes().toString());
    }

    @Test
    void linesThatAllEndInASeparatorLoseTheirEmptyLastColumn() throws Exception {
        Dataset rows = read(write(dir, "trailing.csv", "id,a,b,label,\ns1,1,2,x,\ns2,3,4,y,\n"));
        assertEquals(List.of("a", "b"), rows.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, rows.values());
        assertArrayEquals(new String[] {"x", "y"}, rows.labels());
        assertTrue(rows.notes().stream().anyMatch(n -> n.contains("every line ends in a separator")), rows.notes().toString());
        // genes as rows, the same
        Dataset genes = read(write(dir, "genes.csv", "gene,s1,s2,s3,\nG1,1,2,3,\nG2,4,5,6,\n"));
        assertEquals(List.of("s1", "s2", "s3"), genes.sampleIds());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, genes.values());
        // a value in the nameless column after the first row is refused, naming the line
        expectError(write(dir, "late.csv", "id,a,\ns1,1,\ns2,3,9\n"), ReadOptions.defaults(), "late.csv, line 3", "'9' in the last column");
        expectError(write(dir, "lateg.csv", "gene,s1,s2,\nG1,1,2,\nG2,3,4,5\n"), ReadOptions.defaults(), "lateg.csv, line 3", "'5' in the last column");
    }

    @Test
    void withoutIdColumnTheIdsAreRowNumbersAndWithoutLabelColumnThereAreNoLabels() throws Exception {
        Dataset d = read(write(dir, "plain.csv", "a,b\n1,2\n3,4\n"));
        assertEquals(List.of("1", "2"), d.sampleIds());
        assertFalse(d.hasLabels());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.values());
    }

    @Test
    void aFirstColumnOfTextIsTakenAsIds() throws Exception {
        Dataset d = read(write(dir, "patients.csv", "patient,a,b\nP-01,1,2\nP-02,3,4\n"));
        assertEquals(List.of("P-01", "P-02"), d.sampleIds());
        assertEquals(List.of("a", "b"), d.featureNames());
    }

    @Test
    void numericIdsUnderAnIdHeaderStayStrings() throws Exception {
        Dataset d = read(write(dir, "ids.csv", "id,a\n01005,1\n007,2\n"));
        assertEquals(List.of("01005", "007"), d.sampleIds());
        assertEquals(1, d.cols());
    }

    @Test
    void emptyCornerNameMeansIds() throws Exception {
        Dataset d = read(write(dir, "pandas.csv", ",a,b\n0,1,2\n1,3,4\n"));
        assertEquals(List.of("0", "1"), d.sampleIds());
        assertEquals(List.of("a", "b"), d.featureNames());
    }

    @Test
    void rStyleHeaderWithoutCornerCell() throws Exception {
        Dataset d = read(write(dir, "r.csv", "a,b\nr1,1,2\nr2,3,4\n"));
        assertEquals(List.of("r1", "r2"), d.sampleIds());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.values());
    }

    @Test
    void classColumnIsFoundInAnyCaseAndAnyPosition() throws Exception {
        Dataset d = read(write(dir, "c.csv", "Class,a\nB,1\nT,2\n"));
        assertArrayEquals(new String[] {"B", "T"}, d.labels());
        assertEquals(List.of("a"), d.featureNames());
        assertEquals(List.of("1", "2"), d.sampleIds());
    }

    @Test
    void namedLabelColumn() throws Exception {
        Path p = write(dir, "named.csv", "id,a,diagnosis,b\ns1,1,sick,2\ns2,3,well,4\n");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("diagnosis"));
        assertArrayEquals(new String[] {"sick", "well"}, d.labels());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.values());
    }

    @Test
    void aNamedLabelColumnThatIsNotThereListsTheColumns() throws Exception {
        Path p = write(dir, "named.csv", "id,a,b\ns1,1,2\n");
        expectError(p, ReadOptions.defaults().withLabelColumn("diagnosis"), "named.csv", "'diagnosis'", "'a'", "'b'");
    }

    @Test
    void tsvByExtensionAndBySniffing() throws Exception {
        String text = "id\ta\tb\ns1\t1\t2\n";
        for (String name : new String[] {"t.tsv", "t.txt", "t.dat", "t.tsv.gz"}) {
            Path p = name.endsWith(".gz") ? writeGzip(dir, name, text) : write(dir, name, text);
            Dataset d = read(p);
            assertEquals(List.of("a", "b"), d.featureNames(), name);
            assertArrayEquals(new float[] {1, 2}, d.values(), name);
        }
    }

    @Test
    void forcingCsvOnATabFileSaysSo() throws Exception {
        Path p = write(dir, "t.tsv", "id\ta\tb\ns1\t1\t2\n");
        expectError(p, ReadOptions.defaults().withFormat(Format.CSV), "t.tsv", "line 1", "tabs", "--format tsv");
    }

    @Test
    void quotedFields() throws Exception {
        Path p = write(dir, "q.csv", "\"id\",\"a\",\"b, c\",\"label\"\n\"s,1\",\"1.5\",2,\"say \"\"hi\"\"\"\n \"s2\" , 3 , \"4\" ,x\n");
        Dataset d = read(p);
        assertEquals(List.of("a", "b, c"), d.featureNames());
        assertEquals(List.of("s,1", "s2"), d.sampleIds());
        assertArrayEquals(new String[] {"say \"hi\"", "x"}, d.labels());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4}, d.values());
    }

    @Test
    void lineEndsBlankLinesByteOrderMarkAndNoFinalNewline() throws Exception {
        String[] variants = {
            "a,b\r\n1,2\r\n3,4\r\n",
            "a,b\n1,2\n3,4\n\n\n",
            "a,b\n1,2\n\n3,4",
            "\uFEFFa,b\n1,2\n3,4\n",
            "a,b\r1,2\r3,4\r",
        };
        for (String v : variants) {
            Dataset d = read(write(dir, "v.csv", v));
            assertEquals(List.of("a", "b"), d.featureNames(), v);
            assertArrayEquals(new float[] {1, 2, 3, 4}, d.values(), v);
        }
    }

    @Test
    void lineNumbersCountPhysicalLinesIncludingBlankOnes() throws Exception {
        Path p = write(dir, "gaps.csv", "a,b\r\n\r\n1,2\r\n\r\n3,x\r\n");
        expectError(p, ReadOptions.defaults(), "gaps.csv, line 5, column 'b' (2)");
    }

    @Test
    void longFilesAndWideRowsCrossBufferBoundaries() throws Exception {
        for (String end : new String[] {"\r\n", "\r", "\n"}) {
            StringBuilder sb = new StringBuilder("a,b").append(end);
            for (int i = 0; i < 30000; i++) sb.append(i).append(',').append(i * 2).append(end);
            Dataset d = read(write(dir, "long.csv", sb.toString()));
            assertEquals(30000, d.rows());
            assertEquals(29999f * 2, d.get(29999, 1));
            sb.append("1,x").append(end);
            expectError(write(dir, "long_bad.csv", sb.toString()), ReadOptions.defaults(), "long_bad.csv, line 30002, column 'b'");
        }
        StringBuilder wide = new StringBuilder("id");
        for (int c = 0; c < 30000; c++) wide.append(",gene").append(c);
        wide.append('\n');
        for (int r = 0; r < 3; r++) {
            wide.append("s").append(r);
            for (int c = 0; c < 30000; c++) wide.append(',').append(r + c * 0.001);
            wide.append('\n');
        }
        Dataset d = read(writeGzip(dir, "wide.csv.gz", wide.toString()));
        assertEquals(30000, d.cols());
        assertEquals(2 + 29999 * 0.001f, d.get(2, 29999), 1e-3f);
        assertEquals("gene29999", d.featureNames().get(29999));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotItsName() throws Exception {
        Dataset d = read(writeGzip(dir, "hidden.csv", "a,b\n1,2\n"));
        assertArrayEquals(new float[] {1, 2}, d.values());
        Dataset plain = read(write(dir, "plain.csv.gz", "a,b\n1,2\n"));   // named .gz but not compressed
        assertArrayEquals(new float[] {1, 2}, plain.values());
    }

    @Test
    void transposedGeneTableWithLabelRow() throws Exception {
        Path p = write(dir, "genes.tsv", "gene\tS1\tS2\tS3\nTP53\t1\t2\t3\nBRCA1\t4\t5\t6\ntype\tB\tT\tB\n");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withTranspose(true).withLabelColumn("type"));
        assertEquals(3, d.rows());
        assertEquals(2, d.cols());
        assertEquals(List.of("TP53", "BRCA1"), d.featureNames());
        assertEquals(List.of("S1", "S2", "S3"), d.sampleIds());
        assertArrayEquals(new String[] {"B", "T", "B"}, d.labels());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, d.values());
    }

    @Test
    void transposedFindsALabelRowAutomaticallyAndReportsErrorsByRowAndSample() throws Exception {
        Path p = write(dir, "genes.csv", "gene,S1,S2\nG1,1,2\nlabel,a,b\n");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withTranspose(true));
        assertArrayEquals(new String[] {"a", "b"}, d.labels());
        assertEquals(List.of("G1"), d.featureNames());

        Path bad = write(dir, "bad_genes.csv", "gene,S1,S2\nG1,1,2\nG2,3,oops\n");
        expectError(bad, ReadOptions.defaults().withTranspose(true), "bad_genes.csv, line 3, column 'S2' (3)", "'oops'");
        Path dup = write(dir, "dup_genes.csv", "gene,S1\nG1,1\nG2,2\nG1,3\n");
        Dataset repeated = DatasetReader.read(dup, ReadOptions.defaults().withTranspose(true));
        assertEquals(List.of("G1", "G2", "G1_2"), repeated.featureNames());
        assertTrue(repeated.notes().stream().anyMatch(n -> n.contains("'G1' at line 2 and line 4")), repeated.notes()::toString);
        expectError(p, ReadOptions.defaults().withTranspose(true).withLabelColumn("BT"), "genes.csv, line 3", "'BT'");
        Path noLabels = write(dir, "nolabels.csv", "gene,S1,S2\nG1,1,2\n");
        expectError(noLabels, ReadOptions.defaults().withTranspose(true).withLabelColumn("BT"), "nolabels.csv", "'BT'", "'G1'");
    }

    @Test
    void transposeIsTheSameAsTheUsualLayout() throws Exception {
        Dataset rows = read(write(dir, "rows.csv", "id,g1,g2,g3\ns1,1,2,3\ns2,4,5,6\n"));
        Dataset cols = DatasetReader.read(write(dir, "cols.csv", "id,s1,s2\ng1,1,4\ng2,2,5\ng3,3,6\n"),
                ReadOptions.defaults().withTranspose(true));
        assertArrayEquals(rows.values(), cols.values());
        assertEquals(rows.featureNames(), cols.featureNames());
        assertEquals(rows.sampleIds(), cols.sampleIds());
    }

    @Test
    void pixelNamesInRowMajorOrderMakeAnImage() throws Exception {
        Dataset d = read(write(dir, "img.csv",
                "pixel_0_0,pixel_0_1,pixel_0_2,pixel_1_0,pixel_1_1,pixel_1_2,label\n1,2,3,4,5,6,7\n"));
        assertEquals(new Dataset.ImageShape(2, 3), d.imageShape());
        Dataset shuffled = read(write(dir, "notimg.csv", "pixel_0_0,pixel_1_0,pixel_0_1,pixel_1_1\n1,2,3,4\n"));
        assertNull(shuffled.imageShape());
        Dataset partial = read(write(dir, "partial.csv", "pixel_0_0,pixel_0_1,pixel_1_0\n1,2,3\n"));
        assertNull(partial.imageShape());
    }

    @Test
    void missingValuesAreRefusedWithoutImputationAndNaNWithIt() throws Exception {
        Path p = write(dir, "holes.csv", "id,a,b,c,d,e,f\ns1,1,,NA,NaN,nan,?\ns2,1,2,3,4,5,6\n");
        String m = expectError(p, ReadOptions.defaults(), "holes.csv, line 2, column 'b' (3): missing value", "--impute mean");
        assertTrue(m.endsWith("."));
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withImpute(Imputation.MEAN));
        for (int c = 1; c < 6; c++) assertTrue(Float.isNaN(d.get(0, c)), "column " + c);
        assertEquals(1f, d.get(0, 0));
        assertEquals(6f, d.get(1, 5));
    }

    @Test
    void numbersInTheirUsualSpellingsParseAsFloatParseFloatDoes() throws Exception {
        String[] spelled = {"0", "-0", "+3", ".5", "5.", "1e3", "1E-3", "-2.5e+2", "0.503643884", "7.597323",
            "123456789012345678901234", "3.4028235e38", "1.4e-45", "0.1", "255", "16777217", "9.99999999e-11",
            "0.000000000000000000000000000000000000000000001"};
        StringBuilder sb = new StringBuilder("x\n");
        for (String s : spelled) sb.append(s).append('\n');
        Dataset d = read(write(dir, "numbers.csv", sb.toString()));
        for (int i = 0; i < spelled.length; i++) {
            assertEquals(Float.parseFloat(spelled[i]), d.values()[i], spelled[i]);
        }
    }

    @Test
    void randomDecimalsParseExactlyAsFloatParseFloat() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        String[] spelled = new String[20000];
        StringBuilder sb = new StringBuilder("x\n");
        for (int i = 0; i < spelled.length; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12));
            spelled[i] = switch (i % 4) {
                case 0 -> Double.toString(v);
                case 1 -> String.format(java.util.Locale.ROOT, "%.6f", v);
                case 2 -> String.format(java.util.Locale.ROOT, "%.3e", v);
                default -> Integer.toString(random.nextInt(-100000, 100000));
            };
            sb.append(spelled[i]).append('\n');
        }
        Dataset d = read(write(dir, "random.csv", sb.toString()));
        for (int i = 0; i < spelled.length; i++) assertEquals(Float.parseFloat(spelled[i]), d.values()[i], spelled[i]);
    }

    @Test
    void decimalsNextToTheMidpointBetweenTwoFloatsRoundAsFloatParseFloat() throws Exception {
        // the one place where rounding through a double could differ from rounding straight to float
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        java.util.List<String> spelled = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // mostly everyday magnitudes (1e-3 .. 1e6), where the fast paths apply
            float f = Float.intBitsToFloat(i % 5 == 0 ? random.nextInt(0x00800000, 0x7f000000)
                    : random.nextInt(Float.floatToIntBits(1e-3f), Float.floatToIntBits(1e6f)));
            java.math.BigDecimal mid = new java.math.BigDecimal(f).add(new java.math.BigDecimal(Math.nextUp(f)))
                    .divide(java.math.BigDecimal.valueOf(2));
            for (int digits = 8; digits <= 16; digits++) {
                spelled.add(mid.round(new java.math.MathContext(digits)).toString());
            }
        }
        StringBuilder sb = new StringBuilder("x\n");
        for (String s : spelled) sb.append(s).append('\n');
        Dataset d = read(write(dir, "midpoints.csv", sb.toString()));
        for (int i = 0; i < spelled.size(); i++) {
            assertEquals(Float.parseFloat(spelled.get(i)), d.values()[i], spelled.get(i));
        }
    }

    @Test
    void aLabelColumnThatIsTheOnlyTextColumnKeepsItsStrings() throws Exception {
        Dataset d = read(write(dir, "l.csv", "a,label\n1,01\n2,1.0\n"));
        assertArrayEquals(new String[] {"01", "1.0"}, d.labels());
        assertArrayEquals(new float[] {1, 2}, d.values());
    }
}
