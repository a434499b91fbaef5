package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.export.RunConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options declared from the catalogue of settings (core.Settings) on train, compare, bench, reproduce, inspect and impute. */
class TrainingOptionsTest {

    @Test
    void everyCatalogueSettingIsAnOptionOfTrainWithTheEnginesDefault() {
        CommandLine train = CaeCommand.commandLine().getSubcommands().get("train");
        TrainingConfig engine = TrainingConfig.builder().build();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            var o = train.getCommandSpec().findOption(s.name());
            assertTrue(o != null, s.name());
            assertEquals(s.text(engine), o.defaultValue(), s.name());
        }
        for (Setting<ReadOptions, ?> s : Settings.READING)
            for (String name : s.isFlags() ? s.flags().keySet() : java.util.Set.of(s.name()))
                assertTrue(train.getCommandSpec().findOption(name) != null, name);
        CommandLine inspect = CaeCommand.commandLine().getSubcommands().get("inspect");
        for (Setting<ReadOptions, ?> s : Settings.READING) assertTrue(inspect.getCommandSpec().findOption(s.name()) != null, s.name());
    }

    @Test
    void eachCommandKeepsItsDefaults() {
        CompareCommand compare = new CompareCommand();
        new CommandLine(compare).parseArgs("--data", "x.csv", "--out", "o");
        assertEquals(TrainingConfig.builder().build(), compare.training.config());
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs();
        assertEquals(8, bench.training.config().epochs());
        assertEquals(TrainingConfig.DEFAULT_K, bench.training.config().k());
        ReproduceCommand reproduce = new ReproduceCommand();
        new CommandLine(reproduce).parseArgs();
        assertEquals(0, reproduce.training.config().seed());
        assertEquals(300, reproduce.training.config().epochs());
    }

    /** The setting added with the catalogue reaches the engine's settings from the command line and the run's record. */
    @Test
    void validationRowsReachTheSettingsFromTheCommandLineAndTheRecord() throws Exception {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--data", "x.csv", "--validation-rows", "64", "--out", "o");
        TrainingConfig cfg = cmd.config();
        assertEquals(64, cfg.validationRows());
        DataSpec spec = DataSpec.of(Path.of("x.csv"));
        TrainCommand again = new TrainCommand();
        new CommandLine(again).parseArgs(RunConfig.trainArguments(spec, cfg, Path.of("o")).toArray(String[]::new));
        assertEquals(cfg, again.config());
        RunConfig recorded = RunConfig.fromJson(new RunConfig(spec, cfg, "cae train", "dev").toJson());
        assertEquals(cfg, recorded.training());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaeCommand.execute(new String[] {"train", "--data", "x.csv", "--validation-rows", "-1", "--out", "o"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code);
        assertEquals("cae: --validation-rows must be 0 or more (got '-1').", err.toString().strip());
    }
}
