package org.caeworkbench.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.data.ClassMeanImputer;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.DatasetReader;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.Scaling;
import org.caeworkbench.data.Split;
import org.caeworkbench.data.Splits;

/**
 * The datasets of the paper's Table 1 as they are in ../shared/datasets, on exactly the splits of
 * PAPER.md section 6 (whose reference figures were computed on them): MNIST and Fashion-MNIST from
 * their train6000/test4000 files; COIL-20 (20 × 20), Mice Protein and the HAR sample with the seeded
 * 80/20 split files of {@code splits/}; ISOLET trained on {@code isolet_1560} and tested on
 * {@code isolet5}. Scaling is fitted on the training rows: one [0, 1] range for MNIST and Fashion
 * (the paper's /255), per-feature min-max for COIL-20 and the tables. Mice Protein is imputed with the class
 * means of the training rows before scaling.
 */
public final class PaperBenchmark {
    /** The datasets in the order of the paper's table. */
    public static final List<String> KEYS = List.of("mnist", "fashion", "coil20", "mice", "isolet", "har");

    /**
     * A prepared benchmark.
     *
     * @param files    the files used, relative to the data folder, for the report
     * @param scaling  how the features were scaled (fitted on train)
     */
    public record Benchmark(String key, String title, int k, Dataset train, Dataset test, String files, String scaling) {}

    private PaperBenchmark() {}

    public static String title(String key) {
        return switch (key) {
            case "mnist" -> "MNIST 6000/4000";
            case "fashion" -> "Fashion-MNIST 6000/4000";
            case "coil20" -> "COIL-20 20x20";
            case "mice" -> "Mice Protein";
            case "isolet" -> "ISOLET (isolet_1560 -> isolet5)";
            case "har" -> "HAR sample";
            default -> throw new IllegalArgumentException("unknown dataset '" + key + "'; the datasets are " + String.join(", ", KEYS) + ".");
        };
    }

    /** The files and split of a dataset, relative to the data folder. */
    public static String files(String key) {
        return switch (key) {
            case "mnist" -> "mnist/mnist_train6000.csv.gz / mnist/mnist_test4000.csv.gz";
            case "fashion" -> "fashion-mnist/fashion_train6000.csv.gz / fashion-mnist/fashion_test4000.csv.gz";
            case "isolet" -> "isolet/isolet_1560.csv.gz / isolet/isolet5.csv.gz";
            case "coil20" -> "coil20/coil20_20x20_minmax.csv.gz with splits/coil20_seed0.csv";
            case "har" -> "har/har_subset735.csv.gz with splits/har_seed0.csv";
            case "mice" -> "mice-protein/mice_protein.csv.gz with splits/mice_seed0.csv, class-mean imputation fitted on train";
            default -> throw new IllegalArgumentException("unknown dataset '" + key + "'");
        };
    }

    /** How a dataset's features are scaled (always fitted on its training rows). */
    public static String scaling(String key) {
        return key.equals("mnist") || key.equals("fashion")
                ? "one [0,1] range over all pixels (min-max of the training matrix, i.e. /255)"
                : "per-feature min-max to [0,1] on the training rows";
    }

    /** k of the paper's table: 10 for Mice Protein, 50 elsewhere. */
    public static int k(String key) {
        title(key);
        return key.equals("mice") ? 10 : 50;
    }

    public static Benchmark load(String key, Path dataDir) throws DataException {
        ReadOptions labelled = ReadOptions.defaults().withLabelColumn("label");
        return switch (key) {
            case "mnist" -> withTestFile(key, dataDir, "mnist/mnist_train6000.csv.gz", "mnist/mnist_test4000.csv.gz", labelled);
            case "fashion" -> withTestFile(key, dataDir, "fashion-mnist/fashion_train6000.csv.gz", "fashion-mnist/fashion_test4000.csv.gz", labelled);
            case "isolet" -> withTestFile(key, dataDir, "isolet/isolet_1560.csv.gz", "isolet/isolet5.csv.gz", labelled);
            case "coil20" -> withSplit(key, dataDir, "coil20/coil20_20x20_minmax.csv.gz", "splits/coil20_seed0.csv", labelled, false);
            case "har" -> withSplit(key, dataDir, "har/har_subset735.csv.gz", "splits/har_seed0.csv", labelled, false);
            case "mice" -> withSplit(key, dataDir, "mice-protein/mice_protein.csv.gz", "splits/mice_seed0.csv",
                    labelled.withImpute(Imputation.MEAN), true);
            default -> throw new IllegalArgumentException("unknown dataset '" + key + "'; the datasets are " + String.join(", ", KEYS) + ".");
        };
    }

    private static Path file(Path dataDir, String rel) throws DataException {
        Path p = dataDir.resolve(rel);
        if (!Files.isRegularFile(p)) {
            throw new DataException(p + " is missing; point --data-dir at the shared datasets folder (with mnist/, coil20/, splits/, ...)");
        }
        return p;
    }

    private static Benchmark withTestFile(String key, Path dir, String train, String test, ReadOptions read) throws DataException {
        Dataset tr = DatasetReader.read(file(dir, train), read);
        Dataset te = DatasetReader.read(file(dir, test), read);
        Split split = Splits.fromTestFile(tr, te);
        return scaled(key, split, train + " / " + test);
    }

    private static Benchmark withSplit(String key, Path dir, String data, String splitFile, ReadOptions read,
                                       boolean classMeans) throws DataException {
        Dataset all = DatasetReader.read(file(dir, data), read);
        Split split = Splits.fromFile(all, file(dir, splitFile));
        if (classMeans) {
            ClassMeanImputer imputer = ClassMeanImputer.fit(split.train());
            split = new Split(imputer.apply(split.train()), imputer.apply(split.test()));
        }
        return scaled(key, split, data + " with " + splitFile + (classMeans ? ", class-mean imputation fitted on train" : ""));
    }

    private static Benchmark scaled(String key, Split split, String files) {
        // MNIST and Fashion: one range over all pixels (the paper's /255); the tables and COIL-20 (whose
        // file is already scaled per pixel): per-feature min-max on the training rows, as scikit-learn's MinMaxScaler
        Scaler scaler = Scaler.fit(split.train(), key.equals("mnist") || key.equals("fashion") ? Scaling.MINMAX_GLOBAL : Scaling.MINMAX);
        return new Benchmark(key, title(key), k(key), scaler.apply(split.train()), scaler.apply(split.test()), files(key), scaling(key));
    }
}
