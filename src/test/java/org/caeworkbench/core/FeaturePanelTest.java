package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caeworkbench.data.FeatureNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --keep and --exclude: their text, and their resolution against the data's feature names. */
class FeaturePanelTest {
    static final List<String> NAMES = List.of("GAPDH", "MT-CO1", "ACTB", "MT-ND1", "CD3E", "RPS4X", "CD19", "MS4A1");
    static final FeatureNames INDEX = new FeatureNames(NAMES);

    static TrainingConfig cfg(int k, String keep, String exclude) {
        TrainingConfig c = TrainingConfig.builder().k(k).build();
        if (keep != null) c = Settings.KEEP.apply(c, keep, "--keep");
        if (exclude != null) c = Settings.EXCLUDE.apply(c, exclude, "--exclude");
        return c;
    }

    @Test
    void keptFeaturesComeFirstInTheOrderGivenAndAreNotSelectable() {
        FeaturePanel p = FeaturePanel.resolve(cfg(2, "CD19,GAPDH", null), INDEX);
        assertArrayEquals(new int[] {6, 0}, p.fixed());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 7}, p.open());
        assertEquals(0, p.excluded().length);
    }

    @Test
    void aRegexExcludesEveryNameItIsFoundIn() {
        FeaturePanel p = FeaturePanel.resolve(cfg(2, null, "re:^MT-"), INDEX);
        assertArrayEquals(new int[] {1, 3}, p.excluded());
        assertArrayEquals(new int[] {0, 2, 4, 5, 6, 7}, p.open());
        assertEquals(0, p.fixed().length);
    }

    @Test
    void withoutEitherNothingIsMasked() {
        FeaturePanel p = FeaturePanel.resolve(cfg(2, null, null), INDEX);
        assertTrue(p.isNone());
        assertNull(p.open());
    }

    @Test
    void unknownNamesAreOneSentenceNamingTheFirstFewAndTheCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeaturePanel.resolve(cfg(2, "GAPDH,NOPE1,NOPE2,NOPE3,NOPE4,NOPE5,NOPE6,NOPE7", null), INDEX));
        assertEquals("--keep: 7 names match none of the 8 features: NOPE1, NOPE2, NOPE3, NOPE4, NOPE5, ... (2 more).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeaturePanel.resolve(cfg(2, null, "ACTB,XIST"), INDEX));
        assertEquals("--exclude: 1 name matches none of the 8 features: XIST.", e.getMessage());
    }

    @Test
    void namesMatchIgnoringCaseWhenTheMatchIsUnique() {
        assertArrayEquals(new int[] {4}, FeaturePanel.resolve(cfg(2, "cd3e", null), INDEX).fixed());
    }

    @Test
    void aRegexMatchingNothingTooFewSelectableAndKeptAndExcludedAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeaturePanel.resolve(cfg(2, null, "re:^RPL"), INDEX));
        assertTrue(e.getMessage().startsWith("--exclude re:^RPL matches none of the 8 features' names"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeaturePanel.resolve(cfg(5, "GAPDH,ACTB", "re:^MT-"), INDEX));
        assertEquals("only 4 of the 8 features remain selectable (2 kept, 2 excluded), fewer than k = 5; lower k or keep or exclude fewer.",
                e.getMessage());
        assertEquals(4, FeaturePanel.resolve(cfg(4, "GAPDH,ACTB", "re:^MT-"), INDEX).selectable());   // exactly enough
        e = assertThrows(IllegalArgumentException.class, () -> FeaturePanel.resolve(cfg(2, "MT-CO1", "re:^MT-"), INDEX));
        assertTrue(e.getMessage().contains("both kept and excluded: MT-CO1"), e.getMessage());
    }

    @Test
    void aBadRegexIsRefusedWhenTheOptionIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cfg(2, null, "re:(unclosed"));
        assertTrue(e.getMessage().startsWith("--exclude must be a valid regular expression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> cfg(2, "re:^MT-", null));
        assertTrue(e.getMessage().startsWith("--keep takes feature names"), e.getMessage());
    }

    @Test
    void filesOfNamesOneALineOrATableWithANameColumn(@TempDir Path dir) throws Exception {
        Path list = Files.writeString(dir.resolve("keep.txt"), "# my panel\nCD19\n\n MS4A1 \nCD19\n");
        assertEquals(List.of("CD19", "MS4A1"), cfg(2, list.toString(), null).keep());
        Path table = Files.writeString(dir.resolve("selected_features.csv"), "rank,selector,index,name,probability\n1,0,6,CD19,0.9\n2,1,4,\"CD3E\",0.8\n");
        assertEquals(List.of("CD19", "CD3E"), cfg(2, table.toString(), null).keep());
        Path first = Files.writeString(dir.resolve("genes.tsv"), "gene\tweight\nACTB\t1\nGAPDH\t2\n");
        assertEquals(List.of("ACTB", "GAPDH"), cfg(2, first.toString(), null).keep());
        // a stability count (--repeats, the Stability tab): the features chosen in more than half of its runs
        Path stability = Files.writeString(dir.resolve("stability.csv"), "feature,name,times_chosen,fraction\n6,CD19,5,1\n4,CD3E,3,0.6\n"
                + "9,LYZ,2,0.4\n1,MS4A1,1,0.2\n");
        assertEquals(List.of("CD19", "CD3E"), cfg(2, stability.toString(), null).keep());
        Path none = Files.writeString(dir.resolve("unstable.csv"), "feature,name,times_chosen,fraction\n6,CD19,2,0.5\n4,CD3E,1,0.25\n");
        Setting.Invalid e = org.junit.jupiter.api.Assertions.assertThrows(Setting.Invalid.class, () -> FeaturePanel.names(none.toString(), false));
        assertTrue(e.getMessage().contains("no feature was chosen in more than half of the runs"), e.getMessage());
        // a run's features.tsv lists every feature: the panel is those with cae_selected true, in their rank order;
        // a var table written from the annotated .h5ad (pandas: True/False, the index first) the same
        Path features = Files.writeString(dir.resolve("features.tsv"), "index\tname\tcae_selected\tcae_rank\tcae_probability\n"
                + "0\tGAPDH\tfalse\t-1\t0\n4\tCD3E\ttrue\t2\t0.98\n6\tCD19\ttrue\t1\t0.99\n7\tMS4A1\tfalse\t-1\t0\n");
        assertEquals(List.of("CD19", "CD3E"), cfg(2, features.toString(), null).keep());
        Path var = Files.writeString(dir.resolve("var.csv"), ",gene_symbols,cae_selected,cae_rank\nENSG1,CD19,True,2\nENSG2,CD3E,False,-1\n"
                + "ENSG3,LYZ,True,1\n");
        assertEquals(List.of("ENSG3", "ENSG1"), FeaturePanel.names(var.toString(), false));
        Path unselected = Files.writeString(dir.resolve("none.tsv"), "index\tname\tcae_selected\n0\tGAPDH\tfalse\n");
        Setting.Invalid u = org.junit.jupiter.api.Assertions.assertThrows(Setting.Invalid.class, () -> FeaturePanel.names(unselected.toString(), false));
        assertTrue(u.getMessage().startsWith("names a feature table in which no feature has cae_selected true"), u.getMessage());
        Path binary = Files.write(dir.resolve("panel.xlsx"), new byte[] {0x50, 0x4b, 0x03, 0x04, (byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80});
        Setting.Invalid b = org.junit.jupiter.api.Assertions.assertThrows(Setting.Invalid.class, () -> FeaturePanel.names(binary.toString(), false));
        assertTrue(b.getMessage().startsWith("names a file that is not text in UTF-8"), b.getMessage());
        Path mixed = Files.writeString(dir.resolve("exclude.txt"), "re:^MT-\nRPS4X\n");
        assertArrayEquals(new int[] {1, 3, 5}, FeaturePanel.resolve(cfg(2, null, mixed.toString()), INDEX).excluded());
    }

    @Test
    void theRecordedTextReadsBackToTheSameList() {
        for (List<String> names : List.of(List.of("A", "B"), List.of("re:^MT-|^RP[SL]"), List.of("re:^A{1,2}", "B,C", "say \"hi\""),
                List.of("GAPDH"))) {
            String text = FeaturePanel.text(names);
            assertEquals(names, FeaturePanel.names(text, true), text);
        }
        TrainingConfig c = cfg(2, "CD19,GAPDH", "re:^MT-");
        List<String> args = Settings.trainingArguments(c);
        assertEquals("CD19,GAPDH", args.get(args.indexOf("--keep") + 1));
        assertEquals("re:^MT-", args.get(args.indexOf("--exclude") + 1));
        assertTrue(!Settings.trainingArguments(cfg(2, null, null)).contains("--keep"), "no --keep when nothing is kept");
    }

    @Test
    void namesPastedOnSeveralLinesAreOneEntryEachWithRegexLinesWhole() {
        assertEquals(List.of("CD19", "GAPDH", "ACTB", "re:^MT-|^RP[SL]"), FeaturePanel.names("CD19\n  GAPDH, ACTB\n\n# ribosomal too\nre:^MT-|^RP[SL]\n", true));
        FeaturePanel p = FeaturePanel.resolve(cfg(2, "CD19\nGAPDH", "ACTB\nre:^MT-|^RPS"), INDEX);
        assertArrayEquals(new int[] {6, 0}, p.fixed());
        assertArrayEquals(new int[] {1, 2, 3, 5}, p.excluded(), "ACTB, the two MT- genes and RPS4X");
        // what the window writes back (FeaturePanel.text) reads as the same entries
        List<String> entries = FeaturePanel.names("CD19\nre:^MT-|^RP[SL]\nACTB", true);
        assertEquals(entries, FeaturePanel.names(FeaturePanel.text(entries), true));
    }

    @Test
    void aKeptNameThePreprocessingDroppedIsSaidAsSuch() {
        List<String> afterFilter = List.of("GAPDH", "ACTB", "CD3E", "CD19");   // the four most variable of NAMES
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeaturePanel.resolve(cfg(2, "CD19,MS4A1", null), new FeatureNames(afterFilter), NAMES));
        assertEquals("--keep: 1 name matches none of the 4 features: MS4A1. It is in the file but dropped by the preprocessing"
                + " (constant, or not among the most variable): MS4A1; prepare the data again with them kept.", e.getMessage());
        assertEquals(List.of("MS4A1"), FeaturePanel.droppedKept(cfg(2, "CD19,MS4A1", null), new FeatureNames(afterFilter), NAMES), "what the window puts back");
        // an excluded name that the preprocessing dropped needs nothing: nobody can select it
        FeaturePanel p = FeaturePanel.resolve(cfg(2, "CD19", "MS4A1,ACTB"), new FeatureNames(afterFilter), NAMES);
        assertArrayEquals(new int[] {1}, p.excluded());
        // a name in no list at all is only the plain sentence
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> FeaturePanel.resolve(cfg(2, "CD19,MS4A2", null), new FeatureNames(afterFilter), NAMES));
        assertEquals("--keep: 1 name matches none of the 4 features: MS4A2.", typo.getMessage());
    }
}
