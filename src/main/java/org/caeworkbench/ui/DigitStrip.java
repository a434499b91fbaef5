package org.caeworkbench.ui;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;

/**
 * The choice on the data, live, for images: a few real test digits with the pixels the selectors pick now
 * (each selector's argmax in the newest snapshot) marked, and under them each digit as the model
 * reconstructs it from those pixels alone: the trainer runs the six digits through the selection and the
 * decoder at each epoch end ({@code TrainingListener.previewRows}, a few rows: no cost to speak of) and
 * hands the result over without waiting. Drawn on one low-priority thread; the FX thread only copies pixels.
 */
final class DigitStrip extends VBox {
    /** Test digits shown. */
    static final int DIGITS = 6;
    /** The colour of a chosen pixel. */
    static final int CHOSEN = 0xFFFF8C00;
    private static final int GAP = 2;

    private record Digits(Dataset.ImageShape shape, float[] values, int count) {}
    private record Drawn(Heatmaps.Pixels strip, Heatmaps.Pixels rebuilt, int chosen, int generation) {}

    private final ImageView stripView = new ImageView();
    private final ImageView rebuiltView = new ImageView();
    private final Label caption = new Label("Chosen pixels on test digits");
    private final Label rebuiltCaption = new Label("Reconstructed by the decoder from the chosen pixels alone (at each epoch end)");
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cae-digit-strip");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private final AtomicReference<int[]> pending = new AtomicReference<>();
    /** The newest reconstruction of the digits by the model, from the training thread's epoch end. */
    private final AtomicReference<float[]> pendingRebuilt = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicReference<Drawn> done = new AtomicReference<>();
    private final AtomicBoolean shown = new AtomicBoolean();
    /** Counts clears: a strip drawn for an earlier run or dataset is not shown. */
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Digits digits;
    // the worker's own state (only the cae-digit-strip thread touches these)
    private int lastGeneration = -1;
    private Heatmaps.Pixels lastRebuilt;
    private WritableImage stripImage;
    private WritableImage rebuiltImage;

    DigitStrip() {
        super(4);
        setId("digitStrip");
        stripView.setId("digitStripView");
        rebuiltView.setId("digitRebuiltView");
        for (ImageView v : new ImageView[] {stripView, rebuiltView}) {
            v.setSmooth(false);
            v.setPreserveRatio(true);
            v.setFitHeight(84);
        }
        caption.setTooltip(new Tooltip("Orange: the pixel each selector picks now (its most probable feature). Early in training, at a high "
                + "temperature, the picks jump around; as T falls they settle on the pixels that carry the most information."));
        rebuiltCaption.setTooltip(new Tooltip("What the model makes of each digit now: its chosen pixels (each selector's most probable one) "
                + "through the decoder, computed by the trainer at the end of every epoch. Early on it is a blur; it sharpens as the "
                + "selectors settle and the decoder learns."));
        getChildren().addAll(caption, stripView, rebuiltCaption, rebuiltView);
        setPadding(new Insets(4, 0, 0, 0));
        setVisible(false);
        setManaged(false);
    }

    /** New data: images show the strip (a few test digits of different labels when there are labels), tables hide it. */
    void data(LoadedData d) {
        clear();
        boolean image = d != null && d.train().isImage() && d.test().rows() > 0;
        setVisible(image);
        setManaged(image);
        if (!image) {
            digits = null;
            return;
        }
        Dataset test = d.test();
        int[] rows = pickRows(test, DIGITS);
        int cols = test.cols();
        float[] v = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) test.copyRow(rows[i], v, i * cols);   // a view's rows: no copy of the whole part
        digits = new Digits(test.imageShape(), v, rows.length);
    }

    /** Rows of {@code test}: the first of each label, in label order, then the first rows, {@code n} in all. */
    static int[] pickRows(Dataset test, int n) {
        Set<Integer> rows = new LinkedHashSet<>();
        if (test.hasLabels()) {
            Set<String> seen = new java.util.TreeSet<>();
            java.util.Map<String, Integer> first = new java.util.TreeMap<>();
            for (int r = 0; r < test.rows() && first.size() < n; r++) if (seen.add(String.valueOf(test.labels()[r]))) first.put(String.valueOf(test.labels()[r]), r);
            rows.addAll(first.values());
        }
        for (int r = 0; r < test.rows() && rows.size() < n; r++) rows.add(r);
        return rows.stream().mapToInt(Integer::intValue).limit(n).toArray();
    }

    /** The newest snapshot's choice (each selector's argmax); a newer one replaces one still waiting. */
    void submit(TrainingSnapshot s) {
        if (digits == null || s == null || s.selected() == null) return;
        pending.set(s.selected().clone());
        if (scheduled.compareAndSet(false, true)) executor.execute(this::work);
    }

    /** The digits (rows of the prepared test data, row-major) the trainer is asked to reconstruct; null when none are shown. */
    float[] previewRows() {
        Digits dg = digits;
        return dg == null ? null : dg.values().clone();
    }

    /** The model's reconstruction of {@link #previewRows()} at an epoch end; drawn on the strip's thread. */
    void rebuilt(float[] reconstruction) {
        Digits dg = digits;
        if (dg == null || reconstruction == null || reconstruction.length != dg.values().length) return;
        pendingRebuilt.set(reconstruction);
        if (scheduled.compareAndSet(false, true)) executor.execute(this::work);
    }

    /** Forgets the drawn strip (a new run). */
    void clear() {
        generation.incrementAndGet();
        pending.set(null);
        pendingRebuilt.set(null);
        done.set(null);
        stripView.setImage(null);
        rebuiltView.setImage(null);
        stripImage = null;
        rebuiltImage = null;
    }

    void shutdown() {
        executor.shutdownNow();
    }

    /** Number of chosen pixels shown now (tests). */
    int shownChoice() {
        Drawn d = lastShown;
        return d == null ? -1 : d.chosen();
    }

    private volatile Drawn lastShown;

    private void work() {
        while (true) {
            int[] newer = pending.getAndSet(null);
            float[] rec = pendingRebuilt.getAndSet(null);
            Digits dg = digits;
            if ((newer == null && rec == null) || dg == null) {
                scheduled.set(false);
                if ((pending.get() != null || pendingRebuilt.get() != null) && scheduled.compareAndSet(false, true)) continue;
                return;
            }
            int gen = generation.get();
            try {
                if (gen != lastGeneration) {
                    lastRebuilt = null;
                    lastStrip = null;
                    lastChosen = 0;
                    lastGeneration = gen;
                }
                if (rec != null) lastRebuilt = strip(rec, dg.count(), dg.shape(), null, dg.values());
                if (newer != null) {
                    lastStrip = overlay(dg.values(), dg.count(), dg.shape(), newer);
                    lastChosen = (int) Arrays.stream(newer).filter(f -> f >= 0 && f < dg.shape().height() * dg.shape().width()).distinct().count();
                }
                if (lastStrip == null) continue;    // a reconstruction before any choice: shown with the next one
                done.set(new Drawn(lastStrip, lastRebuilt, lastChosen, gen));
                if (shown.compareAndSet(false, true)) Platform.runLater(this::show);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DigitStrip.class).warn("drawing the digit strip failed", e);
            }
        }
    }

    private Heatmaps.Pixels lastStrip;
    private int lastChosen;

    private void show() {
        shown.set(false);
        Drawn d = done.getAndSet(null);
        if (d == null || digits == null || d.generation() != generation.get()) return;
        lastShown = d;
        stripImage = HeatmapPane.blocky(stripImage, d.strip(), d.strip().width() * 3, 84);
        stripView.setImage(stripImage);
        if (d.rebuilt() != null) {
            rebuiltImage = HeatmapPane.blocky(rebuiltImage, d.rebuilt(), d.rebuilt().width() * 3, 84);
            rebuiltView.setImage(rebuiltImage);
        }
    }

    /**
     * {@code count} images side by side (grey, each scaled by its own range) with the pixels of
     * {@code selected} marked in {@link #CHOSEN}; a pure function.
     */
    static Heatmaps.Pixels overlay(float[] images, int count, Dataset.ImageShape shape, int[] selected) {
        return strip(images, count, shape, selected, images);
    }

    /** The strip of {@code images}, each coloured by the range of the same image in {@code range}. */
    private static Heatmaps.Pixels strip(float[] images, int count, Dataset.ImageShape shape, int[] selected, float[] range) {
        int h = shape.height(), w = shape.width(), d = h * w;
        int width = count * w + Math.max(0, count - 1) * GAP;
        int[] out = new int[width * h];
        Arrays.fill(out, 0xFFFFFFFF);
        boolean[] chosen = new boolean[d];
        if (selected != null) for (int f : selected) if (f >= 0 && f < d) chosen[f] = true;
        for (int i = 0; i < count; i++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < d; p++) {
                lo = Math.min(lo, range[i * d + p]);
                hi = Math.max(hi, range[i * d + p]);
            }
            float span = hi > lo ? hi - lo : 1;
            int x0 = i * (w + GAP);
            for (int p = 0; p < d; p++) {
                int y = p / w, x = p % w;
                int argb;
                if (chosen[p]) argb = CHOSEN;
                else {
                    float v = Math.max(0, Math.min(1, (images[i * d + p] - lo) / span));
                    int g = 255 - Math.round(v * 255);   // ink dark on white paper
                    argb = 0xFF000000 | (g << 16) | (g << 8) | g;
                }
                out[y * width + x0 + x] = argb;
            }
        }
        return new Heatmaps.Pixels(width, h, out);
    }
}
