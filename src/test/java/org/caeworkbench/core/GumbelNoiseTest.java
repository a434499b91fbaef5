package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** The selector's noise: drawn ahead on a thread, yet the same draws as drawing them in place. */
class GumbelNoiseTest {

    @Test
    void prefetchedNoiseIsTheSameStreamAsDrawingEachEpochInPlace() {
        NativeThreads.configure();
        int k = 3, d = 40, stepsPerEpoch = 4, epochs = 3;
        float[][] expected = new float[stepsPerEpoch * epochs][];
        for (int e = 0; e < epochs; e++) {
            Random rng = Nd4j.getRandomFactory().getNewRandomInstance(GumbelNoise.epochSeed(7, 2, e + 1));
            INDArray g = Nd4j.create(DataType.FLOAT, k, d);
            for (int s = 0; s < stepsPerEpoch; s++) {
                GumbelNoise.draw(g, rng);
                expected[e * stepsPerEpoch + s] = ConcreteAutoencoder.toHost(g);
            }
        }
        // starting at epoch 1, as a run continued from a checkpoint would
        try (GumbelNoise noise = GumbelNoise.prefetching(k, d, 7, 2, 1, stepsPerEpoch)) {
            for (float[] want : expected) {
                INDArray got = noise.take();
                assertArrayEquals(want, ConcreteAutoencoder.toHost(got));
                noise.release(got);
            }
        }
    }

    @Test
    void drawsLookGumbelDistributed() {
        NativeThreads.configure();
        INDArray g = Nd4j.create(DataType.FLOAT, 200, 500);
        GumbelNoise.draw(g, Nd4j.getRandomFactory().getNewRandomInstance(3));
        float[] v = ConcreteAutoencoder.toHost(g);
        double mean = 0, sq = 0;
        for (float x : v) {
            assertTrue(Float.isFinite(x));
            mean += x;
            sq += x * x;
        }
        mean /= v.length;
        double var = sq / v.length - mean * mean;
        assertEquals(0.5772, mean, 0.01);                       // Euler-Mascheroni constant
        assertEquals(Math.PI * Math.PI / 6, var, 0.03);         // pi^2 / 6
    }

    @Test
    void epochSeedsDifferAcrossEpochsTriesAndSeeds() {
        assertFalse(GumbelNoise.epochSeed(1, 1, 0) == GumbelNoise.epochSeed(1, 1, 1));
        assertFalse(GumbelNoise.epochSeed(1, 1, 0) == GumbelNoise.epochSeed(1, 2, 0));
        assertFalse(GumbelNoise.epochSeed(1, 1, 0) == GumbelNoise.epochSeed(2, 1, 0));
    }
}
