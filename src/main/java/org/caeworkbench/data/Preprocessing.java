package org.caeworkbench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What is done to the values between imputation and scaling, in this order: counts per million per
 * sample, then log(1 + x), then dropping the features that are constant on the training split, then
 * keeping the {@code topVariable} features of highest training variance. The transforms work on one
 * sample at a time (nothing to fit); the two filters are fitted on the training split only, so the test
 * rows do not decide which features the model sees.
 *
 * @param cpm          each sample divided by its total and multiplied by one million (counts per million)
 * @param log1p        log(1 + x) of every value (after counts per million when both are asked for)
 * @param dropConstant drop the features whose training values are all equal (they carry no information)
 * @param topVariable  keep only this many features, those of highest variance on the training split
 *                     (after the transforms); 0 keeps them all
 */
public record Preprocessing(boolean cpm, boolean log1p, boolean dropConstant, int topVariable) {

    /** Nothing: values go from imputation straight to scaling. */
    public static final Preprocessing NONE = new Preprocessing(false, false, false, 0);

    public Preprocessing {
        if (topVariable < 0)
            throw new IllegalArgumentException("the number of most variable features to keep must be at least 1 (it is " + topVariable + ").");
    }

    /** Whether a value transform (counts per million, log) is applied. */
    public boolean transforms() { return cpm || log1p; }

    /** Whether features may be dropped. */
    public boolean filters() { return dropConstant || topVariable > 0; }

    public boolean isNone() { return !transforms() && !filters(); }

    public Preprocessing withCpm(boolean v) { return new Preprocessing(v, log1p, dropConstant, topVariable); }
    public Preprocessing withLog1p(boolean v) { return new Preprocessing(cpm, v, dropConstant, topVariable); }
    public Preprocessing withDropConstant(boolean v) { return new Preprocessing(cpm, log1p, v, topVariable); }
    public Preprocessing withTopVariable(int v) { return new Preprocessing(cpm, log1p, dropConstant, v); }

    /** "counts per million, log(1 + x), constant features dropped, 2000 most variable features", or "none". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (cpm) parts.add("counts per million");
        if (log1p) parts.add("log(1 + x)");
        if (dropConstant) parts.add("constant features dropped");
        if (topVariable > 0) parts.add(topVariable + " most variable features");
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
