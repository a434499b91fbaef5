package org.caeworkbench.data;

import java.util.Objects;

/** A training part and a test part of the same kind of data (same features, in the same order). */
public record Split(Dataset train, Dataset test) {
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
