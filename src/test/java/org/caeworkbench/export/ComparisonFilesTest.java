package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.eval.Comparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonFilesTest {
    @TempDir Path dir;

    static Comparison.Row row(String method, int k, double mse, double acc, int distinct) {
        return new Comparison.Row(method, k, mse, acc, 1.25, distinct, 1, Double.NaN, new int[0], "");
    }

    @Test
    void comparisonCsvHasTheDocumentedColumns() throws Exception {
        Path f = dir.resolve("comparison.csv");
        ComparisonFiles.writeCsv(f, List.of(row("pfa", 50, 0.0192, 0.93, 50), row(Comparison.PCA, 50, 0.0117, Double.NaN, 0)));
        List<String> lines = Files.readAllLines(f);
        assertEquals(List.of("method,k,linear_mse,accuracy,seconds,distinct", "pfa,50,0.0192,0.93,1.250,50", "pca (bound),50,0.0117,,1.250,0"), lines);
    }

    @Test
    void reproductionRowsSurviveTheRoundTripAndTheReportShowsThem() throws Exception {
        Path f = dir.resolve("mice.csv");
        Comparison.Row cae = new Comparison.Row("cae", 10, 0.0061, 0.99, 12.5, 9, 1, 0.0059, new int[] {1}, "completed, mean-max 0.995");
        ComparisonFiles.writeLongCsv(f, "mice", 864, 216, 77, List.of(row("pfa", 10, 0.0077, 0.98, 10), cae));
        List<ComparisonFiles.Stored> back = ComparisonFiles.readLongCsv(f);
        assertEquals(2, back.size());
        assertEquals("mice", back.get(1).dataset());
        assertEquals(0.0061, back.get(1).row().linearMse());
        assertEquals(9, back.get(1).row().distinct());
        assertArrayEquals(new int[] {1}, back.get(1).row().selected(), "the selection is kept");
        assertEquals("completed; mean-max 0.995", back.get(1).row().note(), "commas in notes cannot break the file");
        String md = ReproductionReport.markdown(back, List.of("a setting"), "Tried a linear decoder.");
        assertTrue(md.contains("| cae | 0.00610 | 0.990 | 9 of 10 |"), md);
        assertTrue(md.contains("0.0074 (0.98)"), "the section-6 PFA figure beside ours");
        assertTrue(md.contains("no (cae 0.00610, 1 duplicate(s))"), "a CAE with a duplicate does not pass: " + md);
        assertTrue(md.contains("- a setting"));
        assertTrue(md.contains("## Notes\n\nTried a linear decoder.\n"), "hand-written notes are kept");
        assertTrue(!md.contains("### MNIST"), "datasets not run are not shown");
    }

    @Test
    void chartDrawsOneLinePerMethod() {
        BufferedImage img = LineChart.mseAgainstK(List.of(row("pfa", 10, 0.04, 0.9, 10), row("pfa", 50, 0.02, 0.9, 50),
                row("random", 10, 0.05, 0.9, 10), row("random", 50, 0.03, 0.9, 50)), "test");
        assertEquals(820, img.getWidth());
        // the plot area is not blank: some pixels in it have the first series' colour
        int orange = new java.awt.Color(0xE6, 0x9F, 0x00).getRGB();
        int found = 0;
        for (int y = 50; y < 460; y++) for (int x = 80; x < 620; x++) if (img.getRGB(x, y) == orange) found++;
        assertTrue(found > 50, "line pixels: " + found);
        assertNotEquals(0, found);
        assertEquals(2.5, LineChart.niceCeil(2.2), 1e-12);
        assertEquals(0.05, LineChart.niceCeil(0.0412), 1e-12);
    }
}
