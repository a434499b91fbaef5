package org.caeworkbench.data;

/**
 * File format of a data matrix; AUTO decides from the file's content (magic bytes, first line) and
 * name. MTX is a 10x Genomics / Matrix Market folder (matrix.mtx with features and barcodes), H5AD an
 * AnnData HDF5 file, GCT the Broad Institute's expression table (version 1.2).
 */
public enum Format { AUTO, CSV, TSV, IDX, GCT, MTX, H5AD }
