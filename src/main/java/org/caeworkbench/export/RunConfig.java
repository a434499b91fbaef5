package org.caeworkbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.Preprocessing;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;

/**
 * The contents of a run's config.json: where the data came from and how it was prepared, every
 * training setting, and the equivalent command line, so that a run can be evaluated and repeated.
 */
public record RunConfig(DataSpec data, TrainingConfig training, String commandLine, String version) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The training's kept features are the ones the data's filters never drop: one list, held by the training settings. */
    public RunConfig {
        if (data != null && training != null) data = withKept(data, training);
    }

    /**
     * {@code spec} with the features kept by {@code c} ({@code --keep}) never dropped by its feature filters
     * (constant, most variable), so a kept gene of low variance is still in the prepared data.
     */
    public static DataSpec withKept(DataSpec spec, TrainingConfig c) {
        return withRetained(spec, c.keep());
    }

    /** {@code spec} with the features {@code names} names never dropped by its feature filters (kept features, a panel to score). */
    public static DataSpec withRetained(DataSpec spec, List<String> names) {
        return spec.withPreprocessing(spec.preprocessing().withRetain(names));
    }

    /** The program's version from the jar's manifest ("dev" when run from classes). */
    public static String programVersion() {
        String v = RunConfig.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The {@code cae train} command that repeats a run made from these settings (the window records it
     * in config.json; the command line records the arguments it was given). Arguments with spaces or
     * quotes are quoted for a POSIX shell.
     */
    public static String trainCommandLine(DataSpec spec, TrainingConfig c, Path out) {
        StringBuilder b = new StringBuilder("cae train");
        for (String a : trainArguments(spec, c, out)) b.append(' ').append(shellQuote(a));
        return b.toString();
    }

    /** The arguments of {@link #trainCommandLine}, one per element, unquoted. */
    public static List<String> trainArguments(DataSpec spec, TrainingConfig c, Path out) {
        List<String> a = new ArrayList<>();
        a.add("--data");
        a.add(spec.data().toString());
        if (spec.testFile() != null) { a.add("--test"); a.add(spec.testFile().toString()); }
        else if (spec.splitFile() != null) { a.add("--split"); a.add(spec.splitFile().toString()); }
        else { a.add("--test-fraction"); a.add(Double.toString(spec.testFraction())); }
        a.addAll(Settings.readingArguments(spec.read()));
        if (spec.scaling() != Scaling.AUTO) { a.add("--scale"); a.add(lower(spec.scaling()).replace('_', '-')); }
        Preprocessing p = spec.preprocessing();
        if (p.cpm()) a.add("--cpm");
        if (p.log1p()) a.add("--log1p");
        if (p.dropConstant()) a.add("--drop-constant");
        if (p.topVariable() > 0) { a.add("--top-variable"); a.add(Integer.toString(p.topVariable())); }
        a.addAll(Settings.trainingArguments(c));
        a.add("--out");
        a.add(out.toString());
        return a;
    }

    private static String shellQuote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "-_./,:=+@%".indexOf(ch) >= 0)) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("program", "CAE Workbench");
        root.put("version", version);
        root.put("command_line", commandLine);
        ObjectNode d = root.putObject("data");
        d.put("file", data.data().toAbsolutePath().normalize().toString());
        ReadOptions r = data.read();
        for (Setting<ReadOptions, ?> setting : Settings.READING) put(d, setting, r);
        d.put("transpose", r.transpose());   // for readers of older config files
        d.put("test_file", data.testFile() == null ? null : data.testFile().toAbsolutePath().normalize().toString());
        d.put("split_file", data.splitFile() == null ? null : data.splitFile().toAbsolutePath().normalize().toString());
        d.put("test_fraction", data.testFraction());
        d.put("split_seed", data.seed());
        d.put("scaling", data.scaling().name().toLowerCase());
        ObjectNode p = d.putObject("preprocessing");
        p.put("cpm", data.preprocessing().cpm());
        p.put("log1p", data.preprocessing().log1p());
        p.put("drop_constant", data.preprocessing().dropConstant());
        p.put("top_variable", data.preprocessing().topVariable());
        ObjectNode t = root.putObject("training");
        for (Setting<TrainingConfig, ?> setting : Settings.TRAINING) put(t, setting, training);
        t.put("stop_mean_max", training.stopMeanMax());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of JSON for any map of simple values (the output of cae eval). */
    public static String toJsonLine(java.util.Map<String, Object> values) {
        try {
            return new ObjectMapper().writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunConfig fromJson(String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        JsonNode d = root.path("data");
        JsonNode t = root.path("training");
        if (d.isMissingNode() || t.isMissingNode()) throw new IOException("config.json lacks its 'data' or 'training' section");
        ReadOptions read = ReadOptions.defaults();
        for (Setting<ReadOptions, ?> setting : Settings.READING) read = read(d, "data", setting, read);
        // before orientations, transpose false meant samples as rows
        if (!d.has(Settings.ORIENTATION.json()))
            read = read.withOrientation(d.path("transpose").asBoolean(false) ? Orientation.FEATURES_AS_ROWS : Orientation.SAMPLES_AS_ROWS);
        JsonNode p = d.path("preprocessing");
        Preprocessing pre = new Preprocessing(p.path("cpm").asBoolean(false), p.path("log1p").asBoolean(false),
                p.path("drop_constant").asBoolean(false), p.path("top_variable").asInt(0));
        DataSpec spec = new DataSpec(Path.of(d.path("file").asText()), read, path(d, "test_file"), path(d, "split_file"),
                d.path("test_fraction").asDouble(0.2), d.path("split_seed").asLong(1),
                Scaling.valueOf(d.path("scaling").asText("auto").toUpperCase()), pre);
        TrainingConfig cfg = TrainingConfig.builder().stopMeanMax(t.path("stop_mean_max").asDouble(0.998)).build();
        for (Setting<TrainingConfig, ?> setting : Settings.TRAINING) cfg = read(t, "training", setting, cfg);
        return new RunConfig(spec, cfg, root.path("command_line").asText(""), root.path("version").asText(""));
    }

    /** A setting's value under its JSON name: numbers as numbers, choices as their words, files as absolute paths. */
    private static <C, V> void put(ObjectNode t, Setting<C, V> s, C c) {
        V v = s.get(c);
        if (v instanceof Integer i) t.put(s.json(), i);
        else if (v instanceof Long l) t.put(s.json(), l);
        else if (v instanceof Double d) t.put(s.json(), d);
        else if (v instanceof Enum<?>) t.put(s.json(), s.format(v));
        else if (v instanceof Path p) t.put(s.json(), p.toAbsolutePath().normalize().toString());
        else if (v instanceof List<?> list) {
            var a = t.putArray(s.json());
            list.forEach(e -> a.add(String.valueOf(e)));
        }
        else t.put(s.json(), v == null ? null : v.toString());
    }

    /** {@code c} with the setting read from its JSON name; a file written before the setting existed keeps the default. */
    @SuppressWarnings("unchecked")
    private static <C, V> C read(JsonNode t, String section, Setting<C, V> s, C c) throws IOException {
        JsonNode n = t.get(s.json());
        if (n == null || n.isNull()) return c;
        V d = s.defaultValue();
        if (d instanceof List<?>) {
            if (!n.isArray()) throw new IOException("config.json: training." + s.json() + " is not a list of names");
            List<String> names = new ArrayList<>();
            n.forEach(e -> names.add(e.asText()));
            return s.with(c, (V) List.copyOf(names));
        }
        try {
            Object v = d instanceof Integer ? (Object) n.asInt() : d instanceof Long ? (Object) n.asLong()
                    : d instanceof Double ? (Object) n.asDouble() : s.parse(n.asText());
            return s.with(c, (V) v);
        } catch (IllegalArgumentException e) {
            throw new IOException("config.json: " + section + "." + s.json() + " is not usable (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Path path(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : Path.of(s);
    }
}
