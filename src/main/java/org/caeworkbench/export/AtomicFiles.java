package org.caeworkbench.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader (or a crash) sees either the old file or the complete new one, never
 * half of it: the content goes to a temporary file in the same folder, is flushed to disk, and is then
 * renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes to a stream and may fail with an IOException. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A write that failed for a reason of the disk (full, over quota, read-only, no permission), said in one
     * sentence naming what was being written ({@link #failedWrite}); the reason alone is {@link #reason()}.
     */
    public static final class WriteFailure extends IOException {
        private final String reason;

        WriteFailure(String what, String reason, IOException cause) {
            super("Could not write " + what + ": " + reason, cause);
            this.reason = reason;
        }

        /** Why, without what: "the disk is full (No space left on device); free some space and try again." */
        public String reason() {
            return reason;
        }
    }

    /**
     * {@code e}, from writing {@code what} (a file or folder the user asked for, described as in "Could not write
     * WHAT: ..."), as one sentence that names it and says why in words; an earlier {@link WriteFailure} (a file inside
     * the folder) keeps its reason and is renamed after the folder.
     */
    public static WriteFailure failedWrite(String what, IOException e) {
        if (e instanceof WriteFailure w) return new WriteFailure(what, w.reason, (IOException) w.getCause());
        return new WriteFailure(what, reasonOf(e), e);
    }

    private static String reasonOf(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk is full"))
            return "the disk is full (" + m.trim() + "); free some space and try again.";
        if (lower.contains("quota")) return "the disk quota is used up (" + m.trim() + "); free some space and try again.";
        if (lower.contains("read-only file system")) return "the disk is read-only (" + m.trim() + "); choose a folder on another disk.";
        if (e instanceof java.nio.file.FileSystemException f)
            return (f.getFile() != null ? f.getFile() + ": " : "") + fileSystemReason(f) + ".";
        return m.endsWith(".") ? m : m + ".";
    }

    /** Why a file-system call on one path failed, in words: "it is a file, and a folder is needed there". */
    public static String fileSystemReason(java.nio.file.FileSystemException f) {
        if (f instanceof java.nio.file.NotDirectoryException) return "a part of the path is not a folder";
        if (f instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (f instanceof java.nio.file.NoSuchFileException) return "the folder does not exist";
        if (f instanceof java.nio.file.FileAlreadyExistsException)
            return f.getFile() != null && Files.isRegularFile(Path.of(f.getFile())) ? "it is a file, and a folder is needed there" : "it already exists";
        return f.getReason() != null ? f.getReason() : "the file system refused";
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            readableByAll(tmp, false);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) Files.deleteIfExists(tmp);
            if (e instanceof IOException io && !(e instanceof WriteFailure)) throw failedWrite(target.toString(), io);
            throw e;
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Temporary files and folders are created private (rw-------); what the user keeps should have the
     * usual permissions (rw-r--r--, folders rwxr-xr-x) where the file system has POSIX permissions.
     */
    static void readableByAll(Path p, boolean folder) throws IOException {
        if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(folder ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Renames {@code source} to {@code target} atomically where the file system allows it. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a folder and everything in it (best effort for what cannot be deleted). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // leftovers of a temporary folder are harmless; the caller's result is already in place
        }
    }
}
