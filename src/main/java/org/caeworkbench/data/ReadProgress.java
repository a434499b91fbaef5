package org.caeworkbench.data;

/**
 * Hears how far a read has come, and what the reader decided on the way (an orientation it guessed,
 * names it made unique, features it left out). Called on the reading thread; keep it cheap.
 */
public interface ReadProgress {
    /** Reports nothing. */
    ReadProgress NONE = (done, total) -> { };

    /** @param done units done so far (bytes of the file, or matrix entries); at most {@code total} */
    void progress(long done, long total);

    /** One sentence the user should see, told when the read has succeeded; also kept in {@link Dataset#notes()}. */
    default void note(String sentence) { }
}
