package org.caeworkbench.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.caeworkbench.core.Problem;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.export.AtomicFiles;
import org.caeworkbench.export.RunConfig;

/**
 * A lesson: the data (a bundled sample by its id, or a file), how they are read and prepared, every
 * training setting with the seed, and what the window shows, so that everyone who opens it sees the same
 * run. Its JSON holds the {@code data} and {@code training} sections of a run's config.json
 * ({@link RunConfig}: every setting of the catalogue), with the data's paths replaced by a sample id or
 * by paths relative to the lesson's folder, plus a title, a note and a {@code view} section
 * (docs/lessons.md). It travels as a file ({@code .cae-lesson}) or as one line of text
 * ({@code cae-lesson:} and the deflated JSON in URL-safe base64). The bundled presets are lessons too
 * ({@code samples/lessons/}).
 */
public record Lesson(String title, String note, String sample, DataSpec data, TrainingConfig training, View view) {

    /** The file name ending of a lesson. */
    public static final String EXTENSION = ".cae-lesson";
    /** What starts a lesson given as text. */
    public static final String TEXT_PREFIX = "cae-lesson:";
    /** The format's version; a newer one is refused with a sentence. */
    public static final int VERSION = 1;

    /** Which tab the window shows ("training", "results", "compare", "stability", "log"), presentation mode and the heatmap's view. */
    public record View(String tab, boolean presentation, boolean scaleToMax, boolean topOnly) {
        public static final View DEFAULT = new View("training", false, false, false);
        public static final List<String> TABS = List.of("training", "results", "compare", "stability", "log");

        public View {
            tab = tab == null ? "training" : tab.toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Lesson {
        title = title == null ? "" : title;
        note = note == null ? "" : note;
        view = view == null ? View.DEFAULT : view;
    }

    /** A lesson on {@code data} (a bundled sample's data are named by the sample's id). */
    public static Lesson of(String title, String note, DataSpec data, TrainingConfig training, View view) {
        String sample = SampleSets.of(data.data()).map(SampleSets.Sample::id).orElse(null);
        return new Lesson(title, note, sample, data, training, view);
    }

    // ---------------------------------------------------------------- writing

    /**
     * The lesson as JSON for a file in {@code folder}: the data's paths relative to it when they lie under it,
     * else absolute; {@code folder} null (a lesson as text) keeps them absolute.
     */
    public String toJson(Path folder) {
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(new RunConfig(data, training, "", RunConfig.programVersion()).toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("format", "cae-lesson");
        out.put("version", VERSION);
        out.put("title", title);
        out.put("note", note);
        ObjectNode d = (ObjectNode) root.get("data");
        if (sample != null) {
            // the sample's files are found wherever the program is installed
            d.remove(List.of("file", "test_file", "split_file", Settings.LABELS_FILE.json()));
            d.put("sample", sample);
        } else {
            for (String f : List.of("file", "test_file", "split_file", Settings.LABELS_FILE.json())) relative(d, f, folder);
        }
        d.remove("transpose");
        out.set("data", d);
        out.set("training", root.get("training"));
        ObjectNode v = out.putObject("view");
        v.put("tab", view.tab());
        v.put("presentation", view.presentation());
        v.put("scale_to_max", view.scaleToMax());
        v.put("top_features", view.topOnly());
        out.put("program_version", RunConfig.programVersion());
        try {
            return JSON.writeValueAsString(out) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void relative(ObjectNode d, String field, Path folder) {
        JsonNode n = d.get(field);
        if (n == null || n.isNull() || folder == null) return;
        Path p = Path.of(n.asText()).toAbsolutePath().normalize();
        Path f = folder.toAbsolutePath().normalize();
        if (p.startsWith(f)) d.put(field, f.relativize(p).toString().replace('\\', '/'));
    }

    /** Writes the lesson to {@code file} (atomically). */
    public void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().normalize().getParent();
        AtomicFiles.writeString(file, toJson(folder));
    }

    /** The lesson as one line: {@code cae-lesson:} and its deflated JSON in URL-safe base64, without padding. */
    public String toText() {
        byte[] json = toJson(null).getBytes(StandardCharsets.UTF_8);
        Deflater z = new Deflater(Deflater.BEST_COMPRESSION, true);
        z.setInput(json);
        z.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!z.finished()) out.write(buf, 0, z.deflate(buf));
        z.end();
        return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    // ---------------------------------------------------------------- reading

    /** Reads a lesson file; its relative paths are of its folder. A problem is an IOException of one sentence naming the file. */
    public static Lesson read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("The lesson " + file + " does not exist.");
        } catch (IOException e) {
            throw new IOException("The lesson " + file + " could not be read (" + e.getMessage() + ").");
        }
        return fromJson(text, file.toAbsolutePath().normalize().getParent(), "The lesson " + file.getFileName());
    }

    /** A lesson given as text ({@link #toText()}), or as its JSON pasted whole. */
    public static Lesson fromText(String text) throws IOException {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("{")) return fromJson(t, null, "The pasted lesson");
        if (!t.startsWith(TEXT_PREFIX))
            throw new IOException("A lesson as text starts with '" + TEXT_PREFIX + "'; this text does not.");
        byte[] packed;
        try {
            packed = Base64.getUrlDecoder().decode(t.substring(TEXT_PREFIX.length()).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException("The lesson text is damaged (it is not base64): copy it again whole.");
        }
        Inflater z = new Inflater(true);
        z.setInput(packed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (!z.finished()) {
                int n = z.inflate(buf);
                if (n == 0 && (z.needsInput() || z.needsDictionary())) throw new DataFormatException("truncated");
                out.write(buf, 0, n);
                if (out.size() > 4 << 20) throw new DataFormatException("too long");
            }
        } catch (DataFormatException e) {
            throw new IOException("The lesson text is damaged or cut short: copy it again whole.");
        } finally {
            z.end();
        }
        return fromJson(out.toString(StandardCharsets.UTF_8), null, "The lesson text");
    }

    /**
     * A lesson from its JSON; relative paths are resolved against {@code folder} (null: the working folder).
     * {@code who} begins each sentence of a problem ("The lesson intro.cae-lesson").
     */
    public static Lesson fromJson(String text, Path folder, String who) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IOException(who + " is not JSON (" + firstLine(e.getMessage()) + ").");
        }
        if (root == null || !root.isObject() || !"cae-lesson".equals(root.path("format").asText()))
            throw new IOException(who + " is not a CAE Workbench lesson (it lacks \"format\": \"cae-lesson\").");
        int version = root.path("version").asInt(VERSION);
        if (version > VERSION)
            throw new IOException(who + " is of lesson format " + version + ", newer than this program's " + VERSION + "; update CAE Workbench.");
        JsonNode dn = root.get("data");
        JsonNode tn = root.get("training");
        if (dn == null || !dn.isObject() || tn == null || !tn.isObject())
            throw new IOException(who + " lacks its 'data' or 'training' section.");
        ObjectNode d = ((ObjectNode) dn).deepCopy();
        ObjectNode t = ((ObjectNode) tn).deepCopy();
        // each training value as the catalogue reads it, so a bad one is named (config.json's reader is lenient)
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) check(t, s, who);
        // a setting left out keeps its default; config.json's reader would take a missing orientation for an old file's rows
        if (!d.has(Settings.ORIENTATION.json())) d.put(Settings.ORIENTATION.json(), Settings.ORIENTATION.defaultText());
        String sample = d.hasNonNull("sample") ? d.get("sample").asText() : null;
        if (sample != null) {
            SampleSets.Sample s = SampleSets.byId(sample).orElseThrow(() -> new IOException(who + " names the sample '" + sample
                    + "', which is not one of the bundled samples (" + SampleSets.ids() + ")."));
            Path samples = SampleSets.folder().orElseThrow(() -> new IOException(who + " uses the sample '" + sample
                    + "', but the samples folder was not found next to the program or in the working folder."));
            DataSpec spec = s.spec(samples);
            d.put("file", spec.data().toString());
            putPath(d, "test_file", spec.testFile());
            putPath(d, "split_file", spec.splitFile());
            putPath(d, Settings.LABELS_FILE.json(), spec.read().labelsFile());
            if (s.labelColumn() != null && !d.hasNonNull(Settings.LABEL_COLUMN.json())) d.put(Settings.LABEL_COLUMN.json(), s.labelColumn());
        } else {
            if (!d.hasNonNull("file")) throw new IOException(who + " names no data: its 'data' section needs a \"sample\" or a \"file\".");
            for (String f : List.of("file", "test_file", "split_file", Settings.LABELS_FILE.json())) resolve(d, f, folder);
        }
        ObjectNode config = JSON.createObjectNode();
        config.set("data", d);
        config.set("training", t);
        RunConfig rc;
        try {
            rc = RunConfig.fromJson(JSON.writeValueAsString(config));
        } catch (IOException | IllegalArgumentException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IOException(who + ": " + m.replaceFirst("^config\\.json: ", ""));
        }
        List<Problem> problems = rc.training().problems(0, 1);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new IOException(who + ": " + (first.setting() == null ? "" : "training." + first.setting().json() + ": ") + first.sentence());
        }
        DataSpec spec = rc.data();
        if (sample == null) {
            missing(who, "data file", spec.data());
            missing(who, "test file", spec.testFile());
            missing(who, "split file", spec.splitFile());
            missing(who, "labels file", spec.read().labelsFile());
        }
        JsonNode v = root.path("view");
        String tab = v.path("tab").asText("training");
        if (!View.TABS.contains(tab.toLowerCase(Locale.ROOT)))
            throw new IOException(who + ": the view's tab '" + tab + "' is not one of " + String.join(", ", View.TABS) + ".");
        View view = new View(tab, v.path("presentation").asBoolean(false), v.path("scale_to_max").asBoolean(false),
                v.path("top_features").asBoolean(false));
        return new Lesson(root.path("title").asText(""), root.path("note").asText(""), sample, spec, rc.training(), view);
    }

    /** The training's settings as the catalogue reads them from text (a number given as text is fine). */
    private static void check(ObjectNode t, Setting<TrainingConfig, ?> s, String who) throws IOException {
        JsonNode n = t.get(s.json());
        if (n == null || n.isNull()) return;
        if (s.defaultValue() instanceof List<?>) {
            if (!n.isArray()) throw new IOException(who + ": training." + s.json() + " must be a list of feature names.");
            return;
        }
        if (n.isContainerNode()) throw new IOException(who + ": training." + s.json() + " must be one value, not " + (n.isArray() ? "a list." : "an object."));
        Object d = s.defaultValue();
        if (n.isNumber() && (d instanceof Integer || d instanceof Long || d instanceof Double)) {
            // a number as config.json stores it (0 is batch size auto, say); its range is checked with the others
            if (!(d instanceof Double) && !n.canConvertToExactIntegral())
                throw new IOException(who + ": training." + s.json() + " (" + s.name() + ") must be a whole number (got " + n.asText() + ").");
            return;
        }
        try {
            Object value = s.parse(n.asText());
            // numbers go through as numbers, choices as their words: the lenient reader then gets a clean value
            if (value instanceof Integer i) t.put(s.json(), i);
            else if (value instanceof Long l) t.put(s.json(), l);
            else if (value instanceof Double x) t.put(s.json(), x);
        } catch (Setting.Invalid e) {
            throw new IOException(Setting.sentence(who + ": training." + s.json() + " (" + s.name() + ")", e, n.asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(who + ": training." + s.json() + " (" + s.name() + ") is not usable: " + e.getMessage());
        }
    }

    private static void putPath(ObjectNode d, String field, Path p) {
        if (p == null) d.remove(field);
        else d.put(field, p.toString());
    }

    private static void resolve(ObjectNode d, String field, Path folder) {
        JsonNode n = d.get(field);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            d.remove(field);
            return;
        }
        Path p = Path.of(n.asText());
        if (!p.isAbsolute() && folder != null) p = folder.resolve(p);
        d.put(field, p.toAbsolutePath().normalize().toString());
    }

    private static void missing(String who, String what, Path p) throws IOException {
        if (p != null && !Files.exists(p)) throw new IOException(who + ": its " + what + " " + p + " does not exist.");
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The {@code cae train} arguments that run this lesson's settings, writing the run to {@code out}. */
    public List<String> trainArguments(Path out) {
        return RunConfig.trainArguments(RunConfig.withKept(data, training), training, out);
    }
}
