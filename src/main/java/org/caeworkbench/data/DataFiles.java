package org.caeworkbench.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening data files: existence checks with friendly messages, and transparent gzip. */
final class DataFiles {
    private static final int BUFFER = 1 << 16;

    private DataFiles() {}

    /** The name used in messages: the file name, not the whole path. */
    static String displayName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Refuses, with one sentence, a path that is not a readable regular file. */
    static void checkReadable(Path file) throws DataException {
        if (!Files.exists(file)) throw new DataException(file + " does not exist");
        if (Files.isDirectory(file)) throw new DataException(file + " is a folder, not a data file");
        if (!Files.isReadable(file)) throw new DataException(file + " cannot be read (permission denied)");
    }

    /**
     * Opens the file, decompressing it when it starts with the gzip magic bytes 1f 8b, whatever its
     * name says. The stream supports mark/reset, so callers can peek at the first bytes.
     */
    static InputStream open(Path file) throws IOException {
        return open(file, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #open(Path)}, with {@code wrap} put around the bytes as they come from the disk (to count them). */
    static InputStream open(Path file, java.util.function.UnaryOperator<InputStream> wrap) throws IOException {
        InputStream raw = new BufferedInputStream(wrap.apply(Files.newInputStream(file)), BUFFER);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new TruncationAware(new GZIPInputStream(raw, BUFFER)), BUFFER);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** True when the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * About how many bytes the file holds once decompressed: its size, or for gzip the size the gzip
     * trailer records (exact below 4 GiB; for larger files, or a trailer that cannot be right, the
     * compressed size times five).
     */
    static long uncompressedSize(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 18 || !isGzip(file)) return size;
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(size - 4);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && ch.read(b) > 0) { }
            long isize = b.getInt(0) & 0xffffffffL;
            return isize >= size && isize <= size * 1032 ? isize : size * 5;
        }
    }

    /**
     * The most bytes the file can hold once decompressed: its size, or for gzip 1032 times its size
     * (deflate's largest ratio). A header promising more than this describes a damaged file.
     */
    static long maxUncompressedSize(Path file) throws IOException {
        long size = Files.size(file);
        return isGzip(file) ? size * 1032 + 1024 : size;
    }

    /** The first {@code n} bytes of a mark-supporting stream, without consuming them (fewer at its end). */
    static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) break;
            got += r;
        }
        in.reset();
        return got == n ? b : java.util.Arrays.copyOf(b, got);
    }

    /** One sentence for an I/O failure while reading the named file. */
    static DataException explain(IOException e, String name) {
        if (e instanceof TruncatedGzipException) return new DataException(name + " ends early: the gzip stream is truncated", e);
        if (e instanceof java.util.zip.ZipException) {
            return new DataException(name + " is not a valid gzip file (" + e.getMessage() + ")", e);
        }
        if (e instanceof java.nio.file.NoSuchFileException) return new DataException(e.getMessage() + " does not exist", e);
        if (e instanceof java.nio.file.AccessDeniedException) return new DataException(name + " cannot be read (permission denied)", e);
        if (e instanceof java.io.EOFException) return new DataException(name + " ends early", e);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DataException(name + " could not be read: " + detail, e);
    }

    /** Thrown when a gzip stream ends before its end marker: a file cut short by a download or a copy. */
    static final class TruncatedGzipException extends IOException {
        private static final long serialVersionUID = 1L;
        TruncatedGzipException(Throwable cause) { super("gzip stream is truncated", cause); }
    }

    /**
     * GZIPInputStream reports a truncated stream as a plain EOFException, which a reader that itself
     * expects more bytes could not tell from a short but complete file; this tags it.
     */
    private static final class TruncationAware extends FilterInputStream {
        TruncationAware(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            try { return super.read(); } catch (EOFException e) { throw new TruncatedGzipException(e); }
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            try { return super.read(b, off, len); } catch (EOFException e) { throw new TruncatedGzipException(e); }
        }
    }
}
