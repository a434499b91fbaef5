package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.core.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, on the bundled MNIST sample. */
class CliEndToEndTest {
    static final Path TRAIN = Path.of("samples/mnist/train6000-images-idx3-ubyte.gz");
    static final Path TEST = Path.of("samples/mnist/test4000-images-idx3-ubyte.gz");

    @TempDir static Path dir;
    static Path run;
    static Result trained;

    record Result(int code, String out, String err) {}

    static Result cae(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaeCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnce() {
        run = dir.resolve("mnist-run");
        trained = cae("train", "--data", TRAIN.toString(), "--test", TEST.toString(), "--k", "20", "--epochs", "3",
                "--convergence", "off", "--out", run.toString(), "--quiet");
    }

    @Test
    void trainWritesEveryFileOfTheRunFolder() throws IOException {
        assertEquals(0, trained.code(), trained.err());
        for (String f : List.of("config.json", "selected_features.csv", "history.csv", "probabilities.npy", "summary.json",
                "model/model.json", "model/parameters.npy", "mask.png", "probability_map.png", "reconstructions.png")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f + " missing or empty");
        }
        List<String> selected = Files.readAllLines(run.resolve("selected_features.csv"));
        assertEquals("rank,selector,index,name,probability,duplicate", selected.get(0));
        assertEquals(21, selected.size());
        assertTrue(selected.get(1).matches("1,\\d+,\\d+,pixel_\\d+_\\d+,0\\.\\d+,(yes|no)"), selected.get(1));
        assertEquals(4, Files.readAllLines(run.resolve("history.csv")).size());   // header + 3 epochs
        assertTrue(trained.out().contains("run written to"), trained.out());
        // no leftovers of the atomic write next to the run
        try (var s = Files.list(dir)) {
            assertEquals(List.of(run), s.filter(p -> !p.getFileName().toString().startsWith("out")).filter(p -> !p.toString().endsWith(".csv")).toList());
        }
    }

    @Test
    void evalReadsTheRunAndReportsThePapersMetrics() throws IOException {
        Result r = cae("eval", "--run", run.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        double linear = m.get("linear_mse").asDouble();
        double mean = m.get("mean_mse").asDouble();
        assertTrue(linear > 0 && linear < mean, "linear " + linear + " vs mean " + mean);
        assertEquals(0.0672, mean, 0.0005);      // PAPER.md section 6: predicting the train mean on this split
        assertTrue(m.get("extra_trees_accuracy").asDouble() > 0.3);     // 20 pixels after 3 epochs, 10 classes
        assertTrue(Double.isFinite(m.get("decoder_mse").asDouble()));     // hard selection after 3 epochs: no bound yet
        assertEquals(4000, m.get("test_rows").asInt());
        assertTrue(Files.exists(run.resolve("metrics.json")));
    }

    @Test
    void theReportDescribesTheRunFromItsFiles() throws IOException {
        Result e = cae("eval", "--run", run.toString());
        assertEquals(0, e.code(), e.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<title>CAE Workbench run: mnist-run</title>"), "titled with the run's name, not the temporary folder");
        // the most firmly chosen feature of selected_features.csv, and the metrics eval just wrote
        String first = Files.readAllLines(run.resolve("selected_features.csv")).get(1).split(",")[3];
        assertTrue(html.contains(first), first);
        String linear = RunReportFormat.of(new ObjectMapper().readTree(e.out()).get("linear_mse").asDouble());
        assertTrue(html.contains(linear), "linear MSE " + linear + " in the report");
        assertTrue(html.contains("<img src=\"mask.png\""));
        assertTrue(html.contains("<svg"), "training curves");
        assertTrue(html.contains("cae train"), "the command that repeats the run");

        Files.delete(run.resolve("report.html"));
        Result r = cae("report", "--run", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(html, Files.readString(run.resolve("report.html")));

        Result notARun = cae("report", "--run", dir.resolve("nothing-here").toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains("is not a run folder"), notARun.err());
    }

    /** The report's number format, seen from the test's package. */
    static final class RunReportFormat {
        static String of(double v) {
            return String.format(java.util.Locale.ROOT, v >= 0.01 ? "%.4f" : "%.4g", v);
        }
    }

    @Test
    void imputeFillsEveryFeatureFromTheSelectedOnes() throws IOException {
        Path out = dir.resolve("imputed.csv");
        Result r = cae("impute", "--run", run.toString(), "--data", TEST.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4001, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals("sample_id", header[0]);
        assertEquals("pixel_0_0", header[1]);
        assertEquals("label", header[header.length - 1]);
        assertEquals(1 + 784 + 1, lines.get(1).split(",", -1).length);
    }

    @Test
    void badInputGivesOneSentenceAndExitCode2() {
        Result missing = cae("train", "--data", "no/such/file.csv", "--out", dir.resolve("x").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("file.csv"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Result bigK = cae("train", "--data", TRAIN.toString(), "--k", "900", "--out", dir.resolve("y").toString());
        assertEquals(2, bigK.code());
        assertTrue(bigK.err().contains("k = 900 is larger than the number of features (784)"), bigK.err());

        Result badSchedule = cae("train", "--data", TRAIN.toString(), "--schedule", "wiggly", "--out", dir.resolve("z").toString());
        assertEquals(2, badSchedule.code());
        assertTrue(badSchedule.err().contains("--schedule must be one of exponential, linear, cosine, constant"), badSchedule.err());

        Result notARun = cae("eval", "--run", dir.toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains("is not a run folder"), notARun.err());
    }

    /** Issue 12: a model too large for memory was killed by the OS, and --lr 1e30 ended with a message about duplicates. */
    @Test
    void settingsThatCannotTrainNameTheSettingAndExitWith2() {
        String leukaemia = "samples/all-leukemia/all_leukemia.csv.gz";
        Path huge = dir.resolve("huge");
        Result tooLarge = cae("train", "--data", leukaemia, "--k", "10", "--hidden", "100000000", "--out", huge.toString(), "--quiet");
        assertEquals(2, tooLarge.code());
        assertTrue(tooLarge.err().startsWith("cae: hidden layers 100000000 with 12,625 features and k = 10 make a model of"), tooLarge.err());
        assertEquals(1, tooLarge.err().strip().lines().count(), tooLarge.err());
        assertFalse(Files.exists(huge));

        Path diverged = dir.resolve("diverged");
        Result lr = cae("train", "--data", leukaemia, "--k", "10", "--epochs", "5", "--lr", "1e30", "--out", diverged.toString(), "--quiet");
        assertEquals(2, lr.code());
        assertTrue(lr.err().matches("cae: Training diverged at epoch 1 \\(the loss is (not a number|infinite)\\): lower the learning rate "
                + "\\(now 1e30\\) and train again\\. Nothing was written\\.\\R"), lr.err());
        assertFalse(Files.exists(diverged));
        assertFalse(Files.exists(dir.resolve("diverged.partial")));
        // without --quiet the progress lines say it, once, and the last line says nothing was written
        Result loud = cae("train", "--data", leukaemia, "--k", "10", "--epochs", "5", "--lr", "1e30", "--out", diverged.toString());
        assertEquals(2, loud.code());
        assertEquals(1, loud.err().split("Training diverged at epoch 1", -1).length - 1, loud.err());
        assertTrue(loud.err().strip().endsWith("cae: Nothing was written."), loud.err());
    }

    @Test
    void anExistingRunIsNotOverwrittenUnlessAsked() {
        Result again = cae("train", "--data", TRAIN.toString(), "--k", "5", "--epochs", "1", "--out", run.toString(), "--quiet");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a run"), again.err());
    }

    @Test
    void commandLineDefaultsAreTheEngineDefaults() {
        TrainCommand cmd = new TrainCommand();
        new picocli.CommandLine(cmd).parseArgs("--data", "x.csv", "--out", "o");
        assertEquals(TrainingConfig.builder().build(), cmd.config());
    }

    @Test
    void theWindowsRecordedCommandLineRepeatsTheSameSettings() {
        TrainingConfig cfg = TrainingConfig.builder().k(7).epochs(40).batchSize(TrainingConfig.REFERENCE_BATCH).learningRate(0.003)
                .hidden("none").dropout(0.2).redundancy(0.004).seed(9).convergenceOff()
                .schedule(new org.caeworkbench.core.TemperatureSchedule(org.caeworkbench.core.TemperatureSchedule.Shape.COSINE, 5, 0.05))
                .annealing(org.caeworkbench.core.Annealing.EPOCH).build();
        org.caeworkbench.data.DataSpec spec = new org.caeworkbench.data.DataSpec(Path.of("genes.tsv"),
                org.caeworkbench.data.ReadOptions.defaults().withTranspose(true).withLabelColumn("type")
                        .withImpute(org.caeworkbench.data.Imputation.MEAN),
                null, null, 0.25, 9, org.caeworkbench.data.Scaling.STANDARD,
                new org.caeworkbench.data.Preprocessing(true, true, true, 2000));
        String line = org.caeworkbench.export.RunConfig.trainCommandLine(spec, cfg, Path.of("out"));
        TrainCommand cmd = new TrainCommand();
        new picocli.CommandLine(cmd).parseArgs(line.substring("cae train ".length()).split(" "));
        assertEquals(cfg, cmd.config());
        assertEquals(spec, cmd.data.toSpec(cmd.training.seed()));
        assertTrue(line.contains(" --cpm --log1p --drop-constant --top-variable 2000 "), line);

        // the convergence rule's tries are recorded too, and a path with a space is quoted for the shell
        TrainingConfig retries = TrainingConfig.builder().maxTries(3).acceptMeanMax(0.95).build();
        org.caeworkbench.data.DataSpec spaced = org.caeworkbench.data.DataSpec.of(Path.of("my data/genes.csv"));
        String quoted = org.caeworkbench.export.RunConfig.trainCommandLine(spaced, retries, Path.of("out"));
        assertTrue(quoted.startsWith("cae train --data 'my data/genes.csv' "), quoted);
        TrainCommand again = new TrainCommand();
        new picocli.CommandLine(again).parseArgs(org.caeworkbench.export.RunConfig.trainArguments(spaced, retries, Path.of("out"))
                .toArray(String[]::new));
        assertEquals(retries, again.config());
        assertEquals(spaced, again.data.toSpec(again.training.seed()));
    }
}
