package org.caeworkbench.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;

/** Fixture helpers shared by the data tests. */
public final class TestFiles {
    private TestFiles() {}

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    static Path writeGzip(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    /** A file from src/test/resources/data. */
    static Path resource(String name) {
        try {
            var url = TestFiles.class.getResource("/data/" + name);
            if (url == null) throw new IllegalStateException("missing test resource data/" + name);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bundled sample (samples/..., in the repository) or, failing that, the shared developer data
     * set (../shared/datasets/...); the test is skipped when neither is there.
     */
    static Path sampleOrShared(String samplePath, String sharedPath) {
        Path sample = samplePath == null ? null : Path.of("samples").resolve(samplePath);
        if (sample != null && Files.exists(sample)) return sample;
        return shared(sharedPath);
    }

    /** A file of ../shared/datasets (relative to the project root, where Maven runs tests); skips when absent. */
    static Path shared(String sharedPath) {
        Path shared = Path.of("../shared/datasets").resolve(sharedPath);
        skipUnless(Files.exists(shared), "data set not available here: " + shared.toAbsolutePath().normalize());
        return shared;
    }

    /**
     * Skips the calling test unless {@code ok}, saying why on the test output (a skipped test shows in
     * Maven's summary only as a count): a real-data test never passes silently without its data.
     */
    public static void skipUnless(boolean ok, String why) {
        if (ok) return;
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(s -> s.filter(f -> !f.getClassName().equals(TestFiles.class.getName()))
                .findFirst().orElseThrow());
        System.out.println("SKIPPED " + caller.getClassName().replaceFirst(".*\\.", "") + "." + caller.getMethodName() + ": " + why);
        Assumptions.assumeTrue(false, why);
    }

    /** Reads the file expecting a DataException whose message holds every fragment; returns the message. */
    static String expectError(Path file, ReadOptions opts, String... fragments) {
        DataException e = assertThrows(DataException.class, () -> DatasetReader.read(file, opts));
        assertMessage(e, fragments);
        return e.getMessage();
    }

    static void assertMessage(Exception e, String... fragments) {
        String m = e.getMessage();
        for (String f : fragments) assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
        assertTrue(!m.contains("Exception") && !m.contains("\n"), () -> "not one clean sentence: " + m);
    }
}
