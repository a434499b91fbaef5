package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.Csv;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.caeworkbench.core.Settings;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "impute", mixinStandardHelpOptions = true,
        description = {"Predict every feature from the selected ones with a run's trained decoder.",
                "The input needs the selected features (by name; other columns are ignored). The output CSV has all features,",
                "in the original units: measured selected values as given, the rest from the decoder.",
                "Example: cae impute --run runs/mnist --data samples/mnist/test4000-images-idx3-ubyte.gz --out imputed.csv"})
final class ImputeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A run folder written by 'cae train'.")
    Path run;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Samples with (at least) the selected features.")
    Path data;

    /** --format, --transpose, --no-transpose, --label-column, --layer; missing values are what this command fills. */
    @Mixin ReadingOptions reading = ReadingOptions.only(Settings.FORMAT, Settings.ORIENTATION, Settings.LABEL_COLUMN, Settings.LAYER);

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write (replaced atomically).")
    Path out;

    @Override
    public Integer call() throws IOException, DataException {
        SavedModel model = RunDirectory.readModel(run);
        ReadOptions read = reading.readOptions().withImpute(Imputation.MEAN);
        Dataset measured = DatasetReader.read(data, read);
        Dataset imputed = model.impute(measured);
        Csv.writeDataset(out, imputed);
        var o = spec.commandLine().getOut();
        o.printf("imputed %d features for %d samples from %d selected ones; written to %s%n", imputed.cols(), imputed.rows(),
                java.util.Arrays.stream(model.selected()).distinct().count(), out);
        o.flush();
        return 0;
    }
}
