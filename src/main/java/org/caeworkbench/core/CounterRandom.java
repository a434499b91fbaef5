package org.caeworkbench.core;

/**
 * Counter-based random numbers: every value is a pure function of a key and a position, with no
 * generator state carried from one call to the next. The training step draws its Gumbel noise and
 * dropout masks this way, keyed by (run seed, step, selector row or minibatch row), so the numbers do
 * not depend on which thread computes them or in what order, and a resumed run draws exactly what an
 * uninterrupted one would.
 *
 * <p>The values of one key are the output sequence of SplitMix64 (Steele, Lea and Flood, OOPSLA 2014)
 * started from that key: the 64-bit finaliser applied to key + i times the golden-ratio increment; keys are
 * derived by the same finaliser.
 */
final class CounterRandom {
    /** The golden-ratio increment of SplitMix64. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {}

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A key derived from a parent key and a position (a step, a row, a stream number). */
    static long key(long parent, long position) {
        return mix(mix(parent + GAMMA) ^ (position * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
    }

    /** The i-th 64 random bits of a key. */
    static long bits(long key, long i) {
        return mix(key + (i + 1) * GAMMA);
    }
}
