package io.maskstudio.cli;

import io.maskstudio.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seed fixes the result across processes, not just within one JVM: {@code train --seed S} run in
 * two fresh JVMs writes a byte-identical model.npz, also with pruning, and the Trainer thread with a
 * mid-run mask edit ends at bit-identical weights; another seed gives other weights. The two
 * same-seed children run at the same time, so they also cannot share anything through timing.
 */
class ReproducibilityAcrossProcessesTest {
    static final Path DIGITS = TrainCommandTest.DIGITS;

    @Test
    void trainWithTheSameSeedInTwoJvmsWritesTheSameModelNpz(@TempDir Path tmp) throws Exception {
        assertReproducible(tmp, "train", DIGITS.toString(), "--epochs", "2", "--no-progress");
    }

    @Test
    void theSameHoldsWithPruning(@TempDir Path tmp) throws Exception {
        byte[] pruned = assertReproducible(tmp, "train", DIGITS.toString(), "--epochs", "2", "--prune", "0.5@1", "--no-progress");
        assertFalse(Arrays.equals(pruned, Files.readAllBytes(trainInProcess(tmp.resolve("unpruned"), "11",
                "train", DIGITS.toString(), "--epochs", "2", "--no-progress"))), "pruning changed the model");
    }

    /** Two children with seed 11, one in-process run with seed 12; returns the seed-11 model.npz. */
    private static byte[] assertReproducible(Path tmp, String... args) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        List<Child> children = List.of(startChild(tmp.resolve("a.log"), withSeedAndOut(args, "11", a)),
                startChild(tmp.resolve("b.log"), withSeedAndOut(args, "11", b)));
        byte[] other = Files.readAllBytes(trainInProcess(tmp.resolve("other"), "12", args));
        for (Child c : children) c.awaitSuccess();
        byte[] first = Files.readAllBytes(a.resolve("model.npz"));
        byte[] second = Files.readAllBytes(b.resolve("model.npz"));
        assertArrayEquals(first, second, "model.npz of two JVMs with seed 11");
        float[] w11 = TrainCommandTest.readNpz(a.resolve("model.npz")).get("fc1.weight").toFloats();
        float[] w12 = TrainCommandTest.readNpz(tmp.resolve("other").resolve("model.npz")).get("fc1.weight").toFloats();
        assertEquals(w11.length, w12.length);
        assertFalse(Arrays.equals(w11, w12), "seed 12 gives other weights than seed 11");
        assertFalse(Arrays.equals(first, other));
        return first;
    }

    @Test
    void theTrainerThreadWithAMidRunMaskEditEndsAtTheSameWeightsInTwoJvms(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.bin"), b = tmp.resolve("b.bin");
        List<Child> children = List.of(startMain(tmp.resolve("a.log"), TrainerRunMain.class, DIGITS.toString(), "11", a.toString()),
                startMain(tmp.resolve("b.log"), TrainerRunMain.class, DIGITS.toString(), "11", b.toString()));
        byte[] other = TrainerRunMain.train(DIGITS, 12);
        for (Child c : children) c.awaitSuccess();
        byte[] first = Files.readAllBytes(a);
        assertTrue(first.length > 4 * 64 * 36, "weights written: " + first.length + " bytes");
        assertArrayEquals(first, Files.readAllBytes(b), "final weights of two JVMs with seed 11");
        assertEquals(first.length, other.length);
        assertFalse(Arrays.equals(first, other), "seed 12 gives other weights");
    }

    private static String[] withSeedAndOut(String[] args, String seed, Path out) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--seed", seed, "--out", out.toString()));
        return all.toArray(String[]::new);
    }

    private static Path trainInProcess(Path out, String seed, String... args) {
        CliRunner r = CliRunner.run(withSeedAndOut(args, seed, out));
        assertEquals(0, r.exitCode(), r.err());
        return out.resolve("model.npz");
    }

    private static Child startChild(Path log, String... cliArgs) throws IOException {
        return startMain(log, Launcher.class, cliArgs);
    }

    private static Child startMain(Path log, Class<?> main, String... args) throws IOException {
        // The children pick kernels from the same calibration as this JVM (the shipped one under Maven): two fresh
        // processes that each measured the machine could pick different kernels, which agree to float rounding only.
        String calibration = System.getProperty("maskstudio.calibration", "builtin");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaskstudio.calibration=" + calibration, "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** A child JVM whose output goes to a file, so it never blocks on a full pipe. */
    private record Child(Process process, Path log) {
        void awaitSuccess() throws Exception {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("child did not finish in 180 s; its output:\n" + Files.readString(log));
            }
            assertEquals(0, process.exitValue(), "child exit code; its output:\n" + Files.readString(log));
        }
    }
}
