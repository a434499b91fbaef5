package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.caeworkbench.app.Lesson;
import org.caeworkbench.app.SampleSets;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.export.RunConfig;
import org.caeworkbench.export.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cae lesson: a lesson's data, settings and seed become a cae train run; a bad lesson is one sentence. */
class LessonCliTest {

    @Test
    void aLessonTrainsWithItsDataSettingsAndSeed(@TempDir Path dir) throws Exception {
        Path lesson = Files.writeString(dir.resolve("gct.cae-lesson"), """
                {"format":"cae-lesson","version":1,"title":"Genes as rows",
                 "data":{"sample":"all-leukemia-gct","test_fraction":0.25},
                 "training":{"k":4,"epochs":3,"seed":31,"convergence":"off","hidden":"none"}}
                """);
        Path run = dir.resolve("run");
        Result r = cae("lesson", lesson.toString(), "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Lesson: Genes as rows"), r.out());
        RunConfig c = RunDirectory.readConfig(run);
        assertEquals(4, c.training().k());
        assertEquals(3, c.training().epochs());
        assertEquals(31, c.training().seed());
        assertFalse(c.training().convergenceRuleOn());
        assertEquals("none", c.training().hidden());
        assertEquals(0.25, c.data().testFraction());
        Path samples = SampleSets.folder().orElseThrow();
        assertEquals(samples.resolve("all-leukemia-gct/all_leukemia.gct.gz"), c.data().data());
        assertEquals(samples.resolve("all-leukemia-gct/labels.csv"), c.data().read().labelsFile());

        // the same lesson as text prints the same command
        String text = Lesson.read(lesson).toText();
        Result fromFile = cae("lesson", lesson.toString(), "--print");
        Result fromText = cae("lesson", text, "--print");
        assertEquals(0, fromText.code(), fromText.err());
        assertEquals(fromFile.out(), fromText.out());
        assertTrue(fromFile.out().startsWith("cae train --data ") && fromFile.out().contains("--k 4") && fromFile.out().contains("--seed 31"),
                fromFile.out());
    }

    @Test
    void aBadLessonIsOneSentenceAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path lesson = Files.writeString(dir.resolve("bad.cae-lesson"),
                "{\"format\":\"cae-lesson\",\"version\":1,\"data\":{\"sample\":\"mnist\"},\"training\":{\"epochs\":\"lots\"}}");
        Result r = cae("lesson", lesson.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.code());
        assertEquals("cae: The lesson bad.cae-lesson: training.epochs (--epochs) must be a whole number (got 'lots').", r.err().strip());
        assertFalse(Files.exists(dir.resolve("run")));
        Result none = cae("lesson", dir.resolve("missing.cae-lesson").toString(), "--print");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("missing.cae-lesson does not exist"), none.err());
    }
}
