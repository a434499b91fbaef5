package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.caeworkbench.app.Interop;
import org.caeworkbench.export.AnnotatedH5ad;
import org.caeworkbench.export.Dl4jImputer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = {"Write a run's results in other programs' formats (docs/interop.md).",
                "--dl4j: the trained decoder as a Deeplearning4j model (ModelSerializer zip with a README): the panel's values in,",
                "every feature out, scaling included. --h5ad: a copy of the run's .h5ad input with the run's var columns and uns['cae'].",
                "--features: the run's features.tsv (every feature with cae_selected, cae_rank, cae_probability).",
                "Example: cae export-model --run runs/leukemia --dl4j imputer.zip"})
final class ExportModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A run folder written by 'cae train'.")
    Path run;

    @Option(names = "--dl4j", paramLabel = "FILE.zip", description = "Write the decoder as a Deeplearning4j MultiLayerNetwork.")
    Path dl4j;

    @Option(names = "--h5ad", paramLabel = "OUT.h5ad", description = "Write an annotated copy of the run's .h5ad input.")
    Path h5ad;

    @Option(names = "--features", paramLabel = "FILE.tsv", description = "Write the run's feature table.")
    Path features;

    @Override
    public Integer call() throws IOException {
        if (dl4j == null && h5ad == null && features == null)
            throw new IllegalArgumentException("say what to write: --dl4j FILE.zip, --h5ad OUT.h5ad or --features FILE.tsv.");
        var o = spec.commandLine().getOut();
        if (dl4j != null) {
            Dl4jImputer.Exported e = Interop.exportDl4j(run, dl4j);
            o.printf("Deeplearning4j imputer written to %s: %d panel features in, %d features out, %d layer(s); see README.txt inside%n",
                    e.file(), e.inputs().size(), e.outputs(), e.layers());
        }
        if (h5ad != null) {
            AnnotatedH5ad.Written w = Interop.writeAnnotatedH5ad(run, h5ad);
            o.println(w.summary());
            for (String left : w.leftOut()) o.println("  not carried over: " + left);
        }
        if (features != null) {
            Interop.writeFeatureTable(run, features);
            o.println("feature table written to " + features);
        }
        o.flush();
        return 0;
    }
}
