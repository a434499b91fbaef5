package org.caeworkbench.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers for turning option text into values with a clear message. */
final class Options {
    private Options() {}

    /** Parses "minmax-global" as MINMAX_GLOBAL and so on; a clear error naming the option otherwise. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String option) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(key)) return e;
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(option + " must be one of " + allowed + " (got '" + text + "').");
    }
}
