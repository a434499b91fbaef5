package org.caeworkbench.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caeworkbench.core.ConcreteAutoencoder;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.ExtraTreesClassifier;
import org.caeworkbench.eval.LinearReconstruction;
import org.caeworkbench.eval.PanelCheck;

/**
 * The figures of one selection on its test split, computed the same way for {@code cae eval}, the
 * window's Results tab and the report. One seed rule: the Extra-Trees classifier is seeded with the
 * run's training seed, so the same run shows the same accuracy wherever it is looked at.
 *
 * @param k           selectors
 * @param distinct    distinct selected features
 * @param trainRows   rows the selection and the regressions were fitted on
 * @param testRows    rows the figures are measured on
 * @param features    features reconstructed
 * @param linearMse   the paper's metric: least-squares regression from the selected training columns to all
 *                    columns, MSE over the test rows
 * @param decoderMse  the trained decoder's MSE on the test rows (NaN without a model)
 * @param meanMse     predicting each feature by its training mean (a useful panel must beat it)
 * @param accuracy    Extra-Trees accuracy on the selected columns (NaN without labels)
 * @param trees       trees of the classifier
 * @param warnings    the panel checks ({@link PanelCheck}): empty when the panel looks usable
 * @param headAccuracy the accuracy of a supervised objective's own classifier head on the test rows (NaN
 *                    without a head or labels)
 * @param linearFitRows    training rows the linear regression was fitted on (fewer than trainRows only when the
 *                         metric's work limit took a random subset: {@link LinearReconstruction.Limits#DEFAULT})
 * @param linearScoredRows test rows the linear MSE was measured on (likewise)
 */
public record RunMetrics(int k, int distinct, int trainRows, int testRows, int features, double linearMse, double decoderMse,
                         double meanMse, double accuracy, int trees, List<String> warnings, double headAccuracy,
                         int linearFitRows, int linearScoredRows) {

    public static final int DEFAULT_TREES = ExtraTreesClassifier.DEFAULT_TREES;

    public RunMetrics {
        warnings = List.copyOf(warnings);
    }

    /**
     * Measures {@code selected} (the model's feature indices) on {@code test}.
     *
     * @param model   the trained model (null: no decoder figure)
     * @param history the training's epochs (for the validation-curve check; may be empty)
     * @param seed    the run's training seed
     */
    public static RunMetrics compute(Dataset train, Dataset test, int[] selected, ConcreteAutoencoder model,
                                     List<EpochRecord> history, long seed, int trees) {
        LinearReconstruction.Score score = LinearReconstruction.score(train, test, selected, LinearReconstruction.Limits.DEFAULT);
        double linear = score.mse();
        double mean = LinearReconstruction.meanPredictorMse(train, test);
        double decoder = model == null ? Double.NaN : model.reconstructionMse(test);
        double accuracy = train.hasLabels() && test.hasLabels()
                ? ExtraTreesClassifier.accuracy(train, test, selected, trees, seed) : Double.NaN;
        int distinct = (int) Arrays.stream(selected).distinct().count();
        double head = model == null ? Double.NaN : model.headAccuracy(test);
        return new RunMetrics(selected.length, distinct, train.rows(), test.rows(), train.cols(), linear, decoder, mean, accuracy,
                trees, PanelCheck.all(selected.length, train.rows(), history, linear, mean), head, score.fitRows(), score.scoredRows());
    }

    /** Whether the linear MSE was measured on a random subset of the rows (very large data only). */
    public boolean linearSubsampled() {
        return linearFitRows < trainRows || linearScoredRows < testRows;
    }

    /** The sentence saying on which rows the linear MSE was measured when they were a subset, else empty. */
    public String linearNote() {
        return new LinearReconstruction.Score(linearMse, linearFitRows, trainRows, linearScoredRows, testRows).note();
    }

    /** As metrics.json holds them (figures that were not computed are null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("distinct_features", distinct);
        m.put("duplicates", k - distinct);
        m.put("train_rows", trainRows);
        m.put("test_rows", testRows);
        m.put("features", features);
        m.put("linear_mse", linearMse);
        m.put("linear_fit_rows", linearFitRows);
        m.put("linear_scored_rows", linearScoredRows);
        if (linearSubsampled()) m.put("linear_note", linearNote());
        m.put("decoder_mse", Double.isFinite(decoderMse) ? decoderMse : null);
        m.put("mean_mse", meanMse);
        m.put("extra_trees_accuracy", Double.isFinite(accuracy) ? accuracy : null);
        m.put("extra_trees_trees", trees);
        if (Double.isFinite(headAccuracy)) m.put("classifier_head_accuracy", headAccuracy);
        m.put("warnings", warnings);
        return m;
    }
}
