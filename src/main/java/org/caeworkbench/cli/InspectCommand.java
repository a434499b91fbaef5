package org.caeworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.DatasetSummary;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a data file as 'cae train' would and say what is in it: format, orientation, samples,"
                + " features, labels, values, and the memory it takes.",
                "Example: cae inspect samples/all-leukemia-gct/all_leukemia.gct --labels-file samples/all-leukemia-gct/labels.csv"})
final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A data file or a 10x folder.")
    Path file;

    /** The reading settings of the catalogue (--format, --label-column, ..., --layer). */
    @Mixin ReadingOptions reading;

    @Override
    public Integer call() throws DataException {
        var err = spec.commandLine().getErr();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        ReadOptions read = reading.readOptions().withProgress(new ReadProgressLine(err, name, System.console() != null, false));
        long start = System.nanoTime();
        DatasetReader.Preview r = DatasetReader.readWithReport(file, read);
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset d = r.head();
        DatasetSummary s = DatasetSummary.of(d);
        Runtime rt = Runtime.getRuntime();
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "file:        %s%n", file);
        o.printf(Locale.ROOT, "format:      %s%n", r.format().name().toLowerCase(Locale.ROOT));
        o.printf(Locale.ROOT, "orientation: %s%n", r.orientation() == Orientation.FEATURES_AS_ROWS
                ? "features as rows in the file (transposed: one sample per column)" : "samples as rows");
        if (r.offersMatrices()) {
            StringBuilder b = new StringBuilder();
            for (String m : r.matrixChoices()) {
                b.append(b.length() == 0 ? "" : ", ").append(m);
                if (m.equals(r.matrixRead())) b.append(" (read)");
            }
            o.printf(Locale.ROOT, "matrices:    %s; --layer NAME reads another%n", b);
        }
        o.printf(Locale.ROOT, "samples:     %,d  (%s)%n", d.rows(), examples(d.sampleIds()));
        o.printf(Locale.ROOT, "features:    %,d  (%s)%n", d.cols(), examples(d.featureNames()));
        List<String> other = org.caeworkbench.data.FeatureNames.aliases(d.featureNames(), d.geneNames());
        if (other != null) {
            o.printf(Locale.ROOT, "also named:  %s  (%s; --keep, --exclude and --panel take either name)%n", examples(other),
                    org.caeworkbench.data.FeatureNames.symbolsBesideIds(d.featureNames(), d.geneNames()) != null ? "their gene symbols" : "their gene ids");
        }
        if (d.hasLabels()) {
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (Map.Entry<String, Integer> e : s.labelCounts().entrySet()) {
                if (shown++ == 12) { b.append(", ..."); break; }
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            o.printf(Locale.ROOT, "labels:      %d classes: %s%n", s.labelCounts().size(), b);
        } else {
            o.printf(Locale.ROOT, "labels:      none%s%n", r.labelChoices().isEmpty() ? "" : " (--label-column can name one of: "
                    + examples(r.labelChoices()) + ")");
        }
        o.printf(Locale.ROOT, "values:      %.6g to %.6g%s, %,d missing%n", s.min(), s.max(), s.wholeNumbers() ? " (whole numbers)" : "", s.missing());
        String advice = s.countsAdvice(org.caeworkbench.data.Preprocessing.NONE);
        if (advice != null) o.printf(Locale.ROOT, "hint:        %s: cae train --cpm --log1p.%n", advice);
        java.nio.file.Path test = org.caeworkbench.data.DataSpec.pairedTestFile(file);
        if (test != null) o.printf(Locale.ROOT, "test file:   %s lies beside it and is named as its test set: cae train --test %s%n",
                test.getFileName(), file.resolveSibling(test.getFileName()));
        o.printf(Locale.ROOT, "memory:      %s; Java may use %s (-Xmx)%n", held(d.matrix()), mb(rt.maxMemory()));
        o.printf(Locale.ROOT, "read in:     %.2f s%n", seconds);
        o.flush();
        return 0;
    }

    /** How the matrix is held and what it takes: dense, sparse (its non-zeros), or kept in its file (out of core). */
    static String held(org.caeworkbench.data.Matrix m) {
        long cells = (long) m.rows() * m.cols();
        String share = cells == 0 ? "" : String.format(Locale.ROOT, ", %.1f%% of the values", 100.0 * m.storedValues() / cells);
        if (m.chunkRows() > 0)
            return "kept in the file (out of core, " + String.format(Locale.ROOT, "%,d", m.storedValues()) + " stored values" + share
                    + "), " + mb(m.bytes()) + " in memory";
        if (m.isSparse())
            return mb(m.bytes()) + " for the matrix, held sparse (" + String.format(Locale.ROOT, "%,d", m.storedValues()) + " non-zeros" + share + ")";
        return mb(m.bytes()) + " for the matrix";
    }

    private static String examples(java.util.List<String> names) {
        if (names.size() <= 4) return String.join(", ", names);
        return String.join(", ", names.subList(0, 3)) + ", ..., " + names.get(names.size() - 1);
    }

    private static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
}
