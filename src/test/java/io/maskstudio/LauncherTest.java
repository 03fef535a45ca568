package io.maskstudio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.engine.BlasInfo;
import io.maskstudio.engine.OpenBlasCore;
import io.maskstudio.engine.VectorModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    @TempDir Path home;

    @Test
    void theRelaunchKeepsTheJvmOptionsTheClassPathAndTheArguments() {
        assertEquals(List.of("/j/bin/java", "-Xmx1g", "-Dx=1", "-cp", "a.jar", "io.maskstudio.Launcher", "train", "g.graph.json", "--epochs", "2"),
                Launcher.relaunchCommand("/j/bin/java", List.of("-Xmx1g", "-Dx=1"), "a.jar", new String[] {"train", "g.graph.json", "--epochs", "2"}));
    }

    /**
     * Started as a user starts it, without OPENBLAS_CORETYPE: on a CPU that OpenBLAS takes for a pre-AVX2 one (this
     * project's machine), the command runs on the best kernels the CPU has (SkylakeX with AVX-512, else Haswell) and says
     * the launcher chose them; elsewhere nothing is set.
     */
    @Test
    void aCommandRunsOnTheKernelsTheCpuCanRun() throws Exception {
        boolean misdetected = OpenBlasCore.isPreAvx2(BlasInfo.openblasAutodetectedCore()) && BlasInfo.cpuHasAvx2AndFma();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dmaskstudio.home=" + home,
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "bench", "layer", "--in", "8", "--out", "8", "--batch", "1", "--steps", "1", "--json");
        pb.environment().remove(OpenBlasCore.CORETYPE_ENV);
        pb.environment().remove(OpenBlasCore.CHECKED_ENV);
        pb.environment().remove(OpenBlasCore.AUTO_ENV);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(out));
        JsonNode n = new ObjectMapper().readTree(json);
        if (misdetected) {
            assertEquals(BlasInfo.cpuHasAvx512() ? "SkylakeX" : "Haswell", n.get("openblas_core").asText(), json);
            assertEquals("launcher", n.get("openblas_coretype_source").asText(), json);
            assertTrue(Files.readString(home.resolve("openblas-core.properties")).contains("="), "the probe's answer is kept for the next launch");
        } else {
            assertTrue(n.get("openblas_coretype_env").isNull(), json);
        }
        assertTrue(n.get("loops").asText().startsWith("vector ("), "relaunched with the Vector API module: " + json);
    }

    /** MASKSTUDIO_VECTOR=0 keeps the plain loops, and a user's OPENBLAS_CORETYPE is reported as the user's. */
    @Test
    void theVectorSwitchKeepsThePlainLoops() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dmaskstudio.home=" + home,
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "bench", "layer", "--in", "8", "--out", "8", "--batch", "1", "--steps", "1", "--json");
        pb.environment().put(OpenBlasCore.CORETYPE_ENV, "Haswell");
        pb.environment().remove(OpenBlasCore.CHECKED_ENV);
        pb.environment().put(VectorModule.SWITCH_ENV, "0");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        JsonNode n = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(out)));
        assertEquals("plain", n.get("loops").asText(), out);
        assertEquals("user", n.get("openblas_coretype_source").asText(), out);
    }

    /** Killing the process the user started (SIGKILL: no time to pass anything on) still ends the relaunched app. */
    @Test
    void killingTheLauncherEndsTheRelaunchedApp() throws Exception {
        Assumptions.assumeTrue(OpenBlasCore.isPreAvx2(BlasInfo.openblasAutodetectedCore()) && BlasInfo.cpuHasAvx2AndFma(),
                "only a CPU that OpenBLAS misdetects is relaunched");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dmaskstudio.home=" + home,
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "bench", "mlp", "--layers", "64,32,10", "--steps", "100000000");
        // The probe's answer known already: the launcher's only child is then the app, not the short-lived probe.
        OpenBlasCore.rememberForThisCpu(home, BlasInfo.openblasAutodetectedCore());
        pb.environment().remove(OpenBlasCore.CORETYPE_ENV);
        pb.environment().remove(OpenBlasCore.CHECKED_ENV);
        pb.redirectErrorStream(true).redirectOutput(home.resolve("out.log").toFile());
        Process launcher = pb.start();
        ProcessHandle app = null;
        for (int i = 0; i < 600 && app == null; i++) {
            app = launcher.toHandle().children().findFirst().orElse(null);
            if (app == null) launcher.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertTrue(app != null, "the launcher started no JVM: " + Files.readString(home.resolve("out.log")));
        launcher.destroyForcibly();
        assertTrue(app.onExit().get(30, TimeUnit.SECONDS) != null && !app.isAlive(), "the app outlived its launcher");
    }

    @Test
    void noArgumentsOrOneGraphFileOpenTheApp() {
        assertTrue(Launcher.opensGui(new String[0]));
        assertTrue(Launcher.opensGui(new String[]{"sample-graphs/mnist-local.graph.json"}));
        assertTrue(Launcher.opensGui(new String[]{"sample-graphs/mnist-local.graph.json", "--train"}));
        assertTrue(Launcher.opensGui(new String[]{"--train", "sample-graphs/mnist-local.graph.json"}));
        assertFalse(Launcher.opensGui(new String[]{"--train"}), "--train needs the graph to train");
    }

    @Test
    void commandsGoToTheCommandLine() throws Exception {
        assertFalse(Launcher.opensGui(new String[]{"train", "x.graph.json"}));
        assertFalse(Launcher.opensGui(new String[]{"--help"}));
        assertFalse(Launcher.opensGui(new String[]{"inspect"}));
        assertFalse(Launcher.opensGui(new String[]{"src"}), "a folder that is no run folder is a mistyped command");
        Path run = Files.createDirectories(home.resolve("run")), sweep = Files.createDirectories(home.resolve("sweep"));
        Files.writeString(run.resolve("metrics.csv"), "epoch\n");
        Files.writeString(sweep.resolve("sweep.json"), "{\"kind\": \"sweep\"}");
        assertTrue(Launcher.opensGui(new String[]{run.toString()}), "a run folder opens the app");
        assertTrue(Launcher.opensGui(new String[]{sweep.toString()}), "a sweep folder opens the app");
    }
}
