package org.caeworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;

/**
 * Turns training snapshots into ARGB pixel buffers on one small background thread, so the FX thread only
 * blits. Only the newest snapshot waits: a snapshot that arrives while one is being drawn replaces the
 * one waiting, and the FX thread takes the newest finished {@link Frame}.
 */
final class LiveRenderer {

    /** What the FX thread copies into its images; {@code heat} is null when the snapshot had no matrix. */
    record Frame(Heatmaps.Pixels heat, Heatmaps.Pixels strip, Heatmaps.Pixels pixelMap, Heatmaps.Pixels mask,
                 float lo, float scale, Readout readout) {}

    /** What a heatmap pixel shows, for the hover read-out. */
    record Readout(int k, int d, float[] probabilities, int[] top, float[] topProbabilities, List<String> names) {
        /** One line for heatmap pixel (column x, selector row sel), or null outside. */
        String at(int x, int sel) {
            if (sel < 0 || sel >= k || x < 0 || x >= Heatmaps.width(d)) return null;
            int from = Heatmaps.firstFeature(x, d);
            int to = Math.max(from + 1, Heatmaps.firstFeature(x + 1, d));
            int best = -1;
            float p = 0;
            if (probabilities != null) {
                best = from;
                for (int j = from; j < to; j++) if (probabilities[sel * d + j] > probabilities[sel * d + best]) best = j;
                p = probabilities[sel * d + best];
            } else if (top != null) {
                int per = top.length / k;
                for (int t = 0; t < per; t++) {
                    int f = top[sel * per + t];
                    if (f >= from && f < to && topProbabilities[sel * per + t] > p) {
                        best = f;
                        p = topProbabilities[sel * per + t];
                    }
                }
                if (best < 0) {
                    String range = to - from > 1 ? "features " + from + "–" + (to - 1) : "feature " + from + " (" + names.get(from) + ")";
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

    /** Queues a snapshot for drawing, replacing any that waits. */
    void submit(TrainingSnapshot s, Dataset.ImageShape shape, List<String> names, boolean scaleToMax) {
        pending.set(new Job(s, shape, names, scaleToMax));
        if (scheduled.compareAndSet(false, true)) executor.execute(this::work);
    }

    /** The newest finished frame not yet taken, or null. */
    Frame take() {
        return done.getAndSet(null);
    }

    /** Forgets what waits and what was drawn (a new run or dataset). */
    void clear() {
        generation.incrementAndGet();
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
                Frame f = render(j.snapshot(), j.shape(), j.names(), j.scaleToMax());
                if (gen == generation.get()) done.set(f);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LiveRenderer.class).warn("drawing a snapshot failed", e);
            }
        }
    }

    /** The pixel computation itself (a pure function; also used by tests). */
    static Frame render(TrainingSnapshot s, Dataset.ImageShape shape, List<String> names, boolean scaleToMax) {
        int k = s.selected().length;
        int d = names.size();
        Heatmaps.Pixels heat = null;
        Readout readout = null;
        float scale = 1f;
        float lo = 0f;
        if (s.probabilities() != null) {
            if (scaleToMax) {
                scale = Heatmaps.max(s.probabilities());
                lo = Math.min(Heatmaps.min(s.probabilities()), scale * 0.999f);
            }
            heat = Heatmaps.selectorHeatmap(s.probabilities(), k, d, lo, scale);
            readout = new Readout(k, d, s.probabilities(), null, null, names);
        } else if (s.topFeatures() != null && s.topProbabilities() != null) {
            if (scaleToMax) scale = Heatmaps.max(s.topProbabilities());
            heat = Heatmaps.topFeaturesHeatmap(s.topFeatures(), s.topProbabilities(), k, s.topFeatures().length / k, d, scale);
            readout = new Readout(k, d, null, s.topFeatures(), s.topProbabilities(), names);
        }
        Heatmaps.Pixels strip = null;
        Heatmaps.Pixels pixelMap = null;
        Heatmaps.Pixels mask = null;
        float[] fm = s.featureMaxProbability();
        if (fm != null) {
            float hi = scaleToMax ? Heatmaps.max(fm) : 1f;
            strip = Heatmaps.featureStrip(fm, d, scaleToMax ? Math.min(Heatmaps.min(fm), hi * 0.999f) : 0f, hi);
            if (shape != null) pixelMap = Heatmaps.imageMap(fm, shape.height(), shape.width());
        }
        if (shape != null) mask = Heatmaps.mask(s.selected(), shape.height(), shape.width());
        return new Frame(heat, strip, pixelMap, mask, lo, scale, readout);
    }
}
