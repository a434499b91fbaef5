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
import org.caeworkbench.data.MeanImputer;
import org.caeworkbench.data.Scaler;
import org.caeworkbench.data.Scaling;

/**
 * A trained model with the preprocessing it was trained behind: the selector and decoder, the
 * feature names, the scaling and (if used) the mean imputation, all fitted on the training split.
 * Saved as {@code model.json} (structure and preprocessing) and {@code parameters.npy} (the flat
 * parameter vector), so a saved run can impute every feature from the selected ones.
 */
public record SavedModel(ConcreteAutoencoder model, List<String> featureNames, Scaler scaler, MeanImputer imputer,
                         Dataset.ImageShape imageShape) {

    public static final String JSON_FILE = "model.json";
    public static final String PARAMETERS_FILE = "parameters.npy";

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
        ArrayNode sel = root.putArray("selected");
        for (int s : selected()) sel.add(s);
        if (imageShape != null) root.putObject("image").put("height", imageShape.height()).put("width", imageShape.width());
        ObjectNode sc = root.putObject("scaling");
        sc.put("kind", scaler.kind().name().toLowerCase());
        floats(sc.putArray("offset"), scaler.offset());
        floats(sc.putArray("scale"), scaler.scale());
        if (imputer != null) floats(root.putArray("impute_means"), imputer.means());
        ArrayNode names = root.putArray("feature_names");
        featureNames.forEach(names::add);
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
            model = ConcreteAutoencoder.fromParameters(d, k, hidden, params);
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
        return new SavedModel(model, names, scaler, imputer, shape);
    }

    /**
     * Every feature for the rows of {@code measured}, which must hold at least the selected features
     * (found by name). Measured selected values are kept as they are; the others come from the decoder,
     * in the original units.
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
        float[] z = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < k; i++) {
                float v = measured.get(r, source[i]);
                if (Float.isNaN(v)) {
                    if (means == null) throw new DataException(measured.name() + ", row " + (r + 1) + ", column '"
                            + featureNames.get(sel[i]) + "': missing value in a selected feature.");
                    v = means[sel[i]];
                }
                z[r * k + i] = (v - offset[sel[i]]) * scale[sel[i]];
            }
        }
        float[] out = scaler.inverse(model.decode(z, rows), d);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < k; i++) {
                float v = measured.get(r, source[i]);
                if (!Float.isNaN(v)) out[r * d + sel[i]] = v;
            }
        }
        return new Dataset(measured.name() + " (imputed)", rows, d, out, featureNames, measured.sampleIds(),
                measured.labels(), imageShape);
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

    private static int[] ints(JsonNode node) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) a[i] = node.get(i).asInt();
        return a;
    }
}
