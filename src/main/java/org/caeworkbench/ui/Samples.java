package org.caeworkbench.ui;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;

/** The datasets bundled in {@code samples/}, and where to find that folder. */
public final class Samples {

    /** One bundled dataset: a name for the menu, one line about it, its files relative to the samples folder. */
    public record Sample(String name, String description, String data, String test, String labelColumn) {
        /** How to read it, given the samples folder. */
        public DataSpec spec(Path samples) {
            ReadOptions read = ReadOptions.defaults().withLabelColumn(labelColumn);
            Path t = test == null ? null : samples.resolve(test);
            return new DataSpec(samples.resolve(data), read, t, null, 0.2, 1L, Scaling.AUTO);
        }
    }

    public static final Sample MNIST = new Sample("MNIST digits",
            "6000 training and 4000 test handwritten digits, 28×28 pixels (the paper's MNIST protocol).",
            "mnist/train6000-images-idx3-ubyte.gz", "mnist/test4000-images-idx3-ubyte.gz", null);
    public static final Sample FASHION = new Sample("Fashion-MNIST",
            "6000 training and 4000 test clothing images, 28×28 pixels, 10 classes.",
            "fashion-mnist/train6000-images-idx3-ubyte.gz", "fashion-mnist/test4000-images-idx3-ubyte.gz", null);
    public static final Sample ALL = new Sample("ALL leukaemia expression",
            "Gene expression of acute lymphoblastic leukaemia samples; genes as columns, subtype in 'label'.",
            "all-leukemia/all_leukemia.csv.gz", null, "label");

    public static List<Sample> all() {
        return List.of(MNIST, FASHION, ALL);
    }

    private Samples() {}

    /**
     * The samples folder: {@code samples/} in the working directory, else next to the jar's folder
     * (target/../samples), else the system property {@code cae.samples}.
     */
    public static Optional<Path> folder() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("cae.samples");
        if (prop != null && !prop.isBlank()) candidates.add(Path.of(prop));
        candidates.add(Path.of("samples"));
        try {
            Path jar = Path.of(Samples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.getParent();
            if (dir != null) {
                candidates.add(dir.resolve("samples"));
                if (dir.getParent() != null) candidates.add(dir.getParent().resolve("samples"));
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code source: only the working directory
        }
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("mnist"))) return Optional.of(c.toAbsolutePath().normalize());
        }
        return Optional.empty();
    }
}
