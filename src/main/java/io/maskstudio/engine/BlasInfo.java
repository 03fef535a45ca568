package io.maskstudio.engine;

import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Which ND4J backend runs, and which CPU core type OpenBLAS picked. OpenBLAS 0.3.19 (ND4J M2.1's)
 * predates recent CPUs and falls back to old SSE kernels on them (on this project's AMD EPYC family
 * 1Ah: "Barcelona", 2-4x slower SGEMM) unless {@code OPENBLAS_CORETYPE} names a known core. The
 * library has no API for the name in its Java bindings, so a child JVM loads it with
 * {@code OPENBLAS_VERBOSE=2}, which makes OpenBLAS print {@code Core: <name>} when it starts.
 */
public final class BlasInfo {
    private static volatile String activeCore;
    private static volatile String autodetectedCore;

    private BlasInfo() {}

    /** "cpu" (nd4j-native) or "cuda" (nd4j-cuda, the -Pcuda build). */
    public static String backend() {
        return backendClass().toLowerCase(Locale.ROOT).contains("cublas") || backendClass().toLowerCase(Locale.ROOT).contains("cuda") ? "cuda" : "cpu";
    }

    /** ND4J's backend class, e.g. CpuBackend or JCublasBackend. */
    public static String backendClass() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** The core type OpenBLAS runs with in this process (it inherits {@code OPENBLAS_CORETYPE}). */
    public static String openblasCore() {
        if (activeCore == null) activeCore = probe(false);
        return activeCore;
    }

    /** The core type OpenBLAS picks by itself, without {@code OPENBLAS_CORETYPE}. */
    public static String openblasAutodetectedCore() {
        if (System.getenv("OPENBLAS_CORETYPE") == null) return openblasCore();
        if (autodetectedCore == null) autodetectedCore = probe(true);
        return autodetectedCore;
    }

    /**
     * Who set {@code OPENBLAS_CORETYPE}: "launcher" (MaskStudio, because OpenBLAS would have picked pre-AVX2 kernels),
     * "user" (it was set before), or null when it is unset.
     */
    public static String coreTypeSource() {
        if (coreTypeOverride() == null) return null;
        return OpenBlasCore.SET_BY_LAUNCHER.equals(System.getenv(OpenBlasCore.CHECKED_ENV)) ? "launcher" : "user";
    }

    /** The environment's {@code OPENBLAS_CORETYPE}, or null. */
    public static String coreTypeOverride() {
        return System.getenv(OpenBlasCore.CORETYPE_ENV);
    }

    /**
     * The core the launcher applies ({@link OpenBlasCore#bestCoreFor}) when OpenBLAS would pick a pre-AVX2 core on a
     * CPU that has AVX2 and FMA, else null: nothing to fix.
     */
    public static String recommendedCoreType() {
        if (!OpenBlasCore.isPreAvx2(openblasAutodetectedCore()) || !cpuHasAvx2AndFma()) return null;
        return OpenBlasCore.bestCoreFor(OpenBlasCore.thisMachine());
    }

    public static boolean cpuHasAvx2AndFma() {
        return cpuHasFlags("avx2", "fma");
    }

    /** The AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
    public static boolean cpuHasAvx512() {
        return cpuHasFlags("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    }

    private static boolean cpuHasFlags(String... wanted) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    String flags = " " + line.substring(line.indexOf(':') + 1) + " ";
                    for (String f : wanted) if (!flags.contains(" " + f + " ")) return false;
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: we can't tell
        }
        return false;
    }

    /** Loads OpenBLAS in a child JVM without {@code OPENBLAS_CORETYPE} and returns the core it picks. */
    static String probeWithoutOverride() {
        return probe(true);
    }

    private static String probe(boolean withoutOverride) {
        try {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), BlasInfo.class.getName());
            pb.environment().put("OPENBLAS_VERBOSE", "2");
            if (withoutOverride) pb.environment().remove("OPENBLAS_CORETYPE");
            // The child is a probe, not an app: it must not relaunch itself.
            pb.environment().put(OpenBlasCore.CHECKED_ENV, "1");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String core = "unknown";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("Core: ") && core.equals("unknown")) core = line.substring(6).trim();
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            return core;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Child-process entry point: loading ND4J loads OpenBLAS, which prints its core when verbose. */
    public static void main(String[] args) {
        Nd4j.create(1);
    }
}
