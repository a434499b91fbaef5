package org.caeworkbench.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caeworkbench.core.EpochRecord;
import org.caeworkbench.core.SelectionResult;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingListener;
import org.caeworkbench.core.TrainingSnapshot;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.export.SelectorHistory;
import org.junit.jupiter.api.Test;

/** The recorder: at most 300 frames spread over the whole training, first and last kept, and training unchanged by it. */
class HistoryRecorderTest {
    static TrainingSnapshot epochEnd(int tryNumber, int epoch, int k, int d) {
        float[] p = new float[k * d];
        float[] max = new float[d];
        int[] selected = new int[k];
        for (int i = 0; i < k; i++) {
            selected[i] = (epoch + i) % d;
            for (int j = 0; j < d; j++) p[i * d + j] = j == selected[i] ? 0.5f : 0.5f / (d - 1);
        }
        for (int j = 0; j < d; j++) for (int i = 0; i < k; i++) max[j] = Math.max(max[j], p[i * d + j]);
        return new TrainingSnapshot(tryNumber, epoch, 5000, epoch * 10L, 50_000, 1.0 / epoch, 0.1, 0.2, 0.5, 0, selected, p, max,
                null, null, epoch, 100, true);
    }

    @Test
    void thinningKeepsAtMostMaxFramesEvenlySpreadWithTheFirstAndLastEpoch() {
        for (int epochs : new int[] {1, 299, 300, 301, 1000, 4321}) {
            HistoryRecorder r = new HistoryRecorder(TrainingListener.NONE);
            for (int e = 1; e <= epochs; e++) {
                r.onSnapshot(epochEnd(1, e, 3, 10));
                // a snapshot between epoch ends is not a frame
                r.onSnapshot(new TrainingSnapshot(1, e, 5000, 0, 0, 1, 0, 0, 0, 0, new int[3], null, null, null, null, 0, 0, false));
            }
            SelectorHistory h = r.history();
            assertTrue(h.size() <= SelectorHistory.MAX_FRAMES + 1, epochs + " epochs gave " + h.size() + " frames");
            assertTrue(h.size() >= Math.min(epochs, SelectorHistory.MAX_FRAMES / 2), epochs + " epochs gave only " + h.size() + " frames");
            assertEquals(1, h.frame(0).epoch());
            assertEquals(epochs, h.frame(h.size() - 1).epoch());
            int widest = 0;
            for (int i = 1; i < h.size(); i++) {
                int gap = h.frame(i).epoch() - h.frame(i - 1).epoch();
                assertTrue(gap > 0);
                widest = Math.max(widest, gap);
            }
            // evenly spread: no gap wider than twice what 300 frames over the run need
            assertTrue(widest <= Math.max(1, 2 * (int) Math.ceil(epochs / (double) SelectorHistory.MAX_FRAMES)), epochs + ": gap " + widest);
            if (epochs <= SelectorHistory.MAX_FRAMES) assertEquals(epochs, h.size());
        }
    }

    @Test
    void eachFrameHoldsItsEpochsProbabilitiesAndSelection() {
        HistoryRecorder r = new HistoryRecorder(null);
        for (int e = 1; e <= 20; e++) r.onSnapshot(epochEnd(e <= 10 ? 1 : 2, e <= 10 ? e : e - 10, 4, 12));
        SelectorHistory h = r.history();
        assertEquals(20, h.size());
        TrainingSnapshot expected = epochEnd(2, 3, 4, 12);
        SelectorHistory.Frame f = h.frame(12);
        assertEquals(2, f.tryNumber());
        assertEquals(3, f.epoch());
        assertArrayEquals(expected.selected(), f.selected());
        float[] p = f.probabilities();
        for (int i = 0; i < p.length; i++)
            assertTrue(Math.abs(Math.sqrt(p[i]) - Math.sqrt(expected.probabilities()[i])) <= 1 / 510.0 + 1e-6);
    }

    @Test
    void aResumedRecordingContinuesTheFramesUpToTheCheckpoint() {
        HistoryRecorder first = new HistoryRecorder(null);
        for (int e = 1; e <= 700; e++) first.onSnapshot(epochEnd(1, e, 2, 8));
        SelectorHistory before = first.history();
        // the checkpoint was taken after epoch 650; the frames after it are dropped, the thinning goes on where it was
        List<EpochRecord> records = new ArrayList<>();
        for (int e = 1; e <= 650; e++) records.add(new EpochRecord(1, e, e, 1, 0, 0, 0, 0, e));
        HistoryRecorder resumed = new HistoryRecorder(null);
        resumed.continueFrom(before, records);
        for (int e = 651; e <= 1000; e++) resumed.onSnapshot(epochEnd(1, e, 2, 8));
        HistoryRecorder straight = new HistoryRecorder(null);
        for (int e = 1; e <= 1000; e++) straight.onSnapshot(epochEnd(1, e, 2, 8));
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        resumed.history().frames().forEach(f -> a.add(f.epoch()));
        straight.history().frames().forEach(f -> b.add(f.epoch()));
        assertEquals(b, a);
    }

    @Test
    void recordingDoesNotChangeTheTrainingAndItsLastFrameIsTheResult() {
        Random r = new Random(5);
        int n = 300, d = 30;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
        Dataset data = new Dataset("random", n, d, v, java.util.stream.IntStream.range(0, d).mapToObj(j -> "f" + j).toList(),
                java.util.stream.IntStream.range(0, n).mapToObj(i -> "s" + i).toList(), null, null);
        TrainingConfig cfg = TrainingConfig.builder().k(4).epochs(15).hidden("6").convergenceOff().seed(2).build();
        SelectionResult plain = TrainingJob.start(cfg, data, data, null, -1).run(TrainingListener.NONE, null, false);
        TrainingJob job = TrainingJob.start(cfg, data, data, null, -1);
        SelectionResult recorded = job.run(TrainingListener.NONE, null, true);
        assertArrayEquals(plain.selected(), recorded.selected());
        assertArrayEquals(plain.probabilities(), recorded.probabilities());
        SelectorHistory h = job.history();
        assertEquals(15, h.size());
        SelectorHistory.Frame last = h.frame(h.size() - 1);
        assertEquals(15, last.epoch());
        assertArrayEquals(recorded.selected(), last.selected());
        assertArrayEquals(SelectorHistory.levels(recorded.probabilities()), last.levels());
        assertEquals(recorded.history().get(14).temperature(), last.temperature());
    }
}
