package org.caeworkbench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.FeatureFilter;
import org.caeworkbench.eval.Stability;
import org.caeworkbench.export.RunDirectory;
import org.caeworkbench.export.RunReport;
import org.caeworkbench.export.StabilityCsv;

/**
 * Stability runs, the same way for {@code cae train --repeats R} and the window's Stability tab: the CAE
 * trained with seeds s … s + R − 1 (the other settings as given), and how often each feature was chosen,
 * indexed by the file's columns.
 */
public final class StabilityRun {
    private StabilityRun() {}

    /** Told about each run; called on the training thread. */
    public interface Listener {
        /** Run {@code run} (0-based) of {@code runs} is about to train with {@code seed}. */
        default void starting(int run, int runs, long seed) {}

        /** A run has finished: the counts over every run so far, most often first. */
        default void counted(List<Stability.Feature> soFar) {}
    }

    /**
     * Trains and counts.
     *
     * @param first  the selection of seed {@code cfg.seed()} when it is already known (the run {@code cae
     *               train} has just written), or null to train it here
     * @param filter maps the model's features to the file's columns (null: all kept)
     * @return the features chosen at least once, most often first; empty when stopped before the first run
     */
    public static List<Stability.Feature> run(TrainingConfig cfg, Dataset train, FeatureFilter filter, int[] first, int runs,
                                              Cancellation cancel, Listener listener) {
        if (runs < 1) throw new IllegalArgumentException("the number of runs must be at least 1 (it is " + runs + ").");
        List<int[]> selections = new ArrayList<>();
        if (first != null) selections.add(first);
        Stability.trainSeeds(cfg, train, selections.size(), runs, selections, cancel, new Stability.Runs() {
            @Override public void starting(int run, long seed) {
                listener.starting(run, runs, seed);
            }

            @Override public void finished(int run, List<int[]> sofar) {
                listener.counted(Stability.count(sofar, train.featureNames(), filter));
            }
        });
        return selections.isEmpty() ? List.of() : Stability.count(selections, train.featureNames(), filter);
    }

    /** The number of runs the counts cover (the most any feature was chosen is at most this). */
    public static int runsCounted(List<Stability.Feature> counted) {
        return counted.isEmpty() ? 0 : (int) Math.round(counted.get(0).times() / counted.get(0).fraction());
    }

    /**
     * Writes {@code stability.csv} into a run folder (atomically) and, when the folder holds a finished run,
     * refreshes its report so that it shows the counts. Returns the file written.
     */
    public static Path writeInto(Path runDir, List<Stability.Feature> counted) throws IOException {
        Path file = runDir.resolve(StabilityCsv.FILE);
        StabilityCsv.write(file, counted);
        if (Files.exists(runDir.resolve(RunDirectory.CONFIG))) RunReport.write(runDir);
        return file;
    }
}
