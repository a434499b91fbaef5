package org.caeworkbench.cli;

import java.util.List;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.data.ReadOptions;
import picocli.CommandLine.Command;

/** How to read a data file, one option per entry of {@link Settings#READING} (or a part of it): train, compare, inspect and impute. */
@Command(modelTransformer = SettingOptions.Declare.class)
final class ReadingOptions extends SettingOptions<ReadOptions> {
    ReadingOptions() {
        this(Settings.READING);
    }

    ReadingOptions(List<Setting<ReadOptions, ?>> settings) {
        super(settings);
    }

    @SafeVarargs
    static ReadingOptions only(Setting<ReadOptions, ?>... settings) {
        return new ReadingOptions(List.of(settings));
    }

    /** The reading settings as given (the defaults of the others); a bad value is one sentence naming its option. */
    ReadOptions readOptions() {
        return apply(ReadOptions.defaults());
    }
}
