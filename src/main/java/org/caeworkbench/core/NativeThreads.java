package org.caeworkbench.core;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread settings of the native backend. On a small machine, libnd4j's OpenMP pool and OpenBLAS's
 * pool each start one thread per core and fight each other: a training epoch measured about twice
 * as slow as with one thread each (docs/engine.md). Every entry point calls {@link #configure()}
 * before training. {@code OMP_NUM_THREADS} set by the user wins; otherwise {@code CAE_THREADS}
 * (default 1) is applied through the backend's own setters.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
    private static volatile boolean configured;

    private NativeThreads() {}

    public static synchronized void configure() {
        if (configured) return;
        configured = true;
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads;
        if (omp != null && !omp.isBlank()) {
            threads = parse(omp, 1);
        } else {
            threads = parse(System.getProperty("cae.threads", System.getenv().getOrDefault("CAE_THREADS", "1")), 1);
        }
        // Nd4j first: NativeOpsHolder reads the backend's properties, which loading Nd4j sets up
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        LOG.debug("native threads: OpenMP {}, BLAS {}", threads, threads);
    }

    /** A short description of the settings in force, for logs and benchmarks. */
    public static String describe() {
        configure();
        return "openmp=" + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + " blas=" + Nd4j.factory().blas().getMaxThreads()
                + " blas_vendor=" + Nd4j.factory().blas().getBlasVendor()
                + " selector_helper=" + (SelectorPipeline.helperWanted() ? "on" : "off");
    }

    private static int parse(String s, int fallback) {
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
