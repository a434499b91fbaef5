package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.core.Parameterisation;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.export.CheckpointFile;
import org.caeworkbench.export.Npy;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --selector, --ip-dim and --redraw from the command line into the engine, the run's record, a resumed run and reproduce. */
class SelectorOptionsTest {
    @TempDir static Path dir;
    static Path table;

    /** 400 samples x 20 features: five sources and noisy mixtures of them. */
    @BeforeAll
    static void data() throws IOException {
        Random r = new Random(9);
        StringBuilder b = new StringBuilder("id");
        for (int c = 0; c < 20; c++) b.append(",g").append(c);
        b.append('\n');
        for (int i = 0; i < 400; i++) {
            double[] src = new double[5];
            for (int s = 0; s < 5; s++) src[s] = r.nextDouble();
            b.append('s').append(i);
            for (int c = 0; c < 20; c++) {
                double v = c < 5 ? src[c] : src[c % 5] * 0.6 + src[(c + 2) % 5] * 0.4 + 0.05 * r.nextGaussian();
                b.append(',').append(String.format(Locale.ROOT, "%.5f", v));
            }
            b.append('\n');
        }
        table = Files.writeString(dir.resolve("table.csv"), b.toString());
    }

    @Test
    void theSettingsReachTheEngineAndTheRecord() throws Exception {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--data", "x.csv", "--selector", "ip", "--ip-dim", "12", "--redraw", "on", "--out", "o");
        TrainingConfig cfg = cmd.config();
        assertEquals(Parameterisation.IP, cfg.selector());
        assertEquals(12, cfg.ipDim());
        assertTrue(cfg.redraw());
        DataSpec spec = DataSpec.of(Path.of("x.csv"));
        TrainCommand again = new TrainCommand();
        new CommandLine(again).parseArgs(RunConfig.trainArguments(spec, cfg, Path.of("o")).toArray(String[]::new));
        assertEquals(cfg, again.config());
        assertEquals(cfg, RunConfig.fromJson(new RunConfig(spec, cfg, "cae train", "dev").toJson()).training());

        TrainCommand auto = new TrainCommand();
        new CommandLine(auto).parseArgs("--data", "x.csv", "--selector", "plain", "--ip-dim", "auto", "--redraw", "off", "--out", "o");
        assertEquals(Parameterisation.PLAIN, auto.config().selector());
        assertEquals(TrainingConfig.AUTO_IP_DIM, auto.config().ipDim());
        assertTrue(!auto.config().redraw());

        ReproduceCommand reproduce = new ReproduceCommand();
        new CommandLine(reproduce).parseArgs("--selector", "plain", "--redraw", "on");
        assertEquals(Parameterisation.PLAIN, reproduce.training.config().selector());
        assertTrue(reproduce.training.config().redraw());

        Result bad = cae("train", "--data", "x.csv", "--redraw", "maybe", "--out", "o");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--redraw must be on or off"), bad.err());
    }

    /** As ResumeTest's first case, with IP-CAE's parameterisation and re-drawing: Psi, W, b and Adam's state go through checkpoint.bin. */
    @Test
    void anIndirectRunResumedFromItsCheckpointFileWritesTheSameRun() throws Exception {
        Path straight = dir.resolve("straight");
        Result a = cae(args(straight, "--epochs", "8").toArray(String[]::new));
        assertEquals(0, a.code(), a.err());
        RunConfig recorded = RunDirectory.readConfig(straight);
        assertEquals(Parameterisation.IP, recorded.training().selector());

        Path resumed = dir.resolve("resumed");
        PreparedData p = DataPreparation.prepare(recorded.data());
        PartialRun partial = PartialRun.start(PartialRun.folderFor(resumed), recorded);
        new Trainer(recorded.training()).checkpoints(c -> {
            if (c.epochsDone() == 3) CheckpointFile.write(partial.checkpointFile(), c);
        }, 0).train(p.train(), p.test(), null, null);
        assertEquals(3, partial.peek().epochsDone());

        Result b = cae("train", "--resume", resumed.toString(), "--quiet");
        assertEquals(0, b.code(), b.err());
        assertEquals(ResumeTest.historyWithoutSeconds(straight), ResumeTest.historyWithoutSeconds(resumed));
        assertEquals(Files.readAllLines(straight.resolve(RunDirectory.SELECTED)), Files.readAllLines(resumed.resolve(RunDirectory.SELECTED)));
        float[] saved = Npy.read(straight.resolve("model/parameters.npy")).values();
        assertArrayEquals(saved, Npy.read(resumed.resolve("model/parameters.npy")).values());
        // the saved model holds the computed logits (k x d) and the decoder, the plain layout inference reads
        assertEquals(4 * 20 + (4 + 1) * 6 + (6 + 1) * 20, saved.length);
        Result eval = cae("eval", "--run", straight.toString());
        assertEquals(0, eval.code(), eval.err());

        // a resume that asks for the plain parameterisation is refused (the recorded setting differs)
        Path other = dir.resolve("other");
        PartialRun second = PartialRun.start(PartialRun.folderFor(other), recorded);
        new Trainer(recorded.training()).checkpoints(c -> {
            if (c.epochsDone() == 2) CheckpointFile.write(second.checkpointFile(), c);
        }, 0).train(p.train(), p.test(), null, null);
        Result refused = cae("train", "--resume", other.toString(), "--selector", "plain", "--quiet");
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("--selector"), refused.err());
    }

    static List<String> args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", table.toString(), "--k", "4", "--hidden", "6", "--batch-size", "100",
                "--convergence", "off", "--selector", "ip", "--ip-dim", "5", "--redraw", "on", "--out", out.toString(), "--quiet"));
        a.addAll(List.of(more));
        return a;
    }
}
