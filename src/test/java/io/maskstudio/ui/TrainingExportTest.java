package io.maskstudio.ui;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.Python;
import io.maskstudio.render.ColorMap;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Training tab's exports, driven as the user does on the digits sample (pixels 64 → hidden 36 → output 10): a right
 * click on a heatmap tile or the large viewer's map, "Export PNG…"/"Export NPY…", and "Export model…" on the epoch the
 * scrubber shows. The files are read back by ImageIO, NumPy and PyTorch and compared with the trainer's snapshots.
 */
class TrainingExportTest extends UiTest {
    /** Answers the choosers with files in a temp folder and remembers what they offered. */
    private static final class Answers implements FileDialogs {
        final Path dir;
        final List<String> offeredNames = new ArrayList<>();
        String answerName;
        String answerFolder = "model";

        Answers(Path dir) {
            this.dir = dir;
        }

        @Override
        public File showOpen(FileChooser chooser, Window owner) {
            return null;
        }

        @Override
        public File showSave(FileChooser chooser, Window owner) {
            offeredNames.add(chooser.getInitialFileName());
            return dir.resolve(answerName != null ? answerName : chooser.getInitialFileName()).toFile();
        }

        @Override
        public File showDirectory(DirectoryChooser chooser, Window owner) {
            return dir.resolve(answerFolder).toFile();
        }
    }

    private Trainer trainer() {
        return window.training().trainer();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return lookup("#" + id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private void awaitMessage(String expected) throws Exception {
        try {
            waitUntil(() -> text("exportMessage").equals(expected));
        } catch (TimeoutException e) {
            throw new AssertionError("#exportMessage shows \"" + text("exportMessage") + "\", expected \"" + expected + "\"", e);
        }
    }

    private Answers answers() throws Exception {
        Answers a = new Answers(Files.createTempDirectory(home, "exports"));
        fx(() -> window.training().setFileDialogs(a));
        return a;
    }

    private TrainingSnapshot trainAFewEpochsAndPause() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        clickOn("#trainingTab");
        clickOn("#start");
        waitUntil(() -> trainer() != null && trainer().progress().epoch() >= 3);
        clickOn("#pause");
        trainer().awaitIdle(60, TimeUnit.SECONDS);
        assertEquals(Trainer.State.PAUSED, trainer().progress().state());
        TrainingSnapshot last = trainer().history().latest();
        waitUntil(() -> text("epochLabel").equals(last.epoch() + " (latest)") && lookup("#weightsHeatmapImage").query().isVisible());
        awaitIdle();
        return last;
    }

    /** {@code values} as NumPy reads the file: dtype, shape, then every value's repr. */
    private static List<String> numpy(Path file) throws Exception {
        Python.Result r = Python.script(String.join("\n",
                "import sys, numpy as np",
                "a = np.load(sys.argv[1], allow_pickle=False)",
                "print(a.dtype, a.shape)",
                "print(' '.join(repr(v) for v in a.ravel().tolist()))"), List.of(file.toString()), 60);
        assertEquals(0, r.exitCode(), r.output());
        return List.of(r.output().split("\n"));
    }

    private static void assertSameFloats(float[] expected, String numpyValues, String what) {
        String[] got = numpyValues.trim().split(" ");
        assertEquals(expected.length, got.length, what + ": value count");
        for (int k = 0; k < expected.length; k++) {
            // NumPy prints the float64 of each float32: converting back is exact.
            assertEquals(Float.floatToIntBits(expected[k]), Float.floatToIntBits((float) Double.parseDouble(got[k])), what + " [" + k + "]");
        }
    }

    @Test
    void rightClickOnATileExportsItsPngAndNpy() throws Exception {
        Python.assumeModules("numpy");
        TrainingSnapshot last = trainAFewEpochsAndPause();
        Answers a = answers();
        LayerSnapshot l = last.layers().get(0);

        clickOn("#weightsHeatmapBox", MouseButton.SECONDARY);
        clickOn("Export PNG…");
        String png = String.format(Locale.ROOT, "fc1-weights-epoch-%04d.png", last.epoch());
        awaitMessage("Saved " + png + " to " + a.dir);
        assertEquals(List.of(png), a.offeredNames);
        assertTrue(lookup("#heatmapViewer").tryQuery().isEmpty(), "a right click does not open the viewer");

        BufferedImage img = ImageIO.read(a.dir.resolve(png).toFile());
        assertTrue(img.getWidth() >= 64 && img.getHeight() >= 36, img.getWidth() + " x " + img.getHeight());
        double maxAbs = 0;
        for (int k = 0; k < l.weights().length; k++) {
            if (l.mask().get(k / 64, k % 64)) maxAbs = Math.max(maxAbs, Math.abs(l.weights()[k]));
        }
        // The map's corner: just inside its grey frame (the first frame-coloured pixel, scanning from the top left).
        int[] frame = find(img, 0xFF9AA0A8);
        int[] origin = {frame[0] + 1, frame[1] + 1};
        // The cell size: 64 columns across, enlarged by a whole factor.
        int scale = findScale(img, origin, l, maxAbs);
        for (int r = 0; r < 36; r++) {
            for (int c = 0; c < 64; c++) {
                int x = origin[0] + c * scale + scale / 2, y = origin[1] + r * scale + scale / 2;
                int want = l.mask().get(r, c) ? ColorMap.BLUE_WHITE_RED.map(l.weights()[r * 64 + c], -maxAbs, maxAbs) : 0xFFD0D0D0;
                assertEquals(Integer.toHexString(want), Integer.toHexString(img.getRGB(x, y)), "cell (" + r + ", " + c + ")");
            }
        }
        // A colour bar right of the map: a column running from the maximum's colour down to the minimum's.
        int barTop = -1;
        for (int x = origin[0] + 64 * scale + 2; x < img.getWidth() && barTop < 0; x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (img.getRGB(x, y) == ColorMap.BLUE_WHITE_RED.at(1)) {
                    barTop = y;
                    break;
                }
            }
        }
        assertTrue(barTop >= 0, "a colour bar with the maximum's colour beside the map");

        // The gradient tile's NPY: the raw gradient of the snapshot, on absent connections too.
        clickOn("#gradientHeatmapBox", MouseButton.SECONDARY);
        clickOn("Export NPY…");
        String npy = String.format(Locale.ROOT, "fc1-gradient-epoch-%04d.npy", last.epoch());
        awaitMessage("Saved " + npy + " to " + a.dir);
        List<String> out = numpy(a.dir.resolve(npy));
        assertEquals("float32 (36, 64)", out.get(0));
        assertSameFloats(l.gradient(), out.get(1), "gradient");
        assertTrue(l.gradient()[60] != 0 && !l.mask().get(0, 60), "absent connections' gradients are in the file as they are");
    }

    /** The first pixel of colour {@code argb}, row by row from the top left. */
    private static int[] find(BufferedImage img, int argb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if (img.getRGB(x, y) == argb) return new int[] {x, y};
        }
        throw new AssertionError("no pixel of colour " + Integer.toHexString(argb));
    }

    /** The whole cell size at which all 36 x 64 cells' centres hold their colours, else the first that fails. */
    private static int findScale(BufferedImage img, int[] origin, LayerSnapshot l, double maxAbs) {
        for (int s = 1; s <= 64; s++) {
            if (origin[0] + 64 * s > img.getWidth() || origin[1] + 36 * s > img.getHeight()) break;
            boolean ok = true;
            for (int c = 0; c < 64 && ok; c++) {
                int want = l.mask().get(0, c) ? ColorMap.BLUE_WHITE_RED.map(l.weights()[c], -maxAbs, maxAbs) : 0xFFD0D0D0;
                ok = img.getRGB(origin[0] + c * s + s / 2, origin[1] + s / 2) == want;
            }
            if (ok) return s;
        }
        throw new AssertionError("the first row of cells is not in the picture at any whole scale");
    }

    @Test
    void rightClickInTheViewerExportsTheShownMapAsNpy() throws Exception {
        Python.assumeModules("numpy");
        TrainingSnapshot last = trainAFewEpochsAndPause();
        Answers a = answers();
        clickOn("#maskHeatmapBox");
        waitUntil(() -> lookup("#heatmapViewer").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        a.answerName = "mask-without-extension";
        clickOn("#heatmapCanvas", MouseButton.SECONDARY);
        clickOn("Export NPY…");
        String name = "mask-without-extension.npy";
        waitUntil(() -> text("heatmapViewerNotice").equals("Saved " + name + " to " + a.dir));
        assertEquals(List.of(String.format(Locale.ROOT, "fc1-mask-epoch-%04d.npy", last.epoch())), a.offeredNames);
        List<String> out = numpy(a.dir.resolve(name));
        assertEquals("float32 (36, 64)", out.get(0));
        LayerSnapshot l = last.layers().get(0);
        float[] mask = new float[36 * 64];
        for (int k = 0; k < mask.length; k++) mask[k] = l.mask().get(k / 64, k % 64) ? 1 : 0;
        assertSameFloats(mask, out.get(1), "mask");
    }

    @Test
    void exportModelWritesTheSelectedEpochWhichPytorchEvaluatesToItsAccuracy() throws Exception {
        Python.assumeModules("numpy", "torch");
        trainAFewEpochsAndPause();
        Answers a = answers();
        // Back to an earlier epoch than the latest: the export is of the epoch shown.
        TrainingSnapshot chosen = trainer().history().snapshots().get(1);
        fx(() -> lookup("#epochScrubber").queryAs(Slider.class).setValue(1));
        waitUntil(() -> text("epochLabel").startsWith(chosen.epoch() + " of "));
        clickOn("#exportModel");
        Path out = a.dir.resolve("model");
        awaitMessage("Exported epoch " + chosen.epoch() + " to " + out);

        Python.Result r = Python.run(List.of(out.resolve("load_model.py").toString()), 300);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(String.format(Locale.ROOT, "val_accuracy=%.6f", chosen.metrics().valAccuracy()), r.output(),
                "PyTorch on the exported weights gives the trainer's validation accuracy of that epoch");

        // The forward pass of the first validation rows matches a plain float64 reading of the snapshot.
        String code = String.join("\n",
                "import sys, numpy as np, torch",
                "sys.path.insert(0, sys.argv[1])",
                "from load_model import load_model",
                "model, meta = load_model(sys.argv[1])",
                "x = np.load(sys.argv[1] + '/val.npz')['x'][:5]",
                "with torch.no_grad():",
                "    y = model(torch.from_numpy(x)).numpy()",
                "print(meta['metrics']['epoch'])",
                "print(' '.join(repr(v) for v in x.ravel().tolist()))",
                "print(' '.join(repr(v) for v in y.ravel().tolist()))");
        Python.Result f = Python.script(code, List.of(out.toString()), 300);
        assertEquals(0, f.exitCode(), f.output());
        String[] lines = f.output().split("\n");
        assertEquals(String.valueOf(chosen.epoch()), lines[0].trim());
        String[] xs = lines[1].trim().split(" "), ys = lines[2].trim().split(" ");
        assertEquals(5 * 64, xs.length);
        assertEquals(5 * 10, ys.length);
        for (int n = 0; n < 5; n++) {
            double[] in = new double[64];
            for (int i = 0; i < 64; i++) in[i] = Double.parseDouble(xs[n * 64 + i]);
            double[] probs = forward(chosen, in);
            for (int c = 0; c < 10; c++) {
                assertEquals(probs[c], Double.parseDouble(ys[n * 10 + c]), 1e-4, "row " + n + ", class " + c);
            }
        }

        // A folder that cannot be made (a file is in the way): the message says so, nothing crashes.
        Path blocked = Files.writeString(a.dir.resolve("a-file"), "x");
        a.answerFolder = "a-file";
        clickOn("#exportModel");
        waitUntil(() -> text("exportMessage").startsWith("Cannot export epoch " + chosen.epoch() + " to " + blocked + ": "));
        assertEquals("Cannot export epoch " + chosen.epoch() + " to " + blocked + ": a file is in the way (" + blocked + ")", text("exportMessage"));
    }

    @Test
    void exportModelOfASavedRunWritesTheChosenEpochFromItsFolder() throws Exception {
        Python.assumeModules("numpy", "torch");
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(3)));
        clickOn("#trainingTab");
        clickOn("#start");
        waitUntil(() -> trainer() != null && trainer().progress().state() == Trainer.State.FINISHED);
        Path run;
        try (var s = Files.list(home.resolve("runs"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path runDir = run;
        // What File → Open Run… does with the chosen folder.
        fx(() -> window.training().openRun(runDir));
        waitUntil(() -> lookup("#savedRunBar").query().isVisible() && text("epochLabel").equals("3 (latest)"));
        clickOn("#followLatest");
        clickOn("#epochScrubber");
        push(KeyCode.END);
        push(KeyCode.LEFT);
        waitUntil(() -> text("epochLabel").equals("2 of 3"));
        Answers a = answers();
        clickOn("#exportModel");
        Path out = a.dir.resolve("model");
        awaitMessage("Exported epoch 2 to " + out);
        String valAccuracy = null;
        for (String line : Files.readAllLines(run.resolve("metrics.csv"))) if (line.startsWith("2,")) valAccuracy = line.split(",")[4];
        Python.Result r = Python.run(List.of(out.resolve("load_model.py").toString()), 300);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(String.format(Locale.ROOT, "val_accuracy=%.6f", Double.parseDouble(valAccuracy)), r.output(),
                "PyTorch on the exported weights gives metrics.csv's epoch-2 validation accuracy");
    }

    /** digits-local's network in float64: hidden = relu(W1∘M1 x + b1), output = softmax(W2∘M2 h + b2). */
    private static double[] forward(TrainingSnapshot s, double[] x) {
        double[] a = x;
        for (int k = 0; k < 2; k++) {
            LayerSnapshot l = s.layers().get(k);
            double[] z = new double[l.outFeatures()];
            for (int o = 0; o < z.length; o++) {
                z[o] = l.bias()[o];
                for (int i = 0; i < l.inFeatures(); i++) if (l.mask().get(o, i)) z[o] += l.weights()[o * l.inFeatures() + i] * a[i];
            }
            if (k == 0) {
                for (int o = 0; o < z.length; o++) z[o] = Math.max(0, z[o]);
            } else {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : z) max = Math.max(max, v);
                for (int o = 0; o < z.length; o++) sum += z[o] = Math.exp(z[o] - max);
                for (int o = 0; o < z.length; o++) z[o] /= sum;
            }
            a = z;
        }
        return a;
    }
}
