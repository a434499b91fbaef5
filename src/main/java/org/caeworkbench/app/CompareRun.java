package org.caeworkbench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.core.Cancellation;
import org.caeworkbench.core.Objective;
import org.caeworkbench.core.FeaturePanel;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.eval.CaeSelector;
import org.caeworkbench.eval.Comparison;
import org.caeworkbench.eval.FeatureSelector;
import org.caeworkbench.eval.Selectors;
import org.caeworkbench.export.ComparisonFiles;
import org.caeworkbench.export.ImagePreviews;
import org.caeworkbench.export.LineChart;

/**
 * A comparison of the CAE with the baseline selectors as both front ends run it ({@code cae compare}
 * and the Compare tab): the same selectors for the same names, the CAE trained with one configuration
 * ({@code cae}; "cae-linear" is the same without hidden layers), one seed for the split's selectors and the
 * classifier, and the same files.
 *
 * <p>The objective: {@code cae} and {@code cae-linear} always reconstruct (the paper's, unsupervised CAE);
 * {@code cae-classify} trains for the labels with the configuration's objective when it is supervised
 * (classify or mix:W) and with classify otherwise. A supervised objective in the configuration also adds
 * {@code cae-classify} to the default methods, right after {@code cae}, so the supervised and the
 * unsupervised panel are measured side by side.
 *
 * @param cae         the CAE's training settings (its seed is the comparison's)
 * @param randomDraws seeds the random subset is averaged over
 */
public record CompareRun(TrainingConfig cae, int randomDraws) {

    public CompareRun {
        if (randomDraws < 1) throw new IllegalArgumentException("--random-draws must be at least 1 (it is " + randomDraws + ").");
    }

    /** The defaults of {@code cae compare} with the CAE's first try of {@code epochs} epochs. */
    public static CompareRun defaults(int epochs) {
        return new CompareRun(TrainingConfig.builder().epochs(epochs).build(), 1);
    }

    /** The seed of the selectors and the classifier: the CAE's. */
    public long seed() {
        return cae.seed();
    }

    /**
     * The selectors of {@code names} (see {@link Selectors}); the CAE ones report to {@code listener}
     * (may be null) and stop when {@code cancel} (may be null) is set.
     */
    public List<FeatureSelector> selectors(List<String> names, TrainingListener listener, Cancellation cancel) {
        List<FeatureSelector> out = new ArrayList<>();
        for (String name : names) {
            FeatureSelector s = Selectors.byName(name);
            if (s instanceof CaeSelector c) {
                TrainingConfig cfg = c.name().equals("cae-linear") ? cae.toBuilder().hidden("none").build() : cae;
                boolean supervised = c.config().objective().supervised();
                cfg = cfg.toBuilder().objective(!supervised ? Objective.RECONSTRUCT
                        : cae.objective().supervised() ? cae.objective() : c.config().objective()).build();
                CaeSelector configured = new CaeSelector(c.name(), cfg, listener);
                s = cancel == null ? configured : configured.withCancellation(cancel);
            }
            out.add(s);
        }
        return out;
    }

    /** The methods a comparison runs when none are named: {@link Selectors#DEFAULT}, with cae-classify after cae for a supervised objective. */
    public List<String> defaultMethods() {
        if (!cae.objective().supervised()) return Selectors.DEFAULT;
        List<String> m = new ArrayList<>(Selectors.DEFAULT);
        m.add(m.indexOf("cae") + 1, "cae-classify");
        return List.copyOf(m);
    }

    /**
     * Why the selectors of {@code names} cannot run on {@code train}, in one sentence, or null: a supervised
     * CAE (cae-classify) needs labels of two classes or more.
     */
    public String labelProblem(List<String> names, Dataset train) {
        for (FeatureSelector s : selectors(names, null, null)) {
            if (s instanceof CaeSelector c) {
                String p = c.config().objective().labelProblem(train);
                if (p != null) return c.name() + ": " + p;
            }
        }
        return null;
    }

    /** The comparison of selections on {@code train}, measured on {@code test}. */
    public Comparison comparison(Dataset train, Dataset test, Comparison.Listener listener) {
        // the CAE's kept and excluded features constrain the baselines too (names that match nothing: one sentence here)
        return new Comparison(train, test, seed(), randomDraws, listener).withPanel(FeaturePanel.resolve(cae, org.caeworkbench.data.FeatureNames.of(train)));
    }

    /**
     * Writes comparison.csv and comparison_features.csv (each method's features, named as the compared data {@code train}
     * names them, with their symbols when genes are named by id) into {@code dir} (made if missing) and, for rows of
     * several k, the chart of test MSE against k, titled with the data's name; the column-mean row is not written.
     *
     * @return whether the chart was written
     */
    public static boolean write(Path dir, List<Comparison.Row> rows, String dataName, Dataset train) throws IOException {
        List<Comparison.Row> toWrite = rows.stream().filter(r -> !r.method().equals(Comparison.MEAN)).toList();
        boolean chart = toWrite.stream().mapToInt(Comparison.Row::k).distinct().count() > 1;
        Files.createDirectories(dir);
        ComparisonFiles.writeCsv(dir.resolve(ComparisonFiles.CSV), toWrite);
        ComparisonFiles.writeFeatures(dir.resolve(ComparisonFiles.FEATURES), toWrite, train.featureNames(),
                org.caeworkbench.data.FeatureNames.symbolsBesideIds(train.featureNames(), train.geneNames()));
        if (chart) ImagePreviews.png(dir.resolve(ComparisonFiles.CHART), LineChart.mseAgainstK(toWrite, "Test MSE against k: " + dataName));
        return chart;
    }
}
