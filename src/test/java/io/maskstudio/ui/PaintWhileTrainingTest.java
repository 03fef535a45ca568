package io.maskstudio.ui;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.editor.MatrixView;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the main window: start training the digits sample, go back to the editor and paint and erase with the matrix
 * brush while it trains. The trainer ends up with exactly the painted mask, and every weight it holds at an absent
 * position is +0.0 (bit for bit, so no -0.0 or tiny leftover either).
 */
class PaintWhileTrainingTest extends UiTest {

    private Trainer trainer() {
        return window.training().trainer();
    }

    private static Point2D cell(MatrixView m, int row, int col) {
        double[] xy = m.cellCentre(row, col);
        return m.localToScreen(xy[0], xy[1]);
    }

    @Test
    void brushStrokesWhileTrainingReachTheTrainerAndAbsentWeightsArePlusZero() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        // The tab's header, found by the tab's id: a lookup by the text "Training" finds the panel's title label first,
        // which sits in the unselected tab's content, and the click lands in the editor instead.
        clickOn("#trainingTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.modes().getSelectionModel().getSelectedIndex(), "the Training tab is shown");
        Button start = lookup("#start").queryButton();
        clickOn(start);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> trainer() != null && trainer().progress().epoch() >= 1);
        assertEquals(Trainer.State.RUNNING, trainer().progress().state());

        clickOn("#editorTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.modes().getSelectionModel().getSelectedIndex(), "the Editor tab is shown");
        MatrixView m = window.editor().matrix();
        fx(() -> m.toolProperty().set(MatrixTool.BRUSH));
        Mask before = window.document().design().mask(0).copy();
        assertTrue(before.get(0, 0) && before.get(0, 1), "hidden #0 sees pixels 0 and 1 in the sample");
        // Paint hidden #5's row across pixels 40..47, then erase hidden #0's first two connections.
        drag(cell(m, 5, 40), MouseButton.PRIMARY).moveTo(cell(m, 5, 47)).drop();
        press(KeyCode.SHIFT);
        drag(cell(m, 0, 0), MouseButton.PRIMARY).moveTo(cell(m, 0, 1)).drop();
        release(KeyCode.SHIFT);
        awaitIdle();
        Mask painted = window.document().design().mask(0).copy();
        for (int c = 40; c <= 47; c++) assertTrue(painted.get(5, c), "painted cell " + c);
        assertFalse(painted.get(0, 0) || painted.get(0, 1), "erased");
        assertEquals(Trainer.State.RUNNING, trainer().progress().state(), "the edits were made while it trained");

        // The next epoch's snapshot after the edits reached the trainer holds the painted mask.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            TrainingSnapshot s = trainer().history().latest();
            return s != null && s.layers().get(0).mask().equals(painted);
        });
        LayerSnapshot layer = trainer().history().latest().layers().get(0);
        assertEquals(painted, layer.mask());
        int absent = 0;
        for (int o = 0; o < layer.outFeatures(); o++) {
            for (int i = 0; i < layer.inFeatures(); i++) {
                float w = layer.weights()[o * layer.inFeatures() + i];
                if (!painted.get(o, i)) {
                    assertEquals(0, Float.floatToRawIntBits(w), "weight (" + o + ", " + i + ") of an absent connection is " + w);
                    absent++;
                }
            }
        }
        assertEquals((long) painted.rows() * painted.cols() - painted.nnz(), absent);
        assertTrue(layer.weights()[5 * layer.inFeatures() + 40] != 0f || layer.weights()[5 * layer.inFeatures() + 47] != 0f,
                "the painted connections train");
    }
}
