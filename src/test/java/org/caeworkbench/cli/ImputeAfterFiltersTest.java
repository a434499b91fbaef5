package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cae impute} after {@code --drop-constant --top-variable}: the model's feature indices count the
 * kept features only, so impute must find the selected genes in the user's file by name, wherever they
 * stand, and name its output columns after the genes they hold. The table puts three constant columns
 * before the genes, so no kept gene has the same position in the file as in the model.
 */
class ImputeAfterFiltersTest {
    static final Path ALL = PreprocessedRunTest.ALL;
    static final int GENES = 400;
    static final int KEPT = 150;

    @TempDir static Path dir;
    static Path trainFile;
    static Path testFile;
    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void writeTables() throws Exception {
        org.caeworkbench.data.TestFiles.skipUnless(Files.exists(ALL), "bundled sample missing: " + ALL);
        Dataset raw = DatasetReader.read(ALL, ReadOptions.defaults());
        // the first 100 patients train, the other 28 are the "new" samples to impute
        trainFile = write("train.csv", raw, 0, 100);
        testFile = write("new.csv", raw, 100, 128);
        train = DatasetReader.read(trainFile, ReadOptions.defaults());
        test = DatasetReader.read(testFile, ReadOptions.defaults());
    }

    /** Rows [from, to) of the first GENES genes, behind three constant columns; labels kept. */
    static Path write(String name, Dataset raw, int from, int to) throws Exception {
        StringBuilder b = new StringBuilder("sample_id,const_a,const_b,const_c");
        for (int g = 0; g < GENES; g++) b.append(',').append(raw.featureNames().get(g));
        b.append(",label\n");
        for (int r = from; r < to; r++) {
            b.append(raw.sampleIds().get(r)).append(",1,0,7.5");
            for (int g = 0; g < GENES; g++) b.append(',').append(raw.get(r, g));
            b.append(',').append(raw.labels()[r]).append('\n');
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    /** The selected genes of a run, by name, from selected_features.csv (each once). */
    static List<String> selected(Path run) throws Exception {
        return Files.readAllLines(run.resolve("selected_features.csv")).stream().skip(1).map(l -> l.split(",")[3]).distinct().toList();
    }

    static Path train(String name, String... preprocessing) {
        Path run = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", trainFile.toString(), "--test", testFile.toString(),
                "--impute", "mean", "--k", "5", "--epochs", "10", "--convergence", "off", "--out", run.toString(), "--quiet"));
        args.addAll(List.of(preprocessing));
        Result t = cae(args.toArray(String[]::new));
        assertEquals(0, t.code(), t.err());
        return run;
    }

    static Dataset impute(Path run, Path data, String out) throws Exception {
        Path file = dir.resolve(out);
        Result r = cae("impute", "--run", run.toString(), "--data", data.toString(), "--out", file.toString());
        assertEquals(0, r.code(), r.err());
        return DatasetReader.read(file, ReadOptions.defaults());
    }

    /** The file's genes, selected columns first in reverse order of selection, after an unrelated column; the rest dropped. */
    static Path onlySelected(List<String> genes, String name, Integer blankRow, String blankGene) throws Exception {
        List<String> reversed = new ArrayList<>(genes);
        java.util.Collections.reverse(reversed);
        StringBuilder b = new StringBuilder("sample_id,unrelated");
        for (String g : reversed) b.append(',').append(g);
        b.append('\n');
        for (int r = 0; r < test.rows(); r++) {
            b.append(test.sampleIds().get(r)).append(',').append(1000 + r);
            for (String g : reversed) {
                b.append(',');
                if (blankRow == null || r != blankRow || !g.equals(blankGene)) b.append(test.get(r, test.featureNames().indexOf(g)));
            }
            b.append('\n');
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    static void assertSameValues(Dataset expected, Dataset actual, int row) {
        assertEquals(expected.featureNames(), actual.featureNames());
        for (int c = 0; c < expected.cols(); c++)
            assertEquals(expected.get(row, c), actual.get(row, c), 1e-5f, expected.featureNames().get(c) + ", row " + row);
    }

    @Test
    void afterDropConstantAndTopVariableImputeReadsAndNamesTheFilesColumns() throws Exception {
        Path run = train("filtered-run", "--drop-constant", "--top-variable", String.valueOf(KEPT));
        List<String> chosen = selected(run);

        // the output holds the kept genes: the 150 most variable on the training rows (never a constant), in the file's order
        double[] variance = new double[train.cols()];
        for (int c = 0; c < train.cols(); c++) {
            double mean = 0, sq = 0;
            for (int r = 0; r < train.rows(); r++) mean += train.get(r, c);
            mean /= train.rows();
            for (int r = 0; r < train.rows(); r++) sq += (train.get(r, c) - mean) * (train.get(r, c) - mean);
            variance[c] = sq / train.rows();
        }
        List<String> kept = IntStream.range(0, train.cols()).boxed().sorted(Comparator.comparingDouble(c -> -variance[c]))
                .limit(KEPT).sorted().map(c -> train.featureNames().get(c)).toList();

        Dataset whole = impute(run, testFile, "whole.csv");
        assertEquals(test.rows(), whole.rows());
        assertEquals(kept, whole.featureNames(), "the kept genes, named as in the file");
        assertEquals(test.sampleIds(), whole.sampleIds());
        for (String g : chosen) {
            assertTrue(train.featureNames().indexOf(g) >= 3, g + " is a gene, not a dropped constant column");
            int in = test.featureNames().indexOf(g);
            int out = whole.featureNames().indexOf(g);
            for (int r = 0; r < test.rows(); r++) assertEquals(test.get(r, in), whole.get(r, out), 1e-5f, "measured " + g + ", row " + r);
        }
        // the other genes come back in the file's units: each one's mean lies within the gene's training range
        for (int out = 0; out < whole.cols(); out++) {
            String g = whole.featureNames().get(out);
            if (chosen.contains(g)) continue;
            int c = train.featureNames().indexOf(g);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, mean = 0;
            for (int r = 0; r < train.rows(); r++) {
                lo = Math.min(lo, train.get(r, c));
                hi = Math.max(hi, train.get(r, c));
            }
            for (int r = 0; r < whole.rows(); r++) mean += whole.get(r, out) / whole.rows();
            assertTrue(mean >= lo && mean <= hi, g + ": imputed mean " + mean + " outside its training range " + lo + " to " + hi);
        }

        // a file with only the selected genes, in another order and behind another column: the same answer
        Dataset fromFew = impute(run, onlySelected(chosen, "few.csv", null, null), "from-few.csv");
        for (int r = 0; r < test.rows(); r++) assertSameValues(whole, fromFew, r);
    }

    @Test
    void aMissingSelectedValueIsFilledWithThatGenesTrainingMean() throws Exception {
        Path run = train("filtered-missing-run", "--drop-constant", "--top-variable", String.valueOf(KEPT));
        List<String> chosen = selected(run);
        String gene = chosen.get(0);
        int c = train.featureNames().indexOf(gene);
        double sum = 0;
        for (int r = 0; r < train.rows(); r++) sum += train.get(r, c);
        float trainingMean = (float) (sum / train.rows());

        Dataset blank = impute(run, onlySelected(chosen, "blank.csv", 0, gene), "blank-out.csv");
        // the same row with the gene's training mean written in: the decoder sees the same inputs
        StringBuilder b = new StringBuilder("sample_id");
        for (String g : chosen) b.append(',').append(g);
        b.append('\n').append(test.sampleIds().get(0));
        for (String g : chosen) b.append(',').append(g.equals(gene) ? trainingMean : test.get(0, test.featureNames().indexOf(g)));
        b.append('\n');
        Dataset filled = impute(run, Files.writeString(dir.resolve("filled.csv"), b.toString()), "filled-out.csv");
        assertEquals(blank.featureNames(), filled.featureNames());
        for (int out = 0; out < filled.cols(); out++) {
            if (filled.featureNames().get(out).equals(gene)) continue;   // measured in one, reconstructed in the other
            assertEquals(filled.get(0, out), blank.get(0, out), 1e-4f, filled.featureNames().get(out));
        }
    }

    @Test
    void withoutFiltersImputeStillGivesEveryColumnOfTheFile() throws Exception {
        Path run = train("plain-run");
        List<String> chosen = selected(run);
        Dataset whole = impute(run, testFile, "plain-whole.csv");
        assertEquals(test.featureNames(), whole.featureNames(), "every column, constants included, in the file's order");
        for (String g : chosen) {
            int in = test.featureNames().indexOf(g);
            for (int r = 0; r < test.rows(); r++) assertEquals(test.get(r, in), whole.get(r, in), 1e-5f, g + ", row " + r);
        }
        Dataset fromFew = impute(run, onlySelected(chosen, "plain-few.csv", null, null), "plain-from-few.csv");
        for (int r = 0; r < test.rows(); r++) assertSameValues(whole, fromFew, r);
    }
}
