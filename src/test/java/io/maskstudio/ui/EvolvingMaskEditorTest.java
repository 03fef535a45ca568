package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.editor.MatrixView;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A RigL run with a small ΔT changes the sample's sparse mask while it trains: the editor's design follows the trainer's
 * masks (not only at epoch ends), a brush click afterwards adds its one cell to the evolved mask in the trainer and the
 * design alike, and Undo takes back only that cell.
 */
class EvolvingMaskEditorTest extends UiTest {

    private Trainer trainer() {
        return window.training().trainer();
    }

    private List<Mask> designMasks() {
        List<Mask> out = new ArrayList<>();
        fx(() -> {
            for (Mask m : window.document().design().masks()) out.add(m.copy());
        });
        return out;
    }

    private static List<Mask> masksOf(TrainingSnapshot s) {
        List<Mask> out = new ArrayList<>();
        for (var l : s.layers()) out.add(l.mask().copy());
        return out;
    }

    @Test
    void theEditorFollowsRiglsMasksAndAUserEditKeepsThem() throws Exception {
        // Batches of 4 on the digits sample: hundreds of steps in the first epoch, a RigL update every 2 of them.
        fx(() -> {
            NetworkDesign d = window.document().design();
            d.setSettings(d.settings().withEpochs(1000).withBatchSize(4)
                    .withSparse(SparseTraining.of(SparseTraining.Method.RIGL).withUpdateEvery(2)));
        });
        List<Mask> drawn = designMasks();
        clickOn("#trainingTab");
        clickOn("#start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> trainer() != null && trainer().progress().step() >= 20);
        clickOn("#pause");
        assertEquals(Trainer.State.PAUSED, trainer().awaitIdle(30, TimeUnit.SECONDS).state());
        // One batch more: the trainer publishes the network as it is then (pausedSnapshot), the reference here.
        clickOn("#step");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> trainer().pausedSnapshot() != null);
        trainer().awaitIdle(30, TimeUnit.SECONDS);
        List<Mask> trained = masksOf(trainer().pausedSnapshot());
        assertNotEquals(drawn.get(0), trained.get(0), "RigL changed the sparse mask");
        assertEquals(drawn.get(0).nnz(), trained.get(0).nnz(), "RigL keeps the connection count");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> designMasks().equals(trained));
        assertEquals(trained, designMasks(), "the design holds the trainer's masks");
        if (trainer().progress().epoch() == 0) {
            assertEquals(drawn, masksOf(trainer().history().latest()), "no epoch has ended: the design followed the mask updates themselves");
        }

        // A brush click on an absent cell of the evolved mask, as a user does it in the editor.
        clickOn("#editorTab");
        MatrixView m = window.editor().matrix();
        fx(() -> {
            window.document().setPair(0);
            m.toolProperty().set(MatrixTool.BRUSH);
        });
        WaitForAsyncUtils.waitForFxEvents();
        int[] cell = absentCell(trained.get(0), drawn.get(0));
        double[] xy = fxValue(() -> m.cellCentre(cell[0], cell[1]));
        Point2D at = fxValue(() -> m.localToScreen(xy[0], xy[1]));
        clickOn(at);
        awaitIdle();
        Mask expected = trained.get(0).copy();
        expected.set(cell[0], cell[1], true);
        assertEquals(expected, designMasks().get(0), "the evolved mask plus the clicked cell");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> trainer().pausedSnapshot() != null
                && masksOf(trainer().pausedSnapshot()).get(0).equals(expected));
        assertEquals(trained.get(1), masksOf(trainer().pausedSnapshot()).get(1), "the other pair is as trained");

        // Undo takes back the click only: the method's changes stay, in the design and in the trainer.
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertEquals(trained.get(0), designMasks().get(0), "undo removed only the clicked cell");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> masksOf(trainer().pausedSnapshot()).get(0).equals(trained.get(0)));
        assertFalse(designMasks().get(0).equals(drawn.get(0)), "not back to the drawn mask");
        assertTrue(window.document().history().canRedo(), "the click can be redone");
    }

    /** A cell absent in the evolved mask, one RigL did not touch (so it is plainly the user's). */
    private static int[] absentCell(Mask evolved, Mask drawn) {
        for (int o = 0; o < evolved.rows(); o++) {
            for (int i = 0; i < evolved.cols(); i++) {
                if (!evolved.get(o, i) && !drawn.get(o, i)) return new int[] {o, i};
            }
        }
        throw new AssertionError("the mask has no absent cell");
    }

    private <T> T fxValue(Supplier<T> s) {
        List<T> box = new ArrayList<>();
        fx(() -> box.add(s.get()));
        return box.get(0);
    }
}
