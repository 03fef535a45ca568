package io.maskstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerParameters;
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
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchExportTest {
    @TempDir
    Path dir;

    /** A hand-made export: random masks, weights (non-zero even where masked) and a validation set with a known accuracy. */
    static final class Handmade {
        final NetworkDesign design;
        final List<LayerParameters> params = new ArrayList<>();
        final float[] mean;
        final float[] std;
        float[] x;
        int[] y;
        double accuracy;

        Handmade(long seed) {
            Random rnd = new Random(seed);
            int[] sizes = {6, 5, 4, 3};
            Activation[] acts = {Activation.IDENTITY, Activation.RELU, Activation.TANH, Activation.SOFTMAX};
            List<LayerSpec> layers = new ArrayList<>();
            List<Mask> masks = new ArrayList<>();
            for (int k = 0; k < sizes.length; k++) layers.add(k == 0 ? LayerSpec.grid("in", 2, 3, acts[k]) : LayerSpec.vector("l" + k, sizes[k], acts[k]));
            for (int k = 1; k < sizes.length; k++) {
                Mask m = new Mask(sizes[k], sizes[k - 1]);
                for (int o = 0; o < m.rows(); o++) {
                    m.set(o, rnd.nextInt(m.cols()), true);
                    for (int i = 0; i < m.cols(); i++) if (rnd.nextInt(3) == 0) m.set(o, i, true);
                }
                masks.add(m);
                float[] w = new float[sizes[k] * sizes[k - 1]];
                float[] b = new float[sizes[k]];
                for (int j = 0; j < w.length; j++) w[j] = (float) rnd.nextGaussian();
                for (int j = 0; j < b.length; j++) b[j] = (float) (0.1 * rnd.nextGaussian());
                params.add(new LayerParameters(sizes[k], sizes[k - 1], w, b));
            }
            design = new NetworkDesign(layers, masks, new TrainingSettings("digits", "adamw", 0.003, 32, 7, 1e-4, 9, 0.25));
            mean = new float[]{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
            std = new float[]{1, 2, 3, 4, 5, 1e-3f};
            // keep samples whose top class wins clearly, so float32 rounding in torch cannot flip them
            List<float[]> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            int correct = 0;
            while (xs.size() < 300) {
                float[] v = new float[6];
                for (int j = 0; j < 6; j++) v[j] = (float) rnd.nextGaussian();
                double[] out = forward(v);
                int best = argmax(out);
                double second = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < out.length; c++) if (c != best) second = Math.max(second, out[c]);
                if (out[best] - second < 1e-3) continue;
                boolean right = rnd.nextInt(10) < 7;
                xs.add(v);
                ys.add(right ? best : (best + 1) % 3);
                if (right) correct++;
            }
            x = new float[xs.size() * 6];
            y = new int[xs.size()];
            for (int n = 0; n < xs.size(); n++) {
                System.arraycopy(xs.get(n), 0, x, n * 6, 6);
                y[n] = ys.get(n);
            }
            accuracy = correct / (double) xs.size();
        }

        /** y = act(x (W∘M)^T + b), layer by layer, in double. */
        double[] forward(float[] input) {
            double[] a = new double[input.length];
            for (int j = 0; j < a.length; j++) a[j] = input[j];
            for (int k = 0; k < params.size(); k++) {
                LayerParameters p = params.get(k);
                Mask m = design.mask(k);
                double[] z = new double[p.outFeatures()];
                for (int o = 0; o < z.length; o++) {
                    z[o] = p.bias()[o];
                    for (int i = 0; i < p.inFeatures(); i++) if (m.get(o, i)) z[o] += p.weight(o, i) * a[i];
                }
                Activation act = design.layer(k + 1).activation();
                for (int o = 0; o < z.length; o++) {
                    z[o] = switch (act) {
                        case RELU -> Math.max(0, z[o]);
                        case TANH -> Math.tanh(z[o]);
                        case SIGMOID -> 1 / (1 + Math.exp(-z[o]));
                        default -> z[o]; // softmax is monotone: argmax is unchanged
                    };
                }
                a = z;
            }
            return a;
        }

        void export(Path to) throws Exception {
            TorchExport.export(to, design, params, mean, std, "digits", x, y,
                    Map.of("metrics", Map.of("valAccuracy", accuracy, "epochs", 7)));
        }
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
        return best;
    }

    @Test
    void safetensorsHoldsTheSameTensorsAsModelNpz() throws Exception {
        new Handmade(5).export(dir);
        Safetensors st = Safetensors.open(dir.resolve(TorchExport.MODEL_SAFETENSORS));
        assertEquals("pt", st.metadata().get("format"));
        try (Npz npz = Npz.open(dir.resolve(TorchExport.MODEL_NPZ))) {
            assertEquals(npz.keys(), st.keys());
            for (String k : npz.keys()) assertTrue(npz.get(k).sameContent(st.get(k)), k);
        }
    }

    @Test
    void exportRoundTripsBitExactlyThroughOurReader() throws Exception {
        Handmade h = new Handmade(5);
        h.export(dir);
        try (Npz npz = Npz.open(dir.resolve(TorchExport.MODEL_NPZ))) {
            assertEquals(List.of("fc1.weight", "fc1.bias", "fc1.weight_mask", "fc2.weight", "fc2.bias", "fc2.weight_mask",
                    "fc3.weight", "fc3.bias", "fc3.weight_mask"), npz.keys());
            for (int k = 0; k < 3; k++) {
                LayerParameters p = h.params.get(k);
                Mask m = h.design.mask(k);
                NpyArray w = npz.get("fc" + (k + 1) + ".weight");
                assertEquals("<f4", w.descr());
                assertArrayEquals(new int[]{p.outFeatures(), p.inFeatures()}, w.shape());
                float[] wf = w.toFloats();
                for (int o = 0; o < p.outFeatures(); o++) {
                    for (int i = 0; i < p.inFeatures(); i++) {
                        float want = m.get(o, i) ? p.weight(o, i) : 0f;
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(wf[o * p.inFeatures() + i]));
                    }
                }
                assertArrayEquals(p.bias(), npz.get("fc" + (k + 1) + ".bias").toFloats());
                NpyArray mask = npz.get("fc" + (k + 1) + ".weight_mask");
                assertEquals("|b1", mask.descr());
                assertEquals(m, MaskFiles.fromArray("mask", mask, OptionalDouble.empty()));
            }
        }
        try (Npz val = Npz.open(dir.resolve(TorchExport.VAL_NPZ))) {
            NpyArray x = val.get("x");
            assertArrayEquals(new int[]{h.y.length, 6}, x.shape());
            assertArrayEquals(NpyArray.ofFloats(h.x, h.y.length, 6).rawBytes(), x.rawBytes());
            NpyArray y = val.get("y");
            assertEquals("<i8", y.descr());
            long[] ys = y.toLongs();
            for (int n = 0; n < h.y.length; n++) assertEquals(h.y[n], ys[n]);
        }
        JsonNode json = JsonMapper.builder().build().readTree(dir.resolve(TorchExport.MODEL_JSON).toFile());
        assertEquals(4, json.get("layers").size());
        assertEquals("in", json.at("/layers/0/name").asText());
        assertEquals("identity", json.at("/layers/0/activation").asText());
        assertEquals("softmax", json.at("/layers/3/activation").asText());
        assertEquals(3, json.at("/layers/3/size").asInt());
        assertEquals("digits", json.get("dataset").asText());
        assertEquals(1e-3f, (float) json.at("/normalization/std/5").asDouble());
        assertEquals("adamw", json.at("/training/optimizer").asText());
        assertEquals(0.003, json.at("/training/learningRate").asDouble());
        assertEquals(h.accuracy, json.at("/metrics/valAccuracy").asDouble());
        assertArrayEquals(TorchExport.loaderScript(), Files.readAllBytes(dir.resolve(TorchExport.LOADER)));
    }

    @Test
    void inconsistentInputsAreRefused() {
        Handmade h = new Handmade(6);
        assertThrows(IllegalArgumentException.class, () -> TorchExport.export(dir, h.design, h.params.subList(0, 2), h.mean, h.std, "d", h.x, h.y, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TorchExport.export(dir, h.design, h.params, h.mean, h.std, "d", h.x, new int[]{1}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TorchExport.export(dir, h.design, h.params, h.mean, h.std, "d", h.x, h.y, Map.of("layers", 1)));
    }

    @Test
    void loadModelPyReproducesTheAccuracyInTorch() throws Exception {
        Python.assumeModules("numpy", "torch");
        Handmade h = new Handmade(7);
        h.export(dir);
        Python.Result r = Python.run(List.of(dir.resolve(TorchExport.LOADER).toString()), 300);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(String.format(Locale.ROOT, "val_accuracy=%.6f", h.accuracy), r.output());
        assertTrue(h.accuracy > 0.5 && h.accuracy < 0.9, "accuracy is neither trivial nor perfect: " + h.accuracy);

        // the rebuilt modules are really pruned: masks registered, weights = weight_orig * mask
        String check = String.join("\n",
                "import sys, numpy as np, torch",
                "from torch.nn.utils import prune",
                "sys.path.insert(0, sys.argv[1])",
                "from load_model import load_model",
                "model, meta = load_model(sys.argv[1])",
                "z = np.load(sys.argv[1] + '/model.npz')",
                "assert prune.is_pruned(model)",
                "for k in range(1, len(meta['layers'])):",
                "    fc = getattr(model, f'fc{k}')",
                "    mask = z[f'fc{k}.weight_mask']",
                "    assert (fc.weight_mask.numpy().astype(bool) == mask).all()",
                "    assert (fc.weight_orig.detach().numpy() == z[f'fc{k}.weight']).all()",
                "    assert (fc.weight.detach().numpy()[~mask] == 0).all()",
                "    assert (fc.bias.detach().numpy() == z[f'fc{k}.bias']).all()",
                "print('pruned ok')");
        Python.Result c = Python.script(check, List.of(dir.toString()), 300);
        assertEquals("pruned ok", c.output());
    }
}
