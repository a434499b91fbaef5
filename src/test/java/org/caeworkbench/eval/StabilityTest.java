package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StabilityTest {
    @Test
    void countsEachFeatureOncePerRunMostOftenFirst() {
        List<String> names = List.of("a", "b", "c", "d", "e");
        List<int[]> runs = List.of(new int[] {1, 3}, new int[] {3, 0}, new int[] {3, 1}, new int[] {4, 4});
        List<Stability.Feature> f = Stability.count(runs, names);
        assertEquals(List.of(3, 1, 0, 4), f.stream().map(Stability.Feature::index).toList());
        assertEquals(new Stability.Feature(3, "d", 3, 0.75), f.get(0));
        assertEquals(new Stability.Feature(1, "b", 2, 0.5), f.get(1));
        assertEquals(1, f.get(3).times(), "a duplicate selection within one run counts once");
        assertThrows(IllegalArgumentException.class, () -> Stability.count(List.of(), names));
        assertThrows(IllegalArgumentException.class, () -> Stability.count(List.<int[]>of(new int[] {5}), names));
    }
}
