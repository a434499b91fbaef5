package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    /** After duplicates are filled the decoder trains a fifth of the try, at least 10 epochs, never more than the try. */
    @Test
    void fillingTrainsAFifthOfTheTryAtLeastTenButNoMoreThanTheTry() {
        assertEquals(60, TrainingConfig.fillEpochs(300));
        assertEquals(27, TrainingConfig.fillEpochs(133));
        assertEquals(10, TrainingConfig.fillEpochs(20));
        assertEquals(10, TrainingConfig.fillEpochs(10));
        assertEquals(4, TrainingConfig.fillEpochs(4));
        assertEquals(1, TrainingConfig.fillEpochs(1));
        assertEquals(1, TrainingConfig.fillEpochs(0));
    }

    @Test
    void batchSizeRules() {
        TrainingConfig auto = TrainingConfig.builder().build();
        assertEquals(256, auto.effectiveBatchSize(6000));     // MNIST subset
        assertEquals(16, auto.effectiveBatchSize(102));       // ALL leukaemia training split: 7 steps an epoch
        assertEquals(54, auto.effectiveBatchSize(864));       // Mice Protein training split
        assertEquals(5, auto.effectiveBatchSize(5));          // never more than the rows
        TrainingConfig reference = TrainingConfig.builder().batchSize(TrainingConfig.REFERENCE_BATCH).build();
        assertEquals(23, reference.effectiveBatchSize(6000)); // max(n / 256, 16), the reference code's rule
        assertEquals(16, reference.effectiveBatchSize(1000));
        assertEquals(100, TrainingConfig.builder().batchSize(100).build().effectiveBatchSize(6000));
    }

    /** Issue 12: --hidden 100000000 was killed by the operating system; it must be refused in one sentence first. */
    @Test
    void aModelTooLargeForMemoryIsRefusedNamingTheSetting() {
        // the counts are of the paper's plain logits (IP-CAE's Psi, W and b are fewer for k x d this large)
        // the 57 x 22,283 expression table of the issue, 46 training rows
        String huge = TrainingConfig.builder().selector(Parameterisation.PLAIN).hidden("100000000").build().problems(22_283, 46).get(0).sentence();
        assertTrue(huge.startsWith("hidden layers 100000000 with 22,283 features and k = 50 make a model of"), huge);
        assertTrue(huge.endsWith("choose smaller hidden layers."), huge);

        long heap = ModelMemory.heapForTests, nat = ModelMemory.nativeForTests;
        try {
            // 20,000 hidden units: 448 million parameters, about 10 GB to train
            ModelMemory.heapForTests = 4L << 30;
            ModelMemory.nativeForTests = 64L << 30;
            String big = TrainingConfig.builder().selector(Parameterisation.PLAIN).hidden("20000").build().problems(22_283, 46).get(0).sentence();
            assertTrue(big.startsWith("hidden layers 20000 with 22,283 features and k = 50 make a model of 447,816,433 parameters"), big);
            assertTrue(big.contains("but only 4.0 GB of the memory Java may use is free: choose smaller hidden layers (or give Java more memory"), big);
            ModelMemory.heapForTests = 64L << 30;
            ModelMemory.nativeForTests = 2L << 30;
            assertTrue(TrainingConfig.builder().selector(Parameterisation.PLAIN).hidden("20000").build().problems(22_283, 46).get(0).sentence()
                    .contains("but only 2.0 GB of the machine's memory is free: choose smaller hidden layers."));
            ModelMemory.nativeForTests = 1L << 30;
            String wide = TrainingConfig.builder().selector(Parameterisation.PLAIN).k(20_000).build().problems(22_283, 46).get(0).sentence();
            assertTrue(wide.startsWith("k = 20000 with 22,283 features makes a model of") && wide.endsWith("choose a smaller k or fewer features."), wide);
            // the defaults on the same table need far less than a gigabyte
            assertTrue(TrainingConfig.builder().selector(Parameterisation.PLAIN).build().problems(22_283, 46).isEmpty());
        } finally {
            ModelMemory.heapForTests = heap;
            ModelMemory.nativeForTests = nat;
        }
    }

    @Test
    void theSelectorLearnsAtTheModelsRateExceptPlainLogitsOfASupervisedRunOnFewRows() {
        TrainingConfig reconstruct = TrainingConfig.builder().build();
        // reconstruct keeps one rate, whatever the selector and the table
        assertEquals(reconstruct.learningRate(), reconstruct.effectiveSelectorLearningRate(22283, 45));
        assertEquals(reconstruct.learningRate(), reconstruct.toBuilder().selector(Parameterisation.PLAIN).build().effectiveSelectorLearningRate(22283, 45));
        TrainingConfig classify = reconstruct.toBuilder().objective(Objective.CLASSIFY).build();
        assertEquals(Parameterisation.PLAIN, classify.selector().resolve(classify.objective()));
        // 60,000 rows (batch 256): 70,500 steps a try, enough at the model's rate; the 6,000-row MNIST sample: less than twice it
        assertEquals(classify.learningRate(), classify.effectiveSelectorLearningRate(784, 60000));
        assertTrue(classify.effectiveSelectorLearningRate(784, 6000) < 2 * classify.learningRate());
        // 45 rows (batch 16, 3 steps an epoch): 900 steps; 22,283 features need a logit gap of about ln d
        double wide = classify.effectiveSelectorLearningRate(22283, 45);
        assertEquals(TrainingConfig.SELECTOR_TRAVEL * Math.log(22283) / 900, wide, 1e-12);
        assertTrue(wide > 10 * classify.learningRate());
        // fewer rows or more features: a higher rate; twice the epochs: half of it
        assertTrue(classify.effectiveSelectorLearningRate(22283, 30) >= wide && classify.effectiveSelectorLearningRate(50000, 45) > wide);
        assertEquals(wide / 2, classify.toBuilder().epochs(600).build().effectiveSelectorLearningRate(22283, 45), 1e-12);
        assertEquals(wide, classify.toBuilder().objective(Objective.mix(0.5)).build().effectiveSelectorLearningRate(22283, 45), 1e-12);
        // IP-CAE's logits move fast enough by themselves; a rate set by hand is used as it is
        assertEquals(classify.learningRate(), classify.toBuilder().selector(Parameterisation.IP).build().effectiveSelectorLearningRate(22283, 45));
        assertEquals(0.003, classify.toBuilder().selectorLearningRate(0.003).build().effectiveSelectorLearningRate(22283, 45));
        assertEquals(0.003, reconstruct.toBuilder().selectorLearningRate(0.003).build().effectiveSelectorLearningRate(784, 6000));
        assertTrue(classify.toBuilder().selectorLearningRate(-1).build().problems(784, 6000).get(0).sentence().contains("selector's learning rate"));
    }

    @Test
    void decoderSpecs() {
        assertArrayEquals(new int[] {75}, TrainingConfig.builder().k(50).hidden("auto").build().hiddenSizes());
        assertArrayEquals(new int[0], TrainingConfig.builder().hidden("none").build().hiddenSizes());
        assertArrayEquals(new int[] {320, 320}, TrainingConfig.builder().hidden("320,320").build().hiddenSizes());
    }

    @Test
    void problemsNameTheSetting() {
        assertTrue(TrainingConfig.builder().k(900).build().problems(784, 6000).get(0).sentence().contains("k = 900 is larger than the number of features (784)"));
        assertTrue(TrainingConfig.builder().schedule(new TemperatureSchedule(TemperatureSchedule.Shape.EXPONENTIAL, 0.1, 10)).build()
                .problems(784, 6000).get(0).sentence().contains("end temperature"));
        assertTrue(TrainingConfig.builder().learningRate(-1).build().problems(784, 6000).get(0).sentence().contains("learning rate"));
        assertTrue(TrainingConfig.builder().hidden("big").build().problems(784, 6000).get(0).sentence().contains("hidden layers"));
        assertTrue(TrainingConfig.builder().build().problems(784, 6000).isEmpty());
    }

    @Test
    void topOfRowKeepsTheLargestInOrder() {
        float[] m = {0.1f, 0.5f, 0.05f, 0.9f, 0.3f, 0.7f};
        int[] idx = new int[3];
        float[] val = new float[3];
        Trainer.topOfRow(m, 0, 6, 3, idx, val, 0);
        assertArrayEquals(new int[] {3, 5, 1}, idx);
        assertArrayEquals(new float[] {0.9f, 0.7f, 0.5f}, val);
    }
}
