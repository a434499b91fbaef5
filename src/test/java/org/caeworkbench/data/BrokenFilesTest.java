package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.caeworkbench.data.TestFiles.expectError;
import static org.caeworkbench.data.TestFiles.write;
import static org.caeworkbench.data.TestFiles.writeGzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken file gives a DataException with one sentence that names the file and, where there is
 * one, the line and column; no other exception escapes (assertThrows fails on any other type).
 */
class BrokenFilesTest {
    @TempDir Path dir;
    private static final ReadOptions DEFAULTS = ReadOptions.defaults();

    @Test
    void raggedRowSaysHowManyFieldsWereExpectedAndFound() throws Exception {
        Path p = write(dir, "ragged.csv", "id,a,b\ns1,1,2\ns2,3\ns3,4,5\n");
        expectError(p, DEFAULTS, "ragged.csv, line 3", "expected 3 fields", "found 2");
        Path longer = write(dir, "longer.csv", "a,b\n1,2\n3,4,5\n");
        expectError(longer, DEFAULTS, "longer.csv, line 3", "expected 2 fields", "found 3");
    }

    @Test
    void textInANumberColumnNamesLineAndColumn() throws Exception {
        Path p = write(dir, "text.csv", "id,a,b,label\ns1,1,2,x\ns2,3,high,y\n");
        expectError(p, DEFAULTS, "text.csv, line 3, column 'b' (3)", "'high' is not a number", "--label-column");
    }

    @Test
    void columnsOfTextAreRefusedWithTheWayOutOrLeftOutWithANoteWhenAsked() throws Exception {
        Path p = write(dir, "samples.csv", "sample,batch,sex,label,g1,g2\ns1,b0,F,x,1,2.5\ns2,b1,M,y,3,4\ns3,b0,M,x,5,6\n");
        expectError(p, DEFAULTS, "samples.csv, line 2, column 'batch' (2)", "'b0' is not a number", "--label-column",
                "or --text-columns drop (in the window: Text columns) to leave columns of text out");
        ReadOptions drop = DEFAULTS.withTextColumns(TextColumns.DROP);
        Dataset d = DatasetReader.read(p, drop);
        assertEquals(List.of("g1", "g2"), d.featureNames());
        assertEquals(List.of("s1", "s2", "s3"), d.sampleIds());
        assertArrayEquals(new String[] {"x", "y", "x"}, d.labels());
        assertEquals(2.5f, d.get(0, 1));
        assertEquals(5f, d.get(2, 0));
        assertTrue(d.notes().contains("samples.csv: left out 2 columns of text (--text-columns drop): 'batch', 'sex'."), d.notes()::toString);
        assertArrayEquals(new String[] {"F", "M", "M"}, DatasetReader.read(p, drop.withLabelColumn("sex")).labels(), "a text column named as the labels");
        // judged by the first row: text further down a column of numbers is a mistake in the file, refused as before
        Path later = write(dir, "later.csv", "id,a,b\ns1,1,2\ns2,3,high\n");
        String m = expectError(later, drop, "later.csv, line 3, column 'b' (3)", "'high' is not a number");
        assertFalse(m.contains("--text-columns"), m);
        expectError(write(dir, "only.csv", "id,batch\ns1,b0\n"), drop, "only.csv has no feature columns, only id, batch");
    }

    @Test
    void aGeneTablesSymbolAndDescriptionColumnsAreLeftOutWhenAsked() throws Exception {
        // genes as rows with the label row first: the samples' labels follow their columns when text columns are left out
        Path p = write(dir, "genes.tsv", "gene\tsymbol\ts1\ts2\tdescription\nlabel\tx\tB\tT\ty\n"
                + "ENSG01\tACTB\t1\t2\tactin\nENSG02\tGAPDH\t3\t4\tglyceraldehyde\n");
        expectError(p, DEFAULTS.withLabelColumn("label"), "genes.tsv, line 3, column 'symbol' (2)", "--text-columns drop");
        Dataset d = DatasetReader.read(p, DEFAULTS.withLabelColumn("label").withTextColumns(TextColumns.DROP));
        assertEquals(List.of("s1", "s2"), d.sampleIds());
        assertEquals(List.of("ENSG01", "ENSG02"), d.featureNames());
        assertArrayEquals(new String[] {"B", "T"}, d.labels());
        assertEquals(3f, d.get(0, 1));
        assertEquals(2f, d.get(1, 0));
        assertTrue(d.notes().contains("genes.tsv: left out 2 columns of text (--text-columns drop): 'symbol', 'description'."), d.notes()::toString);
    }

    @Test
    void aSecondTextColumnIsNotSilentlyTakenAsLabels() throws Exception {
        Path p = write(dir, "mice.csv", "id,a,Genotype,label\ns1,1,Control,x\n");
        expectError(p, DEFAULTS, "mice.csv, line 2, column 'Genotype' (3)", "'Control'");
    }

    @Test
    void emptyAndBlankFiles() throws Exception {
        expectError(write(dir, "empty.csv", ""), DEFAULTS, "empty.csv is empty");
        expectError(write(dir, "blank.csv", "\n  \n\r\n"), DEFAULTS, "blank.csv is empty");
        expectError(writeGzip(dir, "empty.csv.gz", ""), DEFAULTS, "empty.csv.gz is empty");
    }

    @Test
    void headerOnly() throws Exception {
        expectError(write(dir, "header.csv", "id,a,b\n\n"), DEFAULTS, "header.csv", "only a header row (line 1)", "no data rows");
        expectError(write(dir, "header_t.csv", "gene,s1\n"), DEFAULTS.withTranspose(true), "header_t.csv", "no data rows");
    }

    @Test
    void duplicateFeatureNamesAreMadeUniqueAndSaidSo() throws Exception {
        Path p = write(dir, "dup.csv", "id,a,b,a,a_2,a\ns1,1,2,3,4,5\n");
        Dataset d = DatasetReader.read(p, DEFAULTS);
        // the first keeps its name; repeats get the first free suffix (a_2 is taken by a column of its own)
        assertEquals(java.util.List.of("a", "b", "a_3", "a_2", "a_4"), d.featureNames());
        assertEquals(1, d.notes().size(), d.notes()::toString);
        TestFiles.assertMessage(new Exception(d.notes().get(0)), "dup.csv", "2 feature names repeat", "'a' at column 2 and column 4", "'a_3'");
    }

    @Test
    // a guard only (the separate thread stops a loop that ignores interrupts): reading takes about a
    // second; the quadratic renaming it guards against took minutes
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoHundredThousandIdenticalNamesAreMadeUnique() throws Exception {
        int n = 200_000;
        StringBuilder csv = new StringBuilder("id").append(",x".repeat(n)).append("\ns1").append(",1".repeat(n)).append('\n');
        Dataset d = DatasetReader.read(write(dir, "same.csv", csv.toString()), DEFAULTS);
        java.util.List<String> names = d.featureNames();
        assertEquals(n, names.size());
        assertEquals("x", names.get(0));
        for (int i = 1; i < n; i++) assertEquals("x_" + (i + 1), names.get(i));
        TestFiles.assertMessage(new Exception(d.notes().get(0)), "same.csv", (n - 1) + " feature names repeat", "'x_2'");
    }

    @Test
    void noFeatureColumns() throws Exception {
        expectError(write(dir, "nofeat.csv", "id,label\ns1,x\n"), DEFAULTS, "nofeat.csv", "no feature columns");
    }

    @Test
    void nonFiniteNumbers() throws Exception {
        expectError(write(dir, "inf.csv", "a,b\n1,2\n3,Infinity\n"), DEFAULTS, "inf.csv, line 3, column 'b' (2)", "not a finite number");
        expectError(write(dir, "inf2.csv", "a,b\n-inf,2\n"), DEFAULTS, "inf2.csv, line 2, column 'a' (1)", "not a finite number");
        expectError(write(dir, "big.csv", "a,b\n1,1e39\n"), DEFAULTS, "big.csv, line 2, column 'b' (2)", "not a finite number");
        // infinity is not missing, even when missing values are allowed
        expectError(write(dir, "inf3.csv", "a\n1\ninf\n"), DEFAULTS.withImpute(Imputation.MEAN), "inf3.csv, line 3");
    }

    @Test
    void javaOnlyNumberSpellingsAreText() throws Exception {
        expectError(write(dir, "java.csv", "a\n1f\n"), DEFAULTS, "java.csv, line 2", "'1f' is not a number");
        expectError(write(dir, "hex.csv", "a\n0x1p3\n"), DEFAULTS, "hex.csv, line 2", "not a number");
    }

    @Test
    void aSemicolonSeparatedTableReadAsCsvByForceSaysToLeaveTheFormatToAuto() throws Exception {
        // read without --format it is a table (DelimitedReadingTest)
        expectError(write(dir, "excel.csv", "a;b\n1,5;2\n"), DEFAULTS.withFormat(Format.CSV), "excel.csv, line 1", "semicolons", "--format auto");
    }

    @Test
    void aSpreadsheetWorkbookOrAZipArchiveSaysWhatToOpenInstead() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0};
        java.nio.file.Files.write(dir.resolve("patients.xlsx"), zip);
        expectError(dir.resolve("patients.xlsx"), DEFAULTS, "patients.xlsx is a spreadsheet workbook", "save the sheet as CSV");
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        java.nio.file.Files.write(dir.resolve("old.xls"), ole2);
        expectError(dir.resolve("old.xls"), DEFAULTS, "old.xls is a spreadsheet workbook");
        java.nio.file.Files.write(dir.resolve("download.zip"), zip);
        expectError(dir.resolve("download.zip"), DEFAULTS, "download.zip is a zip archive; unpack it");
    }

    @Test
    void aDecimalCommaWithAThousandsPointIsNotANumber() throws Exception {
        expectError(write(dir, "thousands.csv", "id;a;b\ns1;1.234,5;2\n"), DEFAULTS, "thousands.csv, line 2, column 'a' (2)", "'1.234,5' is not a number");
    }

    @Test
    void missingLabel() throws Exception {
        expectError(write(dir, "nolabel.csv", "a,label\n1,x\n2,\n"), DEFAULTS, "nolabel.csv, line 3, column 'label' (2)", "missing label",
                "--unlabelled drop");
    }

    /** --unlabelled drop: samples without a label are left out, in every place a label comes from, and a note says how many. */
    @Test
    void unlabelledSamplesAreLeftOutWhenAsked() throws Exception {
        ReadOptions drop = DEFAULTS.withUnlabelled(Unlabelled.DROP);
        Dataset csv = DatasetReader.read(write(dir, "gaps.csv", "id,a,b,label\ns1,1,2,x\ns2,3,4,\ns3,5,6,y\ns4,7,8,NA\ns5,9,10,x\n"), drop);
        assertEquals(List.of("s1", "s3", "s5"), csv.sampleIds());
        assertArrayEquals(new String[] {"x", "y", "x"}, csv.labels());
        assertEquals(5f, csv.get(1, 0), "the rows kept keep their values");
        assertTrue(csv.notes().stream().anyMatch(n -> n.contains("gaps.csv: left out 2 of the 5 samples, which have no label (--unlabelled drop), the first 's2'")),
                csv.notes()::toString);
        // a labels file that names only some samples, or leaves a label empty
        Path table = write(dir, "table.csv", "id,a,b\ns1,1,2\ns2,3,4\ns3,5,6\ns4,7,8\n");
        Path labels = write(dir, "labels.csv", "sample_id,label\ns1,x\ns3,\ns4,y\n");
        expectError(table, DEFAULTS.withLabelsFile(labels), "labels.csv, line 3", "missing label for sample 's3'", "--unlabelled drop");
        Dataset some = DatasetReader.read(table, drop.withLabelsFile(labels));
        assertEquals(List.of("s1", "s4"), some.sampleIds());
        assertArrayEquals(new String[] {"x", "y"}, some.labels());
        // every sample without one: one sentence, not an empty dataset
        expectError(write(dir, "none.csv", "id,a,label\ns1,1,\ns2,2,NA\n"), drop, "none.csv: no sample has a label");
        // a file whose samples all have labels is read as it is
        Dataset whole = DatasetReader.read(write(dir, "whole.csv", "id,a,label\ns1,1,x\ns2,2,y\n"), drop);
        assertEquals(2, whole.rows());
    }

    @Test
    void unclosedQuote() throws Exception {
        expectError(write(dir, "quote.csv", "a,b\n\"1,2\n3,4\n"), DEFAULTS, "quote.csv, line 2", "not closed");
        expectError(write(dir, "quote2.csv", "a,b\n\"1\"x,2\n"), DEFAULTS, "quote2.csv, line 2", "after the closing quote");
    }

    @Test
    void badIdxMagic() throws Exception {
        Path p = dir.resolve("bad-images-idx3-ubyte");
        Files.write(p, idx(0x00000804, new int[] {1, 2, 2}, new byte[4]));
        expectError(p, DEFAULTS, "bad-images-idx3-ubyte", "0x00000804", "0x00000803");
        Path csvNamedAsked = write(dir, "table.csv", "a\n1\n");
        expectError(csvNamedAsked, DEFAULTS.withFormat(Format.IDX), "table.csv", "not an IDX images file");
    }

    @Test
    void idxLabelsFileGivenAsData() throws Exception {
        Path p = dir.resolve("x-labels-idx1-ubyte");
        Files.write(p, idx(0x00000801, new int[] {2}, new byte[2]));
        expectError(p, DEFAULTS, "x-labels-idx1-ubyte", "labels file");
    }

    @Test
    void truncatedIdx() throws Exception {
        Path p = dir.resolve("short-images-idx3-ubyte");
        Files.write(p, idx(0x00000803, new int[] {10, 28, 28}, new byte[1000]));
        expectError(p, DEFAULTS, "short-images-idx3-ubyte ends early", "7840", "1000");
        Path header = dir.resolve("tiny-images-idx3-ubyte");
        Files.write(header, new byte[] {0, 0, 8, 3, 0, 0});
        expectError(header, DEFAULTS, "tiny-images-idx3-ubyte ends early");
    }

    @Test
    void idxLabelCountMismatch() throws Exception {
        Path images = dir.resolve("m-images-idx3-ubyte");
        Files.write(images, idx(0x00000803, new int[] {3, 2, 2}, new byte[12]));
        Files.write(dir.resolve("m-labels-idx1-ubyte"), idx(0x00000801, new int[] {2}, new byte[] {1, 2}));
        expectError(images, DEFAULTS, "m-labels-idx1-ubyte has 2 labels", "m-images-idx3-ubyte has 3 images");
    }

    @Test
    void truncatedGzipOfARealFile() throws Exception {
        byte[] whole = Files.readAllBytes(TestFiles.resource("mice_protein.csv.gz"));
        Path half = dir.resolve("mice_half.csv.gz");
        Files.write(half, Arrays.copyOf(whole, whole.length / 2));
        expectError(half, DEFAULTS.withImpute(Imputation.MEAN), "mice_half.csv.gz ends early: the gzip stream is truncated");
        Path idxHalf = dir.resolve("half-images-idx3-ubyte.gz");
        byte[] idx = Files.readAllBytes(TestFiles.sampleOrShared("mnist/train6000-images-idx3-ubyte.gz",
                "mnist/subset/train6000-images-idx3-ubyte.gz"));
        Files.write(idxHalf, Arrays.copyOf(idx, idx.length / 2));
        expectError(idxHalf, DEFAULTS, "half-images-idx3-ubyte.gz ends early: the gzip stream is truncated");
    }

    @Test
    void corruptGzip() throws Exception {
        byte[] whole = Files.readAllBytes(TestFiles.resource("mice_protein.csv.gz"));
        for (int i = 100; i < 400; i++) whole[i] ^= 0x5a;
        Path p = dir.resolve("corrupt.csv.gz");
        Files.write(p, whole);
        expectError(p, DEFAULTS.withImpute(Imputation.MEAN), "corrupt.csv.gz");
    }

    @Test
    @Timeout(30)
    void binaryGarbageGivenAsCsv() throws Exception {
        byte[] garbage = new byte[1 << 20];
        new SplittableRandom(7).nextBytes(garbage);
        Path p = dir.resolve("garbage.csv");
        Files.write(p, garbage);
        expectError(p, DEFAULTS, "garbage.csv, line ", "binary file");
        Path gz = dir.resolve("garbage.bin");
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(garbage);
        }
        expectError(gz, DEFAULTS, "garbage.bin, line ", "binary file");
    }

    @Test
    @Timeout(60)
    void anAbsurdlyLongLineIsRefused() throws Exception {
        // printable bytes without a single line break: only the length limit can stop this
        byte[] noBreaks = new byte[3 << 20];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < noBreaks.length; i++) noBreaks[i] = (byte) random.nextInt('!', '~' + 1);
        Path p = dir.resolve("oneline.txt");
        Files.write(p, noBreaks);
        DataException e = assertThrows(DataException.class, () -> DatasetReader.read(p, DEFAULTS, 1 << 20));
        TestFiles.assertMessage(e, "oneline.txt, line 1", "longer than 1 Mi characters");
    }

    @Test
    void filesThatAreNotThere() throws Exception {
        expectError(dir.resolve("nothere.csv"), DEFAULTS, "nothere.csv does not exist");
        expectError(dir, DEFAULTS, "is a folder");
    }

    @Test
    void messagesAreSentences() throws Exception {
        DataException e = assertThrows(DataException.class, () -> DatasetReader.read(write(dir, "x.csv", ""), DEFAULTS));
        assertEquals("x.csv is empty.", e.getMessage());
    }

    private static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int dim : dims) out.writeInt(dim);
        out.write(payload);
        return bytes.toByteArray();
    }
}
