package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay file: what is stored is what comes back, within the stated error, and a damaged file is one sentence. */
class SelectorHistoryTest {
    @TempDir Path dir;

    /** A k x d softmax whose rows sharpen with t (0: near uniform, 1: nearly one-hot). */
    static float[] matrix(int k, int d, double t, Random r) {
        float[] p = new float[k * d];
        for (int i = 0; i < k; i++) {
            double sum = 0;
            double[] e = new double[d];
            for (int j = 0; j < d; j++) {
                double logit = 0.05 * r.nextGaussian() + (j == (i * 7) % d ? 12 * t : 0);
                e[j] = Math.exp(logit);
                sum += e[j];
            }
            for (int j = 0; j < d; j++) p[i * d + j] = (float) (e[j] / sum);
        }
        return p;
    }

    static SelectorHistory.Frame frame(int epoch, float[] p, int k, int d) {
        int[] selected = new int[k];
        float[] max = new float[d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                if (p[i * d + j] > p[i * d + selected[i]]) selected[i] = j;
                max[j] = Math.max(max[j], p[i * d + j]);
            }
        }
        return new SelectorHistory.Frame(1, epoch, epoch * 10L, 10 * Math.pow(0.9, epoch), 0.1 / epoch, 0.2 / epoch, 0.5, 0, epoch * 0.1,
                selected, SelectorHistory.levels(p), SelectorHistory.levels(max), null, null);
    }

    static SelectorHistory history(int k, int d, int frames) {
        Random r = new Random(3);
        List<SelectorHistory.Frame> f = new ArrayList<>();
        for (int e = 1; e <= frames; e++) f.add(frame(e, matrix(k, d, (double) e / frames, r), k, d));
        return new SelectorHistory(k, d, f);
    }

    @Test
    void levelsFollowTheHeatmapsSquareRootScaleWithinHalfAStep() {
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            float p = i < 50_000 ? r.nextFloat() : (float) Math.pow(10, -7 * r.nextDouble());
            float back = SelectorHistory.probability(SelectorHistory.level(p));
            assertTrue(Math.abs(Math.sqrt(back) - Math.sqrt(p)) <= 1 / 510.0 + 1e-6, p + " came back as " + back);
        }
        assertEquals(0f, SelectorHistory.probability(SelectorHistory.level(0f)));
        assertEquals(1f, SelectorHistory.probability(SelectorHistory.level(1f)));
        // early frames stay visible: a uniform selector over MNIST's 784 pixels, or over 100,000 features, is not 0
        assertEquals(9, SelectorHistory.level(1f / 784));
        assertTrue(SelectorHistory.level(1f / 100_000) > 0);
    }

    @Test
    void aHistoryComesBackFromItsFileFrameForFrame() throws IOException {
        SelectorHistory h = history(6, 40, 30);
        Path file = dir.resolve(SelectorHistory.FILE);
        h.write(file);
        SelectorHistory back = SelectorHistory.read(file);
        assertEquals(h.k(), back.k());
        assertEquals(h.d(), back.d());
        assertTrue(back.full());
        assertEquals(h.size(), back.size());
        for (int i = 0; i < h.size(); i++) {
            SelectorHistory.Frame a = h.frame(i);
            SelectorHistory.Frame b = back.frame(i);
            assertEquals(a.epoch(), b.epoch());
            assertEquals(a.step(), b.step());
            assertEquals(a.temperature(), b.temperature());
            assertEquals(a.trainLoss(), b.trainLoss());
            assertEquals(a.validationLoss(), b.validationLoss());
            assertEquals(a.seconds(), b.seconds());
            assertArrayEquals(a.selected(), b.selected());
            assertArrayEquals(a.levels(), b.levels());
            assertArrayEquals(a.featureMaxLevels(), b.featureMaxLevels());
        }
    }

    @Test
    void theWideLayoutKeepsEachSelectorsLargestProbabilitiesAndRoundTrips() throws IOException {
        SelectorHistory h = history(5, 60, 12);
        SelectorHistory wide = h.wide();
        assertFalse(wide.full());
        for (int f = 0; f < h.size(); f++) {
            float[] p = h.frame(f).probabilities();
            SelectorHistory.Frame w = wide.frame(f);
            assertNull(w.levels());
            for (int i = 0; i < 5; i++) {
                float[] row = Arrays.copyOfRange(p, i * 60, (i + 1) * 60);
                float[] sorted = row.clone();
                Arrays.sort(sorted);
                for (int t = 0; t < wide.top(); t++) {
                    assertEquals(sorted[59 - t], row[w.topFeatures()[i * wide.top() + t]], 0f, "frame " + f + " selector " + i + " rank " + t);
                    assertEquals(sorted[59 - t], w.topProbabilities()[i * wide.top() + t], 0f);
                }
            }
        }
        Path file = dir.resolve("wide.bin.gz");
        wide.write(file);
        SelectorHistory back = SelectorHistory.read(file);
        assertFalse(back.full());
        for (int f = 0; f < wide.size(); f++) {
            assertArrayEquals(wide.frame(f).topFeatures(), back.frame(f).topFeatures());
            assertArrayEquals(wide.frame(f).topLevels(), back.frame(f).topLevels());
        }
    }

    @Test
    void aHistoryCutToABudgetFitsItAndKeepsTheFirstAndLastEpochs() throws IOException {
        SelectorHistory h = history(12, 200, 80);
        long all = h.encodedSize();
        assertTrue(h.fitting(all) == h, "a history within its budget is kept whole");
        for (long budget : new long[] {all / 3, all / 10, all / 40}) {
            SelectorHistory cut = h.fitting(budget);
            Path file = dir.resolve("cut" + budget + ".bin.gz");
            cut.write(file);
            assertTrue(Files.size(file) <= budget, Files.size(file) + " bytes for a budget of " + budget);
            // something was given up: frames, or the whole matrix for each selector's top few
            assertTrue(cut.size() >= 2 && (cut.size() < h.size() || !cut.full()), cut.size() + " frames, full " + cut.full());
            if (cut.full()) assertTrue(cut.size() >= SelectorHistory.MIN_FULL_FRAMES);
            assertEquals(1, cut.frame(0).epoch());
            assertEquals(80, cut.frame(cut.size() - 1).epoch());
        }
    }

    @Test
    void aDamagedFileIsOneSentenceNamingIt() throws IOException {
        Path file = dir.resolve(SelectorHistory.FILE);
        history(4, 30, 10).write(file);
        byte[] whole = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.bin.gz"), Arrays.copyOf(whole, whole.length / 2));
        Path noise = Files.write(dir.resolve("noise.bin.gz"), "this is not a replay".getBytes());
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x5A;
        Path bits = Files.write(dir.resolve("bits.bin.gz"), flipped);
        for (Path p : List.of(cut, noise, bits)) {
            IOException e = assertThrows(IOException.class, () -> SelectorHistory.read(p));
            assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("damaged"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        assertNull(SelectorHistory.readRun(dir.resolve("no-such-run")));
    }
}
