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

    /**
     * One bundled dataset: a name for the menu, one line about it, its files relative to the samples
     * folder (data, test file or null, labels file or null) and its label column (or null).
     */
    public record Sample(String name, String description, String data, String test, String labelColumn, String labelsFile) {
        public Sample(String name, String description, String data, String test, String labelColumn) {
            this(name, description, data, test, labelColumn, null);
        }

        /** How to read it, given the samples folder. */
        public DataSpec spec(Path samples) {
            ReadOptions read = ReadOptions.defaults().withLabelColumn(labelColumn)
                    .withLabelsFile(labelsFile == null ? null : samples.resolve(labelsFile));
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

    public static final Sample ALL_GCT = new Sample("ALL leukaemia (GCT)",
            "The same patients as a GCT expression table (2000 most variable probe sets, genes as rows), labels from labels.csv.",
            "all-leukemia-gct/all_leukemia.gct.gz", null, null, "all-leukemia-gct/labels.csv");
    public static final Sample ALL_10X = new Sample("ALL leukaemia (10x folder)",
            "The same 128 × 2000 as a 10x Genomics folder (matrix.mtx.gz, features, barcodes), labels from labels.csv.",
            "all-leukemia-10x", null, null, "all-leukemia-10x/labels.csv");

    public static List<Sample> all() {
        return List.of(MNIST, FASHION, ALL, ALL_GCT, ALL_10X);
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
