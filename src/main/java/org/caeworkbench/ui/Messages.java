package org.caeworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the window says when something fails: one sentence for the user, not an exception's class name. */
final class Messages {
    private Messages() {}

    /** The sentence for {@code t}: a file-system failure names the path and the reason in words, anything else its message. */
    static String of(Throwable t) {
        if (t == null) return "unknown error.";
        if (t instanceof java.nio.file.FileSystemException f) {
            String why;
            if (t instanceof java.nio.file.NotDirectoryException) why = "a part of the path is not a folder";
            else if (t instanceof java.nio.file.AccessDeniedException) why = "permission denied";
            else if (t instanceof java.nio.file.NoSuchFileException) why = "the folder does not exist";
            else if (t instanceof java.nio.file.FileAlreadyExistsException && f.getFile() != null
                    && Files.isRegularFile(Path.of(f.getFile()))) why = "it is a file, and a folder is needed there";
            else if (t instanceof java.nio.file.FileAlreadyExistsException) why = "it already exists";
            else why = f.getReason() != null ? f.getReason() : "the file system refused";
            return "cannot write " + f.getFile() + ": " + why + ".";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        return m;
    }
}
