package io.maskstudio.ui;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The Training tab's "Make N:M by |w|" on the digits sample (64 pixels -> 36 hidden, a local mask): train, pause, type
 * 2 and 4, press the button. Every group of four consecutive inputs of every row then has exactly the two cells a
 * sort of the shown snapshot's |w| picks (absent connections count as 0, ties by the lower index), as one step that
 * Edit > Undo takes back, and the paused trainer gets the mask at once.
 */
class NOfMByMagnitudeTest extends TrainingHintsUi {

    /** Replaces a spinner's text by typing, as a user does. */
    private void typeInto(String spinnerId, int value) {
        Node editor = lookup("#" + spinnerId + " .text-field").query();
        doubleClickOn(editor);
        push(KeyCode.CONTROL, KeyCode.A);
        write(Integer.toString(value));
    }

    /** The paused run's shown snapshot, once the buttons may act on it (its mask is the design's). */
    @Test
    void twoOfFourByMagnitudeKeepsTheLargestTwoOfEveryGroupAndUndoes() throws Exception {
        trainAndPause();
        Button make = lookup("#nOfMByMagnitude").queryButton();
        scrollIntoView(make);
        TrainingSnapshot shown = shownAndActionable("nOfMByMagnitude");
        LayerSnapshot l = shown.layers().get(0);
        Mask before = designMask();
        int undoSteps = window.document().history().undoDescriptions().size();

        typeInto("nOfMN", 2);
        typeInto("nOfMM", 4);
        clickOn(make);
        awaitIdle();

        // Independently: in each row, each group of four inputs sorted by |w| (absent cells as 0) descending, then index.
        int in = l.inFeatures();
        Mask expected = new Mask(l.outFeatures(), in);
        for (int o = 0; o < l.outFeatures(); o++) {
            for (int g = 0; g < in; g += 4) {
                List<Integer> group = new ArrayList<>();
                for (int i = g; i < g + 4; i++) group.add(i);
                int row = o;
                group.sort(Comparator.<Integer>comparingDouble(i -> before.get(row, i) ? -Math.abs(l.weights()[row * in + i]) : 0.0)
                        .thenComparingInt(i -> i));
                expected.set(o, group.get(0), true);
                expected.set(o, group.get(1), true);
            }
        }
        Mask after = designMask();
        assertNotEquals(before, after, "the local mask is not 2:4: something changed");
        assertEquals(expected, after, "exactly the two largest |w| of every group of four");
        for (int o = 0; o < l.outFeatures(); o++) {
            for (int g = 0; g < in; g += 4) {
                int present = 0;
                for (int i = g; i < g + 4; i++) if (after.get(o, i)) present++;
                assertEquals(2, present, "row " + o + " group " + g);
            }
        }
        assertEquals(undoSteps + 1, window.document().history().undoDescriptions().size(), "one undo step");
        assertEquals("Make 2:4 by |w| (pixels → hidden)", window.document().history().undoDescription().orElseThrow());
        assertEquals("Make 2:4 by |w|", make.getText());
        waitUntil(() -> trainer().pausedSnapshot() != null && trainer().pausedSnapshot().layers().get(0).mask().equals(expected));

        // Edit > Undo names the step and restores the mask, here and in the trainer.
        clickOn("Edit");
        WaitForAsyncUtils.waitForFxEvents();
        Menu edit = ((MenuBar) lookup("#menuBar").query()).getMenus().get(1);
        assertEquals("Undo Make 2:4 by |w| (pixels → hidden)", edit.getItems().get(0).getText());
        // Straight down into the menu first: a diagonal path would cross "Layer" and open that menu instead.
        moveBy(0, 30);
        clickOn("Undo Make 2:4 by |w| (pixels → hidden)");
        awaitIdle();
        assertEquals(before, designMask(), "one undo restores the mask");
        waitUntil(() -> trainer().pausedSnapshot().layers().get(0).mask().equals(before));
    }
}
