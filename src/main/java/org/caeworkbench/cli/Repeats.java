package org.caeworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.FeatureFilter;
import org.caeworkbench.eval.Stability;
import org.caeworkbench.app.StabilityRun;

/**
 * {@code cae train --repeats R}: after the run itself (seed s), trains R − 1 more times with seeds
 * s+1 … s+R−1 and the same settings, and writes how often each feature was chosen to
 * {@code stability.csv} in the run folder.
 */
final class Repeats {
    private Repeats() {}

    /**
     * @param filter   maps the model's features to the file's columns for stability.csv (null: all kept)
     * @param first    the run already written (seed {@code cfg.seed()})
     * @return the counted features (also written to {@code runDir/stability.csv})
     */
    static List<Stability.Feature> run(TrainingConfig cfg, Dataset train, FeatureFilter filter, SelectionResult first, int repeats, Path runDir,
                                       PrintWriter out, PrintWriter err, boolean quiet, Cancellation cancel) throws IOException {
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1 (it is " + repeats + ").");
        List<Stability.Feature> features = StabilityRun.run(cfg, train, filter, first.learnedFeatures(), repeats, cancel, new StabilityRun.Listener() {
            @Override public void starting(int run, int runs, long seed) {
                if (quiet) return;
                err.printf(Locale.ROOT, "repeat %d of %d (seed %d) ...%n", run + 1, runs, seed);
                err.flush();
            }
        });
        Path file = StabilityRun.writeInto(runDir, features);
        int counted = StabilityRun.runsCounted(features);
        long always = features.stream().filter(f -> f.times() == counted).count();
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(5, features.size()); i++) {
            Stability.Feature f = features.get(i);
            top.append(i == 0 ? "" : ", ").append(f.name()).append(" ").append(f.times()).append("/").append(counted);
        }
        out.printf(Locale.ROOT, "stability over %d runs (seeds %d..%d): %d features chosen at least once, %d in every run; most often: %s; written to %s%n",
                counted, cfg.seed(), cfg.seed() + counted - 1, features.size(), always, top, file);
        out.flush();
        return features;
    }
}
