package io.maskstudio.engine;

import io.maskstudio.data.Split;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.Python;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confusion matrix of a snapshot against PyTorch's forward pass, and against the accuracy training reports. */
class SnapshotEvaluationTest {
    /**
     * Reads the net and the rows from the npz, runs torch's forward pass in float64 and prints the smallest gap
     * between the two largest logits, then the confusion matrix (rows true, columns argmax), recall and precision.
     */
    private static final String TORCH = """
            import sys, numpy as np, torch
            d = np.load(sys.argv[1])
            acts = sys.argv[2].split(',')
            f = {'relu': torch.relu, 'tanh': torch.tanh, 'sigmoid': torch.sigmoid, 'identity': lambda z: z, 'softmax': lambda z: torch.softmax(z, 1)}
            a = torch.from_numpy(d['x']).double()
            for k, name in enumerate(acts):
                w = torch.from_numpy(d['fc%d.weight' % k]).double() * torch.from_numpy(d['fc%d.weight_mask' % k]).double()
                a = f[name](torch.nn.functional.linear(a, w, torch.from_numpy(d['fc%d.bias' % k]).double()))
            top = torch.topk(a, 2, dim=1).values
            print('margin %.9f' % (top[:, 0] - top[:, 1]).min().item())
            y = torch.from_numpy(d['y']).long()
            pred = a.argmax(1)
            k = a.shape[1]
            cm = torch.bincount(y * k + pred, minlength=k * k).reshape(k, k)
            for row in cm.tolist(): print(' '.join(str(v) for v in row))
            diag = cm.diag().double()
            print(' '.join('%.12f' % v for v in (diag / cm.sum(1).double()).tolist()))
            print(' '.join('%.12f' % v for v in (diag / cm.sum(0).double()).tolist()))
            """;

    @ParameterizedTest
    @CsvSource({"RELU,TANH,SOFTMAX", "SIGMOID,RELU,IDENTITY", "TANH,SIGMOID,SOFTMAX"})
    void theConfusionMatrixIsTorchsForwardPassTallied(Activation first, Activation second, Activation output, @TempDir Path dir) throws Exception {
        Python.assumeModules("numpy", "torch");
        Random r = new Random(first.ordinal() * 31L + second.ordinal());
        int[] sizes = {7, 9, 6, 4};
        List<Activation> acts = List.of(first, second, output);
        // More rows than one batch, and not a multiple of it, so the batching is exercised.
        int n = SnapshotEvaluation.BATCH_ROWS * 2 + 37;
        List<LayerSnapshot> layers = new ArrayList<>();
        Map<String, NpyArray> npz = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            int out = sizes[k + 1], in = sizes[k];
            Mask m = EngineFixtures.randomMask(out, in, 0.6, r);
            float[] w = new float[out * in];
            float[] b = new float[out];
            // Every weight gets a value; absent ones are zeroed below as in a snapshot, torch multiplies by the mask instead.
            for (int j = 0; j < w.length; j++) w[j] = (float) (r.nextGaussian() * 1.5);
            for (int o = 0; o < out; o++) b[o] = (float) (r.nextGaussian() * 0.3);
            npz.put("fc" + k + ".weight", NpyArray.ofFloats(w.clone(), out, in));
            npz.put("fc" + k + ".weight_mask", NpyArray.ofBooleans(m.toBooleans(), out, in));
            npz.put("fc" + k + ".bias", NpyArray.ofFloats(b.clone(), out));
            for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) if (!m.get(o, i)) w[o * in + i] = 0;
            layers.add(new LayerSnapshot(out, in, w, b, null, m));
        }
        float[] x = new float[n * sizes[0]];
        for (int j = 0; j < x.length; j++) x[j] = (float) r.nextGaussian();
        int[] y = new int[n];
        long[] yl = new long[n];
        for (int j = 0; j < n; j++) yl[j] = y[j] = r.nextInt(sizes[3]);
        npz.put("x", NpyArray.ofFloats(x.clone(), n, sizes[0]));
        npz.put("y", NpyArray.ofLongs(yl, n));
        Path file = dir.resolve("net.npz");
        Npz.write(file, npz, false);

        Python.Result res = Python.script(TORCH, List.of(file.toString(), String.join(",", acts.stream().map(Activation::id).toList())), 120);
        assertEquals(0, res.exitCode(), res.output());
        String[] lines = res.output().split("\n");
        // float32 here, float64 there: a near tie could flip the argmax. This fixture has none.
        assertTrue(Double.parseDouble(lines[0].split(" ")[1]) > 1e-4, lines[0]);

        ConfusionMatrix cm = SnapshotEvaluation.confusion(new TrainingSnapshot(metrics(), layers), acts, x, y);
        assertEquals(4, cm.classes());
        String[] recall = lines[5].split(" ");
        String[] precision = lines[6].split(" ");
        for (int t = 0; t < 4; t++) {
            String[] row = lines[1 + t].split(" ");
            for (int p = 0; p < 4; p++) assertEquals(Long.parseLong(row[p]), cm.count(t, p), "true " + t + " predicted " + p);
            assertEquals(number(recall[t]), cm.recall(t), 1e-9, "recall of " + t);
            assertEquals(number(precision[t]), cm.precision(t), 1e-9, "precision of " + t);
        }
        assertEquals(n, cm.total());
        assertTrue(cm.correct() > 0 && cm.correct() < n, "a fixture where some rows are right and some wrong: " + cm.correct());
    }

    @Test
    void overallAccuracyIsTheValidationAccuracyTrainingReports() throws Exception {
        NetworkDesign d = EngineFixtures.design(6, 8, 3, Activation.TANH, 0.6, 5, "adam", 0);
        TrainingSession s = new TrainingSession(d, Split.of(TrainingSessionTest.blobs(400, 3), 0.3, 7), d.settings(), DataType.FLOAT);
        s.runEpoch();
        s.runEpoch();
        TrainingSnapshot snap = s.snapshot();
        List<Activation> acts = d.layers().stream().skip(1).map(LayerSpec::activation).toList();
        ConfusionMatrix cm = SnapshotEvaluation.confusion(snap, acts, s.validation().x(), s.validation().y());
        assertEquals(s.validation().rows(), cm.total());
        assertEquals(snap.metrics().valAccuracy(), cm.accuracy(), 1e-12,
                String.format(Locale.ROOT, "%d of %d", cm.correct(), cm.total()));
    }

    @Test
    void aLayerLeftOutOfTheSnapshotIsNamed() {
        Mask m = new Mask(2, 3);
        m.set(0, 0, true);
        TrainingSnapshot s = new TrainingSnapshot(metrics(), List.of(new LayerSnapshot(2, 3, null, new float[2], null, m)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotEvaluation.confusion(s, List.of(Activation.SOFTMAX), new float[3], new int[1]));
        assertTrue(e.getMessage().contains("layer pair 0"), e.getMessage());
        TrainingSnapshot copied = new TrainingSnapshot(metrics(), List.of(new LayerSnapshot(2, 3, new float[6], new float[2], null, m)));
        IllegalArgumentException wrongRows = assertThrows(IllegalArgumentException.class,
                () -> SnapshotEvaluation.predict(copied, List.of(Activation.SOFTMAX), new float[5], 2));
        assertTrue(wrongRows.getMessage().contains("expected 2 x 3"), wrongRows.getMessage());
    }

    /** Python prints NaN (a class nothing was predicted as) as "nan". */
    private static double number(String s) {
        return s.equals("nan") ? Double.NaN : Double.parseDouble(s);
    }

    private static EpochMetrics metrics() {
        return new EpochMetrics(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }
}
