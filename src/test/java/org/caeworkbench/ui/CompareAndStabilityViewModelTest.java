package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.caeworkbench.app.CompareRun;
import org.caeworkbench.eval.Selectors;
import org.caeworkbench.eval.Stability;
import org.junit.jupiter.api.Test;

/** The Compare and Stability tabs' choices and sentences, without the toolkit. */
class CompareAndStabilityViewModelTest {

    @Test
    void theCompareTabRunsWhatCaeCompareRunsWithTheSameSettings() {
        CompareViewModel vm = new CompareViewModel();
        assertEquals(Selectors.names(), List.copyOf(vm.methods().keySet()), "every method offered, in table order");
        vm.kProperty().set("50, 10,20,10");
        vm.epochsProperty().set(" 40 ");
        CompareViewModel.Plan plan = vm.plan(784);
        assertArrayEquals(new int[] {10, 20, 50}, plan.ks(), "distinct and sorted, as --k-list");
        assertEquals(Selectors.DEFAULT, plan.methods(), "cae compare's default methods are chosen at first");
        assertEquals(CompareRun.defaults(40), plan.run(), "the CAE's settings of cae compare --epochs 40 (seed, random draws)");
        vm.choose(List.of("pfa", "variance"));
        assertEquals(List.of("variance", "pfa"), vm.plan(784).methods());
    }

    @Test
    void theCompareTabsCaeTrainsWithTheParametersPanelsSettings() {
        CompareViewModel vm = new CompareViewModel();
        vm.epochsProperty().set("40");
        org.caeworkbench.core.TrainingConfig panel = org.caeworkbench.core.TrainingConfig.builder().seed(7).epochs(999).dropout(0)
                .objective(org.caeworkbench.core.Objective.CLASSIFY).selector(org.caeworkbench.core.Parameterisation.PLAIN).build();
        CompareRun run = vm.plan(784, panel).run();
        assertEquals(panel.toBuilder().epochs(40).build(), run.cae(), "every setting of the panel but the tab's epochs");
        assertEquals(7, run.seed(), "the selectors and the classifier take the panel's seed");
    }

    @Test
    void aCompareChoiceThatCannotRunIsOneSentence() {
        CompareViewModel vm = new CompareViewModel();
        vm.kProperty().set("10,x");
        assertTrue(message(() -> vm.plan(784)).startsWith("K must be whole numbers separated by commas"));
        vm.kProperty().set("10,900");
        assertEquals("k = 900 is larger than the number of features (784).", message(() -> vm.plan(784)));
        vm.kProperty().set("10");
        vm.epochsProperty().set("many");
        assertEquals("CAE epochs must be a whole number (got 'many').", message(() -> vm.plan(784)));
        vm.epochsProperty().set("0");
        assertEquals("CAE epochs must be at least 1 (it is 0).", message(() -> vm.plan(784)));
        vm.epochsProperty().set("5");
        vm.choose(List.of());
        assertEquals("Choose at least one method, or give a panel of your own to score.", message(() -> vm.plan(784)));
        vm.panelProperty().set("pixel_14_14, pixel_7_7");
        assertEquals(0, vm.plan(784).methods().size(), "a panel of your own alone: scored, with the PCA bound at each k");
        // a name the preprocessing dropped is said as such
        vm.panelProperty().set("a, B, zz");
        assertEquals("3 names: 1 of its 3 names are features of the data; scored on those (not found: B, zz). 1 of them is in the file but"
                + " dropped by the preprocessing (constant, or not among the most variable): B; Run puts them back.",
                vm.check(new org.caeworkbench.data.FeatureNames(List.of("a", "c")), List.of("a", "b", "c")).line());
        assertEquals("3 names: 1 of its 3 names are features of the data; scored on those (not found: B, zz).",
                vm.check(new org.caeworkbench.data.FeatureNames(List.of("a", "c")), null).line());
        assertEquals("pfa, k = 20 … (3 of 12)", CompareViewModel.step("pfa", 20, 2, 12));
    }

    @Test
    void theStabilityTabTakesTwoToAThousandRunsAndSumsThemUp() {
        StabilityViewModel vm = new StabilityViewModel();
        assertEquals(5, vm.runs());
        vm.runsProperty().set(" 12 ");
        assertEquals(12, vm.runs());
        for (String bad : new String[] {"1", "1001", "ten", ""}) {
            vm.runsProperty().set(bad);
            assertEquals("Runs must be a whole number from 2 to 1000 (it is '" + bad.trim() + "').", message(vm::runs));
        }
        // three runs: feature 7 in all, 3 in two, 9 in one
        List<Stability.Feature> three = Stability.count(List.of(new int[] {7, 3}, new int[] {7, 3}, new int[] {7, 9}), names(10));
        assertEquals("Stability over 3 run(s): 3 features chosen at least once, 1 in every run.", StabilityViewModel.summary(three, 3));
        assertEquals("Stability over 3 run(s) (stopped early): 3 features chosen at least once, 1 in every run.", StabilityViewModel.summary(three, 5));
        assertEquals("Stability: stopped before the first run finished.", StabilityViewModel.summary(List.of(), 5));
    }

    private static List<String> names(int d) {
        return java.util.stream.IntStream.range(0, d).mapToObj(i -> "f" + i).toList();
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
