package org.caeworkbench.core;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The selector's Gumbel noise, one k x d draw G = -log(-log U) per training step. Drawing it costs
 * a uniform draw and two logarithms per entry, about as much as the step's selector multiply; it does
 * not depend on the model, so {@link #prefetching} draws the next steps' noise on a second thread while
 * the training thread runs the current step's matrix multiplies. The draws are the same whatever the
 * timing: epoch e of a try always gets the stream seeded by (seed, try, e), so a run is reproducible and
 * can be continued from an epoch boundary.
 */
abstract class GumbelNoise implements AutoCloseable {
    /** Keeps U strictly inside (0, 1) in float32, where 1 - 1e-7 would round to 1 and give log(0). */
    static final double EPS = 1e-6;

    /** The next step's noise (k x d), to be handed back with {@link #release} once the step has read it. */
    abstract INDArray take();

    /** Returns a buffer from {@link #take} for reuse. */
    abstract void release(INDArray buffer);

    @Override
    public void close() {}

    /** Writes one draw of G = -log(-log U), U ~ Uniform(EPS, 1 - EPS), into {@code g}. */
    static void draw(INDArray g, Random rng) {
        Nd4j.getExecutioner().exec(new UniformDistribution(g, EPS, 1 - EPS), rng);
        Transforms.log(g, false).negi();   // -log U > 0
        Transforms.log(g, false).negi();   // -log(-log U)
    }

    /** The seed of epoch {@code epoch}'s noise in try {@code tryNumber} of a run seeded {@code seed}. */
    static long epochSeed(long seed, int tryNumber, int epoch) {
        long h = seed * 0x9E3779B97F4A7C15L + tryNumber * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }

    /** Noise drawn on the calling thread from {@code rng} (tests, and any caller that wants one draw). */
    static GumbelNoise synchronous(int k, int d, Random rng) {
        INDArray g = Nd4j.create(DataType.FLOAT, k, d);
        return new GumbelNoise() {
            @Override INDArray take() {
                draw(g, rng);
                return g;
            }
            @Override void release(INDArray buffer) {}
        };
    }

    /**
     * Noise for a try's steps from epoch {@code firstEpoch} on, {@code stepsPerEpoch} draws per epoch,
     * drawn ahead on a daemon thread into two buffers. {@link #close()} stops the thread.
     */
    static GumbelNoise prefetching(int k, int d, long seed, int tryNumber, int firstEpoch, int stepsPerEpoch) {
        return new Prefetching(k, d, seed, tryNumber, firstEpoch, stepsPerEpoch);
    }

    private static final class Prefetching extends GumbelNoise {
        private final BlockingQueue<INDArray> ready = new ArrayBlockingQueue<>(2);
        private final BlockingQueue<INDArray> free = new ArrayBlockingQueue<>(2);
        private final Thread thread;
        private volatile Throwable failure;

        Prefetching(int k, int d, long seed, int tryNumber, int firstEpoch, int stepsPerEpoch) {
            free.add(Nd4j.create(DataType.FLOAT, k, d));
            free.add(Nd4j.create(DataType.FLOAT, k, d));
            thread = new Thread(() -> {
                try {
                    for (int epoch = firstEpoch; ; epoch++) {
                        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(epochSeed(seed, tryNumber, epoch));
                        for (int s = 0; s < stepsPerEpoch; s++) {
                            INDArray g = free.take();
                            draw(g, rng);
                            ready.put(g);
                        }
                    }
                } catch (InterruptedException e) {
                    // closed
                } catch (Throwable t) {
                    failure = t;
                }
            }, "cae-gumbel-noise");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        INDArray take() {
            try {
                while (true) {
                    INDArray g = ready.poll(200, TimeUnit.MILLISECONDS);
                    if (g != null) return g;
                    if (failure != null) throw new IllegalStateException("drawing the selector's noise failed: " + failure, failure);
                    if (!thread.isAlive()) throw new IllegalStateException("the noise thread has stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the selector's noise", e);
            }
        }

        @Override
        void release(INDArray buffer) {
            free.add(buffer);
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
