package org.caeworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.caeworkbench.app.SampleSets;

/** The window's short names for the bundled datasets of {@link SampleSets} (declared there, with their ids). */
public final class Samples {
    public static final SampleSets.Sample MNIST = SampleSets.MNIST;
    public static final SampleSets.Sample FASHION = SampleSets.FASHION;
    public static final SampleSets.Sample ALL = SampleSets.ALL;
    public static final SampleSets.Sample ALL_GCT = SampleSets.ALL_GCT;
    public static final SampleSets.Sample ALL_10X = SampleSets.ALL_10X;

    public static List<SampleSets.Sample> all() {
        return SampleSets.all();
    }

    /** The samples folder (see {@link SampleSets#folder()}). */
    public static Optional<Path> folder() {
        return SampleSets.folder();
    }

    private Samples() {}
}
