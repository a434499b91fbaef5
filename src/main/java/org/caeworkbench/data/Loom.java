package org.caeworkbench.data;

import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.util.List;

/**
 * What makes an HDF5 file a Loom file (loompy's layout, version 2 and 3): the dataset {@code matrix} of genes × cells,
 * the groups {@code row_attrs} (one dataset a gene attribute) and {@code col_attrs} (one a cell attribute), and
 * {@code layers} of the matrix's shape. Read by {@link H5adReader}; the names of cells and genes are looked up in the
 * attributes loompy, velocyto and anndata's {@code write_loom} give them.
 */
public final class Loom {
    private Loom() {}

    static final String MATRIX = "matrix";
    static final String GENES = "row_attrs";
    static final String CELLS = "col_attrs";
    /** Cell attributes that name the cells, most usual first (loompy and velocyto: CellID; anndata: obs_names). */
    static final List<String> CELL_NAMES = List.of("CellID", "obs_names", "cell_names", "CellId", "cell_id", "Barcode", "barcode");
    /** Gene attributes that hold symbols (loompy: Gene; anndata: var_names). */
    static final List<String> GENE_NAMES = List.of("Gene", "var_names", "gene_names", "Symbol", "gene_symbols", "gene_name", "Gene_Name");
    /** Gene attributes that hold ids (loompy: Accession). */
    static final List<String> GENE_IDS = List.of("Accession", "gene_ids", "gene_id", "ensembl_id", "Gene_ID");

    /** Whether the file is a Loom file: a two-dimensional {@code matrix} with {@code row_attrs} and {@code col_attrs}. Links are not followed. */
    public static boolean is(Group root) {
        Node m = root.getChild(MATRIX);
        return !(m instanceof Link) && m instanceof io.jhdf.api.Dataset ds && ds.getDimensions().length == 2
                && root.getChild(GENES) instanceof Group && !(root.getChild(GENES) instanceof Link)
                && root.getChild(CELLS) instanceof Group && !(root.getChild(CELLS) instanceof Link);
    }

    /** The cell attribute that names the cells (as the reader takes it), or null. */
    public static String cellNameAttribute(Group root, int cells) {
        return root.getChild(CELLS) instanceof Group g && !(g instanceof Link) ? firstOf(g, CELL_NAMES, cells) : null;
    }

    /** The gene attribute that names the genes (symbols, else ids, as the reader takes it), or null. */
    public static String geneNameAttribute(Group root, int genes) {
        if (!(root.getChild(GENES) instanceof Group g) || g instanceof Link) return null;
        String symbols = firstOf(g, GENE_NAMES, genes);
        return symbols != null ? symbols : firstOf(g, GENE_IDS, genes);
    }

    /** The first of {@code names} in {@code attrs} that is a one-dimensional dataset of {@code count} values, or null. */
    static String firstOf(Group attrs, List<String> names, int count) {
        if (attrs == null) return null;
        for (String n : names) {
            Node node = attrs.getChild(n);
            if (!(node instanceof Link) && node instanceof io.jhdf.api.Dataset ds && ds.getDimensions().length == 1 && ds.getSize() == count) return n;
        }
        return null;
    }
}
