package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.caeworkbench.core.EpochRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, A.3: a panel that is of no use must not read as a success. Three checks, each one plain
 * sentence that says what to try: no better than the column means, k of a third or more of the training
 * rows, and a validation loss that rises while the training loss falls.
 */
class PanelCheckTest {

    /** A sentence break inside the text: a full stop, question or exclamation mark followed by a space. */
    private static final Pattern INNER_BREAK = Pattern.compile("[.!?]\\s");

    /** One sentence, on one line, ending with a full stop, that tells the user what to do instead. */
    private static void assertOneSentenceWithAdvice(String w) {
        assertNotNull(w);
        assertTrue(w.equals(w.strip()) && !w.contains("\n"), "one line: " + w);
        assertTrue(w.endsWith("."), "ends as a sentence: " + w);
        assertTrue(!INNER_BREAK.matcher(w.substring(0, w.length() - 1)).find(), "a single sentence: " + w);
        assertTrue(Pattern.compile("\\b(try|choose)\\b").matcher(w).find(), "says what to try: " + w);
    }

    private static EpochRecord epoch(int tryNumber, int epoch, double train, double validation) {
        return new EpochRecord(tryNumber, epoch, epoch * 10L, 1.0, train, validation, 0.5, 0, epoch * 0.1);
    }

    /** One try: training loss falling every epoch; validation loss as given. */
    private static List<EpochRecord> history(int tryNumber, double... validation) {
        List<EpochRecord> h = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) h.add(epoch(tryNumber, i + 1, 1.0 / (i + 2), validation[i]));
        return h;
    }

    /** Validation loss falling to {@code min} at epoch {@code bestEpoch}, then rising linearly to {@code end}. */
    private static double[] fallThenRise(int epochs, int bestEpoch, double min, double end) {
        double[] v = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            int e = i + 1;
            v[i] = e <= bestEpoch ? min + (bestEpoch - e) * 0.05 : min + (end - min) * (e - bestEpoch) / (epochs - bestEpoch);
        }
        return v;
    }

    /** {@code v} followed by five epochs at {@code last}. */
    private static double[] withTail(double[] v, double last) {
        double[] out = java.util.Arrays.copyOf(v, v.length + 5);
        java.util.Arrays.fill(out, v.length, out.length, last);
        return out;
    }

    /** Both losses falling steadily: nothing to say about the curves. */
    private static List<EpochRecord> healthyHistory(int epochs) {
        List<EpochRecord> h = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) h.add(epoch(1, e, 0.2 / e, 0.25 / e + 0.01));
        return h;
    }

    // --- no better than the column means ---

    @Test
    void aSelectionThatReconstructsWorseThanTheMeansIsReported() {
        // the figures of the issue: linear MSE 0.127 against 0.077 for the column means
        String w = PanelCheck.ofMetrics(0.127, 0.077);
        assertOneSentenceWithAdvice(w);
        assertTrue(w.contains("no better than each feature's mean"), w);
        assertTrue(w.contains("0.127") && w.contains("0.077"), "both figures, so the user sees by how much: " + w);
        assertTrue(w.contains("smaller k"), w);
    }

    @Test
    void aSelectionExactlyAsGoodAsTheMeansIsNoBetterThanThem() {
        assertNotNull(PanelCheck.ofMetrics(0.077, 0.077));
        assertNull(PanelCheck.ofMetrics(0.0769, 0.077), "slightly better than the means: no warning");
        assertNull(PanelCheck.ofMetrics(0.03, 0.077));
    }

    @Test
    void metricsThatWereNotComputedGiveNoWarning() {
        assertNull(PanelCheck.ofMetrics(Double.NaN, 0.077), "no test rows: nothing to compare");
        assertNull(PanelCheck.ofMetrics(0.127, Double.NaN));
        assertNull(PanelCheck.ofMetrics(Double.POSITIVE_INFINITY, 0.077));
    }

    // --- k against the training rows ---

    @Test
    void kOfAThirdOfTheTrainingRowsIsReported() {
        // the case of the issue: 38 samples, 30 of them training rows, k = 10
        List<String> out = PanelCheck.ofTraining(10, 30, healthyHistory(20));
        assertEquals(1, out.size(), out.toString());
        String w = out.get(0);
        assertOneSentenceWithAdvice(w);
        assertTrue(w.contains("k = 10") && w.contains("30 training rows"), w);
        assertTrue(w.contains("at most 9"), "the largest k below a third of 30: " + w);
        assertEquals(List.of(), PanelCheck.ofTraining(9, 30, healthyHistory(20)), "k = 9 is below a third of 30");
    }

    @Test
    void kExactlyAThirdIsReportedForEveryMultipleOfThree() {
        // k = n/3 exactly must not slip under the limit by a rounding of 1/3
        for (int k = 1; k <= 2000; k++) {
            int rows = 3 * k;
            assertEquals(1, PanelCheck.ofTraining(k, rows, List.of()).size(), "k = " + k + " of " + rows + " training rows");
            if (k > 1) assertEquals(0, PanelCheck.ofTraining(k - 1, rows, List.of()).size(), "k = " + (k - 1) + " of " + rows);
        }
    }

    @Test
    void theAdvisedKPassesTheCheckAndOneMoreDoesNot() {
        for (int rows = 4; rows <= 3000; rows++) {
            List<String> tooMany = PanelCheck.ofTraining(rows, rows, List.of());
            assertEquals(1, tooMany.size());
            java.util.regex.Matcher m = Pattern.compile("at most (\\d+)").matcher(tooMany.get(0));
            assertTrue(m.find(), tooMany.get(0));
            int advised = Integer.parseInt(m.group(1));
            assertEquals(List.of(), PanelCheck.ofTraining(advised, rows, List.of()), "the advised k = " + advised + " for " + rows + " rows");
            assertEquals(1, PanelCheck.ofTraining(advised + 1, rows, List.of()).size(), "k = " + (advised + 1) + " for " + rows + " rows");
        }
    }

    @Test
    void noTrainingRowsKnownGivesNoKWarning() {
        assertEquals(List.of(), PanelCheck.ofTraining(10, 0, List.of()));
    }

    // --- validation loss rising while the training loss falls ---

    @Test
    void aValidationLossThatRisesWhileTheTrainingLossFallsIsReported() {
        List<EpochRecord> h = history(1, fallThenRise(40, 12, 0.05, 0.09));
        String w = PanelCheck.validationRise(h);
        assertOneSentenceWithAdvice(w);
        assertTrue(w.contains("validation loss rose") && w.contains("training loss fell"), w);
        assertTrue(w.contains("0.05000 (epoch 12)"), "the lowest validation loss and its epoch: " + w);
        assertTrue(w.contains("to 0.09000"), "the last validation loss: " + w);
        assertTrue(w.contains("fewer epochs"), w);
        assertEquals(List.of(w), PanelCheck.ofTraining(3, 100, h), "ofTraining reports it too");
    }

    @Test
    void healthyCurvesGiveNoWarning() {
        assertNull(PanelCheck.validationRise(healthyHistory(50)));
        // a validation loss that levels off a little above its lowest point is not overfitting
        assertNull(PanelCheck.validationRise(history(1, fallThenRise(40, 12, 0.05, 0.055))));
    }

    @Test
    void theRiseMustReachATwentyPercentMargin() {
        // 0.5 and 0.6 are exact: 0.6 is 1.2 times 0.5
        assertNotNull(PanelCheck.validationRise(history(1, withTail(fallThenRise(30, 10, 0.5, 0.6), 0.6))));
        assertNull(PanelCheck.validationRise(history(1, withTail(fallThenRise(30, 10, 0.5, 0.59), 0.59))));
    }

    @Test
    void aHistoryTooShortToJudgeGivesNoWarning() {
        assertNull(PanelCheck.validationRise(List.of()));
        assertNull(PanelCheck.validationRise(null));
        assertNull(PanelCheck.validationRise(history(1, 0.1, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12)), "nine epochs");
        assertNotNull(PanelCheck.validationRise(history(1, 0.1, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12, 0.13)),
                "the same rise over ten epochs is enough to judge");
    }

    @Test
    void aRiseThatIsBothLossesRisingIsNotOverfitting() {
        List<EpochRecord> h = new ArrayList<>();
        double[] v = fallThenRise(30, 10, 0.05, 0.1);
        for (int i = 0; i < v.length; i++) h.add(epoch(1, i + 1, v[i] * 0.9, v[i]));   // training loss follows it up
        assertNull(PanelCheck.validationRise(h));
    }

    @Test
    void aLateLowOrASingleSpikeIsNotARise() {
        // the lowest point among the last five epochs: too late to call what follows a rise
        assertNull(PanelCheck.validationRise(history(1, fallThenRise(30, 27, 0.05, 0.2))));
        // a spike in the last epoch only (1.4 times the minimum), the four before it at the minimum:
        // the mean of the last five, 0.054, is under 1.2 times the minimum
        double[] spike = new double[30];
        java.util.Arrays.fill(spike, 0.05);
        for (int i = 0; i < 10; i++) spike[i] = 0.3 - i * 0.025;
        spike[29] = 0.07;
        assertNull(PanelCheck.validationRise(history(1, spike)));
        // the same last epoch after five raised ones is a rise
        for (int i = 25; i < 29; i++) spike[i] = 0.07;
        assertNotNull(PanelCheck.validationRise(history(1, spike)));
    }

    @Test
    void onlyTheLastTryCounts() {
        List<EpochRecord> risingThenHealthy = new ArrayList<>(history(1, fallThenRise(30, 10, 0.05, 0.1)));
        for (EpochRecord e : healthyHistory(30)) risingThenHealthy.add(epoch(2, e.epoch(), e.trainLoss(), e.validationLoss()));
        assertNull(PanelCheck.validationRise(risingThenHealthy), "the retry fixed it");

        List<EpochRecord> healthyThenRising = new ArrayList<>(healthyHistory(30));
        healthyThenRising.addAll(history(2, fallThenRise(30, 10, 0.05, 0.1)));
        assertNotNull(PanelCheck.validationRise(healthyThenRising));
    }

    @Test
    void withoutAValidationLossThereIsNothingToJudge() {
        double[] none = new double[40];
        java.util.Arrays.fill(none, Double.NaN);
        assertNull(PanelCheck.validationRise(history(1, none)));
    }

    // --- all checks together ---

    @Test
    void aHealthyPanelGetsNoWarningAtAll() {
        assertEquals(List.of(), PanelCheck.all(5, 102, healthyHistory(40), 0.043, 0.063));
    }

    @Test
    void everyRuleThatFailsIsReportedTheMeansFirst() {
        List<String> all = PanelCheck.all(10, 30, history(1, fallThenRise(40, 12, 0.05, 0.09)), 0.127, 0.077);
        assertEquals(3, all.size(), all.toString());
        assertTrue(all.get(0).contains("each feature's mean"), "the most telling one first: " + all.get(0));
        assertTrue(all.get(1).contains("k = 10"), all.get(1));
        assertTrue(all.get(2).contains("validation loss rose"), all.get(2));
        all.forEach(PanelCheckTest::assertOneSentenceWithAdvice);
    }
}
