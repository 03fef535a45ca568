package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A child JVM ({@link CrashingSaver}) saves a graph file (GraphFile.write) and a mask (MaskFormats.write, through
 * AtomicFiles) in a loop and is killed at random moments, by SIGKILL or SIGTERM. After every kill each file must be
 * exactly the previous or the new generation, complete (compared byte for byte, and parsed), never a mix or a
 * truncation; and the temporaries a killed writer left must be gone once the next writer has saved that file.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;
    @TempDir
    Path reference;

    private static final int KILLS = 20;
    private static final String END = "\u0000end";

    /** What a child said, by target: the last generation it began and the last it finished. */
    private static final class Progress {
        Integer begun;
        Integer done;
    }

    private final Map<Integer, byte[]> maskBytes = new HashMap<>();

    private byte[] expectedGraph(int g) {
        return GraphFile.toJson(CrashingSaver.design(g));
    }

    private byte[] expectedMask(int g) throws IOException {
        byte[] b = maskBytes.get(g);
        if (b == null) {
            Path p = reference.resolve("g" + g + ".npy");
            MaskFormats.write(p, CrashingSaver.mask(g, 0), MaskWriteOptions.defaults());
            b = Files.readAllBytes(p);
            maskBytes.put(g, b);
        }
        return b;
    }

    private Process start(int firstGeneration) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashingSaver.class.getName(), dir.toString(), Integer.toString(firstGeneration))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * Which generation the file holds, out of those it may hold: the one on disk before this child's save (or
     * none) and the one being saved. Fails when it is neither, i.e. broken.
     */
    private Integer check(Path file, Integer before, Progress p, boolean graph) throws Exception {
        List<Integer> allowed = new ArrayList<>();
        if (p.done != null) allowed.add(p.done); else allowed.add(before);
        if (p.begun != null && !p.begun.equals(p.done)) allowed.add(p.begun);
        if (!Files.exists(file)) {
            assertTrue(allowed.contains(null), file + " vanished; expected one of generations " + allowed);
            return null;
        }
        byte[] actual = Files.readAllBytes(file);
        for (Integer g : allowed) {
            if (g == null) continue;
            byte[] expected = graph ? expectedGraph(g) : expectedMask(g);
            if (Arrays.equals(expected, actual)) {
                // and it parses to that generation, as a user opening it would see
                if (graph) assertTrue(GraphFile.read(file).sameContent(CrashingSaver.design(g)), file + " generation " + g);
                else assertEquals(CrashingSaver.mask(g, 0), MaskFormats.read(file, MaskReadOptions.defaults()), file + " generation " + g);
                return g;
            }
        }
        fail(file + " is broken: " + actual.length + " bytes, matching none of generations " + allowed);
        return null;
    }

    /** Returns once the child's temporary for {@code target} exists, or after a second (the save was too quick to see). */
    private void awaitTemporary(String target, long pid) throws IOException {
        String prefix = "." + target + "." + pid + "-";
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var s = Files.list(dir)) {
                if (s.anyMatch(f -> f.getFileName().toString().startsWith(prefix))) return;
            }
        }
    }

    private List<String> temporaries() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).sorted().toList();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedWritersLeaveTheOldOrTheNewFileAndTheirTemporariesAreCleanedUp(TestReporter report) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Path graph = dir.resolve(CrashingSaver.GRAPH);
        Path mask = dir.resolve(CrashingSaver.MASK);
        Integer graphGen = null;
        Integer maskGen = null;
        int next = 0;
        int killedMidWrite = 0;
        for (int i = 0; i < KILLS; i++) {
            Process child = start(next);
            // kill during the third or fourth save, so this child has saved each file at least once before
            int k = 3 + rnd.nextInt(2);
            Map<String, Progress> progress = Map.of("graph", new Progress(), "mask", new Progress());
            List<String> log = new ArrayList<>();
            // a thread reads the child's lines, so none is lost when the child dies between two reads
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) lines.add(line);
                } catch (IOException e) {
                    // the pipe broke with the child: what was read is what there is
                } finally {
                    lines.add(END);
                }
            });
            reader.start();
            int begins = 0;
            for (String line = lines.take(); !line.equals(END); line = lines.take()) {
                log.add(line);
                if (line.startsWith("begin ") && ++begins == k) break;
            }
            assertEquals(k, begins, "the child stopped early (seed " + seed + "): " + log);
            // half the kills land while the temporary is being written (the dangerous moment, and short), the others
            // at a random moment of the save: serialising, writing, syncing or renaming
            if (i % 4 < 2) {
                String target = log.get(log.size() - 1).split(" ")[1].equals("graph") ? CrashingSaver.GRAPH : CrashingSaver.MASK;
                awaitTemporary(target, child.pid());
            } else {
                LockSupport.parkNanos(rnd.nextInt(120_000) * 1000L);
            }
            if (i % 2 == 0) child.destroyForcibly(); else child.destroy(); // SIGKILL, SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
            reader.join(60_000);
            for (String line = lines.take(); !line.equals(END); line = lines.take()) log.add(line);
            for (String line : log) {
                String[] w = line.split(" ");
                Progress p = progress.get(w[1]);
                assertNotNull(p, line);
                int g = Integer.parseInt(w[2]);
                if (w[0].equals("begin")) p.begun = g; else p.done = g;
                next = Math.max(next, g + 1);
            }
            graphGen = check(graph, graphGen, progress.get("graph"), true);
            maskGen = check(mask, maskGen, progress.get("mask"), false);
            // every leftover is the killed child's: its own writes removed those of the children before it
            List<String> left = temporaries();
            for (String t : left) assertTrue(t.contains("." + child.pid() + "-"),
                    "kill " + i + ": " + t + " outlived the next write (children so far up to pid " + child.pid() + ")");
            if (!left.isEmpty()) killedMidWrite++;
        }
        // the next save of each file cleans up after the last killed child too
        GraphFile.write(graph, CrashingSaver.design(next));
        MaskFormats.write(mask, CrashingSaver.mask(next, 0), MaskWriteOptions.defaults());
        assertEquals(List.of(), temporaries());
        assertTrue(killedMidWrite > 0, "no kill landed while a temporary was being written: the test proved nothing (seed " + seed + ")");
        assertArrayEquals(expectedGraph(next), Files.readAllBytes(graph));
        report.publishEntry("kills", KILLS + " (seed " + seed + "), " + killedMidWrite + " of them mid-write (a temporary was left)");
    }
}
