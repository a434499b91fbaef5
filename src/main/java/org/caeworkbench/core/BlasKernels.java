package org.caeworkbench.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of OpenBLAS's kernels the matrix multiplies use. The OpenBLAS that ND4J bundles (0.3.19) picks its
 * kernels from the processor's family and model, and does not know AMD's AVX-512 processors (Zen 4, Zen 5):
 * it gives them its AVX2 kernels ("Haswell"). Its later releases map those processors to the AVX-512
 * kernels ("SkylakeX", "Cooperlake"), which on this project's Zen 5 machine multiply 1.6 to 1.8 times faster
 * at the training's shapes (docs/performance.md). OpenBLAS reads its choice from {@code OPENBLAS_CORETYPE}
 * once, when the library loads; so every entry point calls {@link #chooseBeforeLoading()} before anything
 * touches ND4J, and it sets that variable in the process's own environment (C {@code setenv} through JNA,
 * which ND4J already brings).
 *
 * <p>{@code CAE_BLAS_CORE} (property {@code cae.blasCore}) is {@code auto} (the default, {@link #choose}),
 * {@code off} (OpenBLAS's own detection, or {@code OPENBLAS_CORETYPE} as the environment sets it) or a core name
 * handed to OpenBLAS as it is. Linux only: elsewhere nothing changes.
 * Results are the same to the last bits or so (another kernel sums in another order), like one BLAS thread
 * against two ({@link BlasThreadPlan}).
 */
public final class BlasKernels {
    private static final Logger LOG = LoggerFactory.getLogger(BlasKernels.class);

    /** The variable OpenBLAS reads at load. */
    public static final String OPENBLAS_VARIABLE = "OPENBLAS_CORETYPE";
    /** The kernels chosen for a processor with AVX-512 (F, CD, BW, DQ, VL): OpenBLAS's name for them. */
    static final String AVX512_CORE = "SkylakeX";
    /** The AVX2 kernels, for a processor with AVX2 and FMA but not AVX-512. */
    static final String AVX2_CORE = "Haswell";
    /** OpenBLAS's AVX-512 kernel sets (lower case): a variable naming one of them is kept. */
    private static final Set<String> AVX512_CORES = Set.of("skylakex", "cooperlake", "sapphirerapids");
    private static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private static volatile String decision = "not chosen yet";

    private BlasKernels() {}

    /**
     * What to put into {@code OPENBLAS_CORETYPE}, or null to leave it: a pure function of the variable's current
     * value, the {@code CAE_BLAS_CORE} setting, the operating system and architecture, and the processor's flags
     * (Linux's /proc/cpuinfo text; null where there is none).
     * <ul>
     * <li>{@code CAE_BLAS_CORE=off}: nothing (OpenBLAS's own detection, or the variable as set); a core name: that.</li>
     * <li>auto, AVX-512 (F, CD, BW, DQ, VL): "SkylakeX", also in place of an older kernel set named in the variable
     * (a system-wide {@code OPENBLAS_CORETYPE=Haswell}, a common guard against old OpenBLAS releases falling back to
     * SSE kernels on processors they do not know, would halve the multiplies' speed here).</li>
     * <li>auto, AVX2 and FMA, variable unset: "Haswell", the AVX2 kernels. ND4J's OpenBLAS falls back to its
     * SSE2 kernels ("Barcelona") on processors it does not know, about 2.5 times slower.</li>
     * </ul>
     */
    static String choose(String openblasVariable, String setting, String osName, String osArch, String cpuinfo) {
        String s = setting == null || setting.isBlank() ? "auto" : setting.trim();
        if (s.equalsIgnoreCase("off")) return null;
        if (!s.equalsIgnoreCase("auto")) return s;
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) return null;
        if (!"amd64".equals(osArch) && !"x86_64".equals(osArch)) return null;
        if (cpuinfo == null) return null;
        Set<String> flags = flags(cpuinfo);
        boolean userSet = openblasVariable != null && !openblasVariable.isBlank();
        if (flags.containsAll(AVX512_FLAGS)) {
            return userSet && AVX512_CORES.contains(openblasVariable.trim().toLowerCase(Locale.ROOT)) ? null : AVX512_CORE;
        }
        if (userSet) return null;
        return flags.contains("avx2") && flags.contains("fma") ? AVX2_CORE : null;
    }

    /** The flags of the first processor in /proc/cpuinfo's text. */
    static Set<String> flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }

    /**
     * Sets {@code OPENBLAS_CORETYPE} for this process where {@link #choose} says so. Must run before ND4J (and
     * with it OpenBLAS) is loaded; later it changes nothing. Never fails: where the variable cannot be set, the
     * multiplies keep OpenBLAS's own choice and the reason is logged.
     */
    public static synchronized void chooseBeforeLoading() {
        String cpuinfo = null;
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (Files.isReadable(p)) cpuinfo = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read /proc/cpuinfo: {}", e.toString());
        }
        String user = System.getenv(OPENBLAS_VARIABLE);
        boolean userSet = user != null && !user.isBlank();
        String setting = NativeThreads.setting("cae.blasCore", "CAE_BLAS_CORE");
        String core = choose(user, setting, System.getProperty("os.name"), System.getProperty("os.arch"), cpuinfo);
        boolean named = setting != null && !setting.equalsIgnoreCase("auto");
        if (core == null) {
            decision = userSet ? OPENBLAS_VARIABLE + "=" + user.trim() + " of the environment" : "OpenBLAS's own detection";
            return;
        }
        try {
            int rc = com.sun.jna.platform.unix.LibC.INSTANCE.setenv(OPENBLAS_VARIABLE, core, 1);
            decision = rc != 0 ? "OpenBLAS's own detection (setenv failed)"
                    : core + " (" + (named ? "CAE_BLAS_CORE" : reason(core)) + (userSet ? "; in place of " + OPENBLAS_VARIABLE + "=" + user.trim() + " of the environment" : "") + ")";
        } catch (Throwable e) {   // no JNA dispatch library for this platform: keep OpenBLAS's choice
            decision = "OpenBLAS's own detection (" + e.getClass().getSimpleName() + ")";
            LOG.debug("cannot set {}: {}", OPENBLAS_VARIABLE, e.toString());
        }
        LOG.debug("OpenBLAS kernels: {}", decision);
    }

    private static String reason(String core) {
        return core.equals(AVX512_CORE) ? "AVX-512 processor" : "AVX2 processor";
    }

    /** What {@link #chooseBeforeLoading} decided, for benchmarks and logs. */
    public static String decision() {
        return decision;
    }

    /**
     * The kernels OpenBLAS uses, by its own name (e.g. "SkylakeX", "Haswell"), asked of the loaded library; null
     * where it cannot be asked (not Linux, or OpenBLAS not loaded yet).
     */
    public static String inUse() {
        try {
            Path maps = Path.of("/proc/self/maps");
            if (!Files.isReadable(maps)) return null;
            String lib = null;
            for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
                int at = line.indexOf('/');
                if (at >= 0 && line.contains("libopenblas")) {
                    lib = line.substring(at).trim();
                    break;
                }
            }
            if (lib == null) return null;
            com.sun.jna.Function f = com.sun.jna.NativeLibrary.getInstance(lib).getFunction("openblas_get_corename");
            return (String) f.invoke(String.class, new Object[0]);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.debug("cannot ask OpenBLAS for its kernels: {}", e.toString());
            return null;
        }
    }
}
