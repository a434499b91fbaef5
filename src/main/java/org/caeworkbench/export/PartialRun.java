package org.caeworkbench.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.caeworkbench.core.CheckpointSink;
import org.caeworkbench.core.TrainingCheckpoint;

/**
 * A run still in training: the folder {@code RUN.partial} beside the run folder {@code RUN}, holding the
 * run's config.json (written when training starts) and {@code checkpoint.bin} (replaced atomically at
 * epoch ends). The run folder itself is only ever written whole, at the end, so {@code RUN} is always a
 * complete run; after a crash {@code RUN.partial} is what {@code cae train --resume RUN} continues from,
 * and it is deleted once the run is written. The window keeps its own training in such a folder too.
 */
public final class PartialRun implements CheckpointSink {
    public static final String SUFFIX = ".partial";

    private final Path dir;

    private PartialRun(Path dir) {
        this.dir = dir;
    }

    /** {@code RUN.partial} for the run folder {@code RUN}. */
    public static Path folderFor(Path runDir) {
        Path abs = runDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + SUFFIX);
    }

    /** {@code RUN} for {@code RUN.partial} (the path itself when it does not end in .partial). */
    public static Path runFor(Path partialDir) {
        Path abs = partialDir.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        return name.endsWith(SUFFIX) && name.length() > SUFFIX.length()
                ? abs.resolveSibling(name.substring(0, name.length() - SUFFIX.length())) : abs;
    }

    public static boolean isPartialFolder(Path p) {
        return p.getFileName() != null && p.getFileName().toString().endsWith(SUFFIX);
    }

    /**
     * Starts the in-progress folder of a run: creates it (emptying an earlier one) and writes config.json,
     * so that even a crash before the first checkpoint leaves a record of what was being trained.
     */
    public static PartialRun start(Path dir, RunConfig config) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) AtomicFiles.deleteTree(abs);
        Files.createDirectories(abs);
        AtomicFiles.readableByAll(abs, true);
        AtomicFiles.writeString(abs.resolve(RunDirectory.CONFIG), config.toJson());
        return new PartialRun(abs);
    }

    /**
     * The in-progress folder of {@code runOrPartial} (a run folder, whose {@code .partial} sibling is looked
     * for, or the {@code .partial} folder itself), when it exists and holds a config.json.
     */
    public static Optional<PartialRun> find(Path runOrPartial) {
        Path abs = runOrPartial.toAbsolutePath().normalize();
        Path dir = isPartialFolder(abs) ? abs : folderFor(abs);
        return Files.isRegularFile(dir.resolve(RunDirectory.CONFIG)) ? Optional.of(new PartialRun(dir)) : Optional.empty();
    }

    public Path dir() { return dir; }

    /** The run folder this training will be written to. */
    public Path runDir() { return runFor(dir); }

    public Path checkpointFile() { return dir.resolve(CheckpointFile.NAME); }

    public boolean hasCheckpoint() { return Files.isRegularFile(checkpointFile()); }

    public RunConfig config() throws IOException { return RunDirectory.readConfig(dir); }

    /** Where training stood at the last checkpoint (the header only). */
    public CheckpointFile.Header peek() throws IOException { return CheckpointFile.peek(checkpointFile()); }

    public TrainingCheckpoint readCheckpoint() throws IOException { return CheckpointFile.read(checkpointFile()); }

    @Override
    public void save(TrainingCheckpoint checkpoint) throws IOException {
        CheckpointFile.write(checkpointFile(), checkpoint);
    }

    /** Removes temporary files a killed writer left in the folder. */
    public void removeStaleTemporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".part")).toList())
                Files.deleteIfExists(p);
        }
    }

    /** Deletes the folder: the run is written, or its training is abandoned. */
    public void discard() {
        AtomicFiles.deleteTree(dir);
    }

    /** What summary.json of the run folder says about how it ended ("cancelled", ...), or null when there is no run there. */
    public static String runStatus(Path runDir) {
        Path summary = runDir.resolve(RunDirectory.SUMMARY);
        if (!Files.isRegularFile(summary)) return null;
        try {
            return RunConfig.JSON.readTree(Files.readString(summary, StandardCharsets.UTF_8)).path("status").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
