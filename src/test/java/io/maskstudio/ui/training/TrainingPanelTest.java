package io.maskstudio.ui.training;

import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panel driven through its buttons on the xor sample, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class TrainingPanelTest {
    private static final long WAIT_SECONDS = 60;
    private NetworkDesign design;
    private TrainingPanel panel;

    @Start
    void start(Stage stage) throws Exception {
        design = GraphFile.read(Path.of("sample-graphs/xor.graph.json"));
        // Many epochs, so a test that pauses is not beaten by the run finishing on its own.
        design.setSettings(design.settings().withEpochs(100_000));
        panel = new TrainingPanel(design);
        stage.setScene(new Scene(panel, 1280, 800));
        // Monocle's headless screen is 1280x800: a larger stage overflows its frame buffer.
        stage.show();
    }

    @AfterEach
    void dispose() throws Exception {
        WaitForAsyncUtils.asyncFx(panel::dispose).get(10, TimeUnit.SECONDS);
    }

    @Test
    void startTrainsAndDrawsCurvesAndHeatmaps(FxRobot robot) throws Exception {
        removeConnection(0, 0, 0); // xor is fully connected: give the growth map an absent connection to show
        robot.clickOn("#start");
        waitUntil(() -> epoch() >= 2);
        waitUntil(() -> fx(() -> panel.charts().points() >= 2));
        waitUntil(() -> fx(() -> notBlank(panel.heatmaps().weightsTile().image())));
        waitUntil(() -> fx(() -> notBlank(panel.heatmaps().growthTile().image())));
    }

    private void removeConnection(int pair, int out, int in) throws Exception {
        fx(() -> {
            Mask m = design.mask(pair).copy();
            m.set(out, in, false);
            design.setMask(pair, m);
            return null;
        });
    }

    private int epoch() throws Exception {
        Trainer t = fx(() -> panel.controller().trainer());
        return t == null ? 0 : t.progress().epoch();
    }

    static boolean notBlank(WritableImage image) {
        if (image == null) return false;
        PixelReader r = image.getPixelReader();
        int first = r.getArgb(0, 0);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (r.getArgb(x, y) != first) return true;
            }
        }
        return false;
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for {@code condition}; on timeout fails with what the panel showed. */
    void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            Trainer t = fx(() -> panel.controller().trainer());
            throw new AssertionError("timed out; status: " + fx(() -> panel.status().getText())
                    + "; message: " + fx(() -> panel.message().getText())
                    + "; progress: " + (t == null ? "no trainer" : t.progress()), e);
        }
    }
}
