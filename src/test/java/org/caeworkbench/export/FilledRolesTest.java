package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.core.SelectionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * selected_features.csv names the role of each feature when a panel has kept features or filled slots: fixed,
 * filled (a selector that ended on another's feature and was given a free one) or learned; read back alike. A run
 * with neither keeps the paper's six columns.
 */
class FilledRolesTest {
    @TempDir Path dir;

    private static SelectionResult result(int fixed, int[] filled) {
        int k = 3, d = 6;
        float[] p = new float[k * d];
        int[] learned = {4, 1, 5};
        for (int s = 0; s < k; s++) p[s * d + learned[s]] = 0.9f - 0.1f * s;
        int[] selected = new int[fixed + k];
        for (int i = 0; i < fixed; i++) selected[i] = i == 0 ? 0 : 2;
        System.arraycopy(learned, 0, selected, fixed, k);
        return new SelectionResult(SelectionResult.Status.COMPLETED, selected, p, 0.8, null, List.of(), 1, 10, 1.0, List.of(), fixed, filled);
    }

    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void aFilledSlotIsNamedInTheRoleColumnAndReadBack() throws Exception {
        Path file = dir.resolve(RunDirectory.SELECTED);
        RunDirectory.writeSelected(file, result(0, new int[] {2}), NAMES, null, null);
        List<String> lines = Files.readAllLines(file);
        assertEquals("rank,selector,index,name,probability,duplicate,role", lines.get(0));
        assertEquals("3,2,5,f,0.700000,no,filled", lines.get(3), "selector 2 (feature f) was filled");
        assertTrue(lines.get(1).endsWith(",learned") && lines.get(2).endsWith(",learned"), lines.toString());
        List<RunDirectory.SelectedFeature> read = RunDirectory.readSelected(dir);
        assertTrue(read.get(2).filled() && !read.get(2).fixed());
        assertFalse(read.get(0).filled() || read.get(1).filled());

        // with kept features too: fixed first, then the learned selectors, the filled one last though its probability is highest
        RunDirectory.writeSelected(file, result(2, new int[] {0}), NAMES, null, null);
        List<String> both = Files.readAllLines(file);
        assertTrue(both.get(1).endsWith(",fixed") && both.get(2).endsWith(",fixed"), both.toString());
        assertEquals("3,1,1,b,0.800000,no,learned", both.get(3));
        assertEquals("5,0,4,e,0.900000,no,filled", both.get(5));

        // neither: the six columns of the paper's runs
        RunDirectory.writeSelected(file, result(0, new int[0]), NAMES, null, null);
        assertEquals("rank,selector,index,name,probability,duplicate", Files.readAllLines(file).get(0));
    }
}
