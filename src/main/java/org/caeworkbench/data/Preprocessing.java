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
 * @param retain       names of features the two filters never drop (a run's must-include features,
 *                     {@code --keep}), matched as the panel matches them: exactly, else ignoring case;
 *                     they come in addition to the {@code topVariable} most variable ones. Not a setting of
 *                     its own: it is the training's keep list, so config.json holds it once.
 */
public record Preprocessing(boolean cpm, boolean log1p, boolean dropConstant, int topVariable, List<String> retain) {

    /** Nothing: values go from imputation straight to scaling. */
    public static final Preprocessing NONE = new Preprocessing(false, false, false, 0);

    public Preprocessing {
        if (topVariable < 0)
            throw new IllegalArgumentException("the number of most variable features to keep must be at least 1 (it is " + topVariable + ").");
        retain = retain == null ? List.of() : List.copyOf(retain);
    }

    /** Without features that must survive the filters. */
    public Preprocessing(boolean cpm, boolean log1p, boolean dropConstant, int topVariable) {
        this(cpm, log1p, dropConstant, topVariable, List.of());
    }

    /** Whether a value transform (counts per million, log) is applied. */
    public boolean transforms() { return cpm || log1p; }

    /** Whether features may be dropped. */
    public boolean filters() { return dropConstant || topVariable > 0; }

    public boolean isNone() { return !transforms() && !filters(); }

    public Preprocessing withCpm(boolean v) { return new Preprocessing(v, log1p, dropConstant, topVariable, retain); }
    public Preprocessing withLog1p(boolean v) { return new Preprocessing(cpm, v, dropConstant, topVariable, retain); }
    public Preprocessing withDropConstant(boolean v) { return new Preprocessing(cpm, log1p, v, topVariable, retain); }
    public Preprocessing withTopVariable(int v) { return new Preprocessing(cpm, log1p, dropConstant, v, retain); }
    /** The same, with these features never dropped by the filters (the run's kept features). */
    public Preprocessing withRetain(List<String> names) { return new Preprocessing(cpm, log1p, dropConstant, topVariable, names); }

    /** "counts per million, log(1 + x), constant features dropped, 2000 most variable features", or "none". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (cpm) parts.add("counts per million");
        if (log1p) parts.add("log(1 + x)");
        if (dropConstant) parts.add("constant features dropped");
        if (topVariable > 0) parts.add(topVariable + " most variable features");
        if (filters() && !retain.isEmpty()) parts.add(retain.size() + " kept feature" + (retain.size() == 1 ? "" : "s") + " never dropped");
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
