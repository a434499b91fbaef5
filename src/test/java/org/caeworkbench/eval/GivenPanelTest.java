package org.caeworkbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.data.Dataset;
import org.caeworkbench.data.FeatureNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A panel the user brings to a comparison: read as --keep reads names, matched to the data, scored as a selection is. */
class GivenPanelTest {
    @TempDir Path dir;

    static final List<String> FEATURES = List.of("Actb", "Gapdh", "Cd3e", "Cd19", "Ms4a1", "Lyz2");

    @Test
    void namesFromAFileOrTypedAreMatchedByTheKeepRuleAndTheMissingOnesSaid() throws IOException {
        // a run's features.csv: the panel is its name column, in its order
        Path run = dir.resolve("features.csv");
        Files.writeString(run, "rank,index,name,probability\n1,4,Ms4a1,0.99\n2,2,Cd3e,0.98\n3,9,Xist,0.97\n");
        GivenPanel p = GivenPanel.read(run.toString(), "--panel");
        assertEquals("features.csv", p.label());
        assertEquals("panel: features.csv", p.method());
        GivenPanel.Match m = p.match(new FeatureNames(FEATURES));
        assertArrayEquals(new int[] {4, 2}, m.features());
        assertEquals(List.of("Xist"), m.missing());
        assertEquals("2 of its 3 names are features of the data; scored on those (not found: Xist).", m.note());

        // a run folder: its selected_features.csv, called by the folder's name
        Path folder = Files.createDirectories(dir.resolve("run1"));
        Files.writeString(folder.resolve("selected_features.csv"), "rank,selector,index,name,probability\n1,0,3,Cd19,0.9\n2,1,0,Actb,0.8\n");
        GivenPanel run1 = GivenPanel.read(folder.toString(), "--panel");
        assertEquals("run1/", run1.label());
        assertEquals(List.of("Cd19", "Actb"), run1.names());

        GivenPanel typed = GivenPanel.read("cd19, LYZ2, Cd19, LYZ2", "Your panel");
        assertEquals("3 names", typed.label(), "a name given twice counts once");
        GivenPanel.Match t = typed.match(new FeatureNames(FEATURES));
        assertArrayEquals(new int[] {3, 5}, t.features(), "matched ignoring case, as --keep matches; one feature found twice counts once");
        assertEquals("", t.note());
    }

    @Test
    void aPanelNoneOfWhoseNamesIsAFeatureIsRefusedInOneSentence() {
        var e = assertThrows(IllegalArgumentException.class, () -> GivenPanel.read("Xist,Tsix", "--panel").match(new FeatureNames(FEATURES)));
        assertEquals("Panel 2 names: none of its 2 name(s) is a feature of the data (6 features): Xist, Tsix.", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> GivenPanel.read(dir.resolve("panel.txt").toString(), "--panel").match(new FeatureNames(FEATURES)));
        assertTrue(f.getMessage().endsWith("(there is no file of that name either)."), f.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> GivenPanel.read(" ", "--panel"));
        assertTrue(g.getMessage().startsWith("--panel holds no feature names"), g.getMessage());
    }

    @Test
    void aPanelOfTheFeaturesASelectorChoseScoresAsThatSelectorsRow() {
        Dataset train = ComparisonTest.latent(300, 1, true), test = ComparisonTest.latent(200, 2, true);
        Comparison c = new Comparison(train, test, 3, 1, null);
        Comparison.Row pfa = c.run(new PfaSelector(), 3);
        List<String> names = java.util.Arrays.stream(pfa.selected()).mapToObj(j -> train.featureNames().get(j)).toList();
        Comparison.Row mine = c.given(GivenPanel.read(String.join(",", names), "--panel").match(new FeatureNames(train.featureNames())));
        assertEquals("panel: 3 names", mine.method());
        assertEquals(3, mine.k());
        assertEquals(pfa.linearMse(), mine.linearMse(), 1e-12);
        assertEquals(pfa.accuracy(), mine.accuracy(), 1e-12);
        // and a redundant panel (one latent signal four times) is scored as much worse
        Comparison.Row redundant = c.given(GivenPanel.read(String.join(",", train.featureNames().subList(0, 3)), "--panel").match(new FeatureNames(train.featureNames())));
        assertTrue(redundant.linearMse() > 5 * mine.linearMse(), redundant.linearMse() + " against " + mine.linearMse());
    }
}
