package io.maskstudio.ui.shell;

import io.maskstudio.io.GraphFile;
import io.maskstudio.io.LoadedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session killed with SIGKILL while it autosaves, many times over: recovery always finds exactly one
 * autosave, complete and parseable, holding the last finished write (never older than before the run).
 */
class AutosaveKillTest {
    private static final int KILLS = 25;
    private static final String SESSION = "killed-session";

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesThePreviousOrTheNewAutosaveNeverABrokenOne() throws Exception {
        Autosave.write(dir, SESSION, AutosaveWriterMain.design(0), AutosaveWriterMain.extras(), AutosaveWriterMain.original(0));
        long recovered = 0;
        int killedMidWrite = 0;
        int advanced = 0;
        Random random = new Random(1);
        for (int round = 0; round < KILLS; round++) {
            Process child = start(recovered + 1);
            Path ready = dir.resolve("ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready) && child.isAlive() && System.nanoTime() < deadline) LockSupport.parkNanos(2_000_000);
            assertTrue(Files.exists(ready), "the writer started (round " + round + ", exit " + (child.isAlive() ? "-" : child.exitValue()) + ")");
            // Picks the moment of the kill, at random within the write loop (a write of this design takes tens to hundreds
            // of milliseconds here); nothing is waited for or proved by this pause.
            Thread.sleep(random.nextInt(600));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the writer died");
            Files.delete(ready);
            killedMidWrite += countTemporaryFiles() > 0 ? 1 : 0;

            List<Autosave.Leftover> leftovers = Autosave.leftovers(dir);
            assertEquals(1, leftovers.size(), "round " + round + ": " + leftovers);
            Autosave.Leftover l = leftovers.get(0);
            LoadedGraph g = GraphFile.load(l.graph()); // throws on a torn or truncated file
            long k = g.design().settings().seed();
            assertTrue(k >= recovered, "round " + round + ": autosave " + k + " is older than the " + recovered + " found before");
            assertTrue(g.design().sameContent(AutosaveWriterMain.design(k)), "round " + round + ": autosave " + k + " is complete");
            assertEquals(List.of("reviewer"), g.extras().paths(), "the unknown field is autosaved");
            // The path is written after the graph: it names this write or, when the kill fell between the two, the one before.
            assertNotNull(l.original(), "round " + round + ": the source file is complete");
            assertTrue(l.original().equals(AutosaveWriterMain.original(k)) || l.original().equals(AutosaveWriterMain.original(k - 1)),
                    "round " + round + ": " + l.original() + " for autosave " + k);
            if (k > recovered) advanced++;
            recovered = k;
            // Collect each round's temporary files, so the next round counts only its own.
            cleanTemporaryFiles();
        }
        // Both kinds of kill happened (measured: about half the writers finished a write, a third were cut inside one).
        assertTrue(advanced >= 3, "some writers finished a write before the kill: " + advanced + " of " + KILLS);
        assertTrue(killedMidWrite > 0, "at least one kill hit a write in progress (left its temporary file): " + killedMidWrite + " of " + KILLS);
    }

    private Process start(long first) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), AutosaveWriterMain.class.getName(),
                dir.toString(), SESSION, Long.toString(first))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    private int countTemporaryFiles() throws Exception {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path ignored : s) n++;
        }
        return n;
    }

    private void cleanTemporaryFiles() throws Exception {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : s) Files.delete(p);
        }
    }
}
