package org.caeworkbench.app;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.export.SelectorHistory;

/**
 * Keeps a run's replay ({@link SelectorHistory}) from the trainer's epoch-end snapshots, passing every
 * snapshot and message on to the listener it wraps. Every epoch end is kept until there are
 * {@link SelectorHistory#maxFrames} frames; then every second frame is dropped and from there on only
 * every second epoch end is kept, then every fourth, and so on, so the frames stay evenly spread over the
 * whole training; the first epoch and the newest one are always there. All tries of the convergence rule
 * are kept, each frame with its try number (the charts show all tries too).
 *
 * <p>Work on the training thread: the levels of one k x d matrix at each kept epoch end (one pass),
 * nothing between epochs.
 */
public final class HistoryRecorder implements TrainingListener {
    private final TrainingListener next;
    private final List<SelectorHistory.Frame> frames = new ArrayList<>();
    private SelectorHistory.Frame last;
    private boolean lastKept;
    private long epochEnds;
    private long stride = 1;
    private int k = -1;
    private int d = -1;
    private int max = SelectorHistory.MAX_FRAMES;
    private long nanos;

    public HistoryRecorder(TrainingListener next) {
        this.next = next == null ? TrainingListener.NONE : next;
    }

    /**
     * Continues the recording of an interrupted training: the frames of {@code earlier} (null: none were saved) up to
     * the last epoch of {@code history} (the checkpoint's), so that the replay of the resumed run covers it from the start.
     */
    public synchronized void continueFrom(SelectorHistory earlier, List<EpochRecord> history) {
        if (history.isEmpty()) return;
        EpochRecord end = history.get(history.size() - 1);
        if (earlier != null) {
            k = earlier.k();
            d = earlier.d();
            max = SelectorHistory.maxFrames(k, d);
            for (SelectorHistory.Frame f : earlier.frames()) {
                if (f.tryNumber() > end.tryNumber() || (f.tryNumber() == end.tryNumber() && f.epoch() > end.epoch())) break;
                frames.add(f);
            }
        }
        // without the earlier frames (none were saved) the replay starts here, still thinned as the whole run would be
        epochEnds = history.size();
        // the stride the thinning had reached after that many epoch ends
        long size = 0;
        stride = 1;
        for (long i = 0; i < epochEnds; i++) {
            if (i % stride == 0 && ++size > max) {
                size = (size + 1) / 2;
                stride *= 2;
            }
        }
        if (!frames.isEmpty()) {
            last = frames.get(frames.size() - 1);
            lastKept = true;
        }
    }

    @Override
    public void onSnapshot(TrainingSnapshot s) {
        if (s.epochEnd()) record(s);
        next.onSnapshot(s);
    }

    @Override
    public boolean wantsProbabilities() {
        return next.wantsProbabilities();
    }

    @Override
    public boolean wantsEpochProbabilities() {
        return true;
    }

    @Override
    public boolean wantsProgress() {
        return next.wantsProgress();
    }

    @Override
    public void onMessage(String message) {
        next.onMessage(message);
    }

    @Override
    public float[] previewRows() {
        return next.previewRows();
    }

    @Override
    public void onPreview(float[] reconstruction) {
        next.onPreview(reconstruction);
    }

    private synchronized void record(TrainingSnapshot s) {
        long t0 = System.nanoTime();
        int sk = s.selected().length;
        int sd = s.featureMaxProbability() == null ? -1 : s.featureMaxProbability().length;
        if (sd <= 0) return;        // a snapshot without probabilities (should not happen at epoch ends)
        if (k < 0) {
            k = sk;
            d = sd;
            max = SelectorHistory.maxFrames(k, d);
        }
        if (sk != k || sd != d) return;
        boolean full = SelectorHistory.full(k, d);
        byte[] levels = full && s.probabilities() != null ? SelectorHistory.levels(s.probabilities()) : null;
        if (full && levels == null) return;
        int[] top = null;
        byte[] topLevels = null;
        if (!full) {
            if (s.topFeatures() == null || s.topProbabilities() == null) return;
            top = s.topFeatures().clone();
            topLevels = SelectorHistory.levels(s.topProbabilities());
        }
        SelectorHistory.Frame f = new SelectorHistory.Frame(s.tryNumber(), s.epoch(), s.step(), s.temperature(), s.trainLoss(),
                s.validationLoss(), s.meanMaxProbability(), s.duplicates(), s.elapsedSeconds(), s.selected().clone(), levels,
                SelectorHistory.levels(s.featureMaxProbability()), top, topLevels);
        last = f;
        lastKept = epochEnds % stride == 0;
        if (lastKept) {
            frames.add(f);
            if (frames.size() > max) {
                // drop every second frame: the first stays, the spacing doubles
                List<SelectorHistory.Frame> thinned = new ArrayList<>(frames.size() / 2 + 1);
                for (int i = 0; i < frames.size(); i += 2) thinned.add(frames.get(i));
                frames.clear();
                frames.addAll(thinned);
                stride *= 2;
                lastKept = frames.get(frames.size() - 1) == f;
            }
        }
        epochEnds++;
        nanos += System.nanoTime() - t0;
    }

    /** The replay so far (the newest epoch end always last); null when nothing was recorded. */
    public synchronized SelectorHistory history() {
        if (k < 0 || last == null) return null;
        List<SelectorHistory.Frame> out = new ArrayList<>(frames);
        if (!lastKept) out.add(last);
        return new SelectorHistory(k, d, out);
    }

    /** Epoch ends seen (also those of the run this one continues). */
    public synchronized long epochEnds() {
        return epochEnds;
    }

    /** Seconds the recorder spent on the training thread. */
    public synchronized double seconds() {
        return nanos / 1e9;
    }
}
