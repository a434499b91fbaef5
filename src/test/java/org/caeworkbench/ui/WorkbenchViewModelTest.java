package org.caeworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.caeworkbench.core.TemperatureSchedule;
import org.caeworkbench.core.TrainingConfig;
import org.caeworkbench.data.DatasetSummary;
import org.caeworkbench.ui.WorkbenchViewModel.Field;
import org.junit.jupiter.api.Test;

/** The view-model's validation, without the toolkit running. */
class WorkbenchViewModelTest {

    private static WorkbenchViewModel withData(int d, int n) {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.setDataset(new DatasetSummary("t", n, d, Map.of(), 0, 0f, 1f, null), n);
        return vm;
    }

    @Test
    void defaultsAreValidOnceDataIsLoaded() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        assertFalse(vm.canTrainProperty().get(), "nothing loaded yet");
        assertEquals("Load a dataset to train.", vm.problemProperty().get());
        vm.setDataset(new DatasetSummary("t", 100, 784, Map.of(), 0, 0f, 1f, null), 80);
        assertTrue(vm.canTrainProperty().get());
        assertEquals("", vm.problemProperty().get());
        assertEquals(50, vm.config().orElseThrow().k());
        assertEquals(TemperatureSchedule.Shape.EXPONENTIAL, vm.config().orElseThrow().schedule().shape());
    }

    @Test
    void theRedundancyPenaltyReachesTheSettingsAndANegativeOneIsMarked() {
        WorkbenchViewModel vm = withData(784, 6000);
        assertEquals(0.0, vm.config().orElseThrow().redundancy(), "off by default, as in the paper");
        vm.text(WorkbenchViewModel.Field.REDUNDANCY).set("0.003");
        assertEquals(0.003, vm.config().orElseThrow().redundancy());
        vm.text(WorkbenchViewModel.Field.REDUNDANCY).set("-1");
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.fieldErrors().containsKey(WorkbenchViewModel.Field.REDUNDANCY), vm.fieldErrors().toString());
    }

    @Test
    void theObjectiveReachesTheSettingsAndABadOneIsMarked() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.setDataset(new DatasetSummary("t", 6000, 784, Map.of("a", 3000, "b", 3000), 0, 0f, 1f, null), 6000);
        assertEquals(org.caeworkbench.core.Objective.RECONSTRUCT, vm.config().orElseThrow().objective(), "the paper's by default");
        vm.text(org.caeworkbench.core.Settings.OBJECTIVE).set("mix:0.25");
        assertEquals(org.caeworkbench.core.Objective.mix(0.25), vm.config().orElseThrow().objective());
        vm.text(org.caeworkbench.core.Settings.OBJECTIVE).set("mix:3");
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.fieldErrors().containsKey(org.caeworkbench.core.Settings.OBJECTIVE), vm.fieldErrors().toString());
    }

    @Test
    void switchingOnTheStableStopOffersItsTypicalValueAndTrainingStaysPossible() {
        WorkbenchViewModel vm = withData(784, 6000);
        var stable = org.caeworkbench.core.Settings.STOP_STABLE;
        assertFalse(vm.onProperty(stable).get(), "off by default");
        assertEquals("", vm.text(stable).get());
        vm.onProperty(stable).set(true);
        assertEquals("10", vm.text(stable).get());
        assertTrue(vm.canTrainProperty().get(), vm.problemProperty().get());
        assertEquals(10, vm.config().orElseThrow().stableEpochs());
        // a number typed before is kept when the switch goes off and on again
        vm.text(stable).set("4");
        vm.onProperty(stable).set(false);
        vm.onProperty(stable).set(true);
        assertEquals(4, vm.config().orElseThrow().stableEpochs());
    }

    @Test
    void kLargerThanDBlocksTrainWithAMessage() {
        WorkbenchViewModel vm = withData(20, 100);
        vm.text(Field.K).set("21");
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.problemProperty().get().contains("larger than the number of features (20)"), vm.problemProperty().get());
        assertTrue(vm.fieldErrors().containsKey(Field.K));
        vm.text(Field.K).set("20");
        assertTrue(vm.canTrainProperty().get());
        assertFalse(vm.fieldErrors().containsKey(Field.K));
    }

    @Test
    void endTemperatureAboveStartBlocksTrain() {
        WorkbenchViewModel vm = withData(784, 100);
        vm.text(Field.TEND).set("20");
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.fieldErrors().containsKey(Field.TEND));
        assertTrue(vm.problemProperty().get().startsWith("The end temperature"), vm.problemProperty().get());
        // a constant schedule ignores the end temperature
        vm.shapeProperty().set(TemperatureSchedule.Shape.CONSTANT);
        assertTrue(vm.canTrainProperty().get());
    }

    @Test
    void negativeRateAndNonNumbersAreMarked() {
        WorkbenchViewModel vm = withData(784, 100);
        vm.text(Field.LR).set("-0.01");
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.fieldErrors().containsKey(Field.LR));
        vm.text(Field.LR).set("0.01");
        vm.text(Field.EPOCHS).set("ten");
        assertFalse(vm.canTrainProperty().get());
        assertTrue(vm.problemProperty().get().contains("whole number"), vm.problemProperty().get());
        vm.text(Field.EPOCHS).set("10");
        vm.text(Field.T0).set("0");
        assertTrue(vm.fieldErrors().containsKey(Field.T0));
        vm.text(Field.T0).set("10");
        vm.text(Field.BATCH).set("-3");
        assertTrue(vm.fieldErrors().containsKey(Field.BATCH));
        vm.text(Field.BATCH).set("reference");
        assertEquals(TrainingConfig.REFERENCE_BATCH, vm.config().orElseThrow().batchSize());
        vm.text(Field.BATCH).set("auto");
        vm.text(Field.HIDDEN).set("12,x");
        assertTrue(vm.fieldErrors().containsKey(Field.HIDDEN));
        vm.text(Field.HIDDEN).set("none");
        assertTrue(vm.canTrainProperty().get());
        assertTrue(vm.fieldErrors().isEmpty());
    }

    @Test
    void convergenceSwitchAndRunningState() {
        WorkbenchViewModel vm = withData(784, 100);
        vm.text(Field.THRESHOLD).set("1.5");
        assertFalse(vm.canTrainProperty().get());
        vm.convergenceProperty().set(false);
        assertTrue(vm.canTrainProperty().get(), "the threshold does not matter with the rule off");
        assertFalse(vm.config().orElseThrow().convergenceRuleOn());
        vm.runningProperty().set(true);
        assertFalse(vm.canTrainProperty().get(), "no second run while one is running");
        vm.runningProperty().set(false);
        assertTrue(vm.canTrainProperty().get());
    }

    @Test
    void parametersSurviveARestart() throws Exception {
        java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot().node("caeworkbench-test-" + System.nanoTime());
        try {
            WorkbenchViewModel a = withData(784, 100);
            a.text(Field.K).set("12");
            a.text(Field.BATCH).set("reference");
            a.shapeProperty().set(TemperatureSchedule.Shape.COSINE);
            a.convergenceProperty().set(false);
            a.saveTo(node);
            WorkbenchViewModel b = withData(784, 100);
            b.loadFrom(node);
            assertEquals("12", b.text(Field.K).get());
            assertEquals(TrainingConfig.REFERENCE_BATCH, b.config().orElseThrow().batchSize());
            assertEquals(TemperatureSchedule.Shape.COSINE, b.shapeProperty().get());
            assertFalse(b.convergenceProperty().get());

            // lists of feature names name the data of this session, not the next one's (and may exceed the store's
            // limit): they are not remembered, the rest still is
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 2000; i++) many.append("ENSG0000012").append(i).append('\n');
            a.text(org.caeworkbench.core.Settings.EXCLUDE).set(many.toString());
            a.text(org.caeworkbench.core.Settings.KEEP).set("GAPDH");
            a.text(Field.K).set("13");
            a.saveTo(node);
            WorkbenchViewModel c = withData(784, 100);
            c.loadFrom(node);
            assertEquals("13", c.text(Field.K).get());
            assertEquals("", c.text(org.caeworkbench.core.Settings.EXCLUDE).get());
            assertEquals("", c.text(org.caeworkbench.core.Settings.KEEP).get());
        } finally {
            node.removeNode();
        }
    }

    @Test
    void heatmapBinsWideMatrices() {
        int k = 3;
        int d = 5000;
        float[] p = new float[k * d];
        p[1 * d + 4999] = 1f;
        Heatmaps.Pixels px = Heatmaps.selectorHeatmap(p, k, d);
        assertEquals(Heatmaps.MAX_WIDTH, px.width());
        assertEquals(3, px.height());
        assertEquals(Heatmaps.colour(1f), px.argb()[1 * px.width() + px.width() - 1]);
        assertEquals(Heatmaps.colour(0f), px.argb()[0]);
    }

    @Test
    void aSupervisedObjectiveOnUnlabelledDataIsMarkedBeforeTraining() {
        WorkbenchViewModel vm = withData(784, 6000);
        vm.text(org.caeworkbench.core.Settings.OBJECTIVE).set("classify");
        assertFalse(vm.canTrainProperty().get());
        String why = vm.fieldErrors().get(org.caeworkbench.core.Settings.OBJECTIVE);
        assertTrue(why != null && why.contains("needs labelled data") && why.contains("no labels"), String.valueOf(why));
        vm.text(org.caeworkbench.core.Settings.OBJECTIVE).set("reconstruct");
        assertTrue(vm.canTrainProperty().get());
    }

    @Test
    void keptAndExcludedNamesAreCheckedAgainstTheDataAndSummedUp() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        java.util.List<String> genes = java.util.List.of("GAPDH", "MT-CO1", "ACTB", "MT-ND1", "CD3E", "RPS4X", "CD19", "MS4A1");
        vm.setDataset(new DatasetSummary("genes", 60, genes.size(), Map.of(), 0, 0f, 1f, null), 48, genes);
        vm.text(Field.K).set("2");
        vm.text(org.caeworkbench.core.Settings.KEEP).set("CD19\nNOPE1\nNOPE2");
        assertFalse(vm.canTrainProperty().get());
        String why = vm.fieldErrors().get(org.caeworkbench.core.Settings.KEEP);
        assertTrue(why != null && why.contains("NOPE1") && why.contains("NOPE2"), String.valueOf(why));
        assertFalse(vm.fieldErrors().containsKey(org.caeworkbench.core.Settings.EXCLUDE), "the keep field is the one marked");

        vm.text(org.caeworkbench.core.Settings.KEEP).set("CD19\ncd3e");
        vm.text(org.caeworkbench.core.Settings.EXCLUDE).set("re:^MT-");
        assertTrue(vm.canTrainProperty().get(), vm.problemProperty().get());
        assertEquals(java.util.List.of("CD19", "cd3e"), vm.config().orElseThrow().keep());
        assertEquals("Panel: 2 kept + k = 2 learned = 4 features; 2 excluded (re:^MT- matches 2); 4 of 8 selectable.",
                vm.panelSummaryProperty().get());

        vm.text(org.caeworkbench.core.Settings.EXCLUDE).set("re:^HB[AB]");
        assertTrue(vm.fieldErrors().get(org.caeworkbench.core.Settings.EXCLUDE).contains("matches none"), vm.fieldErrors().toString());
        assertEquals("", vm.panelSummaryProperty().get());

        // the same genes named by Ensembl id, their symbols beside them (an .h5ad as CELLxGENE writes it): checked by symbol
        java.util.List<String> ids = java.util.stream.IntStream.range(0, genes.size()).mapToObj(i -> "ENSG0" + i).toList();
        vm.setDataset(new DatasetSummary("genes", 60, genes.size(), Map.of(), 0, 0f, 1f, null), 48, ids, null, genes);
        vm.text(org.caeworkbench.core.Settings.EXCLUDE).set("re:^MT-");
        assertTrue(vm.canTrainProperty().get(), vm.problemProperty().get());
        assertEquals("Panel: 2 kept + k = 2 learned = 4 features; 2 excluded (re:^MT- matches 2); 4 of 8 selectable.",
                vm.panelSummaryProperty().get());
    }
}
