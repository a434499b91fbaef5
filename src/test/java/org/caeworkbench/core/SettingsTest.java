package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.ReadOptions;
import org.junit.jupiter.api.Test;

/** The catalogue of settings (Settings): complete entries, defaults from the engine, parsers, problems naming settings. */
class SettingsTest {

    @Test
    void everySettingHasANameADefaultFromTheEngineHelpAndALabel() {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (List<? extends Setting<?, ?>> list : List.of(Settings.TRAINING, Settings.READING)) {
            for (Setting<?, ?> s : list) {
                assertTrue(s.name().startsWith("--"), s.name());
                assertTrue(names.add(s.name()), "one entry per option: " + s.name());
                assertTrue(keys.add(s.key()), "one key per setting: " + s.key());
                assertFalse(s.help().isBlank(), s.name());
                assertFalse(s.label().isBlank(), s.name());
                assertFalse(s.subject().isBlank(), s.name());
            }
        }
        TrainingConfig engine = TrainingConfig.builder().build();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            assertEquals(s.get(engine), s.defaultValue(), s.name());
            assertNotNull(s.defaultText(), s.name());
            assertEquals(s.defaultValue(), s.parse(s.defaultText()), "the default's text reads back: " + s.name());
        }
        for (Setting<ReadOptions, ?> s : Settings.READING) assertEquals(s.get(ReadOptions.defaults()), s.defaultValue(), s.name());
    }

    @Test
    void everyTrainingSettingReadsBackWhatItWrites() {
        TrainingConfig c = TrainingConfig.builder().k(7).epochs(40).batchSize(TrainingConfig.REFERENCE_BATCH).learningRate(0.003)
                .hidden("none").dropout(0.2).redundancy(0.004).selectorLearningRate(0.02).seed(9).convergenceOff().maxTries(2).validationRows(64)
                .schedule(new TemperatureSchedule(TemperatureSchedule.Shape.COSINE, 5, 0.05)).annealing(Annealing.EPOCH).build();
        TrainingConfig rebuilt = TrainingConfig.builder().build();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) rebuilt = copy(s, c, rebuilt);
        assertEquals(c, rebuilt);
        List<String> args = Settings.trainingArguments(c);
        assertTrue(String.join(" ", args).contains("--batch-size reference --hidden none"), args.toString());
        assertTrue(args.contains("--validation-rows") && args.contains("off"), args.toString());
    }

    private static <V> TrainingConfig copy(Setting<TrainingConfig, V> s, TrainingConfig from, TrainingConfig to) {
        return s.with(to, s.parse(s.text(from)));
    }

    @Test
    void oneParserForBatchSizesAndOneForKLists() {
        assertEquals(TrainingConfig.AUTO_BATCH, Settings.batchSize("auto"));
        assertEquals(TrainingConfig.REFERENCE_BATCH, Settings.batchSize(" Reference "));
        assertEquals(64, Settings.batchSize("64"));
        assertThrows(Setting.Invalid.class, () -> Settings.batchSize("0"));
        assertThrows(Setting.Invalid.class, () -> Settings.batchSize("big"));
        assertArrayEquals(new int[] {10, 20, 50}, Settings.kList("50, 10,20,,10"));
        assertThrows(Setting.Invalid.class, () -> Settings.kList("4,x"));
        assertThrows(Setting.Invalid.class, () -> Settings.kList("0"));
        assertThrows(Setting.Invalid.class, () -> Settings.kList(" , "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.BATCH.value("-3", "--batch-size"));
        assertEquals("--batch-size must be a positive whole number, auto or reference (got '-3').", e.getMessage());
    }

    @Test
    void problemsNameTheirSetting() {
        assertEquals(Settings.K, TrainingConfig.builder().k(900).build().problems(784, 6000).get(0).setting());
        assertEquals(Settings.K, TrainingConfig.builder().k(0).build().problems(784, 6000).get(0).setting());
        assertEquals(Settings.END_TEMP, TrainingConfig.builder().schedule(new TemperatureSchedule(TemperatureSchedule.Shape.LINEAR, 1, 5))
                .build().problems(784, 6000).get(0).setting());
        assertEquals(Settings.LR, TrainingConfig.builder().learningRate(-1).build().problems(784, 6000).get(0).setting());
        assertEquals(Settings.HIDDEN, TrainingConfig.builder().hidden("big").build().problems(784, 6000).get(0).setting());
        assertEquals(Settings.VALIDATION_ROWS, TrainingConfig.builder().validationRows(-1).build().problems(784, 6000).get(0).setting());
        assertEquals(null, TrainingConfig.builder().build().problems(784, 0).get(0).setting());
    }

    /** The setting added with the catalogue: the engine measures the validation loss on at most that many rows, none for 0. */
    @Test
    void theEngineHonoursValidationRows() {
        NativeThreads.configure();
        Dataset[] split = TrainerTest.scaledSplit(200, 60);
        TrainingConfig.Builder b = TrainerTest.shortRun().epochs(2).convergenceOff();
        SelectionResult none = new Trainer(b.validationRows(0).build()).train(split[0], split[1], TrainingListener.NONE, null);
        assertTrue(none.history().stream().allMatch(r -> Double.isNaN(r.validationLoss())), none.history().toString());
        SelectionResult some = new Trainer(b.validationRows(10).build()).train(split[0], split[1], TrainingListener.NONE, null);
        assertTrue(some.history().stream().allMatch(r -> Double.isFinite(r.validationLoss())), some.history().toString());
    }
}
