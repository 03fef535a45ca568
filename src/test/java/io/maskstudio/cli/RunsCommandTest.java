package io.maskstudio.cli;

import io.maskstudio.io.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runs list} and {@code runs export}, checked against the folders' own files read by Python. */
class RunsCommandTest {
    static final Path DIGITS = TrainCommandTest.DIGITS;

    private static void train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", DIGITS.toString(), "--epochs", "3", "--out", out.toString(), "--no-progress"));
        args.addAll(List.of(extra));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void listShowsEveryRunFolderWithItsFinalAndBestAccuracyAndNamesBrokenFiles(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy");
        Path runs = tmp.resolve("runs");
        train(runs.resolve("a"));
        train(runs.resolve("b"), "--seed", "7", "--prune", "0.5@2");
        // A folder from an older train --out: no run.json, no CSVs but metrics.csv.
        train(runs.resolve("old"));
        for (String f : List.of("run.json", "steps.csv", "events.csv", "layers.csv")) Files.delete(runs.resolve("old").resolve(f));
        // A run killed mid-write: half a metrics line at the end, and a run.json cut short.
        train(runs.resolve("torn"));
        Files.writeString(runs.resolve("torn/metrics.csv"), "4,0.12", StandardOpenOption.APPEND);
        byte[] json = Files.readAllBytes(runs.resolve("torn/run.json"));
        Files.write(runs.resolve("torn/run.json"), Arrays.copyOf(json, json.length / 2));
        Files.createDirectories(runs.resolve("not-a-run"));
        // Renamed in the app's Runs list.
        Files.writeString(runs.resolve("b/label.txt"), "pruned, seed 7\n");

        CliRunner r = CliRunner.run("runs", "list", runs.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains(runs.resolve("torn/run.json").toString()), "the broken run.json is named: " + r.err());
        assertFalse(r.err().contains(runs.resolve("torn/metrics.csv").toString()),
                "a line cut short by a kill is the epoch that had not ended, not a problem: " + r.err());
        Path listing = tmp.resolve("list.json");
        Files.writeString(listing, r.out());
        Python.Result check = Python.script("""
                import sys, json, csv, numpy as np
                rows = json.load(open(sys.argv[1]))
                d = sys.argv[2]
                assert [r['folder'] for r in rows] == ['a', 'b', 'old', 'torn'], rows
                by = {r['folder']: r for r in rows}
                for name in ['a', 'b', 'old', 'torn']:
                    m = list(csv.DictReader(open(d + '/' + name + '/metrics.csv')))
                    m = [x for x in m if x['seconds'] is not None]
                    r = by[name]
                    assert r['epochs'] == 3, (name, r)
                    assert abs(r['final_val_accuracy'] - float(m[-1]['val_accuracy'])) < 1e-9, (name, r)
                    assert abs(r['best_val_accuracy'] - max(float(x['val_accuracy']) for x in m)) < 1e-9, (name, r)
                    model = np.load(d + '/' + name + '/model.npz')
                    masks = [model['fc1.weight_mask'], model['fc2.weight_mask']]
                    density = sum(int(k.sum()) for k in masks) / sum(k.size for k in masks)
                    assert abs(r['density'] - density) < 1e-6, (name, r['density'], density)
                assert by['a']['status'] == 'finished' and by['a']['method'] == 'static' and by['a']['date'].endswith('Z')
                assert by['b']['method'] == 'prune'
                assert by['b']['label'] == 'pruned, seed 7' and by['a']['label'] == 'a', (by['a']['label'], by['b']['label'])
                assert by['old']['status'] == 'finished' and by['old']['date'] is None
                """, List.of(listing.toString(), runs.toString()), 60);
        assertEquals(0, check.exitCode(), check.output());

        CliRunner table = CliRunner.run("runs", "list", runs.toString());
        assertEquals(0, table.exitCode(), table.err());
        String[] lines = table.out().strip().split("\n");
        assertTrue(lines[0].startsWith("folder") && lines[0].contains("best_val_acc"), lines[0]);
        assertEquals(5, lines.length, table.out());
    }

    @Test
    void exportOfAKeptEpochWritesAModelThatLoadModelPyEvaluatesToThatEpochsAccuracy(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy", "torch");
        Path run = tmp.resolve("run");
        train(run);
        Path out = tmp.resolve("epoch2");
        CliRunner r = CliRunner.run("runs", "export", run.toString(), "--epoch", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Python.Result eval = Python.run(List.of(out.resolve("load_model.py").toString()), 120);
        assertEquals(0, eval.exitCode(), eval.output());
        String printed = eval.output().lines().filter(l -> l.startsWith("val_accuracy=")).findFirst().orElseThrow();
        String epoch2 = Files.readAllLines(run.resolve("metrics.csv"), StandardCharsets.UTF_8).get(2).split(",")[4];
        assertEquals("val_accuracy=" + epoch2, printed, "PyTorch on the exported epoch-2 weights gives metrics.csv's epoch-2 accuracy");
        Python.Result same = Python.script("""
                import sys, numpy as np
                s = np.load(sys.argv[1] + '/snapshots/epoch-0002.npz'); m = np.load(sys.argv[2] + '/model.npz')
                for k in ('fc1.weight', 'fc1.bias', 'fc1.weight_mask', 'fc2.weight', 'fc2.bias'):
                    assert np.array_equal(s[k], m[k]), k
                """, List.of(run.toString(), out.toString()), 60);
        assertEquals(0, same.exitCode(), same.output());

        CliRunner missing = CliRunner.run("runs", "export", run.toString(), "--epoch", "9", "--out", tmp.resolve("x").toString());
        assertEquals(MaskStudioCommand.ERROR, missing.exitCode());
        assertTrue(missing.err().contains("no snapshot of epoch 9; kept epochs: 1, 2, 3"), missing.err());
    }
}
