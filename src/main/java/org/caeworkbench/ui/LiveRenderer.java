package org.caeworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;

/**
 * Turns training snapshots into ARGB pixel buffers on one small background thread, so the FX thread only
 * blits. Only the newest snapshot waits: a snapshot that arrives while one is being drawn replaces the
 * one waiting, and the FX thread takes the newest finished {@link Frame}.
 */
final class LiveRenderer {

    /**
     * What the FX thread copies into its images; {@code heat} is null when the snapshot had no matrix.
     * {@code view} is the features the heatmap and strip show, {@code leaders} the few most probable
     * features (largest first) for the axis labels, {@code request} what was asked for, and {@code redraw}
     * draws the same snapshot again with another {@link Request} (and keeps it for the snapshots that follow).
     */
    record Frame(Heatmaps.Pixels heat, Heatmaps.Pixels strip, Heatmaps.Pixels pixelMap, Heatmaps.Pixels mask,
                 float lo, float scale, Readout readout, Request request, Heatmaps.View view, int[] leaders, List<String> names,
                 Consumer<Request> redraw) {}

    /**
     * Which features to draw: the range [from, to) (clamped to the data), or with {@code top} above 0 the
     * {@code top} features of largest probability, largest first.
     */
    record Request(int from, int to, int top) {
        static final Request ALL = new Request(0, Integer.MAX_VALUE, 0);

        Heatmaps.View resolve(int d, float[] featureMax) {
            if (top > 0 && featureMax != null) return Heatmaps.View.of(Heatmaps.topFeatures(featureMax, top));
            int a = Math.max(0, Math.min(from, d - 1));
            return new Heatmaps.View(a, Math.max(a + 1, Math.min(to, d)), null);
        }
    }

    /** How many features the axis names (in the view of all features). */
    static final int LEADERS = 5;

    /** What a heatmap pixel shows, for the hover read-out. */
    record Readout(int k, int d, Heatmaps.View view, float[] probabilities, int[] top, float[] topProbabilities, List<String> names) {
        /** One line for heatmap pixel (column x, selector row sel), or null outside. */
        String at(int x, int sel) {
            int n = view.count();
            if (sel < 0 || sel >= k || x < 0 || x >= Heatmaps.width(n)) return null;
            int best;
            float p = 0;
            if (probabilities != null) {
                best = view.best(x, f -> probabilities[sel * d + f]);
                p = probabilities[sel * d + best];
            } else if (top != null) {
                int per = top.length / k;
                best = -1;
                for (int t = 0; t < per; t++) {
                    int f = top[sel * per + t];
                    if (view.column(f) == x && topProbabilities[sel * per + t] > p) {
                        best = f;
                        p = topProbabilities[sel * per + t];
                    }
                }
                if (best < 0) {
                    int from = Heatmaps.firstFeature(x, n);
                    int to = Math.max(from + 1, Heatmaps.firstFeature(x + 1, n));
                    int f = view.feature(from);
                    String range = to - from == 1 ? "feature " + f + " (" + names.get(f) + ")"
                            : view.order() == null ? "features " + f + "–" + view.feature(to - 1) : (to - from) + " features";
                    return String.format(Locale.ROOT, "selector %d, %s: not among its %d most probable", sel, range, per);
                }
            } else {
                return null;
            }
            return String.format(Locale.ROOT, "selector %d, feature %d (%s): probability %.4f", sel, best, names.get(best), p);
        }
    }

    private record Job(TrainingSnapshot snapshot, Dataset.ImageShape shape, List<String> names, boolean scaleToMax) {}

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cae-render");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final AtomicReference<Job> pending = new AtomicReference<>();
    private final AtomicReference<Frame> done = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicReference<Request> request = new AtomicReference<>(Request.ALL);
    private final AtomicReference<Job> last = new AtomicReference<>();

    /** Queues a snapshot for drawing, replacing any that waits. */
    void submit(TrainingSnapshot s, Dataset.ImageShape shape, List<String> names, boolean scaleToMax) {
        queue(new Job(s, shape, names, scaleToMax));
    }

    /** Draws the last snapshot again, and those that follow, showing the features of {@code r}. */
    void view(Request r) {
        request.set(r);
        Job j = last.get();
        if (j != null) queue(j);
    }

    private void queue(Job j) {
        last.set(j);
        pending.set(j);
        if (scheduled.compareAndSet(false, true)) executor.execute(this::work);
    }

    /** The newest finished frame not yet taken, or null. */
    Frame take() {
        return done.getAndSet(null);
    }

    /** Forgets what waits and what was drawn (a new run or dataset). */
    void clear() {
        generation.incrementAndGet();
        request.set(Request.ALL);
        last.set(null);
        pending.set(null);
        done.set(null);
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private void work() {
        while (true) {
            Job j = pending.getAndSet(null);
            if (j == null) {
                scheduled.set(false);
                if (pending.get() != null && scheduled.compareAndSet(false, true)) continue;
                return;
            }
            int gen = generation.get();
            try {
                Frame f = render(j.snapshot(), j.shape(), j.names(), j.scaleToMax(), request.get(), this::view);
                if (gen == generation.get()) done.set(f);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LiveRenderer.class).warn("drawing a snapshot failed", e);
            }
        }
    }

    /** The pixel computation itself (a pure function; also used by tests), for all features. */
    static Frame render(TrainingSnapshot s, Dataset.ImageShape shape, List<String> names, boolean scaleToMax) {
        return render(s, shape, names, scaleToMax, Request.ALL, r -> {});
    }

    /** As {@link #render(TrainingSnapshot, Dataset.ImageShape, List, boolean)} for the features of {@code request}. */
    static Frame render(TrainingSnapshot s, Dataset.ImageShape shape, List<String> names, boolean scaleToMax,
                        Request request, Consumer<Request> redraw) {
        int k = s.selected().length;
        int d = names.size();
        float[] fm = s.featureMaxProbability();
        Heatmaps.View view = request.resolve(d, fm);
        Heatmaps.Pixels heat = null;
        Readout readout = null;
        float scale = 1f;
        float lo = 0f;
        if (s.probabilities() != null) {
            if (scaleToMax) {
                scale = Heatmaps.max(s.probabilities());
                lo = Math.min(Heatmaps.min(s.probabilities()), scale * 0.999f);
            }
            heat = Heatmaps.selectorHeatmap(s.probabilities(), k, d, view, lo, scale);
            readout = new Readout(k, d, view, s.probabilities(), null, null, names);
        } else if (s.topFeatures() != null && s.topProbabilities() != null) {
            if (scaleToMax) scale = Heatmaps.max(s.topProbabilities());
            heat = Heatmaps.topFeaturesHeatmap(s.topFeatures(), s.topProbabilities(), k, s.topFeatures().length / k, d, view, scale);
            readout = new Readout(k, d, view, null, s.topFeatures(), s.topProbabilities(), names);
        }
        Heatmaps.Pixels strip = null;
        Heatmaps.Pixels pixelMap = null;
        Heatmaps.Pixels mask = null;
        int[] leaders = new int[0];
        if (fm != null) {
            float hi = scaleToMax ? Heatmaps.max(fm) : 1f;
            strip = Heatmaps.featureStrip(fm, view, scaleToMax ? Math.min(Heatmaps.min(fm), hi * 0.999f) : 0f, hi);
            if (shape != null) pixelMap = Heatmaps.imageMap(fm, shape.height(), shape.width());
            leaders = Heatmaps.topFeatures(fm, LEADERS);
        }
        if (shape != null) mask = Heatmaps.mask(s.selected(), shape.height(), shape.width());
        return new Frame(heat, strip, pixelMap, mask, lo, scale, readout, request, view, leaders, names, redraw);
    }
}
