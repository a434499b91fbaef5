package org.caeworkbench.eval;

import java.util.SplittableRandom;
import org.caeworkbench.data.Dataset;

/** k distinct features drawn uniformly at random (a partial Fisher–Yates shuffle seeded by the seed). */
public final class RandomSelector implements FeatureSelector {
    @Override public String name() { return "random"; }

    @Override
    public int[] select(Dataset train, int k, long seed) {
        FeatureSelector.checkK(train, k);
        int d = train.cols();
        int[] order = new int[d];
        for (int i = 0; i < d; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(d - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, k);
    }
}
