package org.caeworkbench.cli;

import static org.caeworkbench.cli.CliEndToEndTest.cae;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caeworkbench.cli.CliEndToEndTest.Result;
import org.caeworkbench.data.TestFiles;
import org.caeworkbench.export.PartialRun;
import org.caeworkbench.export.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while 'cae train' runs: the run folder cannot be written at the end. The command says so in
 * one sentence naming the folder and the reason, leaves no half-written run, keeps the training's last checkpoint,
 * and once there is room '--resume' writes the run an uninterrupted training writes. The full disk is a real one: a
 * small tmpfs, which needs root (the CI machine); elsewhere the test is skipped and says why.
 */
class DiskFullTest {
    @TempDir Path dir;

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String[] train(Path table, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", table.toString(), "--k", "4", "--hidden", "6", "--batch-size", "100",
                "--epochs", "60", "--convergence", "off", "--checkpoint", "0", "--out", out.toString(), "--quiet"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aFullDiskKeepsTheCheckpointSaysSoAndResumeWritesTheRun() throws Exception {
        Path table = ResumeTest.mixtures(dir.resolve("table.csv"), 400, 5);
        Result whole = cae(train(table, dir.resolve("whole")));
        assertEquals(0, whole.code(), whole.err());

        Path disk = Files.createDirectory(dir.resolve("disk"));
        // room for the in-progress folder (settings, a checkpoint and its replay, each while its new version is written), not the run
        TestFiles.skipUnless(System.getProperty("os.name").startsWith("Linux") && run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()),
                "mounting a small tmpfs (a disk that fills up) needs Linux and root");
        try {
            Path out = disk.resolve("run");
            Result full = cae(train(table, out));
            assertEquals(CaeCommand.BAD_INPUT, full.code(), full.err());
            String said = full.err().lines().filter(l -> l.startsWith("cae: ")).findFirst().orElse("");
            assertTrue(said.startsWith("cae: Could not write the run folder " + out + ": the disk is full"), full.err());
            assertTrue(said.contains("The training is kept up to its last checkpoint") && said.contains("'cae train --resume " + out + "'"), said);
            assertFalse(Files.exists(out), "no run folder, not half of one");
            try (var left = Files.list(disk)) {
                assertEquals(List.of(PartialRun.folderFor(out).getFileName().toString()), left.map(p -> p.getFileName().toString()).toList(),
                        "only the in-progress folder is left: no temporary folder of the run");
            }

            assertTrue(run("mount", "-o", "remount,size=8m", disk.toString()), "could not make room on the tmpfs");
            Result resumed = cae("train", "--resume", out.toString(), "--quiet");
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals(Files.readString(dir.resolve("whole").resolve(RunDirectory.SELECTED)), Files.readString(out.resolve(RunDirectory.SELECTED)));
            assertEquals(ResumeTest.historyWithoutSeconds(dir.resolve("whole")), ResumeTest.historyWithoutSeconds(out));
            assertFalse(Files.exists(PartialRun.folderFor(out)));
        } finally {
            run("umount", disk.toString());
        }
    }
}
