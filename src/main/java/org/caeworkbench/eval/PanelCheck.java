package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caeworkbench.core.EpochRecord;

/**
 * Whether a selection is worth using, in plain sentences: a training can end "completed" with a panel
 * that reconstructs the held-out rows no better than the column means, with too few rows for its k, or
 * with a decoder that learnt the training rows by heart. Each warning says what to try. The same checks
 * are shown by the window, printed by {@code cae train} and {@code cae eval}, and listed in the report.
 */
public final class PanelCheck {
    /** k at or above this share of the training rows leaves too few rows per selected feature. */
    static final double MAX_K_PER_ROW = 1.0 / 3;
    /** Validation loss this many times its minimum at the end of training, while training loss fell: overfitting. */
    static final double VALIDATION_RISE = 1.2;

    private PanelCheck() {}

    /** The checks that need only the training: k against the rows, and the validation curve. */
    public static List<String> ofTraining(int k, int trainRows, List<EpochRecord> history) {
        List<String> out = new ArrayList<>();
        if (trainRows > 0 && k >= trainRows * MAX_K_PER_ROW) {
            int advised = Math.max(1, (int) Math.ceil(trainRows * MAX_K_PER_ROW) - 1);
            out.add(String.format(Locale.ROOT, "k = %d is a third or more of the %d training rows, too few rows to learn from %d features: "
                    + "choose k of at most %d, or add samples.", k, trainRows, k, advised));
        }
        String rise = validationRise(history);
        if (rise != null) out.add(rise);
        return out;
    }

    /** The check against the mean predictor (null when the selection does better than the column means). */
    public static String ofMetrics(double linearMse, double meanMse) {
        if (!Double.isFinite(linearMse) || !Double.isFinite(meanMse) || linearMse < meanMse) return null;
        return String.format(Locale.ROOT, "The selected features reconstruct the test rows no better than each feature's mean "
                + "(linear MSE %.4g against %.4g): this panel is not useful as it is; try a smaller k, more samples, or no hidden layer.",
                linearMse, meanMse);
    }

    /** Every warning: the training's, then the metrics' (linear or mean MSE may be NaN when not computed). */
    public static List<String> all(int k, int trainRows, List<EpochRecord> history, double linearMse, double meanMse) {
        List<String> out = ofTraining(k, trainRows, history);
        String m = ofMetrics(linearMse, meanMse);
        if (m != null) out.add(0, m);
        return out;
    }

    /**
     * In the last try: the validation loss ends (its last epoch and the mean of its last five) at least
     * {@link #VALIDATION_RISE} times its lowest value, while the training loss is lower than it was then.
     */
    static String validationRise(List<EpochRecord> history) {
        if (history == null || history.isEmpty()) return null;
        int lastTry = history.get(history.size() - 1).tryNumber();
        List<EpochRecord> run = history.stream().filter(e -> e.tryNumber() == lastTry && Double.isFinite(e.validationLoss())
                && Double.isFinite(e.trainLoss())).toList();
        if (run.size() < 10) return null;
        int best = 0;
        for (int i = 1; i < run.size(); i++) if (run.get(i).validationLoss() < run.get(best).validationLoss()) best = i;
        EpochRecord low = run.get(best);
        EpochRecord end = run.get(run.size() - 1);
        double tail = run.subList(run.size() - 5, run.size()).stream().mapToDouble(EpochRecord::validationLoss).average().orElse(Double.NaN);
        double min = low.validationLoss();
        if (!(min > 0) || best > run.size() - 5) return null;
        if (end.validationLoss() < VALIDATION_RISE * min || tail < VALIDATION_RISE * min || end.trainLoss() >= low.trainLoss()) return null;
        return String.format(Locale.ROOT, "The validation loss rose from %.4g (epoch %d) to %.4g while the training loss fell: the decoder "
                + "learnt the training rows rather than the data; try fewer epochs, no hidden layer, or more samples.",
                min, low.epoch(), end.validationLoss());
    }
}
