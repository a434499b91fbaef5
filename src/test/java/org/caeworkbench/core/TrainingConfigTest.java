package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {

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

    @Test
    void decoderSpecs() {
        assertArrayEquals(new int[] {75}, TrainingConfig.builder().k(50).hidden("auto").build().hiddenSizes());
        assertArrayEquals(new int[0], TrainingConfig.builder().hidden("none").build().hiddenSizes());
        assertArrayEquals(new int[] {320, 320}, TrainingConfig.builder().hidden("320,320").build().hiddenSizes());
    }

    @Test
    void problemsNameTheSetting() {
        assertTrue(TrainingConfig.builder().k(900).build().problems(784, 6000).get(0).contains("k = 900 is larger than the number of features (784)"));
        assertTrue(TrainingConfig.builder().schedule(new TemperatureSchedule(TemperatureSchedule.Shape.EXPONENTIAL, 0.1, 10)).build()
                .problems(784, 6000).get(0).contains("end temperature"));
        assertTrue(TrainingConfig.builder().learningRate(-1).build().problems(784, 6000).get(0).contains("learning rate"));
        assertTrue(TrainingConfig.builder().hidden("big").build().problems(784, 6000).get(0).contains("hidden layers"));
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
