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
 *
 * <p>OpenMP's thread count is a setting of each thread ({@code omp_set_num_threads} changes only the
 * calling thread's; a thread that never set it uses one per core), while OpenBLAS's is one for the
 * process. So {@link #configure()} applies the OpenMP count to the thread that calls it, once per
 * thread: the code that runs libnd4j's operations on a thread of its own (the window's training, its
 * metrics) calls it first. Without this the window's training thread ran its few element-wise
 * operations (the preview's reconstruction at each epoch's end) on two OpenMP threads whose second
 * spun on the core the selector's helper needed (docs/performance.md, "The window's training thread").
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);
    private static volatile boolean configured;
    private static int blasThreads = 1;
    private static int ompThreads = 1;
    private static boolean userFixed;
    /** Whether this thread's OpenMP count has been set (it is a per-thread setting). */
    private static final ThreadLocal<Boolean> APPLIED_HERE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private NativeThreads() {}

    /**
     * Applies the thread settings: the process's once (OpenBLAS's threads, the default OpenMP count), and this
     * thread's OpenMP count the first time this thread calls it. Cheap after that; call it on any thread that is
     * about to run libnd4j's operations.
     */
    public static void configure() {
        if (!configured) configureProcess();
        if (!APPLIED_HERE.get()) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ompThreads);
            APPLIED_HERE.set(Boolean.TRUE);
        }
    }

    /** The OpenMP thread count configured for every thread that runs the operations. */
    static int ompThreads() {
        configure();
        return ompThreads;
    }

    /** This thread's OpenMP thread count (one per core where it was never set). */
    static int ompThreadsHere() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    private static synchronized void configureProcess() {
        if (configured) return;
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
        ompThreads = threads;
        // Nd4j first: NativeOpsHolder reads the backend's properties, which loading Nd4j sets up
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        LOG.debug("native threads: OpenMP {} on each thread that runs the operations, BLAS {}", threads, blasThreads);
        configured = true;
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
