package io.maskstudio.ui;

import io.maskstudio.model.Mask;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Generators dialog's N:M, Blocks and Constant fan-in kinds on the MNIST sample (784 pixels -> 196 hidden), as a
 * user drives them: choose the kind, type its parameters, Apply; the design's mask then has the kind's invariant on
 * every row (counted here cell by cell), and Edit > Undo gives the old mask back. Parameters that do not fit the pair
 * are refused with the dialog's message and Apply does nothing.
 */
class GeneratorPatternsTest extends GeneratorsDialogUi {
    private static final int ROWS = 196, COLS = 784;

    private Mask mask() {
        return window.document().design().mask(0);
    }

    /** Types each (param, value), waits for the preview, clicks Apply and waits for the dialog to close. */
    private void applyWith(DialogPane pane, String... paramsAndValues) throws TimeoutException {
        for (int k = 0; k < paramsAndValues.length; k += 2) type(paramsAndValues[k], paramsAndValues[k + 1]);
        waitUntil(() -> text("#generatorStats").contains("connections"));
        assertEquals("", text("#generatorProblem"));
        Window dialog = pane.getScene().getWindow();
        clickOn(button(pane, "Apply"));
        waitUntil(() -> !dialog.isShowing());
        awaitIdle();
    }

    /** Edit > Undo (the menu's first item names the step), as a user does. */
    private void undoByMenu(String expectedStart) throws TimeoutException {
        clickOn("Edit");
        WaitForAsyncUtils.waitForFxEvents();
        Menu edit = ((MenuBar) lookup("#menuBar").query()).getMenus().get(1);
        String undo = edit.getItems().get(0).getText();
        assertTrue(undo.startsWith("Undo " + expectedStart), undo);
        // Straight down into the menu first: a diagonal path would cross "Layer" and open that menu instead.
        moveBy(0, 30);
        clickOn(undo);
        awaitIdle();
    }

    @Test
    void twoOfFourHasExactlyTwoInEveryGroupOfFourAndUndoes() throws Exception {
        Mask before = mask().copy();
        DialogPane pane = openDialog();
        chooseGenerator("N:M (N of every M inputs)");
        applyWith(pane, "N", "2", "M", "4");
        Mask after = mask();
        for (int o = 0; o < ROWS; o++) {
            for (int g = 0; g < COLS; g += 4) {
                int present = 0;
                for (int i = g; i < g + 4; i++) if (after.get(o, i)) present++;
                assertEquals(2, present, "row " + o + ", inputs " + g + ".." + (g + 3));
            }
        }
        undoByMenu("N:M");
        assertEquals(before, mask(), "one undo restores the mask");
    }

    @Test
    void constantFanInGivesEveryOutputExactlyKInputsAndUndoes() throws Exception {
        Mask before = mask().copy();
        DialogPane pane = openDialog();
        chooseGenerator("Constant fan-in");
        applyWith(pane, "FAN_IN", "13");
        Mask after = mask();
        for (int o = 0; o < ROWS; o++) {
            int present = 0;
            for (int i = 0; i < COLS; i++) if (after.get(o, i)) present++;
            assertEquals(13, present, "row " + o);
        }
        undoByMenu("Constant fan-in");
        assertEquals(before, mask());
    }

    @Test
    void blocksAreEachAllOrNothingAtTheAskedShareAndUndo() throws Exception {
        Mask before = mask().copy();
        DialogPane pane = openDialog();
        chooseGenerator("Blocks");
        applyWith(pane, "BLOCK_ROWS", "4", "BLOCK_COLS", "8", "DENSITY", "0.3");
        Mask after = mask();
        // 196 x 784 in 4 x 8 blocks: 49 x 98 = 4,802 whole blocks, 30% of them (1,440.6 -> 1,441) present.
        int present = 0;
        for (int br = 0; br < ROWS; br += 4) {
            for (int bc = 0; bc < COLS; bc += 8) {
                boolean first = after.get(br, bc);
                for (int o = br; o < br + 4; o++) {
                    for (int i = bc; i < bc + 8; i++) assertEquals(first, after.get(o, i), "block at " + br + "," + bc + " cell " + o + "," + i);
                }
                if (first) present++;
            }
        }
        assertEquals(1441, present, "round(blocks * density) blocks");
        undoByMenu("Blocks");
        assertEquals(before, mask());
    }

    @Test
    void parametersThatDoNotFitThePairAreRefusedInTheDialog() throws Exception {
        DialogPane pane = openDialog();
        Mask before = mask().copy();
        chooseGenerator("N:M (N of every M inputs)");
        type("N", "5");
        type("M", "4");
        waitUntil(() -> !text("#generatorProblem").isEmpty());
        assertTrue(text("#generatorProblem").contains("5") && text("#generatorProblem").contains("4"), text("#generatorProblem"));
        assertTrue(button(pane, "Apply").isDisabled(), "n > m cannot be applied");
        assertTrue(lookup("#generatorProblem").query().getStyleClass().contains("generator-problem"));

        chooseGenerator("Constant fan-in");
        type("FAN_IN", "785");
        waitUntil(() -> text("#generatorProblem").contains("785"));
        assertTrue(button(pane, "Apply").isDisabled(), "k > inputs cannot be applied");

        chooseGenerator("Blocks");
        type("BLOCK_ROWS", "197");
        waitUntil(() -> text("#generatorProblem").contains("a block of 197 rows is taller than the mask, which has 196 rows"));
        assertTrue(button(pane, "Apply").isDisabled(), "a block taller than the mask cannot be applied");

        clickOn(button(pane, "Apply"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.getScene().getWindow().isShowing());
        assertEquals(before, mask(), "nothing applied");
        assertFalse(window.document().history().canUndo());
        clickOn(button(pane, "Cancel"));
    }
}
