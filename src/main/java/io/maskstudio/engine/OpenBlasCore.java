package io.maskstudio.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Decides, before ND4J loads, whether OpenBLAS should be told its core type. OpenBLAS 0.3.19 (ND4J M2.1's) reads
 * {@code OPENBLAS_CORETYPE} once, when the library loads, and on CPUs newer than itself (Zen 4/5) picks pre-AVX2
 * kernels at a quarter of the SGEMM speed its AVX-512 kernels reach ({@link #bestCoreFor}). A process cannot change
 * its own environment from Java, so the launcher starts the JVM again with the variable set ({@link #coreToApply});
 * the user's own {@code OPENBLAS_CORETYPE} always wins, and
 * {@code MASKSTUDIO_OPENBLAS_AUTO=0} turns this off.
 *
 * <p>Knowing what OpenBLAS would pick takes loading it (a child JVM, about two seconds), so the answer is cached per
 * CPU model in {@code openblas-core.properties} under the app's home folder. This class never touches ND4J.
 */
public final class OpenBlasCore {
    private static final Logger LOG = LoggerFactory.getLogger(OpenBlasCore.class);
    /** Set in the relaunched JVM, so it does not relaunch again. */
    public static final String CHECKED_ENV = "MASKSTUDIO_OPENBLAS_CHECKED";
    /** {@link #CHECKED_ENV}'s value when the launcher set {@code OPENBLAS_CORETYPE} (any other value: it relaunched for another reason). */
    public static final String SET_BY_LAUNCHER = "coretype";
    /** {@code 0} keeps OpenBLAS's own choice. */
    public static final String AUTO_ENV = "MASKSTUDIO_OPENBLAS_AUTO";
    public static final String CORETYPE_ENV = "OPENBLAS_CORETYPE";
    static final String CACHE_FILE = "openblas-core.properties";

    private OpenBlasCore() {}

    /** What the decision needs to know about the machine, so that tests can stand in for it. */
    public interface Machine {
        /** Whether the CPU has AVX2 and FMA, which OpenBLAS's Haswell kernels need. */
        boolean hasAvx2AndFma();

        /** Whether the CPU has the AVX-512 subsets (F, CD, BW, DQ, VL) that OpenBLAS's SkylakeX kernels need. */
        default boolean hasAvx512() {
            return false;
        }

        /** A key that changes with the CPU (its model name), for the cache. */
        String cpuKey();

        /** The core OpenBLAS picks by itself, found by loading it without {@code OPENBLAS_CORETYPE}. */
        String probeAutodetectedCore();
    }

    /**
     * The core type to relaunch with ("SkylakeX" or "Haswell"), or empty when this process should run as it is: the user set
     * {@code OPENBLAS_CORETYPE}, this is the relaunched process, the switch is off, the CPU lacks AVX2/FMA, or
     * OpenBLAS already picks a core that uses them.
     */
    public static Optional<String> coreToApply(Map<String, String> env, Path cacheDir, Machine machine) {
        if (env.get(CORETYPE_ENV) != null || env.get(CHECKED_ENV) != null || "0".equals(env.get(AUTO_ENV))) return Optional.empty();
        if (!machine.hasAvx2AndFma()) return Optional.empty();
        String auto = cachedOrProbed(cacheDir, machine);
        return isPreAvx2(auto) ? Optional.of(bestCoreFor(machine)) : Optional.empty();
    }

    /**
     * The fastest OpenBLAS 0.3.19 core a CPU with AVX2 and FMA can run: SkylakeX where it has AVX-512 (measured on the
     * build VM's Zen 4 EPYC: a [4096,256]x[256,4096] SGEMM at 364 GFLOP/s against Haswell's 174, and the 100x784x300
     * product of LeNet-300-100 at 126 against 81), else Haswell.
     */
    static String bestCoreFor(Machine machine) {
        return machine.hasAvx512() ? "SkylakeX" : "Haswell";
    }

    /** OpenBLAS's names of cores whose kernels use neither AVX2 nor FMA. */
    public static boolean isPreAvx2(String core) {
        return switch (core.toLowerCase(Locale.ROOT)) {
            case "prescott", "barcelona", "core2", "penryn", "dunnington", "nehalem", "opteron", "opteron_sse3",
                 "athlon", "katmai", "coppermine", "northwood", "atom", "nano", "bobcat", "sandybridge", "bulldozer" -> true;
            default -> false;
        };
    }

    private static String cachedOrProbed(Path cacheDir, Machine machine) {
        Path file = cacheDir == null ? null : cacheDir.resolve(CACHE_FILE);
        String key = cacheKey(machine.cpuKey());
        Properties cache = new Properties();
        if (file != null && Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                cache.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("ignoring an unreadable {}", file, e);
                cache.clear();
            }
        }
        String core = cache.getProperty(key);
        if (core != null && !core.isBlank()) return core.strip();
        core = machine.probeAutodetectedCore();
        if (file != null && !core.equals("unknown")) {
            cache.setProperty(key, core);
            try {
                Files.createDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, CACHE_FILE, ".tmp");
                try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    cache.store(out, "The core OpenBLAS picks by itself on this machine's CPUs (MaskStudio's launcher reads it)");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.debug("cannot cache the OpenBLAS core in {}", file, e);
            }
        }
        return core;
    }

    /** The cache's property name for a CPU model. */
    static String cacheKey(String cpu) {
        return "core." + Integer.toHexString(cpu.hashCode());
    }

    /** Remembers, as a probe would, that OpenBLAS picks {@code core} on this machine's CPU (tests start from a known cache). */
    public static void rememberForThisCpu(Path cacheDir, String core) throws IOException {
        Files.createDirectories(cacheDir);
        Files.writeString(cacheDir.resolve(CACHE_FILE), cacheKey(cpuModel()) + "=" + core + "\n", StandardCharsets.UTF_8);
    }

    /** This machine: /proc/cpuinfo, and a child JVM that loads OpenBLAS ({@link BlasInfo}). */
    public static Machine thisMachine() {
        return new Machine() {
            @Override public boolean hasAvx2AndFma() { return BlasInfo.cpuHasAvx2AndFma(); }
            @Override public boolean hasAvx512() { return BlasInfo.cpuHasAvx512(); }
            @Override public String cpuKey() { return cpuModel(); }
            @Override public String probeAutodetectedCore() { return BlasInfo.probeWithoutOverride(); }
        };
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: one key for all
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** For tests: a machine from fixed answers, counting probes. */
    static Machine fixed(boolean avx2, String cpu, Supplier<String> probe) {
        return fixed(avx2, false, cpu, probe);
    }

    static Machine fixed(boolean avx2, boolean avx512, String cpu, Supplier<String> probe) {
        return new Machine() {
            @Override public boolean hasAvx2AndFma() { return avx2; }
            @Override public boolean hasAvx512() { return avx512; }
            @Override public String cpuKey() { return cpu; }
            @Override public String probeAutodetectedCore() { return probe.get(); }
        };
    }
}
