package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Finding a feature by the name a user types: its own name first, then, for genes named both ways, its other name. */
class FeatureNamesTest {
    static final List<String> IDS = List.of("ENSG01", "ENSG02", "ENSG03", "ENSG04", "ENSG05");
    static final List<String> SYMBOLS = List.of("CD3E", "MT-CO1", "LYZ", "Pisd-ps1", "Pisd-ps1");

    @Test
    void aGeneNamedByIdIsFoundByItsSymbolInAnyCaseUnlessTwoShareIt() {
        FeatureNames n = new FeatureNames(IDS, SYMBOLS);
        assertEquals(2, n.find("ENSG03"));
        assertEquals(2, n.find("LYZ"));
        assertEquals(0, n.find("cd3e"), "ignoring case, as names are");
        assertEquals(-1, n.find("Pisd-ps1"), "a symbol two genes share names neither");
        assertEquals(-1, n.find("NKG7"));
        assertTrue(n.matches(1, Pattern.compile("^MT-")), "--exclude re: searches the symbol too");
        assertFalse(n.matches(0, Pattern.compile("^MT-")));
        assertFalse(new FeatureNames(IDS).matches(1, Pattern.compile("^MT-")));
    }

    @Test
    void aFeaturesOwnNameComesBeforeAnotherFeaturesOtherName() {
        // a file whose feature "LYZ" is one gene while another gene's symbol is also LYZ: the name given is the feature's own
        FeatureNames n = new FeatureNames(List.of("LYZ", "ENSG02"), List.of("ENSG09", "LYZ"));
        assertEquals(0, n.find("LYZ"));
        assertEquals(1, n.find("ENSG02"));
        assertEquals(0, n.find("ENSG09"));
    }

    @Test
    void theOtherNamesAreTheSymbolsOfDataNamedByIdAndTheIdsOfDataNamedBySymbol() {
        Dataset.GeneNames genes = new Dataset.GeneNames(IDS, SYMBOLS);
        assertEquals(SYMBOLS, FeatureNames.aliases(IDS, genes));
        List<String> bySymbol = List.of("CD3E", "MT-CO1", "LYZ", "Pisd-ps1", "Pisd-ps1_ENSG05");
        assertEquals(IDS, FeatureNames.aliases(bySymbol, genes));
        assertNull(FeatureNames.aliases(IDS, null));
    }
}
