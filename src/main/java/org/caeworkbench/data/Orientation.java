package org.caeworkbench.data;

/**
 * Which way a table lies in its file. Most tools write one row per sample; expression tables
 * (genes × samples) put one row per feature. AUTO guesses from the table's shape and names and says
 * what it chose (see {@link Dataset#notes()}).
 */
public enum Orientation {
    AUTO,
    /** One row per sample, one column per feature. */
    SAMPLES_AS_ROWS,
    /** One row per feature (gene), one column per sample: transposed when read. */
    FEATURES_AS_ROWS
}
