package org.caeworkbench.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.export.AnnotatedH5ad;
import org.caeworkbench.export.FeatureTable;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;

/**
 * Taking a run back to where its user works, the same for the command line and the window
 * (docs/interop.md): the annotated copy of an .h5ad input, the feature table, the panel's names, and
 * the decoder as a Deeplearning4j model. Each starts from a written run folder.
 */
public final class Interop {
    private Interop() {}

    /** Whether a data file is an AnnData file (by its name: .h5ad). */
    public static boolean isH5ad(Path file) {
        return file != null && file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5ad");
    }

    /** Whether an annotated .h5ad can be made from the file: an .h5ad or a modality of an .h5mu (copied), or a 10x Genomics .h5 or a .loom (made anew). */
    public static boolean canAnnotate(Path file) {
        if (isH5ad(file)) return true;
        String name = file == null || file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".loom") || name.endsWith(".h5mu");
    }

    /** The data file a run was trained on (config.json). */
    public static Path dataFile(Path runDir) throws IOException {
        return RunDirectory.readConfig(runDir).data().data();
    }

    /**
     * A copy of the run's .h5ad input with the run's var columns and uns['cae'] ({@link AnnotatedH5ad});
     * a clear IOException when the run's input is not an .h5ad file or is gone.
     */
    public static AnnotatedH5ad.Written writeAnnotatedH5ad(Path runDir, Path out) throws IOException {
        RunConfig config = RunDirectory.readConfig(runDir);
        Path input = config.data().data();
        if (!canAnnotate(input)) throw new IOException("the run was trained on " + input.getFileName() + ", not an .h5ad, .h5mu, 10x .h5 or .loom file; its "
                + FeatureTable.FILE + " holds the same columns for any input.");
        if (!java.nio.file.Files.isRegularFile(input)) throw new IOException("the run's input " + input + " is not there any more;"
                + " the annotated copy is made from it.");
        return AnnotatedH5ad.write(input, out, FeatureTable.read(runDir), config, runDir.getFileName().toString());
    }

    /** The run's feature table (features.tsv) written to another file. */
    public static void writeFeatureTable(Path runDir, Path out) throws IOException {
        FeatureTable.read(runDir).writeTsv(out);
    }

    /** The panel's feature names (as in the data file), in rank order. */
    public static List<String> panelNames(Path runDir) throws IOException {
        return FeatureTable.read(runDir).panel().stream().map(FeatureTable.Row::name).toList();
    }

    /** The feature table of a result in memory (the window's): {@code train} gives the gene ids and symbols, if any. */
    public static FeatureTable featureTable(org.caeworkbench.core.SelectionResult result, SavedModel model,
                                            org.caeworkbench.data.Dataset train) {
        return FeatureTable.of(result, model, train == null ? null : train.geneNames());
    }

    /** The annotated copy of {@code input} for a result in memory. */
    public static AnnotatedH5ad.Written writeAnnotatedH5ad(Path input, Path out, FeatureTable table, RunConfig config) throws IOException {
        if (!canAnnotate(input)) throw new IOException(input.getFileName() + " is not an .h5ad, .h5mu, 10x .h5 or .loom file; export the feature table instead.");
        return AnnotatedH5ad.write(input, out, table, config, null);
    }

    /** The decoder of a result in memory as a Deeplearning4j model zip (Deeplearning4j loaded now). */
    public static org.caeworkbench.export.Dl4jImputer.Exported exportDl4j(SavedModel model, FeatureTable table, Path zip) throws IOException {
        return org.caeworkbench.export.Dl4jImputer.write(model, table, zip, null);
    }

    /**
     * The run's decoder as a Deeplearning4j model zip. Deeplearning4j's classes are loaded here, on the
     * first export, never at start-up.
     */
    public static org.caeworkbench.export.Dl4jImputer.Exported exportDl4j(Path runDir, Path zip) throws IOException {
        SavedModel model = RunDirectory.readModel(runDir);
        return org.caeworkbench.export.Dl4jImputer.write(model, FeatureTable.read(runDir), zip, runDir.getFileName().toString());
    }
}
