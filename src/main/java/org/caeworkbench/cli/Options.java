package org.caeworkbench.cli;

import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;

/** Small helpers for turning option text into values with a clear message. */
final class Options {
    private Options() {}

    /** Parses "minmax-global" as MINMAX_GLOBAL and so on; a clear error naming the option otherwise. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String option) {
        try {
            return Settings.word(type, text);
        } catch (Setting.Invalid e) {
            throw new IllegalArgumentException(Setting.sentence(option, e, text));
        }
    }
}
