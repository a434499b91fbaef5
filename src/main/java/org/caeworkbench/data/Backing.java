package org.caeworkbench.data;

/**
 * Where the matrix of an {@code .h5ad} file is held while training. AUTO holds it in memory when it
 * fits the heap and reads it from the file otherwise (saying so); MEMORY always holds it (refusing, in
 * one sentence, a file that does not fit); DISK ({@code --backed}) keeps only the row pointers in memory
 * and reads the rows from the file in chunks ({@link BackedMatrix}). Other formats are always held in
 * memory: a text file cannot be read by rows without a pass over all of it.
 */
public enum Backing {
    AUTO,
    /** In memory, whatever its size. */
    MEMORY,
    /** On disk: rows read from the file in chunks (out of core). */
    DISK
}
