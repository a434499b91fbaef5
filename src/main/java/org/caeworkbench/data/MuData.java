package org.caeworkbench.data;

import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes an HDF5 file a MuData file (mudata's {@code .h5mu}): no X at the top, and under {@code mod/} one AnnData
 * group a modality. Which modality a {@code --layer} names, for the reader ({@link H5adReader}) and the writer of the
 * annotated .h5ad made from one modality. Links are never followed.
 */
public final class MuData {
    private MuData() {}

    /** The modality read when --layer names none. */
    static final String DEFAULT = "rna";

    /**
     * The file's modalities: the groups under mod/ with a var table and a matrix (X, layers or raw), in the order of mod's
     * {@code mod-order} attribute when it names them; empty when the file is not a MuData file.
     */
    public static List<String> modalities(Group root) {
        List<String> out = new ArrayList<>();
        if (root.getChild("X") != null || !(root.getChild("mod") instanceof Group mod) || mod instanceof Link) return out;
        for (Node n : mod) {
            if (n instanceof Group g && !(n instanceof Link) && g.getChild("var") instanceof Group
                    && (g.getChild("X") != null || g.getChild("layers") instanceof Group || g.getChild("raw") instanceof Group)) out.add(n.getName());
        }
        Attribute order = mod.getAttribute("mod-order");
        if (order != null && order.getData() instanceof String[] named) {
            List<String> ordered = new ArrayList<>();
            for (String m : named) if (out.contains(m) && !ordered.contains(m)) ordered.add(m);
            for (String m : out) if (!ordered.contains(m)) ordered.add(m);
            return ordered;
        }
        return out;
    }

    /** The modality {@code layer} names (MOD or MOD/...), or for none the default: rna, else the first of {@code modalities}. */
    public static String modality(List<String> modalities, String layer) {
        String named = named(layer);
        return named != null ? named : modalities.contains(DEFAULT) ? DEFAULT : modalities.get(0);
    }

    /** The modality {@code layer} names (MOD or MOD/...), or null when it names none. */
    public static String named(String layer) {
        return layer == null ? null : layer.contains("/") ? layer.substring(0, layer.indexOf('/')) : layer;
    }

    /** What {@code layer} names within its modality: null (its X), a layer's name or raw.X. */
    public static String within(String layer) {
        return layer == null || !layer.contains("/") ? null : layer.substring(layer.indexOf('/') + 1);
    }
}
