package org.caeworkbench.ui;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import org.caeworkbench.core.TrainingSnapshot;

/**
 * The live views during training: once per frame the pulse shows what the renderer finished, and at
 * most every {@code cae.redrawMs} (250 ms) it drains the training service (messages to the status bar
 * and log, epoch ends to the charts, the newest snapshot to the renderer and the status line). The
 * trainer never waits for it; a new colour scale redraws the last snapshot at once.
 */
final class LiveFeed {
    private final WorkbenchWindow w;
    private final AnimationTimer pulse;
    private TrainingSnapshot lastSnapshot;

    LiveFeed(WorkbenchWindow w) {
        this.w = w;
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                // blit what the renderer finished at once; drain the service at most REDRAW_NANOS apart
                LiveRenderer.Frame f = w.renderer.take();
                if (f != null) w.trainingPanel.show(f);
                if (now - lastDrain < REDRAW_NANOS) return;
                lastDrain = now;
                drain();
            }
        };
    }

    /** Starts the pulse, and redraws the last snapshot whenever the colour scale changes. */
    void start() {
        pulse.start();
        w.trainingPanel.scaleToMaxProperty().addListener((o, a, b) -> {
            LoadedData d = w.session.data();
            if (lastSnapshot != null && d != null)
                w.renderer.submit(lastSnapshot, d.train().imageShape(), d.train().featureNames(), b);
        });
    }

    void stop() {
        pulse.stop();
    }

    /** Forgets the last snapshot (a new run or dataset). */
    void forget() {
        lastSnapshot = null;
    }

    private static final String LIVE = System.getProperty("cae.live", "all");
    /** Minimum time between two drains of the w.service (system property cae.redrawMs, default 250). */
    private static final long REDRAW_NANOS = Long.getLong("cae.redrawMs", 250) * 1_000_000L;
    private long lastDrain;

    /** Epoch ends into the charts (one notification per series); the newest snapshot to the w.renderer and status bar. */
    void drain() {
        if (LIVE.equals("none")) {
            while (w.service.pollEpochEnd() != null) { }
            w.service.takeLatest();
            return;
        }
        var pause = w.service.paused();    // read before the epoch ends: the pause's epoch end is then among them
        String m;
        while ((m = w.service.pollMessage()) != null) {
            w.statusBar.message(m);
            w.log(m);
        }
        TrainingSnapshot s;
        boolean any = false;
        while ((s = w.service.pollEpochEnd()) != null) {
            w.trainingPanel.addEpochEnd(s);
            any = true;
        }
        if (any && !LIVE.equals("nocharts")) w.trainingPanel.fireChanged();
        TrainingSnapshot latest = w.service.takeLatest();
        if (latest != null) {
            lastSnapshot = latest;
            LoadedData d = w.session.data();
            if (d != null && !LIVE.equals("noimages"))
                w.renderer.submit(latest, d.train().imageShape(), d.train().featureNames(), w.trainingPanel.scaleToMax());
            if (d != null && !LIVE.equals("noimages")) w.history.digits().submit(latest);
            status(latest);
            w.explain(latest);
        }
        float[] rebuilt = w.service.takePreview();
        if (rebuilt != null && !LIVE.equals("noimages")) w.history.digits().rebuilt(rebuilt);
        w.showPause(pause);
    }

    private void status(TrainingSnapshot s) {
        double frac = s.steps() > 0 ? (double) s.step() / s.steps() : 0;
        w.statusBar.progress(frac);
        double eta = s.etaSeconds();
        // the ETA right after the epoch, so that it is the last thing a narrow window would lose
        w.statusBar.status(String.format(Locale.ROOT, "epoch %d/%d  ETA %s  try %d  step %d/%d  T %.4f  loss %.5f  mean-max %.3f  dup %d  %.0f steps/s",
                s.epoch(), s.epochs(), Double.isFinite(eta) ? formatSeconds(eta) : "–", s.tryNumber(), s.step(), s.steps(),
                s.temperature(), s.trainLoss(), s.meanMaxProbability(), s.duplicates(), s.stepsPerSecond()));
    }

    private static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + " min " + (t % 60) + " s" : t + " s";
    }
}
