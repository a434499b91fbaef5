package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caeworkbench.app.RunMetrics;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a run's selection on its test split.",
                "Prints one JSON object (also saved as metrics.json):",
                "linear_mse: least-squares linear regression from the selected training columns to all columns, MSE over the test split (the paper's metric);",
                "decoder_mse: the trained decoder's MSE on the test split; mean_mse: predicting every column by its training mean;",
                "extra_trees_accuracy: Extra-Trees (50 trees) on the selected columns, when the data has labels;",
                "classifier_head_accuracy: the classifier head of a classify or mix:W run, on the test split.",
                "Example: cae eval --run runs/mnist"})
final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A run folder written by 'cae train'.")
    Path run;

    @Option(names = "--trees", defaultValue = "50", description = "Trees of the Extra-Trees classifier (default: ${DEFAULT-VALUE}).")
    int trees;

    @Override
    public Integer call() throws IOException, DataException {
        long started = System.nanoTime();
        RunConfig config = RunDirectory.readConfig(run);
        SavedModel model = RunDirectory.readModel(run);
        PreparedData data = DataPreparation.prepare(config.data());
        if (data.train().cols() != model.model().features())
            throw new DataException(config.data().data().getFileName() + " now has " + data.train().cols()
                    + " features, but the run was trained on " + model.model().features() + "; was the file changed?");
        int[] selected = model.selected();
        RunMetrics figures = RunMetrics.compute(data.train(), data.test(), selected, model.model(), RunDirectory.readHistory(run),
                config.training().seed(), trees);
        List<String> warnings = figures.warnings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.toAbsolutePath().normalize().toString());
        m.put("objective", config.training().objective().toString());
        m.putAll(figures.toMap());
        m.put("seconds", (System.nanoTime() - started) / 1e9);
        RunDirectory.writeMetrics(run, m);
        var out = spec.commandLine().getOut();
        out.println(RunConfig.toJsonLine(m));
        out.flush();
        var err = spec.commandLine().getErr();
        if (figures.linearSubsampled()) err.println("note: " + figures.linearNote());
        for (String w : warnings) err.println("warning: " + w);
        err.flush();
        return 0;
    }
}
