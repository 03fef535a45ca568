package io.maskstudio.cli;

import io.maskstudio.Launcher;
import io.maskstudio.io.Python;
import io.maskstudio.io.RunManifest;
import io.maskstudio.runs.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code train --out} process killed with SIGKILL mid-run leaves a folder that opens up to its last complete epoch. */
class KilledRunTest {

    @Test
    void aRunKilledWithSigkillOpensUpToItsLastCompleteEpoch(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy");
        for (int round = 0; round < 2; round++) {
            Path out = tmp.resolve("killed" + round);
            Path log = tmp.resolve("child" + round + ".log");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                    "train", TrainCommandTest.DIGITS.toString(), "--epochs", "100000", "--batch", "64", "--out", out.toString(), "--no-progress"));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path metrics = out.resolve("metrics.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int wanted = 3 + 4 * round; // kill at different points of different runs
            while (System.nanoTime() < deadline && (!Files.exists(metrics) || Files.readAllLines(metrics).size() <= wanted)) {
                assertTrue(child.isAlive(), "the child ended early:\n" + Files.readString(log));
                TimeUnit.MILLISECONDS.sleep(20);
            }
            // The launcher may have relaunched itself (OpenBLAS core, Vector API): that JVM is the one writing the run.
            List<ProcessHandle> relaunched = child.descendants().toList();
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            for (ProcessHandle h : relaunched) {
                h.onExit().get(30, TimeUnit.SECONDS); // it ends with its launcher (Launcher.endWithTheLauncher)
            }

            RunFolder run = RunFolder.open(out);
            assertEquals(List.of(), run.problems(), "a killed run's files are all readable");
            assertEquals(RunManifest.RUNNING, run.status(), "no one was left to say it ended");
            int epochs = run.metrics().size();
            assertTrue(epochs >= wanted, epochs + " epochs");
            for (int k = 0; k < epochs; k++) assertEquals(k + 1, run.metrics().get(k).epoch());
            // Independently: every complete line of the CSVs parses, and each kept snapshot is a valid npz.
            Python.Result r = Python.script("""
                    import sys, csv, os, numpy as np
                    d = sys.argv[1]; epochs = int(sys.argv[2])
                    def complete(name):
                        text = open(d + '/' + name).read()
                        return list(csv.reader(text[:text.rfind('\\n') + 1].splitlines()))
                    m = complete('metrics.csv')
                    assert len(m) - 1 >= epochs, (len(m), epochs)
                    assert all(len(row) == 6 for row in m)
                    layers = complete('layers.csv')
                    assert all(len(row) == 7 for row in layers)
                    for f in os.listdir(d + '/snapshots'):
                        if f.endswith('.npz'):
                            s = np.load(d + '/snapshots/' + f)
                            assert s['fc1.weight'].shape == (36, 64), f
                    """, List.of(out.toString(), Integer.toString(epochs)), 60);
            assertEquals(0, r.exitCode(), r.output());
        }
    }
}
