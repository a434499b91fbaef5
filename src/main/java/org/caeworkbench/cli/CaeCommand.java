package org.caeworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.caeworkbench.data.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cae} command line: the same engine as the window, for scripts and reproducible runs.
 * Exit codes: 0 success, 2 bad input (one sentence on stderr), 1 failure.
 */
@Command(name = "cae", mixinStandardHelpOptions = true, versionProvider = CaeCommand.Version.class,
        subcommands = {TrainCommand.class, InspectCommand.class, EvalCommand.class, ImputeCommand.class, BenchCommand.class, BenchSparseCommand.class,
                CompareCommand.class, ReproduceCommand.class, ReportCommand.class, LessonCommand.class, ReplayCommand.class, ExportModelCommand.class,
                CommandLine.HelpCommand.class},
        description = {"CAE Workbench: Concrete Autoencoder feature selection (Balin, Abid, Zou, ICML 2019).",
                "The desktop window is the CAE Workbench application (or: java -jar cae-workbench.jar with no command)."})
public final class CaeCommand implements Runnable {
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "choose a command: train, inspect, eval, impute, export-model, compare, reproduce, lesson, replay or bench (see cae --help).");
    }

    /** Runs the command line and returns its exit code; output goes to the given writers. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CaeCommand());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof DataException || e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof org.caeworkbench.data.BackedMatrix.BackedReadException) {   // a file on disk (--backed) that changed or went away
                err.println("cae: " + message(e));
                err.flush();
                return BAD_INPUT;
            }
            err.println("cae: failed: " + e);
            e.printStackTrace(err);
            err.flush();
            return FAILURE;
        });
        return cli;
    }

    private static String message(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) return n.getFile() + ": no such file.";
        if (e instanceof java.nio.file.AccessDeniedException a) return a.getFile() + ": permission denied.";
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }

    public static String version() {
        return org.caeworkbench.export.RunConfig.programVersion();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"CAE Workbench " + version()};
        }
    }
}
