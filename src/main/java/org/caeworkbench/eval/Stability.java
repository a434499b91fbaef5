package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.Trainer;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.data.Dataset;

/**
 * How often each feature is chosen over several selections of the same data (e.g. CAE runs with
 * different seeds): a robust gene is chosen in most runs, a lucky one in few. A feature counts once
 * per run even if two selectors of that run chose it.
 */
public final class Stability {
    private Stability() {}

    /** A feature chosen at least once: in {@code times} of the runs, i.e. a fraction {@code times / runs}. */
    public record Feature(int index, String name, int times, double fraction) {}

    /** Told about each run of {@link #trainSeeds}. */
    public interface Runs {
        /** Run {@code run} (0-based) is about to train with {@code seed}. */
        default void starting(int run, long seed) {}

        /** Run {@code run} has finished; {@code selections} holds every selection so far. */
        default void finished(int run, List<int[]> selections) {}
    }

    /**
     * Trains the CAE with seeds {@code cfg.seed() + from} to {@code cfg.seed() + runs - 1} (the other
     * settings as given, no validation data) and adds each run's selection to {@code selections}. Stops
     * early, keeping what it has, when a run is cancelled or diverges. The command line's {@code --repeats}
     * and the window's Stability tab both count their runs with this.
     */
    public static void trainSeeds(TrainingConfig cfg, Dataset train, int from, int runs, List<int[]> selections,
                                  Cancellation cancel, Runs listener) {
        for (int i = from; i < runs && !cancel.isCancelled(); i++) {
            long seed = cfg.seed() + i;
            listener.starting(i, seed);
            SelectionResult r = new Trainer(cfg.toBuilder().seed(seed).build()).train(train, null, TrainingListener.NONE, cancel);
            if (r.status() == SelectionResult.Status.DIVERGED || r.status() == SelectionResult.Status.CANCELLED) break;
            selections.add(r.learnedFeatures());    // with --keep the kept features are in every run: not counted
            listener.finished(i, selections);
        }
    }

    /** The features chosen at least once, most often first (ties: lower index first); indices are the model's. */
    public static List<Feature> count(List<int[]> selections, List<String> featureNames) {
        return count(selections, featureNames, null);
    }

    /**
     * As {@link #count(List, List)}, with each feature's index its column in the data file
     * ({@code filter} maps the model's features to the file's; null when every feature was kept).
     */
    public static List<Feature> count(List<int[]> selections, List<String> featureNames, org.caeworkbench.data.FeatureFilter filter) {
        if (selections.isEmpty()) throw new IllegalArgumentException("no selections to count");
        int d = featureNames.size();
        int[] times = new int[d];
        for (int[] sel : selections) {
            boolean[] seen = new boolean[d];
            for (int f : sel) {
                if (f < 0 || f >= d) throw new IllegalArgumentException("feature " + f + " is outside 0.." + (d - 1));
                if (!seen[f]) {
                    seen[f] = true;
                    times[f]++;
                }
            }
        }
        List<Feature> out = new ArrayList<>();
        for (int f = 0; f < d; f++) {
            if (times[f] > 0) out.add(new Feature(filter == null || filter.isIdentity() ? f : filter.original(f), featureNames.get(f), times[f],
                    (double) times[f] / selections.size()));
        }
        out.sort(Comparator.comparingInt(Feature::times).reversed().thenComparingInt(Feature::index));
        return out;
    }
}
