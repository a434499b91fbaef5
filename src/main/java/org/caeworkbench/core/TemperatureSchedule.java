package org.caeworkbench.core;

/**
 * The temperature T of the concrete distribution over a run, from {@code start} (T0) to {@code end}
 * (the paper's T_B). The paper anneals exponentially per epoch, T(b) = T0 (T_B / T0)^(b / B); the
 * reference code per step. Here the exponent runs over 0..1 inclusive so the last step or epoch
 * uses exactly {@code end}.
 */
public record TemperatureSchedule(Shape shape, double start, double end) {

    public enum Shape { EXPONENTIAL, LINEAR, COSINE, CONSTANT }

    public TemperatureSchedule {
        if (!(start > 0) || !(end > 0)) throw new IllegalArgumentException("temperatures must be positive");
    }

    /** Temperature at position {@code i} of {@code n} positions (steps or epochs), i in [0, n). */
    public double at(long i, long n) {
        double f = n <= 1 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) i / (n - 1)));
        return at(f);
    }

    /**
     * The schedule after the temperature was set by hand to {@code t} at position {@code from} of {@code n}
     * (step mode): the same shape from {@code t} to the same end over positions from..n-1, so position
     * {@code from} has exactly {@code t} and the last position the end temperature (a constant schedule stays at {@code t}).
     * Returns T at position {@code i} (i at least {@code from}).
     */
    public double from(double t, long from, long i, long n) {
        return new TemperatureSchedule(shape, t, end).at(i - from, n - from);
    }

    /** Temperature at a fraction f in [0, 1] of the run. */
    public double at(double f) {
        if (f >= 1.0 && shape != Shape.CONSTANT) return end;     // exactly, whatever the rounding
        return switch (shape) {
            case EXPONENTIAL -> start * Math.pow(end / start, f);
            case LINEAR -> start + (end - start) * f;
            case COSINE -> end + (start - end) * 0.5 * (1 + Math.cos(Math.PI * f));
            case CONSTANT -> start;
        };
    }
}
