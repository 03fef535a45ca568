package io.maskstudio.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the launcher relaunches with OPENBLAS_CORETYPE, and how the probe's answer is kept per CPU. */
class OpenBlasCoreTest {
    @TempDir Path home;

    private final AtomicInteger probes = new AtomicInteger();

    private OpenBlasCore.Machine machine(boolean avx2, String cpu, String autodetected) {
        return OpenBlasCore.fixed(avx2, cpu, () -> {
            probes.incrementAndGet();
            return autodetected;
        });
    }

    @Test
    void aCpuWithAvx2ThatOpenBlasTakesForBarcelonaGetsHaswellKernels() {
        assertEquals(Optional.of("Haswell"), OpenBlasCore.coreToApply(Map.of(), home, machine(true, "AMD EPYC 9B45", "Barcelona")));
    }

    @Test
    void aCpuWithAvx512GetsSkylakeXKernels() {
        OpenBlasCore.Machine zen4 = OpenBlasCore.fixed(true, true, "AMD EPYC 9B45", () -> "Barcelona");
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.coreToApply(Map.of(), home, zen4));
        // the user's own choice still wins, even a slower one
        assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of("OPENBLAS_CORETYPE", "Haswell"), home, zen4));
    }

    @Test
    void aCoreOpenBlasKnowsIsLeftAlone() {
        for (String core : new String[] {"Haswell", "Zen", "SkylakeX", "Cooperlake"}) {
            assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of(), home.resolve(core), machine(true, "cpu " + core, core)), core);
        }
    }

    @Test
    void theUsersSettingTheRelaunchedProcessTheSwitchAndOldCpusAreNeverOverridden() {
        OpenBlasCore.Machine barcelona = machine(true, "AMD EPYC 9B45", "Barcelona");
        assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of("OPENBLAS_CORETYPE", "Zen"), home, barcelona));
        assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of(OpenBlasCore.CHECKED_ENV, "1"), home, barcelona));
        assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of(OpenBlasCore.AUTO_ENV, "0"), home, barcelona));
        assertEquals(0, probes.get(), "none of these needs OpenBLAS loaded");
        // Without AVX2 and FMA, Haswell's kernels would crash: an old CPU keeps its old kernels.
        assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of(), home, machine(false, "Opteron", "Barcelona")));
        assertEquals(0, probes.get());
    }

    @Test
    void theProbeRunsOncePerCpuAndAnUnreadableCacheIsProbedAgain() throws Exception {
        OpenBlasCore.Machine m = machine(true, "AMD EPYC 9B45", "Barcelona");
        OpenBlasCore.coreToApply(Map.of(), home, m);
        assertEquals(Optional.of("Haswell"), OpenBlasCore.coreToApply(Map.of(), home, m));
        assertEquals(1, probes.get(), "the second launch reads the cache");
        Path cache = home.resolve(OpenBlasCore.CACHE_FILE);
        assertTrue(Files.readString(cache).contains("=Barcelona"), Files.readString(cache));

        OpenBlasCore.coreToApply(Map.of(), home, machine(true, "Intel Xeon Gold 6338", "Barcelona"));
        assertEquals(2, probes.get(), "another CPU model is probed");

        Files.write(cache, new byte[] {'\\', 'u', 'z', 'z'}); // a malformed \\u escape: Properties.load throws
        assertEquals(Optional.of("Haswell"), OpenBlasCore.coreToApply(Map.of(), home, m));
        assertEquals(3, probes.get());
    }

    @Test
    void aProbeThatFoundNothingIsNotRemembered() {
        OpenBlasCore.Machine m = machine(true, "cpu", "unknown");
        assertEquals(Optional.empty(), OpenBlasCore.coreToApply(Map.of(), home, m));
        OpenBlasCore.coreToApply(Map.of(), home, m);
        assertEquals(2, probes.get());
    }
}
