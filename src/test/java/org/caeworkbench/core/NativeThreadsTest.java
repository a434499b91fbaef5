package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * OpenMP's thread count belongs to each thread: a thread of its own (the window's training and metrics threads)
 * starts with one OpenMP thread per core whatever the process configured, and its libnd4j operations then spread
 * over every core, beside the selector's helper. The settings must reach every thread that runs them.
 *
 * <p>The check runs in a JVM of its own without {@code OMP_NUM_THREADS} (the test JVM has it set to 1, which
 * makes 1 every thread's default and would hide the difference), as the application runs.
 */
class NativeThreadsTest {

    /** The child JVM: prints {@code name=count} lines, each the OpenMP count a fresh thread has after some work. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            NativeThreads.configure();
            ConcreteAutoencoder model = ConcreteAutoencoder.create(12, 3, new int[] {4}, Nd4j.getRandomFactory().getNewRandomInstance(1));
            float[] rows = new float[2 * 12];
            Map<String, Runnable> work = new LinkedHashMap<>();
            work.put("nothing", () -> { });
            work.put("configure", NativeThreads::configure);
            work.put("reconstruct", () -> model.reconstruct(rows, 2));
            work.put("selectedIndices", model::selectedIndices);
            work.put("probabilities", model::probabilities);
            work.put("softReconstructionMse", () -> model.softReconstructionMse(rows, 2, 1.0));
            System.out.println("configured=" + NativeThreads.ompThreads());
            System.out.println("cores=" + Runtime.getRuntime().availableProcessors());
            for (var e : work.entrySet()) {
                AtomicInteger seen = new AtomicInteger();
                Thread t = new Thread(() -> {
                    e.getValue().run();
                    seen.set(NativeThreads.ompThreadsHere());
                });
                t.start();
                t.join();
                System.out.println(e.getKey() + "=" + seen.get());
            }
        }
    }

    @Test
    void everyThreadThatRunsTheModelsOperationsUsesTheConfiguredCount() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().remove("CAE_THREADS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.trim().split("=");
            if (kv.length == 2 && kv[1].matches("\\d+")) seen.put(kv[0], Integer.parseInt(kv[1]));
        }
        int configured = seen.get("configured");
        assertEquals(1, configured, "the default: one OpenMP thread (CAE_THREADS unset)\n" + out);
        assumeTrue(seen.get("cores") > configured, "on one core every thread's default is already the configured count");
        assertEquals(seen.get("cores"), seen.get("nothing"), "the premise: a new thread does not inherit the configured count\n" + out);
        for (String op : new String[] {"configure", "reconstruct", "selectedIndices", "probabilities", "softReconstructionMse"})
            assertEquals(configured, seen.get(op), op + "\n" + out);
    }
}
