package org.caeworkbench.data;

import static org.caeworkbench.data.TestFiles.expectError;
import static org.caeworkbench.data.TestFiles.write;
import static org.caeworkbench.data.TestFiles.writeGzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and TSV as people bring them: comment lines, missing-value spellings, genes as rows or as columns. */
class CommentsAndOrientationTest {
    @TempDir Path dir;

    @Test
    void commentLinesAreSkippedAnywhere() throws Exception {
        Path p = write(dir, "c.csv", "# exported 2024-01-01\n# units: log2\nid,a,b\ns1,1,2\n# a note between rows\ns2,3,4\n");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.values());
        expectError(write(dir, "onlycomments.csv", "# nothing\n#here\n"), ReadOptions.defaults(), "onlycomments.csv holds only comment lines");
        // line numbers still count the comment lines
        expectError(write(dir, "bad.csv", "# c\nid,a\ns1,x\n"), ReadOptions.defaults(), "bad.csv, line 3, column 'a' (2)");
    }

    @Test
    void aHeaderWrittenAsACommentIsUsedWhenTheNextLineHoldsNumbers() throws Exception {
        Path p = write(dir, "h.tsv", "# produced by a tool\n#gene\tS1\tS2\nTP53\t1\t2\nMYC\t3\t4\n");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults());
        // "#gene" then becomes "gene", which marks features as rows
        assertEquals(List.of("S1", "S2"), d.sampleIds());
        assertEquals(List.of("TP53", "MYC"), d.featureNames());
        assertTrue(d.notes().get(0).contains("comment line 2 above it was taken as the header"), d.notes()::toString);
    }

    @Test
    void missingValueSpellingsAreMissing() throws Exception {
        Path p = write(dir, "m.csv", "a,b,c,d,e\n1,NA,NaN,nan,\n2,3,4,5,6\n");
        expectError(p, ReadOptions.defaults(), "m.csv, line 2, column 'b' (2)", "--impute mean");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withImpute(Imputation.MEAN));
        float[] v = d.values();
        assertEquals(1f, v[0]);
        for (int i = 1; i < 5; i++) assertTrue(Float.isNaN(v[i]), "value " + i);
    }

    @Test
    void aFirstColumnHeadedLikeGenesMeansFeaturesAreRows() throws Exception {
        for (String head : List.of("gene", "Gene_Symbol", "ID_REF", "probe_id", "ensembl_gene_id")) {
            Path p = write(dir, "expr.tsv", head + "\tS1\tS2\tS3\nTP53\t1\t2\t3\nMYC\t4\t5\t6\n");
            Dataset d = DatasetReader.read(p, ReadOptions.defaults());
            assertEquals(List.of("S1", "S2", "S3"), d.sampleIds(), head);
            assertEquals(List.of("TP53", "MYC"), d.featureNames());
            assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, d.values());
            assertEquals(1, d.notes().size());
            String note = d.notes().get(0);
            assertTrue(note.contains("features taken as rows") && note.contains(head) && note.contains("--no-transpose"), note);
        }
    }

    @Test
    void farMoreRowsThanColumnsWithNamesInTheFirstColumnMeansFeaturesAreRows() throws Exception {
        StringBuilder b = new StringBuilder("probe,P1,P2,P3,P4\n");
        for (int g = 0; g < 3000; g++) b.append(String.format(Locale.ROOT, "g%d,%d,%d.5,%d,%d\n", g, g, g, g % 7, g % 3));
        Path p = writeGzip(dir, "table.csv.gz", b.toString().replace("probe,", "what,"));
        Dataset d = DatasetReader.read(p, ReadOptions.defaults());
        assertEquals(4, d.rows());
        assertEquals(3000, d.cols());
        assertEquals("g2999", d.featureNames().get(2999));
        assertEquals(2.5f, d.get(1, 2));
        assertTrue(d.notes().get(0).contains("3,000 rows but only 4 columns"), d.notes()::toString);

        // the user's word wins
        Dataset asRows = DatasetReader.read(p, ReadOptions.defaults().withOrientation(Orientation.SAMPLES_AS_ROWS));
        assertEquals(3000, asRows.rows());
        assertEquals(List.of("P1", "P2", "P3", "P4"), asRows.featureNames());
        assertTrue(asRows.notes().isEmpty());
    }

    @Test
    void theUsualLayoutsStaySamplesAsRows() throws Exception {
        // few rows, many columns
        Dataset wide = DatasetReader.read(write(dir, "wide.csv", "id,g1,g2,g3\ns1,1,2,3\ns2,4,5,6\n"), ReadOptions.defaults());
        assertEquals(2, wide.rows());
        // a label column means rows are samples, however long the table
        StringBuilder b = new StringBuilder("sample,x,label\n");
        for (int i = 0; i < 2000; i++) b.append("s").append(i).append(',').append(i).append(",a\n");
        Dataset tall = DatasetReader.read(write(dir, "tall.csv", b.toString()), ReadOptions.defaults());
        assertEquals(2000, tall.rows());
        assertTrue(tall.notes().isEmpty());
        // numeric first column: no names, so no guess
        StringBuilder c = new StringBuilder("a,b\n");
        for (int i = 0; i < 2000; i++) c.append(i).append(',').append(i).append('\n');
        assertEquals(2000, DatasetReader.read(write(dir, "numbers.csv", c.toString()), ReadOptions.defaults()).rows());
    }

    @Test
    void aNamedLabelRowIsFoundInATransposedTable() throws Exception {
        Path p = write(dir, "genes.tsv", "gene\tS1\tS2\nTP53\t1\t2\nsubtype\tB\tT\n");
        Dataset d = DatasetReader.read(p, ReadOptions.defaults().withLabelColumn("subtype"));
        assertArrayEquals(new String[] {"B", "T"}, d.labels());
        assertEquals(List.of("TP53"), d.featureNames());
    }
}
