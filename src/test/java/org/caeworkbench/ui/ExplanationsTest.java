package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.caeworkbench.core.Objective;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.core.TrainingSnapshot;
import org.junit.jupiter.api.Test;

/** The sentences beside the charts change with the state they describe, and name the paper's values. */
class ExplanationsTest {
    static final TrainingConfig CFG = TrainingConfig.builder().k(20).build();

    static TrainingSnapshot snapshot(double t, double meanMax, int dups, double val) {
        return new TrainingSnapshot(1, 5, 100, 50, 1000, t, 0.05, val, meanMax, dups, new int[20], null, null, null, null, 1, 10, true);
    }

    @Test
    void theTemperatureSentenceFollowsTheAnnealing() {
        var start = CFG.schedule().start();
        var end = CFG.schedule().end();
        assertEquals(Explanations.Phase.HIGH, Explanations.phase(start, start, end));
        assertEquals(Explanations.Phase.LOW, Explanations.phase(end, start, end));
        String high = Explanations.of(snapshot(start * 0.8, 0.1, 0, 0.1), CFG, true, null).temperature();
        String mid = Explanations.of(snapshot(Math.sqrt(start * end), 0.5, 0, 0.1), CFG, true, null).temperature();
        String low = Explanations.of(snapshot(end * 1.2, 0.99, 0, 0.1), CFG, true, null).temperature();
        assertTrue(high.contains("is high") && high.contains("average many pixels"), high);
        assertTrue(mid.contains("cooling"), mid);
        assertTrue(low.contains("is low") && low.contains("one pixel"), low);
        assertTrue(high.contains("paper: 10 → 0.01"), high);
        assertTrue(Explanations.temperature(end, CFG, false).contains("one feature"), "tables speak of features");
    }

    @Test
    void meanMaxSaysHowFarTheConvergenceRuleIs() {
        String below = Explanations.meanMax(0.62, CFG, true);
        String above = Explanations.meanMax(0.995, CFG, true);
        assertTrue(below.contains("Mean-max 0.620") && below.contains("62%") && below.contains("0.370 to go"), below);
        assertTrue(below.contains("twice the epochs"), below);
        assertTrue(above.contains("accepts this try") && above.contains("paper: 0.99"), above);
        String off = Explanations.meanMax(0.5, CFG.toBuilder().convergenceOff().build(), true);
        assertTrue(off.contains("rule is off"), off);
    }

    @Test
    void duplicatesAreDefinedAndCounted() {
        String none = Explanations.duplicates(0, 20, false, false, true);
        String three = Explanations.duplicates(3, 20, false, false, false);
        String filled = Explanations.duplicates(3, 20, false, false, true);
        assertTrue(none.contains("A duplicate is") && none.contains("all 20 are distinct"), none);
        assertTrue(three.contains("Now: 3, so 17 of k = 20 are distinct"), three);
        assertNotEquals(none, three);
        assertTrue(!three.contains("filled") && filled.contains("Any left at the end are filled"), filled);
    }

    @Test
    void theValidationLossIsComparedWithTheMeanPredictorAndPca() {
        var b = new Explanations.Baselines(0.08, 0.02, 512);
        String better = Explanations.loss(0.04, CFG, true, b);
        assertTrue(better.contains("against 0.08 for the mean predictor") && better.contains("50% less error"), better);
        assertTrue(better.contains("512 held-out rows") && better.contains("PCA with k = 20 components") && better.contains("0.02"), better);
        assertTrue(Explanations.loss(0.1, CFG, true, b).contains("not better yet"));
        assertTrue(Explanations.loss(Double.NaN, CFG, true, b).contains("after the first epoch"));
        String noBaseline = Explanations.loss(0.04, CFG, true, Explanations.Baselines.NONE);
        assertTrue(!noBaseline.contains("mean predictor") && !noBaseline.contains("PCA"), noBaseline);
        String supervised = Explanations.loss(0.04, CFG.toBuilder().objective(Objective.CLASSIFY).build(), true, b);
        assertTrue(supervised.contains("cross-entropy"), supervised);
    }
}
