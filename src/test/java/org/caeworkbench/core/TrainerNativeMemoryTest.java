package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caeworkbench.data.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 12: on few rows and many features (batch 16, thousands of short epochs) the process grew by
 * megabytes per epoch, because every epoch's validation loss made new native arrays that were freed
 * only when a rare garbage collection found their small Java wrappers. An epoch must make no native
 * array after the first: its buffers are made once per try.
 */
class TrainerNativeMemoryTest {
    /**
     * ND4J numbers every native object it makes (data buffers and the context of each op call, which
     * the op frees at once) from one counter; reading it counts one more.
     */
    private static long nd4jObjectsSoFar() {
        return Nd4j.getDeallocatorService().nextValue();
    }

    @Test
    void anEpochMakesNoNativeArraysAfterTheFirst() {
        epochsMakeNoNativeArrays(Parameterisation.PLAIN, 0);
    }

    /** IP-CAE: per step two more multiplies to compute L = Psi W^T + b and two for dPsi and dW, and still no array. */
    @Test
    void anIndirectEpochMakesNoNativeArraysAfterTheFirst() {
        epochsMakeNoNativeArrays(Parameterisation.IP, 4);
    }

    /** With the selector's products over each minibatch's live columns ({@link LiveColumns}): still none. */
    @Test
    void anEpochOverLiveColumnsMakesNoNativeArraysAfterTheFirst() {
        long before = LiveColumns.COMPACTED.sum();
        epochsMakeNoNativeArrays(Parameterisation.IP, 4, LiveColumnsTest.dataset(LiveColumnsTest.withDeadColumns(40, 30, 10, 5, 1), 40, 30),
                LiveColumnsTest.dataset(LiveColumnsTest.withDeadColumns(10, 30, 10, 5, 2), 10, 30));
        assertTrue(LiveColumns.COMPACTED.sum() - before >= 12 * 3, "every minibatch compacted");
    }

    private static void epochsMakeNoNativeArrays(Parameterisation selector, int moreMultipliesPerStep) {
        // batch 16: two full steps and a partial one of 8
        epochsMakeNoNativeArrays(selector, moreMultipliesPerStep, TrainerTest.synthetic(40, 1), TrainerTest.synthetic(10, 2));
    }

    private static void epochsMakeNoNativeArrays(Parameterisation selector, int moreMultipliesPerStep, Dataset train, Dataset validation) {
        TrainingConfig cfg = TrainingConfig.builder().k(5).epochs(12).batchSize(16).convergenceOff().seed(3).selector(selector).build();
        List<Long> atEpochEnd = new ArrayList<>();
        TrainingListener counter = new TrainingListener() {
            @Override public void onSnapshot(TrainingSnapshot s) {
                if (s.epochEnd()) atEpochEnd.add(nd4jObjectsSoFar());
            }
        };
        SelectionResult r = new Trainer(cfg).helperThread(false).train(train, validation, counter, null);
        assertEquals(12, atEpochEnd.size());
        assertTrue(r.history().stream().allMatch(e -> Double.isFinite(e.validationLoss())), "validation loss at every epoch");

        // each step runs 2 + 3 L matrix multiplies (L decoder layers), the validation loss 1 + L; each makes one
        // op context and nothing else; a new array in a step or in the validation loss would add to the count
        int layers = cfg.hiddenSizes().length + 1;
        long multipliesPerEpoch = 3L * (2 + 3 * layers + moreMultipliesPerStep) + (1 + layers);
        for (int e = 2; e < atEpochEnd.size(); e++) {
            long made = atEpochEnd.get(e) - atEpochEnd.get(e - 1) - 1;
            assertTrue(made <= multipliesPerEpoch, "epoch " + (e + 1) + " made " + made + " native objects for "
                    + multipliesPerEpoch + " matrix multiplies");
        }
    }

    @Test
    void theValidationLossIsTheSoftReconstructionErrorOfTheModel() {
        validationLossIsTheSoftReconstructionError(TrainerTest.synthetic(10, 2));
    }

    /** The same over the validation rows' live columns (a third of the columns zero in all of them). */
    @Test
    void theValidationLossOverLiveColumnsIsTheSoftReconstructionErrorOfTheModel() {
        long before = LiveColumns.COMPACTED.sum();
        validationLossIsTheSoftReconstructionError(LiveColumnsTest.dataset(LiveColumnsTest.withDeadColumns(10, 30, 10, 5, 2), 10, 30));
        assertTrue(LiveColumns.COMPACTED.sum() > before, "the validation rows compacted");
    }

    private static void validationLossIsTheSoftReconstructionError(Dataset validation) {
        ConcreteAutoencoder model = ConcreteAutoencoder.create(validation.cols(), 5, new int[] {8},
                Nd4j.getRandomFactory().getNewRandomInstance(4));
        try (TrainingStep step = new TrainingStep(model, validation.rows(), 0.3)) {
            step.load(validation.values());
            float[] parameters = model.parameters();
            for (double t : new double[] {10, 1, 0.05}) {
                double expected = model.softReconstructionMse(validation.values(), validation.rows(), t);
                assertEquals(expected, step.softLoss(parameters, t), 1e-5 * expected, "temperature " + t);
                assertEquals(expected, step.softLoss(parameters, t), 1e-5 * expected, "again, at temperature " + t);
            }
        }
    }
}
