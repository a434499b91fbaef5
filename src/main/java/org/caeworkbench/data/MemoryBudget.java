package org.caeworkbench.data;

import java.util.Locale;

/**
 * Whether a matrix fits in the memory Java may still use, asked before it is allocated, so that a file
 * too large for this machine ends in one sentence with the figures and the fixes rather than in an
 * OutOfMemoryError halfway through.
 */
final class MemoryBudget {
    /** Room kept free for everything else the program holds while reading. */
    private static final long HEADROOM = 64L << 20;
    /** Tests set this to pretend that only so many bytes are free; -1 measures the real heap. */
    static volatile long availableForTests = -1;

    private MemoryBudget() {}

    /** Bytes Java may still allocate: the heap limit less what is in use now. */
    static long available() {
        long fake = availableForTests;
        if (fake >= 0) return fake;
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses, with one sentence, to go on when {@code bytes} more do not fit.
     *
     * @param file     the file's name, for the message
     * @param bytes    what the read will allocate at its peak
     * @param samples  rows of the matrix (for the message and the suggested number of features)
     * @param features columns of the matrix
     */
    static void require(String file, long bytes, long samples, long features) throws DataException {
        if (fits(bytes)) return;
        throw new DataException(tooLarge(file, bytes, samples, features, available()));
    }

    static boolean fits(long bytes) {
        if (fitsNow(bytes)) return true;
        if (availableForTests >= 0) return false;
        System.gc();   // what is in use may be garbage from an earlier file; ask once before refusing
        return bytes + HEADROOM <= available();
    }

    /** As {@link #fits} without asking for a collection first: for guesses that may be wrong anyway. */
    static boolean fitsNow(long bytes) {
        return bytes + HEADROOM <= available();
    }

    static String tooLarge(String file, long bytes, long samples, long features, long free) {
        long max = Runtime.getRuntime().maxMemory();
        long perFeature = Math.max(1, bytes / Math.max(1, features));
        long fitting = Math.max(0, (free - HEADROOM) / perFeature);
        long suggest = fitting >= 2000 ? 2000 : Math.max(1, fitting / 100 * 100);
        return String.format(Locale.ROOT, "%s needs about %s of memory for %,d samples × %,d features, but only %s of the %s"
                + " Java may use is free; read fewer features with --read-top-variable %d (in the Open dialog: 'Read only the"
                + " most variable features'), or give Java more memory (for example java -Xmx%dg, or JAVA_TOOL_OPTIONS=-Xmx%dg)",
                file, size(bytes), samples, features, size(Math.max(0, free)), size(max), suggest,
                gigabytesFor(max - free + bytes + HEADROOM), gigabytesFor(max - free + bytes + HEADROOM));
    }

    private static long gigabytesFor(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / (1L << 30)));
    }

    /** "3.7 GB", "512 MB". */
    static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MB", Math.max(1, (bytes + (1 << 19)) >> 20));
    }
}
