package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice of OpenBLAS's kernels: AVX-512 kernels where the processor has them, the user's choice first. */
class BlasKernelsTest {
    private static final String ZEN5 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n"
            + "flags\t\t: fpu sse sse2 avx fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16\n\nprocessor\t: 1\n";
    private static final String AVX2_ONLY = "processor\t: 0\nflags\t\t: fpu sse sse2 avx fma avx2 bmi2\n";
    private static final String AVX512F_ONLY = "processor\t: 0\nflags\t\t: fpu avx2 fma avx512f avx512cd\n";   // Xeon Phi-like: no BW/DQ/VL

    @TempDir Path dir;

    @Test
    void anAvx512ProcessorGetsTheAvx512KernelsUnlessTheUserChoseOtherwise() {
        assertEquals("SkylakeX", BlasKernels.choose(null, null, "Linux", "amd64", ZEN5));
        assertEquals("SkylakeX", BlasKernels.choose("", "auto", "Linux", "x86_64", ZEN5));
        assertEquals("SkylakeX", BlasKernels.choose("Haswell", null, "Linux", "amd64", ZEN5), "an older kernel set in the environment is replaced");
        assertNull(BlasKernels.choose("Cooperlake", null, "Linux", "amd64", ZEN5), "an AVX-512 kernel set in the environment is kept");
        assertEquals("Haswell", BlasKernels.choose(null, null, "Linux", "amd64", AVX2_ONLY), "AVX2: never the SSE fallback");
        assertEquals("Haswell", BlasKernels.choose(null, null, "Linux", "amd64", AVX512F_ONLY), "the SkylakeX kernels need BW, DQ and VL too");
        assertNull(BlasKernels.choose("Zen", null, "Linux", "amd64", AVX2_ONLY), "without AVX-512 the environment's choice is kept");
        assertNull(BlasKernels.choose("Haswell", "off", "Linux", "amd64", ZEN5), "off: OpenBLAS as the environment sets it");
        assertNull(BlasKernels.choose(null, "off", "Linux", "amd64", ZEN5));
        assertNull(BlasKernels.choose(null, null, "Linux", "amd64", "flags\t: fpu sse sse2 avx\n"), "no AVX2: OpenBLAS's own detection");
        assertEquals("Zen", BlasKernels.choose(null, "Zen", "Linux", "amd64", AVX2_ONLY), "a core named in CAE_BLAS_CORE is passed on");
        assertNull(BlasKernels.choose(null, null, "Mac OS X", "x86_64", ZEN5));
        assertNull(BlasKernels.choose(null, null, "Linux", "aarch64", ZEN5));
        assertNull(BlasKernels.choose(null, null, "Linux", "amd64", null));
    }

    /** The real entry point, in a fresh JVM as a user starts it: the kernels OpenBLAS then reports using. */
    @Test
    void theCommandLineStartsOpenBlasWithTheChosenKernels() throws Exception {
        String os = System.getProperty("os.name"), arch = System.getProperty("os.arch");
        assumeTrue(os.toLowerCase().startsWith("linux") && ("amd64".equals(arch) || "x86_64".equals(arch)), "Linux x86-64 only");
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        boolean avx512 = BlasKernels.flags(cpuinfo).containsAll(List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));

        boolean avx2 = BlasKernels.flags(cpuinfo).containsAll(List.of("avx2", "fma"));
        String expected = avx512 ? "SkylakeX" : avx2 ? "Haswell" : null;
        if (expected != null) {
            assertEquals(expected, coreReported(Map.of()), "the best kernels this processor runs");
        }
        if (avx512) {
            assertEquals("SkylakeX", coreReported(Map.of("OPENBLAS_CORETYPE", "Haswell")), "in place of an older set in the environment too");
            assertTrue(lastOutput.contains("in place of OPENBLAS_CORETYPE=Haswell of the environment"), "the benchmark says why: " + lastOutput);
        }
        assertEquals("Prescott", coreReported(Map.of("OPENBLAS_CORETYPE", "Prescott", "CAE_BLAS_CORE", "off")), "off keeps the environment's choice");
        assertEquals("Prescott", coreReported(Map.of("CAE_BLAS_CORE", "Prescott")), "CAE_BLAS_CORE names the kernels");
        assertTrue(lastOutput.contains("Prescott (CAE_BLAS_CORE)"), "the benchmark says why: " + lastOutput);
    }

    private String lastOutput = "";

    private String coreReported(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(dir, "bench", ".txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.caeworkbench.Main",
                "bench", "--n", "300", "--d", "20", "--k", "2", "--no-quality", "--rounds", "1", "--warmup", "0", "--epochs", "1",
                "--memory-runs", "0");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("CAE_BLAS_CORE");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the benchmark did not end");
        String out = Files.readString(log);
        lastOutput = out;
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("blas_core=(\\w+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
