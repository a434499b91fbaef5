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
        applyInPlace(new Dataset(d.name(), new DenseMatrix(d.rows(), d.cols(), values), d.featureNames(), d.sampleIds(), null, null,
                java.util.List.of()), (java.util.BitSet) null, p);
    }

    /**
     * The transforms of the view's rows, in its own matrix (shared with the other part of the split): no
     * copy. {@code done} marks matrix rows already transformed (null: every row of the view). A zero stays
     * zero, so a sparse matrix stays sparse.
     */
    static void applyInPlace(Dataset d, java.util.BitSet done, Preprocessing p) throws DataException {
        if (!p.transforms()) return;
        MatrixRows.forEachNamedRow(d, done, (r, values, from, to, columns) -> {
            double perMillion = 1;
            if (p.cpm()) {
                double total = 0;
                for (int at = from; at < to; at++) {
                    float x = values[at];
                    checkNotNegative(d, r, columns == null ? at - from : columns[at], x, "counts per million need counts (zero or more)");
                    total += x;
                }
                if (!(total > 0))
                    throw new DataException(d.name() + ", " + sample(d, r)
                            + ": every value is zero, so counts per million are undefined; remove the sample or leave out counts per million");
                perMillion = 1e6 / total;
            }
            for (int at = from; at < to; at++) {
                float x = values[at];
                if (p.log1p() && !p.cpm()) checkNotNegative(d, r, columns == null ? at - from : columns[at], x,
                        "log(1 + x) needs values of zero or more (is the file already on a log scale?)");
                values[at] = forward(x, perMillion, p.log1p());
            }
        });
    }

    private static void checkNotNegative(Dataset d, int row, int col, float x, String why) throws DataException {
        if (x < 0) {
            throw new DataException(String.format(Locale.ROOT, "%s, %s, feature '%s': the value %s is negative, but %s",
                    d.name(), sample(d, row), d.featureNames().get(col), x, why));
        }
    }

    /** "sample 'ID'" for a row of the view; "the sample in row N of the file" for another row of a matrix kept on disk. */
    private static String sample(Dataset d, int row) {
        return row >= 0 ? "sample '" + d.sampleIds().get(row) + "'" : "the sample in row " + (-row) + " of the file";
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
