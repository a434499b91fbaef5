package org.caeworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataPreparation;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Preprocessing;
import org.caeworkbench.data.PreparedData;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson format: every setting through a file and a text line, sample ids, relative paths, and one sentence for each problem. */
class LessonTest {

    /** A value other than the default for every training setting of the catalogue (a new setting must be added here). */
    private static final Map<String, String> CHANGED = new LinkedHashMap<>();
    static {
        CHANGED.put("--k", "17");
        CHANGED.put("--epochs", "33");
        CHANGED.put("--start-temp", "8");
        CHANGED.put("--end-temp", "0.02");
        CHANGED.put("--schedule", "cosine");
        CHANGED.put("--anneal", "epoch");
        CHANGED.put("--lr", "0.005");
        CHANGED.put("--selector-lr", "0.05");
        CHANGED.put("--batch-size", "64");
        CHANGED.put("--hidden", "40,20");
        CHANGED.put("--dropout", "0.2");
        CHANGED.put("--seed", "4242");
        CHANGED.put("--convergence", "0.95");
        CHANGED.put("--max-tries", "3");
        CHANGED.put("--validation-rows", "100");
        CHANGED.put("--selector", "ip");
        CHANGED.put("--ip-dim", "16");
        CHANGED.put("--redraw", "on");
        CHANGED.put("--fill-duplicates", "off");
        CHANGED.put("--stop-stable", "15");
        CHANGED.put("--redundancy", "0.005");
        CHANGED.put("--objective", "mix:0.5");
        CHANGED.put("--keep", "1000_at,1001_at");
        CHANGED.put("--exclude", "re:^AFFX");
    }

    private static TrainingConfig everySettingChanged() {
        TrainingConfig c = TrainingConfig.builder().build();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING) {
            String v = CHANGED.get(s.name());
            assertTrue(v != null, "the test has no changed value for " + s.name());
            c = s.apply(c, v, s.name());
        }
        TrainingConfig defaults = TrainingConfig.builder().build();
        for (Setting<TrainingConfig, ?> s : Settings.TRAINING)
            assertNotEquals(s.get(defaults), s.get(c), s.name() + " is still its default");
        return c;
    }

    private static Path samples() {
        return SampleSets.folder().orElseThrow();
    }

    @Test
    void aSampleLessonKeepsEverySettingThroughAFileAndAsText(@TempDir Path dir) throws IOException {
        TrainingConfig c = everySettingChanged();
        DataSpec spec = SampleSets.ALL.spec(samples()).withPreprocessing(new Preprocessing(false, false, true, 2000));
        Lesson lesson = Lesson.of("Genes", "Watch the heatmap.", spec, c, new Lesson.View("results", true, true, true));
        assertEquals("all-leukemia", lesson.sample());

        Path file = dir.resolve("genes" + Lesson.EXTENSION);
        lesson.write(file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"sample\" : \"all-leukemia\""), json);
        assertFalse(json.contains(samples().toString()), "a sample lesson names no path of this machine");
        for (Lesson back : List.of(Lesson.read(file), Lesson.fromText(lesson.toText()))) {
            assertEquals(c, back.training());
            assertEquals(lesson.view(), back.view());
            assertEquals("Genes", back.title());
            assertEquals("Watch the heatmap.", back.note());
            sameData(RunConfig(spec, c), back.data());
        }
        String text = lesson.toText();
        assertTrue(text.startsWith("cae-lesson:") && !text.contains("\n") && !text.contains("+") && !text.contains("/"), text);
    }

    /** What the run would read: a lesson's data are the same as the spec it was made from (with the kept features retained). */
    private static DataSpec RunConfig(DataSpec spec, TrainingConfig c) {
        return org.caeworkbench.export.RunConfig.withKept(spec, c);
    }

    private static void sameData(DataSpec want, DataSpec got) {
        assertEquals(want.data().toAbsolutePath().normalize(), got.data());
        assertEquals(want.testFile() == null ? null : want.testFile().toAbsolutePath().normalize(), got.testFile());
        assertEquals(want.splitFile(), got.splitFile());
        assertEquals(want.read().labelColumn(), got.read().labelColumn());
        assertEquals(want.read().labelsFile() == null ? null : want.read().labelsFile().toAbsolutePath().normalize(), got.read().labelsFile());
        assertEquals(want.read().format(), got.read().format());
        assertEquals(want.read().impute(), got.read().impute());
        assertEquals(want.testFraction(), got.testFraction());
        assertEquals(want.seed(), got.seed());
        assertEquals(want.scaling(), got.scaling());
        assertEquals(want.preprocessing(), got.preprocessing());
    }

    @Test
    void aFileLessonNamesItsDataRelativeToItsFolderSoTheFolderCanTravel(@TempDir Path dir) throws Exception {
        Path here = Files.createDirectories(dir.resolve("course/data"));
        Files.copy(samples().resolve("all-leukemia-gct/all_leukemia.gct.gz"), here.resolve("all.gct.gz"));
        Files.copy(samples().resolve("all-leukemia-gct/labels.csv"), here.resolve("labels.csv"));
        DataSpec spec = new DataSpec(here.resolve("all.gct.gz"), ReadOptions.defaults().withLabelsFile(here.resolve("labels.csv")),
                null, null, 0.25, 7L, Scaling.AUTO);
        TrainingConfig c = TrainingConfig.builder().k(5).epochs(20).seed(99).build();
        Lesson lesson = Lesson.of("GCT", "", spec, c, Lesson.View.DEFAULT);
        assertNull(lesson.sample());
        Path file = dir.resolve("course/lesson" + Lesson.EXTENSION);
        lesson.write(file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"file\" : \"data/all.gct.gz\""), json);
        assertFalse(json.contains(dir.toString()), "no absolute path when the data lie beside the lesson");

        // the course folder is given to a student, who puts it elsewhere
        Path moved = dir.resolve("student/copy");
        Files.createDirectories(moved.resolve("data"));
        for (String f : List.of("lesson.cae-lesson", "data/all.gct.gz", "data/labels.csv"))
            Files.copy(dir.resolve("course").resolve(f), moved.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        Lesson back = Lesson.read(moved.resolve("lesson.cae-lesson"));
        assertEquals(moved.resolve("data/all.gct.gz").toAbsolutePath().normalize(), back.data().data());
        assertEquals(moved.resolve("data/labels.csv").toAbsolutePath().normalize(), back.data().read().labelsFile());
        assertEquals(0.25, back.data().testFraction());
        assertEquals(7L, back.data().seed());
        assertEquals(c, back.training());
        // and the data it names are read: 128 patients with their labels
        PreparedData p = DataPreparation.prepare(back.data());
        assertEquals(128, p.summary().n());
        assertTrue(p.summary().hasLabels());

        // as text, with no folder to be relative to, the paths are absolute
        Lesson fromText = Lesson.fromText(lesson.toText());
        assertEquals(here.resolve("all.gct.gz").toAbsolutePath().normalize(), fromText.data().data());
    }

    private static String problem(String json) {
        IOException e = assertThrows(IOException.class, () -> Lesson.fromJson(json, null, "The lesson x.cae-lesson"));
        String m = e.getMessage();
        assertTrue(m.startsWith("The lesson x.cae-lesson"), m);
        assertEquals(1, m.split("(?<=[.!?])\\s+(?=[A-Z])").length, "one sentence: " + m);
        return m;
    }

    private static String lesson(String data, String training) {
        return "{\"format\":\"cae-lesson\",\"version\":1,\"data\":" + data + ",\"training\":" + training + "}";
    }

    @Test
    void eachProblemIsOneSentenceNamingIt(@TempDir Path dir) {
        assertTrue(problem(lesson("{\"sample\":\"iris\"}", "{}")).contains("'iris'"));
        assertTrue(problem(lesson("{\"sample\":\"iris\"}", "{}")).contains("mnist"), "the sentence lists the samples there are");
        String k = problem(lesson("{\"sample\":\"mnist\"}", "{\"k\":\"many\"}"));
        assertTrue(k.contains("training.k") && k.contains("many"), k);
        String negative = problem(lesson("{\"sample\":\"mnist\"}", "{\"k\":-3}"));
        assertTrue(negative.contains("training.k") && negative.contains("-3"), negative);
        String shape = problem(lesson("{\"sample\":\"mnist\"}", "{\"schedule\":\"wiggly\"}"));
        assertTrue(shape.contains("schedule") && shape.contains("wiggly"), shape);
        Path gone = dir.resolve("gone.csv");
        String missing = problem(lesson("{\"file\":\"" + gone.toString().replace("\\", "\\\\") + "\"}", "{}"));
        assertTrue(missing.contains(gone.toString()) && missing.contains("does not exist"), missing);
        assertTrue(problem("{\"title\":\"no format\"}").contains("not a CAE Workbench lesson"));
        assertTrue(problem("{not json").contains("not JSON"));
        assertTrue(problem("{\"format\":\"cae-lesson\",\"version\":99,\"data\":{},\"training\":{}}").contains("newer"));
        assertTrue(problem(lesson("{\"sample\":\"mnist\"}", "{}").replace("}}", "},\"view\":{\"tab\":\"charts\"}}")).contains("'charts'"));
    }

    @Test
    void aDamagedTextSaysSo() {
        IOException cut = assertThrows(IOException.class, () -> Lesson.fromText("cae-lesson:q1YqSi0uyC"));
        assertTrue(cut.getMessage().contains("damaged"), cut.getMessage());
        IOException other = assertThrows(IOException.class, () -> Lesson.fromText("https://example.org"));
        assertTrue(other.getMessage().contains("cae-lesson:"), other.getMessage());
        IOException missingFile = assertThrows(IOException.class, () -> Lesson.read(Path.of("no/such/lesson.cae-lesson")));
        assertTrue(missingFile.getMessage().contains("does not exist"), missingFile.getMessage());
    }

    /** Every bundled preset reads, names a bundled sample, and its settings are valid for that sample's data. */
    @Test
    void everyBundledPresetLoadsWithValidSettings() throws Exception {
        List<Path> presets;
        try (var s = Files.list(samples().resolve("lessons"))) {
            presets = s.filter(p -> p.toString().endsWith(Lesson.EXTENSION)).sorted().toList();
        }
        assertTrue(presets.size() >= 3, "presets: " + presets);
        for (Path p : presets) {
            Lesson l = Lesson.read(p);
            assertTrue(SampleSets.byId(l.sample()).isPresent(), p + " names a bundled sample");
            assertFalse(l.title().isBlank(), p + " has a title");
            assertFalse(l.note().isBlank(), p + " has a note for students");
            PreparedData data = DataPreparation.prepare(l.data());
            assertEquals(List.of(), l.training().problems(data.train().cols(), data.train().rows()), p.toString());
            // a teaching run is short: a small panel and at most 300 epochs per try
            assertTrue(l.training().k() <= 50 && l.training().epochs() <= 300, p.toString());
        }
    }
}
