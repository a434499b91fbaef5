package org.caeworkbench.data;

import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;

/**
 * What makes an HDF5 file a 10x Genomics matrix (Cell Ranger's {@code filtered_feature_bc_matrix.h5}), for the reader
 * ({@link H5adReader}) and the writer of the annotated .h5ad made from one.
 */
public final class TenxH5 {
    private TenxH5() {}

    /**
     * The matrix group: {@code matrix} with {@code indptr} and {@code barcodes} (Cell Ranger 3 and later), else the first
     * top-level group with {@code indptr}, {@code barcodes} and {@code genes} (Cell Ranger 2: one per genome); null when
     * there is none. Links are never followed.
     */
    public static Group matrixGroup(Group root) {
        Node m = root.getChild("matrix");
        if (!(m instanceof Link) && m instanceof Group g && has(g, "indptr") && has(g, "barcodes")) return g;
        for (Node n : root) {
            if (n instanceof Link) continue;
            if (n instanceof Group g && has(g, "indptr") && has(g, "barcodes") && has(g, "genes")) return g;
        }
        return null;
    }

    private static boolean has(Group g, String name) {
        Node n = g.getChild(name);
        return n != null && !(n instanceof Link);
    }
}
