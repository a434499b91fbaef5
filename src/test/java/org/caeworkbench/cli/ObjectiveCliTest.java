package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.caeworkbench.app.CompareRun;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.core.Objective;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.eval.Selectors;
import org.caeworkbench.export.CheckpointFile;
import org.caeworkbench.export.Npy;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --objective from the command line to the run folder, the report, eval, resume and compare. */
class ObjectiveCliTest {
    @TempDir static Path dir;
    static Path labelled;
    static Path unlabelled;

    /** 300 samples: g0 and g1 carry the label (a bit each), g2..g11 noise; a 'label' column and a file without it. */
    @BeforeAll
    static void data() throws IOException {
        Random r = new Random(8);
        StringBuilder with = new StringBuilder("id,label");
        StringBuilder without = new StringBuilder("id");
        for (int c = 0; c < 12; c++) {
            with.append(",g").append(c);
            without.append(",g").append(c);
        }
        with.append('\n');
        without.append('\n');
        for (int i = 0; i < 300; i++) {
            boolean a = r.nextBoolean(), b = r.nextBoolean();
            StringBuilder values = new StringBuilder();
            for (int c = 0; c < 12; c++) {
                double v = c == 0 ? (a ? 1 : 0) + 0.1 * r.nextGaussian() : c == 1 ? (b ? 1 : 0) + 0.1 * r.nextGaussian() : 3 * r.nextGaussian();
                values.append(',').append(String.format(Locale.ROOT, "%.4f", v));
            }
            with.append('s').append(i).append(',').append(a ? "A" : "a").append(b ? "B" : "b").append(values).append('\n');
            without.append('s').append(i).append(values).append('\n');
        }
        labelled = Files.writeString(dir.resolve("labelled.csv"), with.toString());
        unlabelled = Files.writeString(dir.resolve("unlabelled.csv"), without.toString());
    }

    static Result train(Path data, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--k", "2", "--epochs", "6",
                "--batch-size", "50", "--convergence", "off", "--out", out.toString(), "--quiet"));
        a.addAll(List.of(more));
        return cae(a.toArray(String[]::new));
    }

    @Test
    void aSupervisedObjectiveWithoutLabelsIsOneSentenceAndNothingIsWritten() {
        Path out = dir.resolve("no-labels");
        Result r = train(unlabelled, out, "--objective", "classify");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("The objective classify needs class labels, but the data unlabelled.csv have none: name the label column"
                + " (--label-column) or a labels file (--labels-file), or use --objective reconstruct."), r.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(PartialRun.folderFor(out)), "refused before the in-progress folder is made");

        Result bad = train(labelled, dir.resolve("bad"), "--objective", "mix:2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--objective"), bad.err());
        assertTrue(bad.err().contains("between 0 and 1"), bad.err());

        Result compare = cae("compare", "--data", unlabelled.toString(), "--k", "2", "--epochs", "2", "--objective", "classify",
                "--out", dir.resolve("cmp-no-labels").toString(), "--quiet");
        assertEquals(2, compare.code());
        assertTrue(compare.err().contains("cae-classify: The objective classify needs class labels"), compare.err());
    }

    @Test
    void theObjectiveIsRecordedAndTheHeadsAccuracyReported() throws IOException {
        Path out = dir.resolve("mix");
        Result r = train(labelled, out, "--objective", "mix:0.5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("classifier head (objective mix:0.5): test accuracy"), r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(out.resolve("config.json").toFile());
        assertEquals("mix:0.5", config.path("training").path("objective").asText());
        RunConfig recorded = RunDirectory.readConfig(out);
        assertEquals(Objective.mix(0.5), recorded.training().objective());
        List<String> args = RunConfig.trainArguments(recorded.data(), recorded.training(), out);
        assertEquals("mix:0.5", args.get(args.indexOf("--objective") + 1));

        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        assertEquals("mix:0.5", summary.path("objective").asText());
        assertEquals(4, summary.path("classifier_head_classes").asInt());
        double head = summary.path("classifier_head_accuracy").asDouble(-1);
        assertTrue(head >= 0 && head <= 1, summary.toString());
        JsonNode model = json.readTree(out.resolve("model/model.json").toFile());
        assertEquals("[\"AB\",\"Ab\",\"aB\",\"ab\"]", model.path("classifier_head").path("classes").toString());

        // eval reloads the model with its head: the same accuracy, beside Extra-Trees on the panel
        Result e = cae("eval", "--run", out.toString());
        assertEquals(0, e.code(), e.err());
        JsonNode m = json.readTree(e.out());
        assertEquals("mix:0.5", m.path("objective").asText());
        assertEquals(head, m.path("classifier_head_accuracy").asDouble(), 1e-12);
        assertTrue(m.path("extra_trees_accuracy").isNumber());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("mix:0.5 (reconstruction and classification"), "the report states the objective");
        assertTrue(report.contains("classifier head&#39;s test accuracy") || report.contains("classifier head's test accuracy"), report);

        // the decoder of a supervised run still imputes
        Result imputed = cae("impute", "--run", out.toString(), "--data", labelled.toString(), "--out", dir.resolve("imputed.csv").toString());
        assertEquals(0, imputed.code(), imputed.err());

        // a reconstruct run says so and has no head
        Path plain = dir.resolve("plain");
        assertEquals(0, train(labelled, plain).code());
        JsonNode plainSummary = json.readTree(plain.resolve("summary.json").toFile());
        assertEquals("reconstruct", plainSummary.path("objective").asText());
        assertFalse(plainSummary.has("classifier_head_accuracy"));
        assertFalse(json.readTree(plain.resolve("model/model.json").toFile()).has("classifier_head"));
    }

    @Test
    void aClassifyRunResumesToTheSameRunAndRefusesAnotherObjective() throws Exception {
        Path straight = dir.resolve("cls-straight");
        Result a = train(labelled, straight, "--objective", "classify", "--selector-lr", "0.05");
        assertEquals(0, a.code(), a.err());

        Path resumed = dir.resolve("cls-resumed");
        RunConfig recorded = RunDirectory.readConfig(straight);
        // the selector's own learning rate is recorded, re-run and resumed like every setting
        assertEquals(0.05, recorded.training().selectorLearningRate());
        List<String> args = RunConfig.trainArguments(recorded.data(), recorded.training(), straight);
        assertEquals("0.05", args.get(args.indexOf("--selector-lr") + 1));
        PreparedData p = DataPreparation.prepare(recorded.data());
        PartialRun partial = PartialRun.start(PartialRun.folderFor(resumed), recorded);
        new Trainer(recorded.training()).checkpoints(c -> {
            if (c.epochsDone() == 3) CheckpointFile.write(partial.checkpointFile(), c);
        }, 0).train(p.train(), p.test(), null, null);

        Result other = cae("train", "--resume", resumed.toString(), "--objective", "mix:0.5", "--quiet");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("--objective mix:0.5 differs from the settings recorded"), other.err());

        Result b = cae("train", "--resume", resumed.toString(), "--quiet");
        assertEquals(0, b.code(), b.err());
        assertArrayEquals(Npy.read(straight.resolve("model/parameters.npy")).values(), Npy.read(resumed.resolve("model/parameters.npy")).values());
        assertEquals(Files.readAllLines(straight.resolve(RunDirectory.SELECTED)), Files.readAllLines(resumed.resolve(RunDirectory.SELECTED)));
    }

    @Test
    void compareWithASupervisedObjectiveShowsBothCaesBesideTheBaselines() throws IOException {
        CompareRun run = new CompareRun(TrainingConfig.builder().objective(Objective.mix(0.3)).build(), 1);
        assertEquals(List.of("cae", "cae-classify", "random", "variance", "laplacian", "pfa", "mcfs"), run.defaultMethods());
        assertEquals(Selectors.DEFAULT, CompareRun.defaults(10).defaultMethods());
        var selectors = run.selectors(List.of("cae", "cae-linear", "cae-classify"), null, null);
        assertEquals(Objective.RECONSTRUCT, ((org.caeworkbench.eval.CaeSelector) selectors.get(0)).config().objective());
        assertEquals(Objective.RECONSTRUCT, ((org.caeworkbench.eval.CaeSelector) selectors.get(1)).config().objective());
        assertEquals(Objective.mix(0.3), ((org.caeworkbench.eval.CaeSelector) selectors.get(2)).config().objective());
        var plain = CompareRun.defaults(10).selectors(List.of("cae-classify"), null, null);
        assertEquals(Objective.CLASSIFY, ((org.caeworkbench.eval.CaeSelector) plain.get(0)).config().objective());

        Path out = dir.resolve("cmp");
        Result r = cae("compare", "--data", labelled.toString(), "--k", "2", "--epochs", "30", "--objective", "classify",
                "--methods", "cae,cae-classify,variance", "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("cae,")), csv.toString());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("cae-classify,")), csv.toString());
        assertTrue(r.out().contains("cae-classify"), r.out());
    }
}
