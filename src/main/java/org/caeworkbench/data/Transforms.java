package org.caeworkbench.data;

import java.util.Locale;

/**
 * The value transforms of {@link Preprocessing}: counts per million (each sample divided by its total,
 * times one million) and log(1 + x). Both work on one sample at a time, so there is nothing to fit and
 * no test row can leak into training. Both need values of zero or more (counts, or expression that is
 * not yet logged); a negative value is refused with the sample and feature named.
 */
public final class Transforms {
    private Transforms() {}

    /** Applies the transforms of {@code p} to a copy of the rows (or to the same object when there are none). */
    public static Dataset apply(Dataset d, Preprocessing p) throws DataException {
        if (!p.transforms()) return d;
        float[] out = d.values().clone();
        applyInPlace(d, out, p);
        return d.withValues(out);
    }

    /** The same, writing into {@code values} (row-major, the rows of {@code d}) which the caller owns. */
    static void applyInPlace(Dataset d, float[] values, Preprocessing p) throws DataException {
        if (!p.transforms()) return;
        int cols = d.cols();
        for (int r = 0; r < d.rows(); r++) {
            int base = r * cols;
            double perMillion = 1;
            if (p.cpm()) {
                double total = 0;
                for (int c = 0; c < cols; c++) {
                    float x = values[base + c];
                    checkNotNegative(d, r, c, x, "counts per million need counts (zero or more)");
                    total += x;
                }
                if (!(total > 0))
                    throw new DataException(d.name() + ", sample '" + d.sampleIds().get(r)
                            + "': every value is zero, so counts per million are undefined; remove the sample or leave out counts per million");
                perMillion = 1e6 / total;
            }
            for (int c = 0; c < cols; c++) {
                float x = values[base + c];
                if (p.log1p() && !p.cpm()) checkNotNegative(d, r, c, x, "log(1 + x) needs values of zero or more (is the file already on a log scale?)");
                values[base + c] = forward(x, perMillion, p.log1p());
            }
        }
    }

    private static void checkNotNegative(Dataset d, int row, int col, float x, String why) throws DataException {
        if (x < 0) {
            throw new DataException(String.format(Locale.ROOT, "%s, sample '%s', feature '%s': the value %s is negative, but %s",
                    d.name(), d.sampleIds().get(row), d.featureNames().get(col), x, why));
        }
    }

    /** One value through the transforms: times {@code perMillion} (1e6 / sample total, or 1), then log(1 + x) if asked. */
    public static float forward(float x, double perMillion, boolean log1p) {
        double y = x * perMillion;
        return (float) (log1p ? Math.log1p(y) : y);
    }

    /** The inverse of {@link #forward}: back to the file's units. */
    public static float inverse(float y, double perMillion, boolean log1p) {
        double x = log1p ? Math.expm1(y) : y;
        return (float) (x / perMillion);
    }
}
