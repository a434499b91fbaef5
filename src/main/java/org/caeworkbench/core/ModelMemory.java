package org.caeworkbench.core;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a model fits in memory, asked before anything is allocated, so that settings that make a
 * model too large for this machine (say hidden layers of 100,000,000 units) end in one sentence naming
 * the setting rather than in the operating system killing the process.
 *
 * <p>Training holds the parameters and their gradient natively (8 bytes per parameter), Adam's host
 * copies of both and its two moments on the Java heap (16 bytes per parameter), and per minibatch size
 * (full, partial, validation) the step's buffers: the batch's rows, the error and each layer's
 * activations, and the selector's weights and their gradient (k x d, on both sides).
 */
final class ModelMemory {
    /** The largest Java array: Adam keeps the parameters in float arrays. */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;
    /** Room kept for everything else the program holds. */
    private static final long HEADROOM = 64L << 20;
    /** Tests set these to pretend that only so many bytes are free; -1 measures. */
    static volatile long heapForTests = -1;
    static volatile long nativeForTests = -1;

    private ModelMemory() {}

    /** Why a model of these settings cannot be trained on d features and n rows here, or null when it fits. */
    static String problem(TrainingConfig c, int d, int n) {
        int[] hidden = c.hiddenSizes();
        ParameterLayout lay = new ParameterLayout(d, c.k(), hidden, c.effectiveIpDim(d));
        long p = lay.size;
        long b = Math.max(c.effectiveBatchSize(n), Math.min(512, n));
        long activations = 0;
        for (int h : hidden) activations += 3L * b * (h + 1);
        long kd = (long) c.k() * d;
        long perStepNative = 4 * (2 * b * d + activations + kd + b * (c.k() + 1));
        long perStepHeap = 4 * (2 * kd + activations);
        long nativeBytes = 8 * p + 3 * perStepNative;
        long heapBytes = 16 * p + 3 * perStepHeap + 4 * kd;
        if (lay.ipDim > 0) {
            // IP-CAE: the computed L and each step's dL (native), L's host copy and each step's db (heap)
            nativeBytes += 4 * 4 * kd;
            heapBytes += 4 * kd + 3 * 4L * d;
        }
        String what = c.hidden().trim().matches("(?i)auto|none|linear|")
                ? String.format(Locale.ROOT, "k = %d with %,d features makes", c.k(), d)
                : String.format(Locale.ROOT, "hidden layers %s with %,d features and k = %d make", c.hidden().trim(), d, c.k());
        String fix = what.startsWith("k") ? "choose a smaller k or fewer features" : "choose smaller hidden layers";
        if (p > MAX_PARAMETERS)
            return String.format(Locale.ROOT, "%s a model of %,d parameters, more than the %,d one training can hold: %s.",
                    what, p, MAX_PARAMETERS, fix);
        long heap = heapFree(heapBytes);
        long nat = nativeFree();
        if (heapBytes + HEADROOM <= heap && (nat < 0 || nativeBytes + HEADROOM <= nat)) return null;
        boolean javaShort = heapBytes + HEADROOM > heap;
        return String.format(Locale.ROOT, "%s a model of %,d parameters that needs about %s of memory to train, but only %s %s is free: %s%s.",
                what, p, size(heapBytes + nativeBytes), size(Math.max(0, javaShort ? heap : nat)),
                javaShort ? "of the memory Java may use" : "of the machine's memory", fix,
                javaShort ? " (or give Java more memory, for example java -Xmx" + gigabytes(heapBytes + HEADROOM) + "g)" : "");
    }

    /** Heap Java may still allocate; collects garbage once before saying that {@code need} does not fit. */
    private static long heapFree(long need) {
        if (heapForTests >= 0) return heapForTests;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need + HEADROOM <= free) return free;
        System.gc();   // what is in use may be garbage of an earlier run
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Memory the machine (or its container) can still give: Linux's MemAvailable, else the OS's free memory; -1 unknown. */
    private static long nativeFree() {
        if (nativeForTests >= 0) return nativeForTests;
        long available = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) available = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long free = os.getFreeMemorySize();   // within a container's limit
            long total = os.getTotalMemorySize();
            available = available < 0 ? free : Math.min(available, total);
        }
        return available;
    }

    private static long gigabytes(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / (1L << 30)));
    }

    /** "3.7 GB", "512 MB", "49,800 GB". */
    static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%,.1f GB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MB", Math.max(1, (bytes + (1 << 19)) >> 20));
    }
}
