package org.caeworkbench.eval;

import org.caeworkbench.data.Dataset;

/**
 * The k features of largest variance over the training rows ("highly variable genes"); ties go to the
 * lower index. Deterministic: the seed is not used.
 */
public final class VarianceSelector implements FeatureSelector {
    @Override public String name() { return "variance"; }

    @Override
    public int[] select(Dataset train, int k, long seed) {
        FeatureSelector.checkK(train, k);
        return Dense.topK(Dense.columnVariances(train), k);
    }
}
