package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.DatasetSummary;
import org.caeworkbench.data.Preprocessing;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw read counts trained as they are let a few large counts set each gene's scale; the tool says so once, where the
 * data are read (inspect, train, the window's dataset summary), and names the preprocessing that helps. Data that are
 * not counts (logged expression, 8-bit pixels) get no such hint, and neither do counts already normalised.
 */
class CountsHintTest {
    @TempDir static Path dir;
    static Path counts;

    /** A small table of Poisson counts with cells of different depths, as RNA-seq gives. */
    @BeforeAll
    static void writeCounts() throws Exception {
        Random rnd = new Random(3);
        StringBuilder t = new StringBuilder("cell");
        for (int g = 0; g < 30; g++) t.append(",G").append(g);
        t.append(",label\n");
        for (int c = 0; c < 120; c++) {
            double depth = 500 + rnd.nextInt(9500);
            t.append("c").append(c);
            for (int g = 0; g < 30; g++) {
                double mean = depth * (g + 1) / 465.0;
                t.append(',').append(poisson(rnd, mean));
            }
            t.append(',').append(c % 2 == 0 ? "a" : "b").append('\n');
        }
        counts = dir.resolve("counts.csv");
        Files.writeString(counts, t);
    }

    private static long poisson(Random rnd, double mean) {
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }

    private static DatasetSummary summary(String file) throws Exception {
        return DatasetSummary.of(DatasetReader.read(Path.of(file), ReadOptions.defaults()));
    }

    @Test
    void countsAreRecognisedAndTheHintNamesThePreprocessingUnlessItIsChosen() throws Exception {
        DatasetSummary s = summary(counts.toString());
        assertTrue(s.wholeNumbers() && s.looksLikeCounts(), "whole numbers above 255: counts");
        String advice = s.countsAdvice(Preprocessing.NONE);
        assertTrue(advice.startsWith("counts.csv holds whole numbers from 0 to"), advice);
        assertNull(s.countsAdvice(Preprocessing.NONE.withCpm(true).withLog1p(true)), "normalised: nothing to say");
        assertNull(s.countsAdvice(Preprocessing.NONE.withLog1p(true)), "logged: nothing to say");
    }

    @Test
    void loggedExpressionAndPixelsAreNotCounts() throws Exception {
        DatasetSummary leukaemia = summary("samples/all-leukemia/all_leukemia.csv.gz");
        assertFalse(leukaemia.wholeNumbers(), "log expression has fractions");
        assertNull(leukaemia.countsAdvice(Preprocessing.NONE));
        DatasetSummary mnist = summary("samples/mnist/test4000-images-idx3-ubyte.gz");
        assertTrue(mnist.wholeNumbers(), "pixels are whole numbers");
        assertFalse(mnist.looksLikeCounts(), "but 0-255 images are not counts");
    }

    @Test
    void aSparseTenxFolderOfCountsIsRecognisedFromItsStoredValues() throws Exception {
        // 300 genes x 200 cells at about 4% non-zero: read sparse, so only the stored values are looked at
        Path folder = Files.createDirectories(dir.resolve("tenx"));
        Random rnd = new Random(8);
        StringBuilder entries = new StringBuilder();
        int nonZero = 0;
        for (int cell = 1; cell <= 200; cell++) {
            for (int gene = 1; gene <= 300; gene++) {
                if (rnd.nextInt(25) != 0) continue;
                entries.append(gene).append(' ').append(cell).append(' ').append(1 + rnd.nextInt(gene == 7 ? 2000 : 20)).append('\n');
                nonZero++;
            }
        }
        Files.writeString(folder.resolve("matrix.mtx"), "%%MatrixMarket matrix coordinate integer general\n300 200 " + nonZero + "\n" + entries);
        StringBuilder genes = new StringBuilder();
        for (int g = 1; g <= 300; g++) genes.append("ENSG").append(g).append("\tGENE").append(g).append("\tGene Expression\n");
        Files.writeString(folder.resolve("features.tsv"), genes);
        StringBuilder cells = new StringBuilder();
        for (int c = 1; c <= 200; c++) cells.append("CELL").append(c).append("-1\n");
        Files.writeString(folder.resolve("barcodes.tsv"), cells);
        var data = DatasetReader.read(folder, ReadOptions.defaults());
        assertTrue(data.isSparse(), "held sparse");
        DatasetSummary s = DatasetSummary.of(data);
        assertTrue(s.looksLikeCounts(), "whole numbers up to " + s.max());
        assertTrue(s.countsAdvice(Preprocessing.NONE).startsWith("tenx holds whole numbers from 0 to"), s.countsAdvice(Preprocessing.NONE));
    }

    @Test
    void inspectAndTrainSayItOnceAndNotWhenNormalisedOrQuiet() {
        CliEndToEndTest.Result inspect = cae("inspect", counts.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("(whole numbers)") && inspect.out().contains("hint:        counts.csv holds whole numbers"),
                inspect.out());

        CliEndToEndTest.Result raw = cae("train", "--data", counts.toString(), "--k", "3", "--epochs", "2", "--out", dir.resolve("raw").toString());
        assertEquals(0, raw.code(), raw.err());
        assertEquals(1, raw.err().split("hint: counts.csv holds whole numbers", -1).length - 1, raw.err());
        assertTrue(raw.err().contains("each gene's scale: --cpm --log1p."), raw.err());

        CliEndToEndTest.Result normalised = cae("train", "--data", counts.toString(), "--k", "3", "--epochs", "2", "--cpm", "--log1p",
                "--out", dir.resolve("normalised").toString());
        assertEquals(0, normalised.code(), normalised.err());
        assertFalse(normalised.err().contains("hint:"), normalised.err());

        CliEndToEndTest.Result quiet = cae("train", "--data", counts.toString(), "--k", "3", "--epochs", "2", "--quiet",
                "--out", dir.resolve("quiet").toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("hint:"), quiet.err());
    }
}
