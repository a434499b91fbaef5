package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.caeworkbench.core.EpochRecord;
import org.junit.jupiter.api.Test;

/** The three checks that keep a useless panel from being reported as a plain success (issue 12, A.3). */
class PanelCheckTest {

    /** A history of one try: training and validation loss per epoch 1..epochs. */
    private static List<EpochRecord> history(int tryNumber, int epochs, IntToDoubleFunction train, IntToDoubleFunction validation) {
        List<EpochRecord> h = new ArrayList<>();
        for (int e = 1; e <= epochs; e++)
            h.add(new EpochRecord(tryNumber, e, e * 3L, 1, train.applyAsDouble(e), validation.applyAsDouble(e), 0.5, 0, e));
        return h;
    }

    /** Both losses falling to a floor: a healthy curve. */
    private static List<EpochRecord> healthy(int epochs) {
        return history(1, epochs, e -> 0.05 + 0.5 / e, e -> 0.06 + 0.5 / e);
    }

    /** One sentence that says what to try. */
    private static void plainAdvice(String w) {
        assertTrue(w.endsWith(".") && !w.contains("\n"), w);
        assertTrue(w.contains("try") || w.contains("choose"), "says what to try: " + w);
    }

    @Test
    void aHealthyPanelGetsNoWarning() {
        assertEquals(List.of(), PanelCheck.all(10, 300, healthy(100), 0.02, 0.07));
        assertEquals(List.of(), PanelCheck.all(50, 6000, healthy(300), 0.019, 0.067));
    }

    @Test
    void noBetterThanTheColumnMeans() {
        List<String> w = PanelCheck.all(10, 300, healthy(100), 0.127, 0.077);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("no better than each feature's mean") && w.get(0).contains("0.127") && w.get(0).contains("0.077"), w.get(0));
        plainAdvice(w.get(0));
        // equal is no better either; a hair below is better
        assertEquals(1, PanelCheck.all(10, 300, healthy(100), 0.077, 0.077).size());
        assertEquals(List.of(), PanelCheck.all(10, 300, healthy(100), 0.0769, 0.077));
        // not computed (a stopped run, no test rows): no verdict
        assertNull(PanelCheck.ofMetrics(Double.NaN, 0.077));
        assertNull(PanelCheck.ofMetrics(0.1, Double.NaN));
    }

    @Test
    void kOfAThirdOfTheTrainingRowsOrMore() {
        // 30 training rows: k = 10 is a third, k = 9 is not
        List<String> w = PanelCheck.ofTraining(10, 30, healthy(100));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("k = 10 is a third or more of the 30 training rows"), w.get(0));
        assertTrue(w.get(0).contains("at most 9"), "advises a k below the limit: " + w.get(0));
        plainAdvice(w.get(0));
        assertEquals(List.of(), PanelCheck.ofTraining(9, 30, healthy(100)));
        assertEquals(1, PanelCheck.ofTraining(11, 31, healthy(100)).size(), "11 ≥ 31 / 3");
        assertEquals(List.of(), PanelCheck.ofTraining(10, 31, healthy(100)), "10 < 31 / 3");
        // the advice never reaches the limit nor zero
        String tiny = PanelCheck.ofTraining(1, 2, healthy(100)).get(0);
        assertTrue(tiny.contains("at most 1"), tiny);
    }

    @Test
    void validationLossRisingWhileTrainingLossFalls() {
        // validation lowest at epoch 30 (0.08), then up to 0.16 while the training loss keeps falling
        List<EpochRecord> over = history(1, 100, e -> 0.5 / e, e -> e <= 30 ? 0.08 + 0.002 * (30 - e) : 0.08 + 0.08 * (e - 30) / 70.0);
        List<String> w = PanelCheck.ofTraining(5, 300, over);
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("The validation loss rose from 0.08000 (epoch 30) to 0.1600"), w.get(0));
        plainAdvice(w.get(0));
        // a rise of less than a fifth is noise
        List<EpochRecord> slight = history(1, 100, e -> 0.5 / e, e -> e <= 30 ? 0.08 : 0.08 + 0.012 * (e - 30) / 70.0);
        assertEquals(List.of(), PanelCheck.ofTraining(5, 300, slight));
        // both rising (the training loss too): not this overfitting
        List<EpochRecord> both = history(1, 100, e -> e <= 30 ? 0.1 : 0.1 + 0.01 * e, e -> e <= 30 ? 0.08 : 0.08 + 0.08 * (e - 30) / 70.0);
        assertEquals(List.of(), PanelCheck.ofTraining(5, 300, both));
        // a dip in the last epochs only (fewer than five epochs since the lowest): no verdict yet
        List<EpochRecord> late = history(1, 100, e -> 0.5 / e, e -> e < 97 ? 0.2 : 0.08);
        assertEquals(List.of(), PanelCheck.ofTraining(5, 300, late));
        // too short a history to judge
        assertEquals(List.of(), PanelCheck.ofTraining(5, 300, over.subList(0, 9)));
    }

    @Test
    void onlyTheLastTryIsJudged() {
        List<EpochRecord> h = new ArrayList<>(history(1, 100, e -> 0.5 / e, e -> e <= 30 ? 0.08 : 0.08 + 0.08 * (e - 30) / 70.0));
        h.addAll(history(2, 100, e -> 0.05 + 0.5 / e, e -> 0.06 + 0.5 / e));
        assertEquals(List.of(), PanelCheck.ofTraining(5, 300, h), "the first try overfitted, the accepted second did not");
    }

    @Test
    void allWarningsTogetherTheMetricsFirst() {
        List<EpochRecord> over = history(1, 100, e -> 0.5 / e, e -> e <= 30 ? 0.08 : 0.08 + 0.08 * (e - 30) / 70.0);
        List<String> w = PanelCheck.all(10, 30, over, 0.127, 0.077);
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).contains("no better than each feature's mean"), w.get(0));
        assertTrue(w.get(1).startsWith("k = 10"), w.get(1));
        assertTrue(w.get(2).startsWith("The validation loss rose"), w.get(2));
    }
}
