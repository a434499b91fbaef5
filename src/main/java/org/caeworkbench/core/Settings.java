package org.caeworkbench.core;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caeworkbench.data.Backing;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Unlabelled;

/**
 * The catalogue of settings: every training setting ({@link TrainingConfig}) and every reading setting
 * ({@link ReadOptions}), each declared once. The command line's options (cli: TrainingOptions,
 * ReadingOptions), the window's parameter fields (ui: WorkbenchViewModel, ParametersPanel), the
 * command line a run records (export: RunConfig) and the checks of {@link TrainingConfig#problems} are
 * built from these lists. Defaults are read from {@code TrainingConfig.builder()} and
 * {@link ReadOptions#defaults()}.
 *
 * <p>It lives in core, not app, because the run's record (export, below app) is built from it too.
 */
public final class Settings {
    private Settings() {}

    private static final TrainingConfig T = TrainingConfig.builder().build();
    private static final ReadOptions R = ReadOptions.defaults();

    // ---- training

    public static final Setting<TrainingConfig, Integer> K = training("--k", "K", TrainingConfig::k, (b, v) -> b.k(v))
            .label("k (features)").subject("k").param("K").parse(Settings::whole, String::valueOf).range("at least 1", v -> v >= 1)
            .help("Number of features to select (rows of the selector). Paper: 50 on MNIST. A table of fewer features than the default gets"
                    + " half of them.").build();

    public static final Setting<TrainingConfig, Integer> EPOCHS = training("--epochs", "EPOCHS", TrainingConfig::epochs, (b, v) -> b.epochs(v))
            .label("Epochs").subject("epochs").param("N").parse(Settings::whole, String::valueOf).range("at least 1", v -> v >= 1)
            .help("Epochs of the first try; each retry of the convergence rule doubles them. Paper: 300 on MNIST.").build();

    public static final Setting<TrainingConfig, Double> START_TEMP = Setting.<TrainingConfig, Double>of("--start-temp", "T0", T,
                    c -> c.schedule().start(), (c, v) -> c.toBuilder().schedule(new TemperatureSchedule(c.schedule().shape(), v, c.schedule().end())).build())
            .label("Start temperature").subject("the start temperature").param("T0").parse(Settings::number, Settings::num)
            .range("a positive number", v -> v > 0)
            .help("Start temperature T0 of the concrete distribution: high means the selectors explore. Paper: 10.").build();

    public static final Setting<TrainingConfig, Double> END_TEMP = Setting.<TrainingConfig, Double>of("--end-temp", "TEND", T,
                    c -> c.schedule().end(), (c, v) -> c.toBuilder().schedule(new TemperatureSchedule(c.schedule().shape(), c.schedule().start(), v)).build())
            .label("End temperature").subject("the end temperature").param("TB").parse(Settings::number, Settings::num)
            .range("a positive number", v -> v > 0)
            .help("End temperature T_B, reached at the last step: low means each selector commits to one feature. Paper: 0.01.").build();

    public static final Setting<TrainingConfig, TemperatureSchedule.Shape> SCHEDULE = choice("--schedule", "SHAPE", TemperatureSchedule.Shape.class, T,
                    c -> c.schedule().shape(), (c, v) -> c.toBuilder().schedule(new TemperatureSchedule(v, c.schedule().start(), c.schedule().end())).build())
            .label("Schedule").subject("the schedule").param("SHAPE")
            .help("How T falls from T0 to T_B: exponential, linear, cosine or constant. Paper: exponential.").build();

    public static final Setting<TrainingConfig, Annealing> ANNEAL = choice("--anneal", "ANNEALING", Annealing.class, T,
                    TrainingConfig::annealing, (c, v) -> c.toBuilder().annealing(v).build())
            .label("Anneal per").subject("the annealing").param("WHEN")
            .help("Change T at every optimiser step (step, as the reference code) or once per epoch (epoch, the paper's formula).").build();

    public static final Setting<TrainingConfig, Double> LR = training("--lr", "LR", TrainingConfig::learningRate, (b, v) -> b.learningRate(v))
            .json("learning_rate").label("Learning rate").subject("the learning rate").param("RATE").parse(Settings::number, Settings::num)
            .range("a positive number", v -> v > 0 && Double.isFinite(v))
            .help("Adam's learning rate. Paper: 0.001; the default is higher (with batch 256 the paper's rate does not converge in 300 epochs).").build();

    public static final Setting<TrainingConfig, Double> SELECTOR_LR = training("--selector-lr", "SELECTOR_LR",
                    TrainingConfig::selectorLearningRate, (b, v) -> b.selectorLearningRate(v))
            .label("Selector learning rate").subject("the selector's learning rate").param("LR|auto")
            .parse(t -> t.trim().equalsIgnoreCase("auto") ? TrainingConfig.AUTO_SELECTOR_LR : number(t),
                    v -> v == TrainingConfig.AUTO_SELECTOR_LR ? "auto" : num(v))
            .range("a positive number or auto", v -> v >= 0 && Double.isFinite(v))
            .help("Adam's learning rate for the selector's parameters (the logits, or IP-CAE's Psi, W and b); the decoder and"
                    + " the classifier head keep --lr. auto: --lr, except for plain logits with --objective classify or mix, where it is"
                    + " raised to " + num(TrainingConfig.SELECTOR_TRAVEL) + " ln(features) / the first try's steps when that is larger, so that on tables with few rows (few"
                    + " steps) the selectors commit in one try. Not in the paper (one rate).").build();

    public static final Setting<TrainingConfig, Integer> BATCH = training("--batch-size", "BATCH", TrainingConfig::batchSize, (b, v) -> b.batchSize(v))
            .label("Batch size").subject("the batch size").param("N").parse(Settings::batchSize, Settings::batchText)
            .range("a positive whole number, auto or reference", v -> v >= TrainingConfig.REFERENCE_BATCH)
            .help("Minibatch size: a number, auto (n/16 within [16, 256]: 256 for n = 6000) or reference (the reference code's"
                    + " max(n/256, 16): 23 for n = 6000, the paper's setting).").build();

    public static final Setting<TrainingConfig, String> HIDDEN = training("--hidden", "HIDDEN", TrainingConfig::hidden, (b, v) -> b.hidden(v))
            .label("Hidden layers").subject("hidden layers").param("LAYERS").parse(s -> s, s -> s)
            .help("Decoder hidden layers: auto (one layer of 3k/2, the paper's benchmarks), none (a linear decoder, the paper's GEO"
                    + " experiment) or sizes like 320,320.").build();

    public static final Setting<TrainingConfig, Double> DROPOUT = training("--dropout", "DROPOUT", TrainingConfig::dropout, (b, v) -> b.dropout(v))
            .label("Dropout").subject("dropout").param("RATE").parse(Settings::number, Settings::num)
            .range("in [0, 1)", v -> v >= 0 && v < 1)
            .help("Dropout after each hidden layer of the decoder. Paper: 0.1.").build();

    public static final Setting<TrainingConfig, Long> SEED = training("--seed", "SEED", TrainingConfig::seed, (b, v) -> b.seed(v))
            .label("Seed").subject("the seed").param("SEED").parse(Settings::wholeLong, String::valueOf)
            .help("Seed of every random draw (the split, initialisation, noise, shuffling, dropout); the same seed repeats a run.").build();

    public static final Setting<TrainingConfig, Double> CONVERGENCE = training("--convergence", "THRESHOLD", TrainingConfig::acceptMeanMax,
                    (b, v) -> b.acceptMeanMax(v))
            .label("Accept mean-max").subject("the convergence threshold").param("P|off").parse(Settings::number, Settings::num)
            .off("off", 0.0, "Convergence rule").range("a probability like 0.99, or off", v -> v > 0 && v < 1)
            .help("Convergence rule: accept a try when the mean-max probability exceeds P, stop early above 0.998, else retry with"
                    + " twice the epochs; off trains exactly the given epochs. Paper: 0.99.").build();

    public static final Setting<TrainingConfig, Integer> MAX_TRIES = training("--max-tries", "MAX_TRIES", TrainingConfig::maxTries, (b, v) -> b.maxTries(v))
            .label("Max tries").subject("max tries").param("N").parse(Settings::whole, String::valueOf).range("at least 1", v -> v >= 1)
            .help("Most tries of the convergence rule, each with twice the epochs of the one before. Paper: 5 (its experiment code: 300, 600, … epochs).").build();

    public static final Setting<TrainingConfig, Integer> STOP_STABLE = training("--stop-stable", "STOP_STABLE", TrainingConfig::stableEpochs,
                    (b, v) -> b.stableEpochs(v))
            .label("Stable epochs").subject("the stable-selection stop").param("EPOCHS|off").parse(Settings::whole, String::valueOf)
            .off("off", 0, "Stop when stable", 10).range("a whole number of epochs, or off", v -> v >= 1)
            .help("Convergence rule: also stop a try early once the mean-max probability is above the accept threshold and no"
                    + " selector's choice has changed for this many epochs in a row (docs/engine.md: what it saves and what it costs)."
                    + " off: stop early only above 0.998, as the paper's code.").build();

    public static final Setting<TrainingConfig, Double> REDUNDANCY = training("--redundancy", "REDUNDANCY", TrainingConfig::redundancy,
                    (b, v) -> b.redundancy(v))
            .label("Redundancy").subject("the redundancy penalty").param("WEIGHT").parse(Settings::number, Settings::num)
            .range("zero or a positive number", v -> v >= 0 && Double.isFinite(v))
            .help("Weight of a penalty on selecting correlated features (their mean squared correlation). Not in the paper, which"
                    + " uses 0; try 0.001-0.01 when the data have many near-copies of the same measurement.").build();

    public static final Setting<TrainingConfig, Parameterisation> SELECTOR = choice("--selector", "SELECTOR", Parameterisation.class, T,
                    TrainingConfig::selector, (c, v) -> c.toBuilder().selector(v).build())
            .label("Selector").subject("the selector's parameterisation").param("auto|plain|ip")
            .help("How the selector's logits are learnt: ip (IP-CAE, Nilsson et al. 2024: logits = Psi W^T + b from a k x m"
                    + " embedding and a map shared by all selectors; converges in fewer epochs), plain (k x d logits, the paper's CAE)"
                    + " or auto (ip for --objective reconstruct, plain for classify and mix, which found the label columns better).").build();

    public static final Setting<TrainingConfig, Integer> IP_DIM = training("--ip-dim", "IP_DIM", TrainingConfig::ipDim, (b, v) -> b.ipDim(v))
            .label("IP embedding size").subject("the IP-CAE embedding size").param("M|auto")
            .parse(t -> t.trim().equalsIgnoreCase("auto") ? TrainingConfig.AUTO_IP_DIM : whole(t),
                    v -> v == TrainingConfig.AUTO_IP_DIM ? "auto" : String.valueOf(v))
            .range("a positive whole number or auto", v -> v >= 0)
            .help("With --selector ip: the size m of each selector's embedding (Psi is k x m, W d x m); auto: min(d, "
                    + TrainingConfig.IP_DIM_CAP + "). Each step costs three k x m x d multiplies more.").build();

    public static final Setting<TrainingConfig, Boolean> REDRAW = Setting.<TrainingConfig, Boolean>of("--redraw", "REDRAW", T,
                    TrainingConfig::redraw, (c, v) -> c.toBuilder().redraw(v).build())
            .label("Re-draw duplicates").subject("re-drawing duplicates").param("on|off")
            .parse(Settings::onOff, v -> v ? "on" : "off").choices(List.of("off", "on"))
            .help("At each epoch end of the first half of a try, start a selector again (new random logits, or its Psi row, and"
                    + " fresh Adam moments) when its feature is also another's choice (the more confident keeps it), as PERSIST"
                    + " does. Not in the paper (off).").build();

    public static final Setting<TrainingConfig, Boolean> FILL_DUPLICATES = Setting.<TrainingConfig, Boolean>of("--fill-duplicates",
                    "FILL_DUPLICATES", T, TrainingConfig::fillDuplicates, (c, v) -> c.toBuilder().fillDuplicates(v).build())
            .label("Fill duplicate slots").subject("filling duplicate slots").param("on|off")
            .parse(Settings::onOff, v -> v ? "on" : "off").choices(List.of("on", "off"))
            .help("When training ends with selectors on the same feature, each less confident one takes a feature no selector"
                    + " holds: the one the panel reconstructs worst (classify: the one that best separates the classes; mix:W:"
                    + " both, weighted), and the decoder trains a few more epochs with the panel held fixed, so the panel has k"
                    + " distinct features. off keeps the duplicates, as the paper does (its panels may be shorter than k).").build();

    public static final Setting<TrainingConfig, Integer> VALIDATION_ROWS = training("--validation-rows", "VALIDATION_ROWS",
                    TrainingConfig::validationRows, (b, v) -> b.validationRows(v))
            .label("Validation rows").subject("the validation rows").param("N").parse(Settings::whole, String::valueOf)
            .range("0 or more", v -> v >= 0)
            .help("Test rows the validation loss of each epoch is measured on (the first N): more give a steadier curve,"
                    + " fewer a faster epoch on wide data; 0: no validation loss. Not in the paper, which reports the test MSE after training.").build();

    public static final Setting<TrainingConfig, Objective> OBJECTIVE = training("--objective", "OBJECTIVE", TrainingConfig::objective,
                    (b, v) -> b.objective(v))
            .label("Objective").subject("the objective").param("reconstruct|classify|mix:W").parse(Objective::parse, Objective::toString)
            .suggest(List.of("reconstruct", "classify", "mix:0.5"))
            .help("What the panel is chosen for: reconstruct (every feature from the selected ones, the paper's), classify (the"
                    + " labels, by the cross-entropy of a small classifier on the selected features; the decoder still learns to"
                    + " impute) or mix:W, (1 - W) x reconstruction + W x classification, each relative to predicting the mean."
                    + " classify and mix need labelled data.").build();

    public static final Setting<TrainingConfig, List<String>> KEEP = training("--keep", "KEEP", TrainingConfig::keep, (b, v) -> b.keep(v))
            .label("Keep features").subject("the kept features").param("FILE|NAMES").parse(t -> FeaturePanel.names(t, false), FeaturePanel::text)
            .help("Features always in the panel: a file of names (one a line, or a table's 'name' or first column; of a stability.csv,"
                    + " those chosen in more than half of its runs) or names"
                    + " separated by commas. The k selectors learn features that complement them; the decoder sees both, so the"
                    + " panel has k more features than kept. Not in the paper (none kept).").build();

    public static final Setting<TrainingConfig, List<String>> EXCLUDE = training("--exclude", "EXCLUDE", TrainingConfig::exclude, (b, v) -> b.exclude(v))
            .label("Exclude features").subject("the excluded features").param("FILE|NAMES|re:REGEX").parse(t -> FeaturePanel.names(t, true), FeaturePanel::text)
            .help("Features never selected (still reconstructed): a file of names, names separated by commas, or re:REGEX for every"
                    + " feature whose name contains a match (re:^MT- for mitochondrial genes); a file's lines may be re: entries too. Not in the paper (none excluded).").build();

    /** Every training setting, in the order the window shows them. */
    public static final List<Setting<TrainingConfig, ?>> TRAINING = List.of(K, EPOCHS, START_TEMP, END_TEMP, SCHEDULE, ANNEAL, LR, SELECTOR_LR, BATCH,
            HIDDEN, DROPOUT, SEED, CONVERGENCE, MAX_TRIES, STOP_STABLE, VALIDATION_ROWS, SELECTOR, IP_DIM, REDRAW, FILL_DUPLICATES, REDUNDANCY, OBJECTIVE, KEEP, EXCLUDE);

    // ---- reading

    public static final Setting<ReadOptions, Format> FORMAT = choice("--format", "FORMAT", Format.class, R, ReadOptions::format, ReadOptions::withFormat)
            .label("Format").subject("the format").param("FORMAT")
            .help("auto, csv, tsv, gct, mtx (a 10x folder), h5ad (also .h5mu, a 10x .h5 or a .loom: the HDF5 formats) or idx (auto: from the file's content and name).").build();

    public static final Setting<ReadOptions, String> LABEL_COLUMN = Setting.<ReadOptions, String>of("--label-column", "LABEL_COLUMN", R,
                    ReadOptions::labelColumn, ReadOptions::withLabelColumn)
            .label("Label column").subject("the label column").param("NAME").parse(s -> s, s -> s)
            .help("Column (a row with --transpose, an obs column of .h5ad, a col_attrs column of .loom) holding class labels; default: a column named 'label'"
                    + " or 'class' if there is one.").build();

    public static final Setting<ReadOptions, Path> LABELS_FILE = Setting.<ReadOptions, Path>of("--labels-file", "LABELS_FILE", R,
                    ReadOptions::labelsFile, ReadOptions::withLabelsFile)
            .alias("--labels").label("Labels file").subject("the labels file").param("FILE").parse(Path::of, Path::toString)
            .help("Labels from another file: a sample_id,label CSV/TSV (or a GSEA .cls) for tables, GCT, 10x and h5ad;"
                    + " the IDX labels file for IDX images (default: the images file name with labels-idx1).").build();

    public static final Setting<ReadOptions, Orientation> ORIENTATION = choice("--transpose", "ORIENTATION", Orientation.class, R,
                    ReadOptions::orientation, ReadOptions::withOrientation)
            .flag("--transpose", Orientation.FEATURES_AS_ROWS).flag("--no-transpose", Orientation.SAMPLES_AS_ROWS)
            .json("orientation").label("Orientation").subject("the orientation")
            .help("--transpose: the file has features as rows and samples as columns (most gene tables); --no-transpose: samples"
                    + " are rows, whatever the guess; by default CSV/TSV orientation is guessed and the guess is printed.").build();

    public static final Setting<ReadOptions, Integer> READ_TOP_VARIABLE = Setting.<ReadOptions, Integer>of("--read-top-variable", "READ_TOP_VARIABLE", R,
                    ReadOptions::keepTopVariable, ReadOptions::withKeepTopVariable)
            .label("Read only the most variable features").subject("--read-top-variable").param("N").parse(Settings::whole, String::valueOf)
            .range("0 (all) or a positive number", v -> v >= 0)
            .help("Read only the N most variable features, ranked on all samples (10x and h5ad: while reading, so the others"
                    + " never take memory; for matrices too large to load whole); 0 reads all.").build();

    public static final Setting<ReadOptions, Imputation> IMPUTE = choice("--impute", "IMPUTE", Imputation.class, R, ReadOptions::impute,
                    ReadOptions::withImpute)
            .label("Missing values").subject("the imputation").param("HOW")
            .help("none (missing values are an error) or mean (fill with the training mean).").build();

    public static final Setting<ReadOptions, Backing> BACKING = choice("--backed", "BACKING", Backing.class, R, ReadOptions::backing,
                    ReadOptions::withBacking)
            .flag("--backed", Backing.DISK).flag("--in-memory", Backing.MEMORY)
            .json("backing").label("Hold the matrix").subject("the backing")
            .help("An .h5ad, .loom or 10x .h5 file's or a 10x folder's matrix: --backed keeps it on disk (only the row pointers stay in memory; the"
                    + " cells are read in chunks, shuffled by chunk, so a file larger than the heap trains; a 10x folder through a"
                    + " temporary copy in cell order); --in-memory holds it whole; by default it is held in memory when it fits the"
                    + " heap and kept on disk otherwise, and the read says so. Other formats are held in memory.").build();

    public static final Setting<ReadOptions, String> LAYER = Setting.<ReadOptions, String>of("--layer", "LAYER", R,
                    ReadOptions::layer, ReadOptions::withLayer)
            .label("Matrix").subject("the layer").param("NAME").parse(s -> s, s -> s)
            .help("An .h5ad or .loom file's matrix to read: X (the default; a .loom's main matrix), a layer's name (adata.layers[NAME], e.g. counts; a .loom's layers too), or "
                    + ReadOptions.RAW + " for the raw matrix with its own genes (adata.raw, where scanpy keeps every gene when X holds"
                    + " the highly variable ones); in a MuData .h5mu: MOD, MOD/LAYER or MOD/raw.X (default: rna, else the first modality);"
                    + " cae inspect lists a file's matrices.").build();

    public static final Setting<ReadOptions, Unlabelled> UNLABELLED = choice("--unlabelled", "UNLABELLED", Unlabelled.class, R,
                    ReadOptions::unlabelled, ReadOptions::withUnlabelled)
            .label("Samples without a label").subject("--unlabelled").param("WHAT")
            .help("Samples (cells) with no value in the label column or the labels file: refuse (the file is refused, naming the"
                    + " first) or drop (they are left out of the data, and a note says how many).").build();

    public static final Setting<ReadOptions, org.caeworkbench.data.TextColumns> TEXT_COLUMNS = choice("--text-columns", "TEXT_COLUMNS",
                    org.caeworkbench.data.TextColumns.class, R, ReadOptions::textColumns, ReadOptions::withTextColumns)
            .label("Text columns").subject("--text-columns").param("WHAT")
            .help("CSV/TSV columns of text besides the sample ids and the labels (a batch, a donor, a sex; judged by the first data"
                    + " row): refuse (the file is refused, naming the first such value) or drop (they are left out, and a note names"
                    + " them).").build();

    /** Every reading setting. */
    public static final List<Setting<ReadOptions, ?>> READING = List.of(FORMAT, LABEL_COLUMN, LABELS_FILE, ORIENTATION, READ_TOP_VARIABLE, IMPUTE,
            BACKING, LAYER, UNLABELLED, TEXT_COLUMNS);

    // ---- the catalogue applied

    /** {@code base} with every training setting that is given as text in {@code text} (by setting), naming bad text by its option. */
    public static TrainingConfig trainingFrom(TrainingConfig base, java.util.Map<Setting<TrainingConfig, ?>, String> text) {
        TrainingConfig c = base;
        for (Setting<TrainingConfig, ?> s : TRAINING) if (text.containsKey(s)) c = s.apply(c, text.get(s), s.name());
        return c;
    }

    /**
     * The arguments that give every training setting of {@code c} ({@code --k 50 --epochs 300 ...}), in the
     * catalogue's order: the training part of a run's recorded command line.
     */
    public static List<String> trainingArguments(TrainingConfig c) {
        List<String> a = new java.util.ArrayList<>();
        for (Setting<TrainingConfig, ?> s : TRAINING) arguments(s, c, a, false);
        return a;
    }

    /** The arguments of the reading settings of {@code r} that differ from the defaults. */
    public static List<String> readingArguments(ReadOptions r) {
        List<String> a = new java.util.ArrayList<>();
        for (Setting<ReadOptions, ?> s : READING) arguments(s, r, a, true);
        return a;
    }

    private static <C, V> void arguments(Setting<C, V> s, C c, List<String> a, boolean onlyChanged) {
        V v = s.get(c);
        if (onlyChanged && java.util.Objects.equals(v, s.defaultValue())) return;
        if (v == null || v instanceof java.util.Collection<?> list && list.isEmpty()) return;
        if (s.isFlags()) {
            s.flags().forEach((flag, value) -> { if (value.equals(v)) a.add(flag); });
            return;
        }
        a.add(s.name());
        a.add(s.format(v));
    }

    // ---- parsers

    /** A whole number. */
    public static int whole(String t) {
        try {
            return Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            throw new Setting.Invalid("must be a whole number");
        }
    }

    static long wholeLong(String t) {
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new Setting.Invalid("must be a whole number");
        }
    }

    /** A finite number. */
    /** on or off (also true/false, yes/no). */
    static boolean onOff(String t) {
        String s = t.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new Setting.Invalid("must be on or off");
        };
    }

    public static double number(String t) {
        try {
            double v = Double.parseDouble(t.trim());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new Setting.Invalid("must be a number");
    }

    /** A number as short text: 10 rather than 10.0, 0.01 as 0.01. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** The one parser of a batch size: auto, reference or a positive whole number. */
    public static int batchSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) return TrainingConfig.AUTO_BATCH;
        if (t.equals("reference")) return TrainingConfig.REFERENCE_BATCH;
        try {
            int b = Integer.parseInt(t);
            if (b > 0) return b;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new Setting.Invalid("must be a positive whole number, auto or reference");
    }

    /** A batch size as {@link #batchSize} reads it. */
    public static String batchText(int batch) {
        if (batch == TrainingConfig.AUTO_BATCH) return "auto";
        if (batch == TrainingConfig.REFERENCE_BATCH) return "reference";
        return Integer.toString(batch);
    }

    /** The one parser of a list of k: "10" or "10,20,50", distinct values of at least 1, sorted. */
    public static int[] kList(String text) {
        LinkedHashSet<Integer> ks = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text).split(",")) {
            if (part.isBlank()) continue;
            int v;
            try {
                v = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new Setting.Invalid("must be whole numbers separated by commas, like 10,20,50");
            }
            if (v < 1) throw new Setting.Invalid("must be whole numbers of at least 1, like 10,20,50");
            ks.add(v);
        }
        if (ks.isEmpty()) throw new Setting.Invalid("must name at least one k, like 10 or 10,20,50");
        return ks.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** An enum constant by its word ("minmax-global" for MINMAX_GLOBAL). */
    public static <E extends Enum<E>> E word(Class<E> type, String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (type == Format.class && key.equals("10X")) key = "MTX";
        for (E e : type.getEnumConstants()) if (e.name().equals(key)) return e;
        throw new Setting.Invalid("must be one of " + words(type).stream().collect(Collectors.joining(", ")));
    }

    /** The words of an enum's constants, in order. */
    public static <E extends Enum<E>> List<String> words(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Settings::word).toList();
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---- building entries

    private static <V> Setting.Builder<TrainingConfig, V> training(String name, String key, Function<TrainingConfig, V> get,
                                                                   BiFunction<TrainingConfig.Builder, V, TrainingConfig.Builder> set) {
        return Setting.of(name, key, T, get, (c, v) -> set.apply(c.toBuilder(), v).build());
    }

    private static <C, E extends Enum<E>> Setting.Builder<C, E> choice(String name, String key, Class<E> type, C defaults,
                                                                      Function<C, E> get, BiFunction<C, E, C> with) {
        return Setting.of(name, key, defaults, get, with).parse(t -> word(type, t), Settings::word).choices(words(type));
    }
}
