package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed in the middle of writing a file leaves the previous version whole, never half of the new one. */
class AtomicFilesKillTest {
    static final int SIZE = 8 << 20;

    @TempDir Path dir;

    /** Fails unless the file is one whole version written by {@link AtomicWriterLoop}; returns that version. */
    static int wholeVersion(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        int newline = 0;
        while (newline < b.length && b[newline] != '\n') newline++;
        String head = new String(b, 0, newline, StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("v"), "no version header: " + head);
        int version = Integer.parseInt(head.substring(1));
        assertEquals(newline + 1 + SIZE + 4, b.length, "version " + version + " is cut short");
        for (int i = newline + 1; i < newline + 1 + SIZE; i++)
            if (b[i] != (byte) (version % 251)) throw new AssertionError("byte " + i + " of version " + version + " is from another version");
        assertEquals("end\n", new String(b, b.length - 4, 4, StandardCharsets.US_ASCII));
        return version;
    }

    @Test
    void killedMidWriteTheTargetIsTheOldOrTheNewVersionWhole() throws Exception {
        Path target = dir.resolve("model.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AtomicWriterLoop.class.getName(), target.toString(), Integer.toString(SIZE))
                .redirectErrorStream(true).redirectOutput(dir.resolve("writer.log").toFile()).start();
        try {
            // wait (with a limit) for one complete version, then for the next one to be half written
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(target) && partFiles() > 0)) {
                assertTrue(p.isAlive(), "the writer stopped: " + Files.readString(dir.resolve("writer.log")));
                assertTrue(System.nanoTime() < deadline, "the writer did not get going within a minute");
                Thread.onSpinWait();
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // almost always a write was in progress (its temporary file is left); rarely the kill falls between two writes
        assertTrue(partFiles() <= 1);
        int version = wholeVersion(target);
        assertTrue(version >= 0);
        // what a killed writer leaves is only its temporary file; the next write goes through as usual
        AtomicFiles.writeString(target, "after\n");
        assertEquals("after\n", Files.readString(target));
    }

    private long partFiles() throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).count();
        }
    }
}
