package io.maskstudio.ui;

import io.maskstudio.io.MaskFiles;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.render.Side;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.editor.MatrixView;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the window tells the user after an edit: the status line, the undo controls, the import dialog's default. */
class WindowFeedbackTest extends UiTest {
    @TempDir
    Path tmp;

    private Label statusHover() {
        return lookup("#statusHover").queryAs(Label.class);
    }

    private Point2D neuron(Side side, int i) {
        var b = window.editor().bipartite();
        double[] xy = b.neuronCentre(side, i);
        return b.localToScreen(xy[0], xy[1]);
    }

    private Point2D cell(int row, int col) {
        MatrixView m = window.editor().matrix();
        double[] xy = m.cellCentre(row, col);
        return m.localToScreen(xy[0], xy[1]);
    }

    @Test
    void hoverTextFollowsAnEditUnderTheMouse() throws Exception {
        int before = window.document().design().mask(0).fanIn(0);
        drag(neuron(Side.SOURCE, 63), MouseButton.PRIMARY).moveTo(neuron(Side.TARGET, 0)).drop();
        awaitIdle();
        assertEquals(before + 1, window.document().design().mask(0).fanIn(0));
        // The mouse rests on target #0: its fan-in is the new one, not the one seen while dragging.
        assertTrue(statusHover().getText().endsWith("fan-in " + (before + 1)), statusHover().getText());
    }

    @Test
    void paintingTheHoveredCellSaysItIsConnectedNow() throws Exception {
        fx(() -> window.editor().matrix().toolProperty().set(MatrixTool.BRUSH));
        assertFalse(window.document().design().mask(0).get(2, 50));
        moveTo(cell(2, 50));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(statusHover().getText().endsWith(": not connected"), statusHover().getText());
        clickOn(cell(2, 50));
        awaitIdle();
        assertTrue(window.document().design().mask(0).get(2, 50));
        assertTrue(statusHover().getText().endsWith(": connected"), statusHover().getText());
        // Deleting it again under the mouse (Shift-click erases) flips the text back.
        press(KeyCode.SHIFT);
        clickOn(cell(2, 50));
        release(KeyCode.SHIFT);
        awaitIdle();
        assertTrue(statusHover().getText().endsWith(": not connected"), statusHover().getText());
    }

    @Test
    void undoButtonKeepsItsLabelAndWidthAndTellsTheStepInTooltipAndMenu() throws Exception {
        Button undo = lookup("#toolbarUndo").queryButton();
        double width = undo.getWidth();
        Button generators = from((Node) lookup("#toolBar").query()).lookup((Button b) -> b.getText().startsWith("Generators")).query();
        double generatorsX = generators.localToScene(0, 0).getX();
        assertTrue(undo.isDisabled());
        drag(cell(2, 50), MouseButton.PRIMARY).moveTo(cell(2, 60)).drop();
        awaitIdle();
        String step = window.document().history().undoDescription().orElseThrow();
        assertFalse(undo.isDisabled());
        assertEquals("Undo", undo.getText());
        assertEquals(width, undo.getWidth(), 0.5, "the toolbar does not move");
        assertEquals(generatorsX, generators.localToScene(0, 0).getX(), 0.5, "the buttons after it stay put");
        assertTrue(undo.getTooltip().getText().contains(step), undo.getTooltip().getText() + " / " + step);

        clickOn("Edit");
        WaitForAsyncUtils.waitForFxEvents();
        Menu edit = ((MenuBar) lookup("#menuBar").query()).getMenus().get(1);
        assertTrue(edit.isShowing());
        assertTrue(edit.getItems().get(0).getText().contains(step), edit.getItems().get(0).getText());
        push(KeyCode.ESCAPE);

        clickOn(undo);
        awaitIdle();
        assertFalse(window.document().design().mask(0).get(2, 55), "the toolbar button undoes");
        assertEquals("Redo", lookup("#toolbarRedo").queryButton().getText());
        assertTrue(lookup("#toolbarRedo").queryButton().getTooltip().getText().contains(step));
    }

    @Test
    void enterOnATransposedImportTransposes() throws Exception {
        Mask m = MaskGenerators.band(64, 36, 1); // [in, out]: the pair's [36, 64] transposed
        Path file = tmp.resolve("transposed.npy");
        MaskFiles.writeNpy(file, m);
        fx(() -> window.maskImport().importMask(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#shapeMismatchDialog").tryQuery()
                .map(n -> n.getScene() != null && n.getScene().getWindow().isShowing()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = lookup("#shapeMismatchDialog").query();
        Button def = from(pane).lookup((Button b) -> b.isDefaultButton()).query();
        assertEquals("Transpose", def.getText());
        push(KeyCode.ENTER);
        awaitIdle();
        assertEquals(36, window.document().design().layer(1).size(), "the layers keep their sizes");
        assertEquals(m.transpose(), window.document().design().mask(0));
    }
}
