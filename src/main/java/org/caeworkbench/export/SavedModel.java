package org.caeworkbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caeworkbench.core.ConcreteAutoencoder;
import org.caeworkbench.data.DataException;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.FeatureFilter;
import org.caeworkbench.data.MeanImputer;
import org.caeworkbench.data.Preprocessing;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.Scaling;
import org.caeworkbench.data.Transforms;

/**
 * A trained model with the preprocessing it was trained behind: the selector and decoder, the
 * feature names, the scaling, the mean imputation (if used), the value transforms (counts per
 * million, log(1 + x)) and which of the file's features were kept, all fitted on the training split.
 * Saved as {@code model.json} (structure and preprocessing) and {@code parameters.npy} (the flat
 * parameter vector), so a saved run can impute every feature from the selected ones.
 *
 * @param featureNames  the model's features (the kept ones, in model order)
 * @param imputer       mean imputation over all the file's features (before the filter), or null
 * @param preprocessing the transforms and filters asked for
 * @param filter        the file's column of each model feature; null when every feature was kept
 */
public record SavedModel(ConcreteAutoencoder model, List<String> featureNames, Scaler scaler, MeanImputer imputer,
                         Dataset.ImageShape imageShape, Preprocessing preprocessing, FeatureFilter filter) {

    public static final String JSON_FILE = "model.json";
    public static final String PARAMETERS_FILE = "parameters.npy";

    public SavedModel {
        if (preprocessing == null) preprocessing = Preprocessing.NONE;
        if (filter != null && filter.isIdentity()) filter = null;
        if (filter != null && filter.keptCount() != featureNames.size())
            throw new IllegalArgumentException(filter.keptCount() + " kept features but " + featureNames.size() + " names");
    }

    /** A model trained on every feature of the file, without transforms. */
    public SavedModel(ConcreteAutoencoder model, List<String> featureNames, Scaler scaler, MeanImputer imputer,
                      Dataset.ImageShape imageShape) {
        this(model, featureNames, scaler, imputer, imageShape, Preprocessing.NONE, null);
    }

    /** The file's features (all of them, before the filter). */
    public List<String> originalNames() {
        return filter == null ? featureNames : filter.originalNames();
    }

    /** The file's column (among its features) of model feature {@code feature}. */
    public int originalIndex(int feature) {
        return filter == null ? feature : filter.original(feature);
    }

    /** For each model feature its column in the file, or null when they are the same. */
    public int[] originalIndices() {
        return filter == null ? null : filter.kept();
    }

    public int[] selected() {
        return model.selectedIndices();
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = RunConfig.JSON.createObjectNode();
        root.put("features", model.features());
        root.put("k", model.k());
        ArrayNode hidden = root.putArray("hidden");
        for (int h : model.hidden()) hidden.add(h);
        if (model.head() != null) {
            // the classifier head of a supervised objective: its parameters follow the decoder's in parameters.npy
            ObjectNode head = root.putObject("classifier_head");
            head.put("hidden", model.head().hidden());
            ArrayNode classes = head.putArray("classes");
            model.head().classes().forEach(classes::add);
        }
        ArrayNode sel = root.putArray("selected");
        for (int s : selected()) sel.add(s);
        org.caeworkbench.core.FeaturePanel panel = model.panel();
        if (!panel.isNone()) {
            // kept features (the decoder's first inputs) and excluded ones (never selected): the selection depends on both
            ArrayNode fixed = root.putArray("fixed");
            for (int f : panel.fixed()) fixed.add(f);
            ArrayNode excluded = root.putArray("excluded");
            for (int f : panel.excluded()) excluded.add(f);
        }
        if (imageShape != null) root.putObject("image").put("height", imageShape.height()).put("width", imageShape.width());
        ObjectNode sc = root.putObject("scaling");
        sc.put("kind", scaler.kind().name().toLowerCase());
        floats(sc.putArray("offset"), scaler.offset());
        floats(sc.putArray("scale"), scaler.scale());
        if (imputer != null) floats(root.putArray("impute_means"), imputer.means());
        ArrayNode names = root.putArray("feature_names");
        featureNames.forEach(names::add);
        ObjectNode pre = root.putObject("preprocessing");
        pre.put("cpm", preprocessing.cpm());
        pre.put("log1p", preprocessing.log1p());
        pre.put("drop_constant", preprocessing.dropConstant());
        pre.put("top_variable", preprocessing.topVariable());
        if (filter != null) {
            // the file's features and, for each model feature, its column there
            ArrayNode original = pre.putArray("original_feature_names");
            filter.originalNames().forEach(original::add);
            ArrayNode kept = pre.putArray("original_indices");
            for (int c : filter.kept()) kept.add(c);
            ArrayNode constant = pre.putArray("constant_dropped");
            for (int c : filter.constant()) constant.add(c);
        }
        float[] params = model.parameters();
        Npy.write(dir.resolve(PARAMETERS_FILE), params, params.length);
        AtomicFiles.writeString(dir.resolve(JSON_FILE), RunConfig.JSON.writeValueAsString(root) + "\n");
    }

    public static SavedModel load(Path dir) throws IOException {
        Path json = dir.resolve(JSON_FILE);
        JsonNode root;
        try {
            root = RunConfig.JSON.readTree(Files.readString(json, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException("no saved model in " + dir + " (" + JSON_FILE + " is missing)");
        }
        int d = root.path("features").asInt();
        int k = root.path("k").asInt();
        int[] hidden = ints(root.path("hidden"));
        float[] params = Npy.read(dir.resolve(PARAMETERS_FILE)).values();
        ConcreteAutoencoder model;
        try {
            JsonNode h = root.path("classifier_head");
            ConcreteAutoencoder.Head head = null;
            if (!h.isMissingNode()) {
                List<String> classes = new ArrayList<>();
                h.path("classes").forEach(c -> classes.add(c.asText()));
                head = new ConcreteAutoencoder.Head(h.path("hidden").asInt(), classes);
            }
            model = ConcreteAutoencoder.fromParameters(org.caeworkbench.core.FeaturePanel.of(d, inRange(ints(root.path("fixed")), d),
                    inRange(ints(root.path("excluded")), d)), k, hidden, 0, head, params);
        } catch (IllegalArgumentException e) {
            throw new IOException("the saved model in " + dir + " is damaged: " + e.getMessage());
        }
        JsonNode sc = root.path("scaling");
        Scaler scaler = Scaler.of(Scaling.valueOf(sc.path("kind").asText("none").toUpperCase()),
                floats(sc.path("offset")), floats(sc.path("scale")));
        MeanImputer imputer = root.has("impute_means") ? MeanImputer.of(floats(root.path("impute_means"))) : null;
        List<String> names = new ArrayList<>();
        root.path("feature_names").forEach(n -> names.add(n.asText()));
        JsonNode img = root.path("image");
        Dataset.ImageShape shape = img.isMissingNode() ? null : new Dataset.ImageShape(img.path("height").asInt(), img.path("width").asInt());
        if (names.size() != d || scaler.features() != d) throw new IOException("the saved model in " + dir + " is damaged: " + d + " features but "
                + names.size() + " names and " + scaler.features() + " scaling entries");
        JsonNode pre = root.path("preprocessing");
        Preprocessing preprocessing = new Preprocessing(pre.path("cpm").asBoolean(false), pre.path("log1p").asBoolean(false),
                pre.path("drop_constant").asBoolean(false), pre.path("top_variable").asInt(0));
        FeatureFilter filter = null;
        if (pre.has("original_indices")) {
            List<String> original = new ArrayList<>();
            pre.path("original_feature_names").forEach(n -> original.add(n.asText()));
            try {
                filter = new FeatureFilter(original, ints(pre.path("original_indices")), ints(pre.path("constant_dropped")),
                        preprocessing.topVariable());
            } catch (IllegalArgumentException e) {
                throw new IOException("the saved model in " + dir + " is damaged: " + e.getMessage());
            }
            if (filter.keptCount() != d) throw new IOException("the saved model in " + dir + " is damaged: " + d + " features but "
                    + filter.keptCount() + " original indices");
        }
        int originalCount = filter == null ? d : filter.originalCount();
        if (imputer != null && imputer.means().length != originalCount) throw new IOException("the saved model in " + dir
                + " is damaged: " + imputer.means().length + " imputation means for " + originalCount + " features");
        return new SavedModel(model, names, scaler, imputer, shape, preprocessing, filter);
    }

    /**
     * Every model feature for the rows of {@code measured}, which must hold at least the selected
     * features (with --keep: the kept ones too) (found by name; with counts per million every feature of the original file, to compute
     * each sample's total). Measured selected values are kept as they are; the others come from the
     * decoder, in the file's units (the transforms undone). Features the preprocessing dropped (constant
     * or little variable on the training split) are not in the model and not in the result.
     */
    public Dataset impute(Dataset measured) throws DataException {
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < measured.cols(); j++) column.putIfAbsent(measured.featureNames().get(j), j);
        int[] sel = selected();
        int[] source = new int[sel.length];
        for (int i = 0; i < sel.length; i++) {
            Integer c = column.get(featureNames.get(sel[i]));
            if (c == null) throw new DataException(measured.name() + " has no column '" + featureNames.get(sel[i])
                    + "', which the model selected; it needs all " + distinct(sel) + " selected features.");
            source[i] = c;
        }
        int rows = measured.rows();
        int k = sel.length;
        int d = featureNames.size();
        float[] offset = scaler.offset();
        float[] scale = scaler.scale();
        float[] means = imputer == null ? null : imputer.means();
        double[] perMillion = preprocessing.cpm() ? perMillion(measured, column, means) : null;
        boolean log = preprocessing.log1p();
        float[] z = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            double pm = perMillion == null ? 1 : perMillion[r];
            for (int i = 0; i < k; i++) {
                float v = measured.get(r, source[i]);
                if (Float.isNaN(v)) {
                    if (means == null) throw new DataException(measured.name() + ", row " + (r + 1) + ", column '"
                            + featureNames.get(sel[i]) + "': missing value in a selected feature.");
                    v = means[originalIndex(sel[i])];
                }
                if (log && v < 0) throw new DataException(measured.name() + ", row " + (r + 1) + ", column '"
                        + featureNames.get(sel[i]) + "': the value " + v + " is negative, but the model was trained on log(1 + x).");
                if (preprocessing.transforms()) v = Transforms.forward(v, pm, log);
                z[r * k + i] = (v - offset[sel[i]]) * scale[sel[i]];
            }
        }
        float[] out = scaler.inverse(model.decode(z, rows), d);
        if (preprocessing.transforms()) {
            for (int r = 0; r < rows; r++) {
                double pm = perMillion == null ? 1 : perMillion[r];
                for (int f = 0; f < d; f++) out[r * d + f] = Transforms.inverse(out[r * d + f], pm, log);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < k; i++) {
                float v = measured.get(r, source[i]);
                if (!Float.isNaN(v)) out[r * d + sel[i]] = v;
            }
        }
        return new Dataset(measured.name() + " (imputed)", rows, d, out, featureNames, measured.sampleIds(),
                measured.labels(), filter == null ? imageShape : null);
    }

    /** 1e6 / each row's total over every original feature (missing values filled with the training means). */
    private double[] perMillion(Dataset measured, Map<String, Integer> column, float[] means) throws DataException {
        List<String> original = originalNames();
        int[] cols = new int[original.size()];
        for (int j = 0; j < cols.length; j++) {
            Integer c = column.get(original.get(j));
            if (c == null) throw new DataException(measured.name() + " has no column '" + original.get(j) + "'; the model was trained on"
                    + " counts per million, which need every one of the " + original.size() + " features of the training file to compute each sample's total.");
            cols[j] = c;
        }
        double[] pm = new double[measured.rows()];
        for (int r = 0; r < pm.length; r++) {
            double total = 0;
            for (int j = 0; j < cols.length; j++) {
                float v = measured.get(r, cols[j]);
                if (Float.isNaN(v) && means != null) v = means[j];
                if (Float.isNaN(v)) throw new DataException(measured.name() + ", row " + (r + 1) + ", column '" + original.get(j)
                        + "': missing value, and counts per million need every value of the sample.");
                total += v;
            }
            if (!(total > 0)) throw new DataException(measured.name() + ", row " + (r + 1)
                    + ": every value is zero, so counts per million are undefined.");
            pm[r] = 1e6 / total;
        }
        return pm;
    }

    private static int distinct(int[] a) {
        return (int) java.util.Arrays.stream(a).distinct().count();
    }

    private static void floats(ArrayNode node, float[] values) {
        for (float v : values) node.add(v);
    }

    private static float[] floats(JsonNode node) {
        float[] f = new float[node.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) node.get(i).asDouble();
        return f;
    }

    private static int[] inRange(int[] features, int d) {
        for (int f : features) if (f < 0 || f >= d) throw new IllegalArgumentException("feature index " + f + " is outside 0.." + (d - 1));
        return features;
    }

    private static int[] ints(JsonNode node) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) a[i] = node.get(i).asInt();
        return a;
    }
}
