package io.maskstudio.cli;

import io.maskstudio.io.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code train --out DIR} writes the run folder of README.md "Run folders"; every check reads the files with
 * Python's json, csv and NumPy, as a user's script would, never with our own readers.
 */
class RunFolderTest {
    static final Path DIGITS = TrainCommandTest.DIGITS;

    private static void python(String code, Path dir) throws Exception {
        Python.Result r = Python.script(code, List.of(dir.toString()), 120);
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void trainWritesRunJsonCsvsAndSnapshotsThatAgreeWithTheModel(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy");
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", DIGITS.toString(), "--epochs", "4", "--batch", "200", "--prune", "0.5@2",
                "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        python("""
                import sys, json, csv, datetime, numpy as np
                d = sys.argv[1]
                run = json.load(open(d + '/run.json'))
                assert run['formatVersion'] == 1, run['formatVersion']
                assert run['status'] == 'finished', run['status']
                started = datetime.datetime.fromisoformat(run['started'].replace('Z', '+00:00'))
                ended = datetime.datetime.fromisoformat(run['ended'].replace('Z', '+00:00'))
                assert started <= ended
                assert run['settings']['epochs'] == 4 and run['settings']['batchSize'] == 200
                assert run['seed'] == run['settings']['seed']
                assert run['dataset']['name'] == run['settings']['dataset']
                assert run['method'] == 'prune' and run['methodDetail'] == '0.5@2', (run['method'], run.get('methodDetail'))
                assert [l['pair'] for l in run['layers']] == [0, 1]
                assert all(l['kernel'] and l['backend'] and l['inSnapshots'] for l in run['layers'])
                assert run['design']['layers'][0]['size'] == 64
                metrics = list(csv.DictReader(open(d + '/metrics.csv')))
                assert [int(m['epoch']) for m in metrics] == [1, 2, 3, 4]
                assert run['final']['epoch'] == 4
                assert abs(run['final']['val_accuracy'] - float(metrics[-1]['val_accuracy'])) < 1e-6
                best = max(metrics, key=lambda m: float(m['val_accuracy']))
                assert abs(run['best']['val_accuracy'] - float(best['val_accuracy'])) < 1e-6

                steps = list(csv.reader(open(d + '/steps.csv')))
                assert steps[0] == ['epoch', 'step', 'loss', 'accuracy'], steps[0]
                per_epoch = -(-round(1797 * 0.8) // 200)
                assert [int(s[1]) for s in steps[1:]] == list(range(1, 4 * per_epoch + 1))
                assert [int(s[0]) for s in steps[1:]] == [1 + k // per_epoch for k in range(4 * per_epoch)]
                assert all(float(s[2]) > 0 and 0 <= float(s[3]) <= 1 for s in steps[1:])

                events = list(csv.DictReader(open(d + '/events.csv')))
                assert [(e['epoch'], e['kind']) for e in events] == [('2', 'prune')], events

                layers = list(csv.DictReader(open(d + '/layers.csv')))
                assert list(layers[0].keys()) == ['epoch', 'pair', 'connections', 'density', 'weight_norm', 'grad_norm', 'update_ratio']
                assert len(layers) == 8
                conn = {(int(l['epoch']), int(l['pair'])): int(l['connections']) for l in layers}
                assert conn[(2, 0)] == conn[(1, 0)] - conn[(1, 0)] // 2, conn
                assert layers[0]['update_ratio'] == '' and float(layers[2]['update_ratio']) > 0

                import os
                names = sorted(os.listdir(d + '/snapshots'))
                assert names == ['epoch-0001.npz', 'epoch-0002.npz', 'epoch-0003.npz', 'epoch-0004.npz'], names
                model = np.load(d + '/model.npz')
                for e in range(1, 5):
                    s = np.load(d + '/snapshots/epoch-%04d.npz' % e)
                    assert sorted(s.files) == sorted(['fc1.weight', 'fc1.bias', 'fc1.weight_mask', 'fc1.grad',
                                                      'fc2.weight', 'fc2.bias', 'fc2.weight_mask', 'fc2.grad']), s.files
                    for k in (1, 2):
                        w, m = s['fc%d.weight' % k], s['fc%d.weight_mask' % k]
                        assert m.dtype == np.bool_ and w.dtype == np.float32
                        assert not w[~m].any(), 'absent connections are exactly 0'
                        row = [l for l in layers if int(l['epoch']) == e and int(l['pair']) == k - 1][0]
                        assert abs(float(row['weight_norm']) - np.linalg.norm(w[m])) <= 1e-4 * np.linalg.norm(w[m])
                        assert int(row['connections']) == int(m.sum())
                        g = s['fc%d.grad' % k]
                        assert abs(float(row['grad_norm']) - np.linalg.norm(g[m])) <= 1e-4 * np.linalg.norm(g[m]) + 1e-12
                    if e == 4:
                        for key in ('fc1.weight', 'fc1.bias', 'fc1.weight_mask', 'fc2.weight'):
                            assert np.array_equal(s[key], model[key]), key
                s2 = np.load(d + '/snapshots/epoch-0002.npz')
                s1 = np.load(d + '/snapshots/epoch-0001.npz')
                assert s1['fc1.weight_mask'].sum() - s1['fc1.weight_mask'].sum() // 2 == s2['fc1.weight_mask'].sum()
                assert np.abs(s2['fc1.grad'][~s2['fc1.weight_mask']]).max() > 0, 'the raw gradient is kept on absent connections too'
                prev, cur = s2['fc1.weight'], np.load(d + '/snapshots/epoch-0003.npz')['fc1.weight']
                m3 = np.load(d + '/snapshots/epoch-0003.npz')['fc1.weight_mask']
                ratio = np.linalg.norm((cur - prev)[m3]) / np.linalg.norm(prev[m3])
                row = [l for l in layers if l['epoch'] == '3' and l['pair'] == '0'][0]
                assert abs(float(row['update_ratio']) - ratio) <= 1e-3 * ratio, (row['update_ratio'], ratio)
                norm = np.load(d + '/normalization.npz')
                assert norm['mean'].shape == (64,) and norm['std'].shape == (64,)
                """, out);
    }

    @Test
    void snapshotsAreThinnedEvenlyWithinTheBudgetAndOversizedLayersLeftOut(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy");
        Path out = tmp.resolve("thin");
        // One digits snapshot is about 25 kB: a 0.15 MB budget holds about six of twenty epochs.
        CliRunner r = CliRunner.run("train", DIGITS.toString(), "--epochs", "20", "--snapshot-budget", "0.15",
                "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        python("""
                import sys, os, json
                d = sys.argv[1]
                files = sorted(os.listdir(d + '/snapshots'))
                epochs = [int(f[6:10]) for f in files]
                total = sum(os.path.getsize(d + '/snapshots/' + f) for f in files)
                assert total <= 0.15 * 1024 * 1024 + 30000, total
                assert 20 in epochs, ('the final epoch is kept', epochs)
                regular = [e for e in epochs if e != 20]
                assert len(regular) >= 3, epochs
                gaps = {b - a for a, b in zip(regular, regular[1:])}
                assert len(gaps) == 1 and regular[0] == 1, ('evenly spaced from epoch 1', epochs)
                """, out);

        Path small = tmp.resolve("small");
        CliRunner r2 = CliRunner.run("train", DIGITS.toString(), "--epochs", "2", "--snapshot-budget", "0.05",
                "--out", small.toString(), "--no-progress");
        assertEquals(0, r2.exitCode(), r2.err());
        python("""
                import sys, json, numpy as np
                d = sys.argv[1]
                run = json.load(open(d + '/run.json'))
                fc1, fc2 = run['layers']
                assert fc1['inSnapshots'] is False and 'budget' in fc1['snapshotNote'], fc1
                assert fc2['inSnapshots'] is True, fc2
                s = np.load(d + '/snapshots/epoch-0001.npz')
                assert sorted(s.files) == ['fc2.bias', 'fc2.grad', 'fc2.weight', 'fc2.weight_mask'], s.files
                """, small);
        assertEquals(true, Files.exists(small.resolve("model.npz")), "the model export does not depend on the budget");
    }
}
