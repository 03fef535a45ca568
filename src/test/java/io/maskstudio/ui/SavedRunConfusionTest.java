package io.maskstudio.ui;

import io.maskstudio.cli.CliTraining;
import io.maskstudio.io.GraphFile;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.NetworkDesign;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A run folder written by {@code train --out} shows the confusion matrix of its scrubbed epoch, from its own val.npz
 * and snapshot: checked against a double-precision pass over those two files, read here with the npz reader only.
 */
class SavedRunConfusionTest extends UiTest {
    private static Path run;

    @Override
    protected void prepareHome(Path home) throws Exception {
        run = home.resolve("cli-run");
        CliTraining.digits(run, 3);
    }

    @Override
    protected void shown(MainWindow w) {
        w.openRunOnceReady(run);
    }

    @Test
    void theOpenedRunsLatestEpochIsTalliedOnItsValidationFile() throws Exception {
        Label summary = lookup("#confusionSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().startsWith("Epoch 3:"));
        int[][] expected = naive(GraphFile.read(Path.of("sample-graphs/digits-local.graph.json")));
        for (int t = 0; t < expected.length; t++) {
            for (int p = 0; p < expected.length; p++) {
                String id = "#confusion-cell-" + t + "-" + p;
                assertEquals(Integer.toString(expected[t][p]), lookup(id).queryAs(Label.class).getText(), "true " + t + " predicted " + p);
            }
        }
    }

    private static int[][] naive(NetworkDesign design) throws Exception {
        Map<String, NpyArray> val;
        Map<String, NpyArray> snap;
        try (Npz npz = Npz.open(run.resolve("val.npz"))) {
            val = npz.readAll();
        }
        try (Npz npz = Npz.open(run.resolve("snapshots/epoch-0003.npz"))) {
            snap = npz.readAll();
        }
        List<LayerSpec> layers = design.layers();
        int classes = layers.get(layers.size() - 1).size();
        int in = layers.get(0).size();
        float[] x = val.get("x").toFloats();
        long[] y = val.get("y").toLongs();
        int[][] cm = new int[classes][classes];
        for (int r = 0; r < y.length; r++) {
            double[] a = new double[in];
            for (int i = 0; i < in; i++) a[i] = x[r * in + i];
            // PyTorch numbering, as in the state_dict: fc1 is the first pair.
            for (int k = 0; k + 1 < layers.size(); k++) {
                float[] w = snap.get("fc" + (k + 1) + ".weight").toFloats();
                boolean[] m = snap.get("fc" + (k + 1) + ".weight_mask").toBooleans();
                float[] b = snap.get("fc" + (k + 1) + ".bias").toFloats();
                double[] z = new double[b.length];
                for (int o = 0; o < z.length; o++) {
                    double s = b[o];
                    for (int i = 0; i < a.length; i++) if (m[o * a.length + i]) s += w[o * a.length + i] * a[i];
                    z[o] = switch (layers.get(k + 1).activation()) {
                        case RELU -> Math.max(0, s);
                        case TANH -> Math.tanh(s);
                        case SIGMOID -> 1 / (1 + Math.exp(-s));
                        case IDENTITY, SOFTMAX -> s;
                    };
                }
                a = z;
            }
            int best = 0;
            for (int c = 1; c < classes; c++) if (a[c] > a[best]) best = c;
            cm[(int) y[r]][best]++;
        }
        return cm;
    }
}
