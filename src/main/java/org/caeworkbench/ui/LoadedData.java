package org.caeworkbench.ui;

import java.nio.file.Path;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetSummary;
import org.caeworkbench.data.FeatureFilter;
import org.caeworkbench.data.MeanImputer;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.data.ReadProgress;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.export.SavedModel;

/**
 * A dataset ready to train on: the prepared train/test splits, the preprocessing fitted on train, and
 * the summary of the file as read, with what the reader decided (its notes). The raw copy of the matrix
 * is not kept (it would double the memory). {@code recordedSpec}: the spec a run folder records, the automatic
 * backing replaced by the reader's choice ({@link DataPreparation#asRead}), worked out once when the data are loaded.
 */
public record LoadedData(DataSpec spec, String name, Dataset train, Dataset test, Scaler scaler, MeanImputer imputer,
                         DatasetSummary summary, FeatureFilter filter, DataSpec recordedSpec) {

    /** Reads and prepares a data file; blocking, so call it off the FX thread. */
    public static LoadedData load(DataSpec spec) throws DataException {
        return load(spec, ReadProgress.NONE);
    }

    /** As {@link #load(DataSpec)}, telling {@code progress} how far the read has come and what it decided. */
    public static LoadedData load(DataSpec spec, ReadProgress progress) throws DataException {
        DataSpec reading = new DataSpec(spec.data(), spec.read().withProgress(progress), spec.testFile(), spec.splitFile(),
                spec.testFraction(), spec.seed(), spec.scaling(), spec.preprocessing());
        PreparedData p = DataPreparation.prepare(reading);
        return new LoadedData(spec, fileName(spec.data()), p.train(), p.test(), p.scaler(), p.imputer(), p.summary(),
                p.filter(), DataPreparation.asRead(spec, p.train()));   // here, off the FX thread: it may look at the file
    }

    /** What the reader decided without being told (orientation, names made unique, features kept). */
    public java.util.List<String> notes() {
        return train.notes();
    }

    /** The model with everything it was trained behind, for exports and the run folder. */
    public SavedModel savedModel(SelectionResult r) {
        return new SavedModel(r.model(), train.featureNames(), scaler, imputer, train.imageShape(), spec.preprocessing(), filter);
    }

    /** Each model feature's column in the file, or null when every feature was kept. */
    public int[] originalIndices() {
        return filter == null || filter.isIdentity() ? null : filter.kept();
    }

    /**
     * The data's name as the window shows it: the file with its folder ("fashion-mnist/train6000-images-idx3-ubyte.gz"),
     * since files of one layout share names (MNIST's and Fashion-MNIST's, every 10x folder's matrix.mtx.gz).
     */
    static String fileName(Path p) {
        Path f = p.getFileName();
        if (f == null) return p.toString();
        Path parent = p.toAbsolutePath().normalize().getParent();
        Path folder = parent == null ? null : parent.getFileName();
        return folder == null ? f.toString() : folder + "/" + f;
    }

    /** The summary as a few lines for the dataset panel. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        int slash = name.lastIndexOf('/');   // the folder on a line of its own: the panel is narrow
        b.append(name, 0, slash + 1).append(slash >= 0 ? "\n" : "").append(name.substring(slash + 1)).append('\n');
        b.append(String.format(java.util.Locale.ROOT, "%d rows × %d features%n", summary.n(), summary.d()));
        b.append(String.format(java.util.Locale.ROOT, "train %d, test %d rows%n", train.rows(), test.rows()));
        b.append("preprocessing: ").append(spec.preprocessing().isNone() ? "none" : spec.preprocessing().describe()).append('\n');
        if (filter != null && !filter.isIdentity()) b.append(filter.describe()).append('\n');
        if (org.caeworkbench.data.FeatureNames.aliases(train.featureNames(), train.geneNames()) != null)
            b.append("genes named by id and by symbol: panels take either\n");
        if (summary.imageShape() != null)
            b.append("images ").append(summary.imageShape().height()).append('×').append(summary.imageShape().width()).append('\n');
        b.append(String.format(java.util.Locale.ROOT, "values %.4g to %.4g%n", summary.min(), summary.max()));
        b.append("missing values: ").append(summary.missing()).append('\n');
        String advice = summary.countsAdvice(spec.preprocessing());
        if (advice != null) b.append("Hint: ").append(advice).append(": tick Counts per million and log(1 + x) above, then Apply.\n");
        if (summary.hasLabels()) {
            b.append(summary.labelCounts().size()).append(" classes:");
            int shown = 0;
            for (var e : summary.labelCounts().entrySet()) {
                if (shown++ == 12) { b.append(" …"); break; }
                b.append(' ').append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            b.append('\n');
        } else {
            b.append("no labels\n");
        }
        for (String n : notes()) b.append("Note: ").append(n).append('\n');
        return b.toString().trim();
    }
}
