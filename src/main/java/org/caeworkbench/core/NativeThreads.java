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
    private static int blasThreads = 1;
    private static boolean userFixed;

    private NativeThreads() {}

    public static synchronized void configure() {
        if (configured) return;
        configured = true;
        String omp = System.getenv("OMP_NUM_THREADS");
        String cae = setting("cae.threads", "CAE_THREADS");
        String blas = setting("cae.blasThreads", "CAE_BLAS_THREADS");
        userFixed = (omp != null && !omp.isBlank()) || cae != null || blas != null;
        int threads;
        if (omp != null && !omp.isBlank()) {
            threads = parse(omp, 1);
        } else {
            threads = parse(cae == null ? "1" : cae, 1);
        }
        blasThreads = blas == null ? threads : parse(blas, threads);
        // Nd4j first: NativeOpsHolder reads the backend's properties, which loading Nd4j sets up
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        LOG.debug("native threads: OpenMP {}, BLAS {}", threads, blasThreads);
    }

    /** A system property, else an environment variable, else null. */
    static String setting(String property, String variable) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(variable);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The BLAS threads set at start: {@code CAE_BLAS_THREADS} (property {@code cae.blasThreads}), else the native thread count. */
    static int blasThreads() {
        configure();
        return blasThreads;
    }

    /**
     * Whether the user set a thread count ({@code OMP_NUM_THREADS}, {@code CAE_THREADS} or {@code CAE_BLAS_THREADS}, or the
     * properties {@code cae.threads}, {@code cae.blasThreads}): then no run chooses its BLAS threads itself ({@link BlasThreadPlan}).
     */
    static boolean userFixed() {
        configure();
        return userFixed;
    }

    /** Sets the BLAS (OpenBLAS) threads of the matrix multiplies from now on; OpenMP's stay as configured. */
    public static void useBlasThreads(int n) {
        configure();
        Nd4j.factory().blas().setMaxThreads(Math.max(1, n));
    }

    /** The BLAS threads in force now. */
    public static int blasThreadsNow() {
        configure();
        return Nd4j.factory().blas().getMaxThreads();
    }

    /** A short description of the settings in force, for logs and benchmarks. */
    public static String describe() {
        configure();
        return "openmp=" + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
                + " blas=" + Nd4j.factory().blas().getMaxThreads()
                + " blas_vendor=" + Nd4j.factory().blas().getBlasVendor()
                + " blas_core=" + BlasKernels.inUse()
                + " selector_helper=" + (SelectorPipeline.helperWanted() ? "on" : "off")
                + " helper_products=" + (SelectorPipeline.helperWanted() && OfferedProduct.wanted() ? "on" : "off");
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
