package org.caeworkbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.core.Annealing;
import org.caeworkbench.core.TemperatureSchedule;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.Imputation;
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
        ReadOptions r = spec.read();
        if (r.labelColumn() != null) { a.add("--label-column"); a.add(r.labelColumn()); }
        if (r.labelsFile() != null) { a.add("--labels-file"); a.add(r.labelsFile().toString()); }
        if (r.orientation() == Orientation.FEATURES_AS_ROWS) a.add("--transpose");
        if (r.orientation() == Orientation.SAMPLES_AS_ROWS) a.add("--no-transpose");
        if (r.keepTopVariable() > 0) { a.add("--read-top-variable"); a.add(Integer.toString(r.keepTopVariable())); }
        if (r.format() != Format.AUTO) { a.add("--format"); a.add(lower(r.format())); }
        if (spec.scaling() != Scaling.AUTO) { a.add("--scale"); a.add(lower(spec.scaling()).replace('_', '-')); }
        if (r.impute() != Imputation.NONE) { a.add("--impute"); a.add(lower(r.impute())); }
        Preprocessing p = spec.preprocessing();
        if (p.cpm()) a.add("--cpm");
        if (p.log1p()) a.add("--log1p");
        if (p.dropConstant()) a.add("--drop-constant");
        if (p.topVariable() > 0) { a.add("--top-variable"); a.add(Integer.toString(p.topVariable())); }
        String batch = c.batchSize() == TrainingConfig.AUTO_BATCH ? "auto"
                : c.batchSize() == TrainingConfig.REFERENCE_BATCH ? "reference" : Integer.toString(c.batchSize());
        a.addAll(List.of("--k", Integer.toString(c.k()), "--epochs", Integer.toString(c.epochs()),
                "--start-temp", Double.toString(c.schedule().start()), "--end-temp", Double.toString(c.schedule().end()),
                "--schedule", lower(c.schedule().shape()), "--anneal", lower(c.annealing()),
                "--batch-size", batch, "--lr", Double.toString(c.learningRate()),
                "--hidden", c.hidden(), "--dropout", Double.toString(c.dropout())));
        if (c.redundancy() > 0) { a.add("--redundancy"); a.add(Double.toString(c.redundancy())); }
        a.addAll(List.of("--seed", Long.toString(c.seed()),
                "--convergence", c.convergenceRuleOn() ? Double.toString(c.acceptMeanMax()) : "off"));
        if (c.convergenceRuleOn()) { a.add("--max-tries"); a.add(Integer.toString(c.maxTries())); }
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
        d.put("format", r.format().name().toLowerCase());
        d.put("label_column", r.labelColumn());
        d.put("labels_file", r.labelsFile() == null ? null : r.labelsFile().toAbsolutePath().normalize().toString());
        d.put("orientation", lower(r.orientation()));
        d.put("transpose", r.transpose());   // for readers of older config files
        d.put("read_top_variable", r.keepTopVariable());
        d.put("impute", r.impute().name().toLowerCase());
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
        t.put("k", training.k());
        t.put("epochs", training.epochs());
        t.put("start_temp", training.schedule().start());
        t.put("end_temp", training.schedule().end());
        t.put("schedule", training.schedule().shape().name().toLowerCase());
        t.put("anneal", training.annealing().name().toLowerCase());
        t.put("batch_size", training.batchSize());
        t.put("learning_rate", training.learningRate());
        t.put("hidden", training.hidden());
        t.put("dropout", training.dropout());
        t.put("redundancy", training.redundancy());
        t.put("seed", training.seed());
        t.put("convergence", training.acceptMeanMax());
        t.put("stop_mean_max", training.stopMeanMax());
        t.put("max_tries", training.maxTries());
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
        // before orientations, transpose false meant samples as rows
        Orientation orientation = d.has("orientation") ? Orientation.valueOf(d.path("orientation").asText().toUpperCase())
                : d.path("transpose").asBoolean(false) ? Orientation.FEATURES_AS_ROWS : Orientation.SAMPLES_AS_ROWS;
        ReadOptions read = new ReadOptions(Format.valueOf(d.path("format").asText("auto").toUpperCase()),
                text(d, "label_column"), orientation, Imputation.valueOf(d.path("impute").asText("none").toUpperCase()),
                path(d, "labels_file"), d.path("read_top_variable").asInt(0), null);
        JsonNode p = d.path("preprocessing");
        Preprocessing pre = new Preprocessing(p.path("cpm").asBoolean(false), p.path("log1p").asBoolean(false),
                p.path("drop_constant").asBoolean(false), p.path("top_variable").asInt(0));
        DataSpec spec = new DataSpec(Path.of(d.path("file").asText()), read, path(d, "test_file"), path(d, "split_file"),
                d.path("test_fraction").asDouble(0.2), d.path("split_seed").asLong(1),
                Scaling.valueOf(d.path("scaling").asText("auto").toUpperCase()), pre);
        TrainingConfig cfg = TrainingConfig.builder()
                .k(t.path("k").asInt())
                .epochs(t.path("epochs").asInt())
                .schedule(new TemperatureSchedule(TemperatureSchedule.Shape.valueOf(t.path("schedule").asText("exponential").toUpperCase()),
                        t.path("start_temp").asDouble(10), t.path("end_temp").asDouble(0.01)))
                .annealing(Annealing.valueOf(t.path("anneal").asText("step").toUpperCase()))
                .batchSize(t.path("batch_size").asInt(0))
                .learningRate(t.path("learning_rate").asDouble(1e-3))
                .hidden(t.path("hidden").asText("auto"))
                .dropout(t.path("dropout").asDouble(0.1))
                .redundancy(t.path("redundancy").asDouble(0))
                .seed(t.path("seed").asLong(1))
                .acceptMeanMax(t.path("convergence").asDouble(0.99))
                .stopMeanMax(t.path("stop_mean_max").asDouble(0.998))
                .maxTries(t.path("max_tries").asInt(5))
                .build();
        return new RunConfig(spec, cfg, root.path("command_line").asText(""), root.path("version").asText(""));
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
