package org.caeworkbench.ui;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.caeworkbench.eval.Stability;

/**
 * What the Stability tab asks for and says, without the toolkit: how many runs (seeds seed … seed + R − 1,
 * the Parameters panel's settings otherwise), and the sentence that sums up the counted features.
 */
final class StabilityViewModel {
    static final int MIN_RUNS = 2;
    static final int MAX_RUNS = 1000;
    private final StringProperty runs = new SimpleStringProperty("5");

    StringProperty runsProperty() { return runs; }

    /** The number of runs, or one sentence when it is not a whole number from 2 to 1000. */
    int runs() {
        int r;
        try {
            r = Integer.parseInt(runs.get().trim());
        } catch (NumberFormatException e) {
            r = -1;
        }
        if (r < MIN_RUNS || r > MAX_RUNS)
            throw new IllegalArgumentException("Runs must be a whole number from " + MIN_RUNS + " to " + MAX_RUNS + " (it is '" + runs.get().trim() + "').");
        return r;
    }

    /** The summary of {@code counted} (most often chosen first) after {@code asked} runs were asked for. */
    static String summary(List<Stability.Feature> counted, int asked) {
        int done = org.caeworkbench.app.StabilityRun.runsCounted(counted);
        if (done == 0) return "Stability: stopped before the first run finished.";
        long always = counted.stream().filter(f -> f.fraction() >= 1.0).count();
        return String.format(Locale.ROOT, "Stability over %d run(s)%s: %d features chosen at least once, %d in every run.",
                done, done < asked ? " (stopped early)" : "", counted.size(), always);
    }
}
