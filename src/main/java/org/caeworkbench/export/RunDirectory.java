package org.caeworkbench.export;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.data.Dataset;

/**
 * The folder a run lives in, the same for the command line and the window:
 * <pre>
 *   config.json              data and training settings, and the equivalent command line
 *   selected_features.csv    rank, selector, index, name, probability, duplicate, role (index: the feature's
 *                            column among the data file's features, also when preprocessing dropped some;
 *                            role, only with --keep or a filled slot: fixed for a kept feature (selector -1, probability 1),
 *                            filled for a selector given a free feature after ending on another's (--fill-duplicates), else learned),
 *                            gene_id and gene_symbol when the file names genes both ways
 *   features.tsv             every feature of the data file with cae_selected, cae_rank, cae_probability ({@link FeatureTable})
 *   history.csv              one row per epoch
 *   probabilities.npy        softmax of the selector logits, k x d float32 (d: the model's features, see
 *                            model.json's feature_names and, when features were dropped, original_indices)
 *   model/                   model.json + parameters.npy (see {@link SavedModel})
 *   summary.json             how training ended
 *   metrics.json             written by evaluation
 *   mask.png, probability_map.png, reconstructions.png    image data only
 *   report.html              a page describing the run, remade whenever the folder changes ({@link RunReport})
 *   selector_history.bin.gz  the replay: the selector at up to 300 epoch ends ({@link SelectorHistory}, docs/replay.md)
 * </pre>
 * A run is written into a temporary sibling folder and renamed into place at the end, so a crash
 * never leaves a half-written run (and an existing run is replaced only when asked).
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String SELECTED = org.caeworkbench.core.FeaturePanel.RUN_PANEL_FILE;
    public static final String HISTORY = "history.csv";
    public static final String PROBABILITIES = "probabilities.npy";
    public static final String MODEL = "model";
    public static final String SUMMARY = "summary.json";
    public static final String METRICS = "metrics.json";

    private RunDirectory() {}

    /**
     * What a finished run leaves behind. {@code preview} (scaled test rows, may be null) feeds the image previews;
     * its {@link Dataset#geneNames()} (gene ids and symbols of the model's features) the exports' gene columns.
     */
    public record Contents(RunConfig config, SelectionResult result, SavedModel model, Dataset preview, List<String> warnings,
                           SelectorHistory history) {
        public Contents {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        /** Without a replay. */
        public Contents(RunConfig config, SelectionResult result, SavedModel model, Dataset preview, List<String> warnings) {
            this(config, result, model, preview, warnings, null);
        }

        /** Without panel warnings ({@link org.caeworkbench.eval.PanelCheck}). */
        public Contents(RunConfig config, SelectionResult result, SavedModel model, Dataset preview) {
            this(config, result, model, preview, List.of());
        }
    }

    /**
     * Writes a run into {@code dir}. Fails if {@code dir} exists and is not empty, unless {@code replace}
     * is set and it holds a run (config.json), which is then replaced as a whole.
     */
    public static void write(Path dir, Contents run, boolean replace) throws IOException {
        dir = dir.toAbsolutePath().normalize();
        checkTarget(dir, replace);
        Path parent = dir.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".writing-");
            AtomicFiles.readableByAll(tmp, true);
            writeInto(tmp, run);
            RunReport.write(tmp, dir.getFileName().toString());
            if (Files.exists(dir)) {
                Path old = Files.createTempDirectory(parent, "." + dir.getFileName() + ".old-");
                Files.delete(old);
                Files.move(dir, old);
                try {
                    AtomicFiles.moveIntoPlace(tmp, dir);
                } catch (IOException e) {
                    Files.move(old, dir);     // the run that was there stays
                    throw e;
                }
                AtomicFiles.deleteTree(old);
            } else {
                AtomicFiles.moveIntoPlace(tmp, dir);
            }
        } catch (IOException e) {
            // a file inside the temporary folder failed: the sentence names the run folder, which is as it was
            throw AtomicFiles.failedWrite("the run folder " + dir, e);
        } finally {
            if (tmp != null) AtomicFiles.deleteTree(tmp);
        }
    }

    /**
     * Fails with a clear IOException when a run cannot be written to {@code dir} (checked before training,
     * so that no one trains for an hour to be refused at the end): it exists and is not a folder, holds
     * files that are not a run, or holds a run that {@code replace} does not allow to replace.
     */
    public static void checkWritable(Path dir, boolean replace) throws IOException {
        checkTarget(dir.toAbsolutePath().normalize(), replace);
    }

    /** Deletes the temporary sibling folders a writer killed in the middle of {@link #write} left beside {@code dir}. */
    public static void removeStaleTemporaries(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) return;
        String prefix = "." + abs.getFileName() + ".writing-";
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) AtomicFiles.deleteTree(p);
        }
    }

    private static void checkTarget(Path dir, boolean replace) throws IOException {
        if (!Files.exists(dir)) return;
        if (!Files.isDirectory(dir)) throw new IOException(dir + " exists and is not a folder; choose another output folder.");
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (empty) {
            Files.delete(dir);
            return;
        }
        if (!Files.exists(dir.resolve(CONFIG)))
            throw new IOException(dir + " exists and holds files that are not a run; choose another output folder.");
        if (!replace)
            throw new IOException(dir + " already holds a run; choose another output folder or allow replacing it (--overwrite).");
    }

    private static void writeInto(Path dir, Contents run) throws IOException {
        SelectionResult r = run.result();
        SavedModel model = run.model();
        List<String> names = model.featureNames();
        AtomicFiles.writeString(dir.resolve(CONFIG), run.config().toJson());
        Dataset.GeneNames genes = run.preview() == null ? null : run.preview().geneNames();
        if (genes != null && genes.ids().size() != names.size()) genes = null;
        writeSelected(dir.resolve(SELECTED), r, names, model.originalIndices(), genes);
        FeatureTable.of(r, model, genes).writeTsv(dir.resolve(FeatureTable.FILE));
        writeHistory(dir.resolve(HISTORY), r.history());
        Npy.write(dir.resolve(PROBABILITIES), r.probabilities(), r.learned(), names.size());
        model.save(dir.resolve(MODEL));
        AtomicFiles.writeString(dir.resolve(SUMMARY), summaryJson(r, model, run.warnings(), run.config(), run.preview()));
        if (model.imageShape() != null) {
            ImagePreviews.writeAll(dir, r, model, run.preview());
        }
        if (run.history() != null && run.history().size() > 0) {
            // last, so that its budget is a share of everything else the folder holds
            long rest;
            try (Stream<Path> files = Files.walk(dir)) {
                rest = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            run.history().fitting((long) (rest * HISTORY_SHARE)).write(dir.resolve(SelectorHistory.FILE));
        }
    }

    /**
     * The replay's share of the rest of the run folder at most: a longer history keeps fewer frames, or each
     * selector's top features instead of the whole matrix ({@link SelectorHistory#fitting}).
     */
    public static final double HISTORY_SHARE = 0.04;

    /** selected_features.csv: one row per selector, ranked; indices are the model's (all features kept). */
    public static void writeSelected(Path file, SelectionResult r, List<String> names) throws IOException {
        writeSelected(file, r, names, null);
    }

    public static void writeSelected(Path file, SelectionResult r, List<String> names, int[] originalIndex) throws IOException {
        writeSelected(file, r, names, originalIndex, null);
    }

    /**
     * selected_features.csv: one row per selector, ranked by probability. The index column is the
     * feature's column in the data file: {@code originalIndex[f]} for model feature f, or f itself
     * when {@code originalIndex} is null (every feature kept). With {@code genes} (of the model's features, or
     * null) two last columns, gene_id and gene_symbol, name each gene both ways.
     */
    public static void writeSelected(Path file, SelectionResult r, List<String> names, int[] originalIndex, Dataset.GeneNames genes)
            throws IOException {
        Map<Integer, List<Integer>> dups = r.duplicateSelections();
        AtomicFiles.write(file, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            boolean roles = r.fixed() > 0 || r.filled().length > 0;   // only with kept features or filled slots: the paper's runs keep their file
            w.print("rank,selector,index,name,probability,duplicate" + (roles ? ",role" : "") + (genes != null ? ",gene_id,gene_symbol" : "") + "\n");
            int[] order = r.rankedSelectors();
            for (int rank = 0; rank < order.length; rank++) {
                int s = order[rank];
                int f = r.selected()[s];
                int index = originalIndex == null ? f : originalIndex[f];
                w.printf(Locale.ROOT, "%d,%d,%d,%s,%.6f,%s%s%s%n", rank + 1, r.isFixed(s) ? -1 : s - r.fixed(), index, Csv.quote(names.get(f)),
                        r.probabilityOf(s), dups.containsKey(f) ? "yes" : "no", !roles ? "" : r.isFixed(s) ? ",fixed" : r.isFilled(s) ? ",filled" : ",learned",
                        genes == null ? "" : "," + Csv.quote(genes.ids().get(f)) + "," + Csv.quote(genes.symbols().get(f)));
            }
            w.flush();
        });
    }

    static void writeHistory(Path file, List<EpochRecord> history) throws IOException {
        AtomicFiles.write(file, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.print("try,epoch,step,temperature,train_loss,val_loss,mean_max_prob,duplicates,seconds,stable_epochs\n");
            for (EpochRecord e : history) {
                w.printf(Locale.ROOT, "%d,%d,%d,%.6g,%.6g,%.6g,%.6f,%d,%.3f,%d%n", e.tryNumber(), e.epoch(), e.step(), e.temperature(),
                        e.trainLoss(), e.validationLoss(), e.meanMaxProbability(), e.duplicates(), e.seconds(), e.stableEpochs());
            }
            w.flush();
        });
    }

    private static String summaryJson(SelectionResult r, SavedModel model, List<String> warnings, RunConfig config, Dataset test)
            throws IOException {
        var root = RunConfig.JSON.createObjectNode();
        root.put("status", r.status().name().toLowerCase());
        root.put("objective", config.training().objective().toString());
        var head = model.model().head();
        if (head != null) {
            // the supervised objective's own classifier, on the test rows (Extra-Trees on the panel: metrics.json)
            double accuracy = test == null ? Double.NaN : model.model().headAccuracy(test);
            if (Double.isFinite(accuracy)) root.put("classifier_head_accuracy", accuracy);
            else root.putNull("classifier_head_accuracy");
            root.put("classifier_head_classes", head.classes().size());
        }
        root.put("k", r.learned());
        if (r.fixed() > 0) {
            // the panel: the kept features (--keep) and the k learned beside them
            root.put("fixed", r.fixed());
            root.put("panel_size", r.k());
            var fixedNames = root.putArray("fixed_features");
            for (int f : r.fixedFeatures()) fixedNames.add(model.featureNames().get(f));
            var learnedNames = root.putArray("learned_features");
            for (int f : r.learnedFeatures()) learnedNames.add(model.featureNames().get(f));
        }
        int[] excluded = model.model().panel().excluded();
        if (excluded.length > 0) root.put("excluded", excluded.length);
        if (r.filled().length > 0) {
            // --fill-duplicates: slots whose selector ended on another's feature, given the free feature named here
            var filledNames = root.putArray("filled_features");
            for (int s = 0; s < r.k(); s++) if (r.isFilled(s)) filledNames.add(model.featureNames().get(r.selected()[s]));
        }
        root.put("distinct_features", r.distinctCount());
        root.put("duplicates", r.k() - r.distinctCount());
        root.put("mean_max_probability", r.meanMaxProbability());
        root.put("tries", r.tries());
        root.put("epochs", r.epochs());
        root.put("seconds", r.seconds());
        var sel = root.putArray("selected");
        for (int s : r.selected()) sel.add(s);
        if (model.filter() != null) {
            var orig = root.putArray("selected_original_indices");
            for (int s : r.selected()) orig.add(model.originalIndex(s));
        }
        var msgs = root.putArray("messages");
        r.messages().forEach(msgs::add);
        var warn = root.putArray("warnings");
        warnings.forEach(warn::add);
        if (!model.preprocessing().isNone()) {
            var pre = root.putObject("preprocessing");
            pre.put("applied", model.preprocessing().describe());
            pre.put("original_features", model.originalNames().size());
            pre.put("model_features", model.featureNames().size());
            var f = model.filter();
            int[] constant = f == null ? new int[0] : f.constant();
            pre.put("constant_dropped", constant.length);
            var names = pre.putArray("constant_dropped_names");
            for (int c : constant) names.add(model.originalNames().get(c));
            pre.put("dropped_for_low_variance", f == null ? 0 : f.droppedForVariance());
            if (f != null) pre.put("report", f.describe());
        }
        return RunConfig.JSON.writeValueAsString(root) + "\n";
    }

    /** Reads a run's config.json; a clear IOException when {@code dir} is not a run. */
    public static RunConfig readConfig(Path dir) throws IOException {
        try {
            return RunConfig.fromJson(Files.readString(dir.resolve(CONFIG), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a run folder (it has no " + CONFIG + ").");
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(dir.resolve(CONFIG) + " is damaged: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * One row of selected_features.csv: {@code index} is the feature's column in the data file; {@code fixed}: a kept
     * feature (role fixed), {@code filled}: a filled slot (role filled).
     */
    public record SelectedFeature(int rank, int selector, int index, String name, double probability, boolean duplicate, boolean fixed,
                                  boolean filled) {}

    /** A run's selected_features.csv, in its rank order; a damaged line is an error naming the file and line. */
    public static List<SelectedFeature> readSelected(Path dir) throws IOException {
        Path file = dir.resolve(SELECTED);
        List<List<String>> rows = Csv.read(file);
        if (rows == null) throw new IOException(dir + " is not a run folder (it has no " + SELECTED + ").");
        List<SelectedFeature> out = new java.util.ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> c = rows.get(i);
            if (c.size() < 6) throw new IOException(file + " line " + (i + 1) + " has " + c.size() + " fields, 6 expected.");
            try {
                out.add(new SelectedFeature(Integer.parseInt(c.get(0)), Integer.parseInt(c.get(1)), Integer.parseInt(c.get(2)), c.get(3),
                        Double.parseDouble(c.get(4)), "yes".equals(c.get(5)), c.size() > 6 && "fixed".equals(c.get(6)),
                        c.size() > 6 && "filled".equals(c.get(6))));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + " is damaged: " + e.getMessage());
            }
        }
        return out;
    }

    /** A run's history.csv (empty when it has none); damaged lines are skipped. */
    public static List<EpochRecord> readHistory(Path dir) throws IOException {
        Path file = dir.resolve(HISTORY);
        if (!Files.exists(file)) return List.of();
        List<EpochRecord> out = new java.util.ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] c = line.split(",");
            if (c.length < 9) continue;
            try {
                out.add(new EpochRecord(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Long.parseLong(c[2]), Double.parseDouble(c[3]),
                        Double.parseDouble(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]), Integer.parseInt(c[7]),
                        Double.parseDouble(c[8]), c.length > 9 ? Integer.parseInt(c[9].trim()) : 0));     // runs before the stopping rule: 9 columns
            } catch (NumberFormatException damaged) {
                // skip the line
            }
        }
        return out;
    }

    public static SavedModel readModel(Path dir) throws IOException {
        return SavedModel.load(dir.resolve(MODEL));
    }

    /** Writes metrics.json (any JSON-able map) into the run. */
    public static void writeMetrics(Path dir, Map<String, Object> metrics) throws IOException {
        AtomicFiles.writeString(dir.resolve(METRICS), RunConfig.JSON.writeValueAsString(metrics) + "\n");
        RunReport.write(dir);
    }
}
