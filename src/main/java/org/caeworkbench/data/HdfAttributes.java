package org.caeworkbench.data;

import io.jhdf.api.Attribute;

/** Reading HDF5 attributes through jHDF the way AnnData writes them (the .h5ad reader and the annotated copy). */
public final class HdfAttributes {
    private HdfAttributes() {}

    /** An attribute's text: a string, or a one-element array of strings; null when absent or anything else. */
    public static String text(Attribute a) {
        if (a == null) return null;
        Object d = a.getData();
        if (d instanceof String s) return s;
        if (d instanceof String[] s && s.length == 1) return s[0];
        return null;
    }
}
