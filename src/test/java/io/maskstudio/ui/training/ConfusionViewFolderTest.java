package io.maskstudio.ui.training;

import io.maskstudio.data.Dataset;
import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.TorchExport;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.ui.fx.TaskRunner;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.maskstudio.ui.training.TrainingPanelTest.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The confusion view fed from a run folder (how an opened run shows it): its val.npz, or the file's problem. */
@ExtendWith(ApplicationExtension.class)
class ConfusionViewFolderTest {
    private static final List<LayerSpec> LAYERS = List.of(LayerSpec.vector("in", 3, Activation.IDENTITY),
            LayerSpec.vector("h", 4, Activation.TANH), LayerSpec.vector("out", 3, Activation.SOFTMAX));
    private ConfusionView view;

    @Start
    void start(Stage stage) {
        view = new ConfusionView(TaskRunner.sameThread());
        stage.setScene(new Scene(view, 600, 400));
        stage.show();
    }

    @Test
    void aRunFoldersValidationSetGivesTheCells(@TempDir Path run) throws Exception {
        Random r = new Random(4);
        int n = 50;
        float[] x = new float[n * 3];
        int[] y = new int[n];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        for (int k = 0; k < n; k++) y[k] = r.nextInt(3);
        TorchExport.writeValidation(run, x, y, 3);
        TrainingSnapshot s = snapshot(r);
        fx(() -> {
            view.show(s, ValidationSource.runFolder(run, LAYERS));
            return null;
        });
        int[][] expected = ConfusionViewTest.naiveConfusion(s, List.of(Activation.TANH, Activation.SOFTMAX),
                new Dataset("v", n, 3, x, y, List.of("0", "1", "2"), 0, 0));
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                int tt = t, pp = p;
                assertEquals(Integer.toString(expected[t][p]), fx(() -> ((Label) view.lookup("#" + ConfusionView.cellId(tt, pp))).getText()));
            }
        }
    }

    @Test
    void aMissingValidationFileIsNamedInsteadOfCells(@TempDir Path run) throws Exception {
        TrainingSnapshot s = snapshot(new Random(1));
        fx(() -> {
            view.show(s, ValidationSource.runFolder(run, LAYERS));
            return null;
        });
        String shown = fx(() -> ((Label) view.lookup("#confusionSummary")).getText());
        assertTrue(shown.contains(run.resolve("val.npz").toString()), shown);
        assertNull(fx(() -> view.lookup("#" + ConfusionView.cellId(0, 0))), "no cells");
    }

    private static TrainingSnapshot snapshot(Random r) {
        int[][] shapes = {{4, 3}, {3, 4}};
        List<LayerSnapshot> layers = new ArrayList<>();
        for (int[] sh : shapes) {
            Mask m = new Mask(sh[0], sh[1]);
            float[] w = new float[sh[0] * sh[1]];
            for (int o = 0; o < sh[0]; o++) {
                for (int i = 0; i < sh[1]; i++) {
                    // Roughly two thirds present; absent weights stay 0 as in a snapshot.
                    if (r.nextInt(3) > 0) {
                        m.set(o, i, true);
                        w[o * sh[1] + i] = (float) r.nextGaussian();
                    }
                }
            }
            float[] b = new float[sh[0]];
            for (int o = 0; o < b.length; o++) b[o] = (float) r.nextGaussian() * 0.2f;
            layers.add(new LayerSnapshot(sh[0], sh[1], w, b, null, m));
        }
        return new TrainingSnapshot(new EpochMetrics(3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0), layers);
    }
}
