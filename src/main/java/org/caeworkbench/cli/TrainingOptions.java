package org.caeworkbench.cli;

import java.util.List;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import picocli.CommandLine.Command;

/**
 * The training options, one per entry of {@link Settings#TRAINING} (or a part of it): the same mixin
 * for train, compare, bench and reproduce.
 */
@Command(modelTransformer = SettingOptions.Declare.class)
final class TrainingOptions extends SettingOptions<TrainingConfig> {
    /** Every training setting (cae train). */
    TrainingOptions() {
        this(Settings.TRAINING);
    }

    TrainingOptions(List<Setting<TrainingConfig, ?>> settings) {
        super(settings);
    }

    @SafeVarargs
    static TrainingOptions only(Setting<TrainingConfig, ?>... settings) {
        return new TrainingOptions(List.of(settings));
    }

    @Override
    TrainingOptions override(Setting<TrainingConfig, ?> s, String defaultText, String description) {
        super.override(s, defaultText, description);
        return this;
    }

    /** The training settings as given, the others the engine's defaults; a bad value is one sentence naming its option. */
    TrainingConfig config() {
        return apply(TrainingConfig.builder().build());
    }

    /** The seed as given (the split's seed too). */
    long seed() {
        return config().seed();
    }

    /** The note of a command that took half the features as k, since the default k is more than the data have ({@link TrainingConfig#defaultK}). */
    static String halfTheFeaturesNote(int k, int features) {
        return String.format(java.util.Locale.ROOT, "note: k = %d, half the %d features (the default k, %d, is more than the data have); --k sets it.",
                k, features, TrainingConfig.DEFAULT_K);
    }
}
