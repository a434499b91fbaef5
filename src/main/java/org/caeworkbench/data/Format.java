package org.caeworkbench.data;

/** File format of a data matrix; AUTO decides from the file's magic bytes, name and first line. */
public enum Format { AUTO, CSV, TSV, IDX }
