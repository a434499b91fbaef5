package org.caeworkbench.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;

/**
 * The datasets bundled in {@code samples/}, each with a short id (what a lesson names), and where to find
 * that folder. The window's gallery and Samples menu, its lessons and {@code cae lesson} read them here.
 */
public final class SampleSets {

    /**
     * One bundled dataset: its id (a lesson's {@code "sample"}), a name for the menu, one line about it, its
     * files relative to the samples folder (data, test file or null, labels file or null), its label column
     * (or null) and whom to credit for it (samples/README.md).
     */
    public record Sample(String id, String name, String description, String data, String test, String labelColumn,
                         String labelsFile, String credit) {

        /** How to read it, given the samples folder. */
        public DataSpec spec(Path samples) {
            ReadOptions read = ReadOptions.defaults().withLabelColumn(labelColumn)
                    .withLabelsFile(labelsFile == null ? null : samples.resolve(labelsFile));
            Path t = test == null ? null : samples.resolve(test);
            return new DataSpec(samples.resolve(data), read, t, null, 0.2, 1L, Scaling.AUTO);
        }

        /** Whether {@code file} is this sample's data file (or folder) in the samples folder {@code samples}. */
        public boolean isData(Path samples, Path file) {
            return file != null && samples.resolve(data).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
        }
    }

    public static final Sample MNIST = new Sample("mnist", "MNIST digits",
            "6000 training and 4000 test handwritten digits, 28×28 pixels (the paper's MNIST protocol).",
            "mnist/train6000-images-idx3-ubyte.gz", "mnist/test4000-images-idx3-ubyte.gz", null, null,
            "Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0");
    public static final Sample FASHION = new Sample("fashion-mnist", "Fashion-MNIST",
            "6000 training and 4000 test clothing images, 28×28 pixels, 10 classes.",
            "fashion-mnist/train6000-images-idx3-ubyte.gz", "fashion-mnist/test4000-images-idx3-ubyte.gz", null, null,
            "H. Xiao, K. Rasul, R. Vollgraf, Zalando Research; MIT");
    public static final Sample ALL = new Sample("all-leukemia", "ALL leukaemia expression",
            "Gene expression of acute lymphoblastic leukaemia samples; genes as columns, subtype in 'label'.",
            "all-leukemia/all_leukemia.csv.gz", null, "label", null,
            "Chiaretti et al., Blood 2004; Bioconductor ALL, Artistic-2.0");
    public static final Sample ALL_GCT = new Sample("all-leukemia-gct", "ALL leukaemia (GCT)",
            "The same patients as a GCT expression table (2000 most variable probe sets, genes as rows), labels from labels.csv.",
            "all-leukemia-gct/all_leukemia.gct.gz", null, null, "all-leukemia-gct/labels.csv",
            "Chiaretti et al., Blood 2004; Bioconductor ALL, Artistic-2.0");
    public static final Sample ALL_10X = new Sample("all-leukemia-10x", "ALL leukaemia (10x folder)",
            "The same 128 × 2000 as a 10x Genomics folder (matrix.mtx.gz, features, barcodes), labels from labels.csv.",
            "all-leukemia-10x", null, null, "all-leukemia-10x/labels.csv",
            "Chiaretti et al., Blood 2004; Bioconductor ALL, Artistic-2.0");

    public static List<Sample> all() {
        return List.of(MNIST, FASHION, ALL, ALL_GCT, ALL_10X);
    }

    /** The sample of this id, if any. */
    public static Optional<Sample> byId(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The ids of every sample, for a sentence naming them. */
    public static String ids() {
        return String.join(", ", all().stream().map(Sample::id).toList());
    }

    /** The sample whose data file {@code file} is, if any (none when the samples folder is not found). */
    public static Optional<Sample> of(Path file) {
        Optional<Path> folder = folder();
        if (folder.isEmpty()) return Optional.empty();
        return all().stream().filter(s -> s.isData(folder.get(), file)).findFirst();
    }

    private SampleSets() {}

    /**
     * The samples folder: the system property {@code cae.samples}, else {@code samples/} in the working
     * directory, else next to the jar's folder (target/../samples).
     */
    public static Optional<Path> folder() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("cae.samples");
        if (prop != null && !prop.isBlank()) candidates.add(Path.of(prop));
        candidates.add(Path.of("samples"));
        try {
            Path jar = Path.of(SampleSets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
