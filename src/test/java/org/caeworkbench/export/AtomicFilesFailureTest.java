package org.caeworkbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails half way says so in one sentence naming the file, and leaves the file as it was and no temporary file. */
class AtomicFilesFailureTest {
    @TempDir Path dir;

    private static AtomicFiles.Writer failingAfterSomeBytes(String why) {
        return out -> {
            out.write(new byte[100_000]);
            throw new IOException(why);
        };
    }

    @Test
    void aFullDiskIsSaidInWordsAndTheOldFileStays() throws IOException {
        Path target = dir.resolve("features.csv");
        Files.writeString(target, "the user's file\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, failingAfterSomeBytes("No space left on device")));
        assertEquals("Could not write " + target + ": the disk is full (No space left on device); free some space and try again.", e.getMessage());
        assertEquals("the user's file\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aFileInsideAFolderIsSaidAsTheFolderWithTheSameReason() throws IOException {
        Path inside = dir.resolve(".run.writing-1").resolve("history.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(inside, failingAfterSomeBytes("Disk quota exceeded")));
        IOException folder = AtomicFiles.failedWrite("the run folder " + dir.resolve("run"), e);
        assertEquals("Could not write the run folder " + dir.resolve("run")
                + ": the disk quota is used up (Disk quota exceeded); free some space and try again.", folder.getMessage());
        // a reason not known in words is given as it is, as one sentence
        IOException other = assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("a.csv"), failingAfterSomeBytes("Input/output error")));
        assertEquals("Could not write " + dir.resolve("a.csv") + ": Input/output error.", other.getMessage());
    }
}
