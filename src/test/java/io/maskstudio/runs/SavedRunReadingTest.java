package io.maskstudio.runs;

import io.maskstudio.cli.CliTraining;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the app reads back of a saved run besides its CSVs: the snapshots for the scrubber, the label; deleting it. */
class SavedRunReadingTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainOnce() {
        run = tmp.resolve("20261202-101500-adam");
        CliTraining.digits(run, 4);
    }

    @Test
    void snapshotsReadBackHoldWhatNumpyReadsFromTheFiles() throws Exception {
        Python.assumeModules("numpy");
        RunFolder folder = RunFolder.open(run);
        RunSnapshots s = RunSnapshots.read(folder, Long.MAX_VALUE);
        assertEquals(folder.snapshotEpochs().size(), s.snapshots().size());
        assertEquals(0, s.leftOut());
        TrainingSnapshot last = s.snapshots().get(s.snapshots().size() - 1);
        assertEquals(4, last.epoch());
        assertEquals(folder.metricsOf(4).valAccuracy(), last.metrics().valAccuracy());
        LayerSnapshot l = last.layers().get(0);
        Python.Result r = Python.run(List.of("-c", String.join("\n",
                "import numpy as np, sys",
                "z = np.load(sys.argv[1])",
                "w, g, m = z['fc1.weight'], z['fc1.grad'], z['fc1.weight_mask']",
                "print(w.shape[0], w.shape[1], int(m.sum()), repr(float(w[3, 5])), repr(float(g[7, 2])), repr(float(z['fc1.bias'][1])))"),
                RunLayout.snapshot(run, 4).toString()), 60);
        assertEquals(0, r.exitCode(), r.output());
        String[] f = r.output().split(" ");
        assertEquals(Integer.parseInt(f[0]), l.outFeatures());
        assertEquals(Integer.parseInt(f[1]), l.inFeatures());
        assertEquals(Long.parseLong(f[2]), l.mask().nnz());
        assertEquals(Float.parseFloat(f[3]), l.weights()[3 * l.inFeatures() + 5]);
        assertEquals(Float.parseFloat(f[4]), l.gradient()[7 * l.inFeatures() + 2]);
        assertEquals(Float.parseFloat(f[5]), l.bias()[1]);
    }

    @Test
    void aMemoryCapKeepsTheFirstAndLastEpochsAndABrokenFileIsSkippedByName(@TempDir Path copyRoot) throws Exception {
        RunFolder folder = RunFolder.open(run);
        RunSnapshots capped = RunSnapshots.read(folder, 1);
        assertEquals(List.of(folder.snapshotEpochs().get(0), 4), capped.snapshots().stream().map(TrainingSnapshot::epoch).toList());
        assertEquals(folder.snapshotEpochs().size() - 2, capped.leftOut());

        Path copy = copyRoot.resolve("run");
        copyTree(run, copy);
        Files.write(RunLayout.snapshot(copy, 2), new byte[]{'P', 'K', 3, 4, 0});
        RunSnapshots partial = RunSnapshots.read(RunFolder.open(copy), Long.MAX_VALUE);
        assertFalse(partial.snapshots().stream().anyMatch(t -> t.epoch() == 2));
        assertEquals(1, partial.problems().size(), partial.problems().toString());
        assertTrue(partial.problems().get(0).startsWith(RunLayout.snapshot(copy, 2) + ": skipped"), partial.problems().get(0));
    }

    @Test
    void evenlySpreadsTheChosenEpochs() {
        assertEquals(List.of(0, 5, 10), RunSnapshots.evenly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 3));
        assertEquals(List.of(1, 2), RunSnapshots.evenly(List.of(1, 2), 5));
    }

    @Test
    void theLabelIsTheFolderNameUntilTheUserNamesTheRun(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("20261202-101500-adam-2"));
        assertEquals("adam-2", RunLabel.read(dir));
        RunLabel.write(dir, "  wide\tnet, seed 3 \n");
        assertEquals("wide net, seed 3", RunLabel.read(dir));
        assertEquals("wide net, seed 3\n", Files.readString(dir.resolve(RunLabel.LABEL_TXT)));
        RunLabel.write(dir, "x".repeat(500));
        assertEquals(RunLabel.MAX_LENGTH, RunLabel.read(dir).length());
        RunLabel.write(dir, " ");
        assertFalse(Files.exists(dir.resolve(RunLabel.LABEL_TXT)));
        assertEquals("adam-2", RunLabel.read(dir));
        assertEquals("notes", RunLabel.read(root.resolve("notes")));
    }

    @Test
    void deleteRemovesARunFolderAndRefusesAnyOtherFolder(@TempDir Path root) throws Exception {
        Path other = Files.createDirectories(root.resolve("papers"));
        Files.writeString(other.resolve("draft.tex"), "keep me");
        IOException e = assertThrows(IOException.class, () -> RunFolders.delete(other));
        assertTrue(e.getMessage().startsWith(other + ": not a run folder"), e.getMessage());
        assertTrue(Files.exists(other.resolve("draft.tex")));

        Path copy = root.resolve("copy");
        copyTree(run, copy);
        RunFolders.delete(copy);
        assertFalse(Files.exists(copy));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }
}
