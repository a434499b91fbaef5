package org.caeworkbench.ui;

import org.caeworkbench.export.AtomicFiles;

/** What the window says when something fails: one sentence for the user, not an exception's class name. */
final class Messages {
    private Messages() {}

    /** The sentence for {@code t}: a file-system failure names the path and the reason in words, anything else its message. */
    static String of(Throwable t) {
        if (t == null) return "unknown error.";
        if (t instanceof java.nio.file.FileSystemException f)
            return "cannot write " + f.getFile() + ": " + AtomicFiles.fileSystemReason(f) + ".";
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        return m;
    }
}
