package org.caeworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.caeworkbench.app.Lesson;
import org.caeworkbench.export.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = {"Train the run a lesson sets up.",
                "Trains with the data, settings and seed of a lesson (a .cae-lesson file saved by the window, a bundled preset",
                "in samples/lessons/, or a 'cae-lesson:' text): the same run the window sets up when it opens the lesson.",
                "Examples: cae lesson samples/lessons/mnist-k20.cae-lesson --out runs/mnist-k20",
                "          cae lesson samples/lessons/mnist-k20.cae-lesson --print"})
final class LessonCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LESSON", description = "A lesson file, or a lesson as text (cae-lesson:…).")
    String lesson;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Where the run is written (required unless --print).")
    Path out;

    @Option(names = "--print", description = "Only print the equivalent 'cae train' command.")
    boolean print;

    @Override
    public Integer call() throws IOException {
        Lesson l = lesson.strip().startsWith(Lesson.TEXT_PREFIX) ? Lesson.fromText(lesson) : Lesson.read(Path.of(lesson));
        if (print) {
            Path o = out == null ? Path.of("RUN_DIR") : out;
            spec.commandLine().getOut().println(RunConfig.trainCommandLine(RunConfig.withKept(l.data(), l.training()), l.training(), o));
            return 0;
        }
        if (out == null) throw new IllegalArgumentException("Give --out RUN_DIR (where the run is written), or --print.");
        List<String> args = new ArrayList<>();
        args.add("train");
        args.addAll(l.trainArguments(out));
        if (!l.title().isBlank()) spec.commandLine().getOut().println("Lesson: " + l.title());
        return spec.commandLine().getParent().execute(args.toArray(String[]::new));
    }
}
