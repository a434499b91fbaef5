package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.caeworkbench.core.Setting;
import org.caeworkbench.core.Settings;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DataSpec;
import org.caeworkbench.data.Format;
import org.caeworkbench.data.Imputation;
import org.caeworkbench.data.Orientation;
import org.caeworkbench.data.ReadOptions;
import org.caeworkbench.data.Scaling;
import org.junit.jupiter.api.Test;

/** config.json's data section is the catalogue's reading settings: every one survives the round trip, older files still read. */
class RunConfigTest {
    private static RunConfig config(ReadOptions read) {
        DataSpec spec = new DataSpec(Path.of("genes.tsv"), read, null, null, 0.25, 3, Scaling.STANDARD);
        return new RunConfig(spec, TrainingConfig.builder().k(7).build(), "cae train ...", "test");
    }

    @Test
    void everyReadingSettingRoundTrips() throws IOException {
        ReadOptions read = ReadOptions.defaults().withFormat(Format.TSV).withLabelColumn("cell type")
                .withOrientation(Orientation.FEATURES_AS_ROWS).withImpute(Imputation.MEAN)
                .withLabelsFile(Path.of("labels.csv")).withKeepTopVariable(2000);
        String json = config(read).toJson();
        for (Setting<ReadOptions, ?> s : Settings.READING) assertTrue(json.contains("\"" + s.json() + "\""), s.json() + " in " + json);
        ReadOptions back = RunConfig.fromJson(json).data().read();
        for (Setting<ReadOptions, ?> s : Settings.READING) {
            Object expected = s.get(read);
            if (expected instanceof Path p) expected = p.toAbsolutePath().normalize();
            assertEquals(expected, s.get(back), s.name());
        }
        assertEquals(7, RunConfig.fromJson(json).training().k());
    }

    @Test
    void aFileFromBeforeOrientationsReadsItsTransposeFlag() throws IOException {
        String json = config(ReadOptions.defaults().withOrientation(Orientation.FEATURES_AS_ROWS)).toJson()
                .replaceAll("\"orientation\" *: *\"[a-z-]+\",?", "");
        assertTrue(!json.contains("orientation"), json);
        assertEquals(Orientation.FEATURES_AS_ROWS, RunConfig.fromJson(json).data().read().orientation());
        String samples = json.replaceAll("\"transpose\" *: *true", "\"transpose\" : false");
        assertEquals(Orientation.SAMPLES_AS_ROWS, RunConfig.fromJson(samples).data().read().orientation());
    }

    @Test
    void aBadValueNamesItsSectionAndSetting() {
        String json = config(ReadOptions.defaults()).toJson().replaceAll("\"impute\" *: *\"none\"", "\"impute\" : \"median\"");
        IOException e = assertThrows(IOException.class, () -> RunConfig.fromJson(json));
        assertTrue(e.getMessage().contains("data.impute"), e.getMessage());
    }
}
