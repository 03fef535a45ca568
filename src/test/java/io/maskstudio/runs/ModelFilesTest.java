package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.Python;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model export of one in-memory snapshot (the app's "Export model…"), read back by NumPy: the snapshot's masks
 * replace the design's, weights are W∘M, and model.json names the snapshot's epoch.
 */
class ModelFilesTest {
    private static final int[] SIZES = {5, 4, 3};

    private static NetworkDesign design() {
        List<LayerSpec> layers = List.of(LayerSpec.vector("in", 5, Activation.IDENTITY), LayerSpec.vector("h", 4, Activation.RELU),
                LayerSpec.vector("out", 3, Activation.SOFTMAX));
        // The design's own masks are full: the export must take the snapshot's.
        List<Mask> masks = new ArrayList<>();
        for (int k = 1; k < SIZES.length; k++) {
            Mask m = new Mask(SIZES[k], SIZES[k - 1]);
            for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) m.set(o, i, true);
            masks.add(m);
        }
        return new NetworkDesign(layers, masks, TrainingSettings.defaults("digits").withEpochs(9));
    }

    private static TrainingSnapshot snapshot(int epoch, boolean withWeights) {
        Random rnd = new Random(epoch);
        List<LayerSnapshot> layers = new ArrayList<>();
        for (int k = 1; k < SIZES.length; k++) {
            int o = SIZES[k], i = SIZES[k - 1];
            Mask m = new Mask(o, i);
            float[] w = new float[o * i], b = new float[o];
            for (int r = 0; r < o; r++) {
                m.set(r, r % i, true);
                for (int c = 0; c < i; c++) if (rnd.nextBoolean()) m.set(r, c, true);
            }
            // Non-zero even where absent: the export must zero those.
            for (int j = 0; j < w.length; j++) w[j] = (float) rnd.nextGaussian();
            for (int j = 0; j < b.length; j++) b[j] = (float) rnd.nextGaussian();
            layers.add(new LayerSnapshot(o, i, withWeights || k == 1 ? w : null, b, null, m));
        }
        return new TrainingSnapshot(new EpochMetrics(epoch, 0.5, 0.75, 0.625, 0.5, 1), layers);
    }

    private static ModelFiles.ExportData data() {
        return new ModelFiles.ExportData(new float[] {0, 1, 2, 3, 4}, new float[] {1, 1, 2, 2, 3},
                new float[] {0.5f, -1, 2, 0, 1, 1, 1, 1, -1, 0}, new int[] {2, 0});
    }

    @Test
    void theSnapshotsWeightsTimesItsMasksAreWhatNumpyReads(@TempDir Path dir) throws Exception {
        Python.assumeModules("numpy");
        TrainingSnapshot s = snapshot(7, true);
        ModelFiles.write(dir, design(), s, data());
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < s.layers().size(); k++) {
            LayerSnapshot l = s.layers().get(k);
            for (int r = 0; r < l.outFeatures(); r++) {
                for (int c = 0; c < l.inFeatures(); c++) {
                    boolean on = l.mask().get(r, c);
                    expected.append(on ? 1 : 0).append(':').append(Float.toString(on ? l.weights()[r * l.inFeatures() + c] : 0f)).append(' ');
                }
            }
            for (float b : l.bias()) expected.append(Float.toString(b)).append(' ');
        }
        String code = String.join("\n",
                "import sys, json, numpy as np",
                "z = np.load(sys.argv[1] + '/model.npz')",
                "out = []",
                "for k in (1, 2):",
                "    w, m, b = z[f'fc{k}.weight'], z[f'fc{k}.weight_mask'], z[f'fc{k}.bias']",
                "    assert w.dtype == np.float32 and w.shape == m.shape",
                "    out += [f'{int(mm)}:{ww!r}' for ww, mm in zip(w.ravel().tolist(), m.ravel().tolist())]",
                "    out += [repr(x) for x in b.tolist()]",
                "print(' '.join(out))",
                "print(json.load(open(sys.argv[1] + '/model.json'))['metrics']['epoch'])");
        Python.Result r = Python.script(code, List.of(dir.toString()), 60);
        assertEquals(0, r.exitCode(), r.output());
        String[] lines = r.output().split("\n");
        // Python prints float64 reprs of the float32 values; Java's Float.toString of the same float parses to the same number.
        String[] got = lines[0].trim().split(" "), want = expected.toString().trim().split(" ");
        assertEquals(want.length, got.length);
        for (int k = 0; k < want.length; k++) {
            String[] g = got[k].split(":"), w = want[k].split(":");
            if (w.length == 2) assertEquals(w[0], g[0], "mask entry " + k);
            assertEquals(Float.parseFloat(w[w.length - 1]), (float) Double.parseDouble(g[g.length - 1]), "entry " + k);
        }
        assertEquals("7", lines[1].trim(), "model.json names the snapshot's epoch");
        assertTrue(Files.isRegularFile(dir.resolve(ModelFiles.TRAINED_GRAPH)));
        assertTrue(Files.isRegularFile(dir.resolve("load_model.py")));
    }

    @Test
    void aSnapshotWithoutALayersWeightsIsRefusedNamingThePair(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.write(dir, design(), snapshot(3, false), data()));
        assertTrue(e.getMessage().contains("layer pair 1 (3 x 4) has no weights"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model.npz")), "nothing half-written");
    }
}
