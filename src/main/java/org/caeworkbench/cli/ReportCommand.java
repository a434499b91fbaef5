package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"(Re)write a run's report.html, or print its Python or R code.",
                "RUN_DIR/report.html is one page with the result, data, metrics, training curves, image previews,",
                "selected features, stability and settings of a run, made from the files in the folder.",
                "'cae train', 'cae eval' and --repeats keep it up to date; this command remakes it, e.g. after editing by hand.",
                "With --snippet it prints the page's Python or R code that opens the run's data and keeps the panel instead.",
                "Example: cae report --run runs/mnist; cae report --run runs/cells --snippet r > panel.R"})
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A run folder written by 'cae train' or the window.")
    Path run;

    @Option(names = "--snippet", paramLabel = "python|r", description = "Print the report's code in this language (python or r) that"
            + " opens the run's data and keeps the panel, instead of writing the report.")
    String snippet;

    @Override
    public Integer call() throws IOException {
        RunDirectory.readConfig(run);   // one clear sentence when this is not a run folder
        if (snippet != null) {
            spec.commandLine().getOut().print(RunReport.snippet(run, snippet));
            spec.commandLine().getOut().flush();
            return 0;
        }
        RunReport.write(run);
        spec.commandLine().getOut().println("written " + run.resolve(RunReport.FILE));
        return 0;
    }
}
