package org.caeworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.Stability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stability count behind {@code cae train --repeats}. */
class RepeatsTest {
    @TempDir Path dir;

    @Test
    void trainsOneRunPerSeedAndWritesHowOftenEachFeatureWasChosen() throws Exception {
        Random r = new Random(3);
        int n = 128, d = 10;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < d; c++) names.add("gene" + c);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add("s" + i);
        Dataset train = new Dataset("t", n, d, v, names, ids, null, null);
        TrainingConfig cfg = TrainingConfig.builder().k(3).epochs(3).hidden("none").convergenceOff().seed(7).build();
        SelectionResult first = new Trainer(cfg).train(train, null, null, new Cancellation());
        StringWriter out = new StringWriter();
        List<Stability.Feature> f = Repeats.run(cfg, train, null, first, 4, dir, new PrintWriter(out), new PrintWriter(new StringWriter()),
                true, new Cancellation());
        int total = f.stream().mapToInt(Stability.Feature::times).sum();
        int distinctPerRun = (int) java.util.Arrays.stream(first.selected()).distinct().count();
        assertTrue(total >= 4 && total <= 12, "each of 4 runs chose 1..3 distinct features: " + total);
        assertTrue(f.stream().allMatch(x -> x.times() <= 4 && x.fraction() == x.times() / 4.0));
        // the first run's features are all counted
        for (int s : first.selected()) assertTrue(f.stream().anyMatch(x -> x.index() == s && x.times() >= 1));
        assertTrue(distinctPerRun >= 1);
        List<String> lines = Files.readAllLines(dir.resolve("stability.csv"));
        assertEquals("feature,name,times_chosen,fraction", lines.get(0));
        assertEquals(f.size() + 1, lines.size());
        Stability.Feature top = f.get(0);
        assertEquals(top.index() + ",gene" + top.index() + "," + top.times() + "," + String.format(java.util.Locale.ROOT, "%.4f", top.fraction()),
                lines.get(1));
        assertTrue(out.toString().startsWith("stability over 4 runs (seeds 7..10)"), out.toString());
    }
}
