package org.caeworkbench.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.caeworkbench.core.FeaturePanel;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.data.Dataset;

/**
 * Runs selectors on one split and scores each selection with the paper's metrics: the least-squares
 * linear reconstruction MSE on the test rows ({@link LinearReconstruction}) and, when the data have
 * labels, the accuracy of Extra-Trees with 50 trees on the selected columns
 * ({@link ExtraTreesClassifier}). Adds the non-selection bound (PCA with k components) and the
 * mean predictor (k = 0). One implementation for the command line, the report and the window.
 */
public final class Comparison {
    public static final String PCA = "pca (bound)";
    public static final String MEAN = "mean (k = 0)";
    public static final int TREES = ExtraTreesClassifier.DEFAULT_TREES;

    /**
     * One method at one k.
     *
     * @param accuracy   NaN when the data have no labels (or for the PCA bound and the mean)
     * @param seconds    selection time (for several draws: their mean); scoring is not counted
     * @param distinct   distinct features chosen (k for every baseline; the CAE may choose fewer)
     * @param draws      selections averaged (random subsets: several seeds), 1 otherwise
     * @param decoderMse the CAE's own decoder on the test rows; NaN for other methods
     * @param selected   the (last) selection; empty for the bound and the mean
     * @param note       convergence status of a CAE row, else empty
     */
    public record Row(String method, int k, double linearMse, double accuracy, double seconds, int distinct, int draws,
                      double decoderMse, int[] selected, String note) {}

    /** Progress: called before each method runs and after it is scored. */
    public interface Listener {
        default void starting(String method, int k) {}
        default void finished(Row row) {}
        Listener NONE = new Listener() {};
    }

    private final Dataset train;
    private final Dataset test;
    private final long seed;
    private final int randomDraws;
    private final Listener listener;
    private FeaturePanel panel;       // kept and excluded features; null: none
    private Dataset candidates;       // train's selectable columns, for the baselines under a panel
    private final java.util.Set<String> subsetNotes = new java.util.LinkedHashSet<>();   // figures measured on a subset of the rows

    /**
     * @param randomDraws how many seeds the random selector is averaged over (PAPER.md section 6 uses 5)
     */
    public Comparison(Dataset train, Dataset test, long seed, int randomDraws, Listener listener) {
        if (train.cols() != test.cols())
            throw new IllegalArgumentException("training data has " + train.cols() + " columns but test data has " + test.cols());
        if (test.rows() < 1) throw new IllegalArgumentException("the test split has no rows.");
        this.train = train;
        this.test = test;
        this.seed = seed;
        this.randomDraws = Math.max(1, randomDraws);
        this.listener = listener == null ? Listener.NONE : listener;
    }

    /**
     * Kept and excluded features (--keep, --exclude; docs/panels.md): the CAE trains with them from its own
     * settings; a baseline picks its k among the selectable columns only (neither kept nor excluded), and its
     * panel is the kept features followed by those k; the PCA bound then has as many components as the panel.
     * Returns this comparison.
     */
    public Comparison withPanel(FeaturePanel p) {
        if (p != null && p.features() != train.cols())
            throw new IllegalArgumentException("the panel is of " + p.features() + " features, the data have " + train.cols());
        panel = p == null || p.isNone() ? null : p;
        candidates = null;
        return this;
    }

    /** A baseline's panel under {@link #withPanel}: the kept features, then its k among the selectable columns. */
    private int[] constrained(FeatureSelector s, int k, long seed) {
        int[] open = panel.open();
        if (candidates == null) candidates = train.selectColumns(open);
        int[] pick = s.select(candidates, k, seed);
        int f = panel.fixed().length;
        int[] out = Arrays.copyOf(panel.fixed(), f + pick.length);
        for (int i = 0; i < pick.length; i++) out[f + i] = open[pick[i]];
        return out;
    }

    /** Every selector at every k, then the PCA bound at every k; in that order. */
    public List<Row> run(List<FeatureSelector> selectors, int[] ks) {
        List<Row> rows = new ArrayList<>();
        for (int k : ks) {
            for (FeatureSelector s : selectors) rows.add(run(s, k));
            rows.add(pcaBound(k));
        }
        return rows;
    }

    /** One selector at one k, scored. */
    public Row run(FeatureSelector s, int k) {
        listener.starting(s.name(), k);
        int draws = s instanceof RandomSelector ? randomDraws : 1;
        double mse = 0, acc = 0, secs = 0;
        int[] selected = null;
        int distinct = 0;
        double decoder = Double.NaN;
        String note = "";
        String subsample = "";
        for (int i = 0; i < draws; i++) {
            long t0 = System.nanoTime();
            SelectionResult cae = null;
            if (s instanceof CaeSelector c) {
                cae = c.train(train, null, k, seed + i);   // no test rows during training, not even for the loss curve
                selected = cae.selected();
            } else {
                selected = panel == null ? s.select(train, k, seed + i) : constrained(s, k, seed + i);
            }
            secs += (System.nanoTime() - t0) / 1e9;
            if (cae != null) {
                decoder = cae.model().reconstructionMse(test);   // a chunk of rows at a time, never the test part densified whole
                note = cae.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + String.format(java.util.Locale.ROOT, ", mean-max %.3f, %d epoch(s) in try %d", cae.meanMaxProbability(), cae.epochs(), cae.tries());
            }
            LinearReconstruction.Score score = LinearReconstruction.score(train, test, selected, LinearReconstruction.Limits.DEFAULT);
            mse += score.mse();
            if (score.subsampled() && i == 0) {
                subsample = score.note();
                subsetNotes.add(subsample);
            }
            acc += accuracy(selected);
            distinct = (int) Arrays.stream(selected).distinct().count();
        }
        if (!subsample.isEmpty()) note = note.isEmpty() ? subsample : note + "; " + subsample;
        Row row = new Row(s.name(), k, mse / draws, acc / draws, secs / draws, distinct, draws, decoder, selected, note);
        listener.finished(row);
        return row;
    }

    /**
     * A panel the user brings ({@link GivenPanel}), scored as it is: its k is the number of its names the data have,
     * and its note says which were not found. Kept and excluded features ({@link #withPanel}) do not change it.
     */
    public Row given(GivenPanel.Match panel) {
        String method = panel.panel().method();
        listener.starting(method, panel.size());
        int[] selected = panel.features().clone();
        LinearReconstruction.Score score = LinearReconstruction.score(train, test, selected, LinearReconstruction.Limits.DEFAULT);
        String note = panel.note();
        if (score.subsampled()) {
            subsetNotes.add(score.note());
            note = note.isEmpty() ? score.note() : note + "; " + score.note();
        }
        Row row = new Row(method, selected.length, score.mse(), accuracy(selected), 0, selected.length, 1, Double.NaN, selected, note);
        listener.finished(row);
        return row;
    }

    /** Extra-Trees accuracy on the distinct selected columns, NaN without labels. */
    public double accuracy(int[] selected) {
        if (!train.hasLabels() || !test.hasLabels()) return Double.NaN;
        int[] distinct = Arrays.stream(selected).distinct().toArray();
        return ExtraTreesClassifier.accuracy(train, test, distinct, TREES, seed);
    }

    /** Test MSE of the reconstruction from the top-k principal components of train (PCA fitted once). */
    public Row pcaBound(int k) {
        listener.starting(PCA, k);
        long t0 = System.nanoTime();
        Pca pca = Pca.of(train);   // the fit PFA uses too
        Pca.Reconstruction r = pca.reconstruction(test, Math.min(train.cols(), k + (panel == null ? 0 : panel.fixed().length)));
        String note = pca.note();
        if (r.scoredRows() < r.testRows())
            note = (note.isEmpty() ? "" : note + " ") + String.format(java.util.Locale.ROOT, "Scored on a random %,d of the %,d test rows.",
                    r.scoredRows(), r.testRows());
        if (!note.isEmpty()) subsetNotes.add(note);
        Row row = new Row(PCA, k, r.mse(), Double.NaN, (System.nanoTime() - t0) / 1e9, 0, 1, Double.NaN, new int[0], note);
        listener.finished(row);
        return row;
    }

    /**
     * The sentences saying which figures were measured on a random subset of the rows (very large data only:
     * the work limits of {@link LinearReconstruction.Limits#DEFAULT} and {@link Pca}); empty when every row was used.
     */
    public List<String> subsetNotes() {
        return List.copyOf(subsetNotes);
    }

    /** Predicting every test entry by its training column mean. */
    public Row mean() {
        return new Row(MEAN, 0, LinearReconstruction.meanPredictorMse(train, test), Double.NaN, 0, 0, 1, Double.NaN, new int[0], "");
    }
}
