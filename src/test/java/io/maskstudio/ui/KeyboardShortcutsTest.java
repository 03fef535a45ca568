package io.maskstudio.ui;

import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.shell.FileDialogs;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's shortcuts pressed on the keyboard (the robot's key events), checked by what appears on screen. */
class KeyboardShortcutsTest extends UiTest {

    /** Records every chooser the window asks for and cancels it (a native chooser cannot be driven headless). */
    private final List<String> asked = new ArrayList<>();

    private void recordChoosers() {
        fx(() -> window.setFileDialogs(new FileDialogs() {
            @Override
            public File showOpen(FileChooser chooser, Window owner) {
                asked.add("open: " + chooser.getTitle());
                return null;
            }

            @Override
            public File showSave(FileChooser chooser, Window owner) {
                asked.add("save: " + chooser.getTitle());
                return null;
            }
        }));
    }

    /** Gives the window's scene the keyboard: a click on the status bar, which does nothing. */
    private void focusWindow() {
        clickOn("#statusPair");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrlYRedoesWhatCtrlZUndid() throws Exception {
        var m = window.editor().matrix();
        fx(() -> m.toolProperty().set(MatrixTool.BRUSH));
        assertFalse(window.document().design().mask(0).get(2, 50));
        drag(m.localToScreen(m.cellCentre(2, 50)[0], m.cellCentre(2, 50)[1]), MouseButton.PRIMARY)
                .moveTo(m.localToScreen(m.cellCentre(2, 52)[0], m.cellCentre(2, 52)[1])).drop();
        awaitIdle();
        assertTrue(window.document().design().mask(0).get(2, 51));
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertFalse(window.document().design().mask(0).get(2, 51), "undone");
        push(KeyCode.CONTROL, KeyCode.Y);
        awaitIdle();
        assertTrue(window.document().design().mask(0).get(2, 51), "redone");
        assertTrue(window.document().design().mask(0).get(2, 50) && window.document().design().mask(0).get(2, 52));
    }

    @Test
    void ctrlOneToFiveSwitchTheMatrixToolAndTheToolbarShowsIt() throws Exception {
        focusWindow();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        // Out of order, so each press has to change the tool.
        int[] order = {2, 4, 0, 3, 1};
        for (int k : order) {
            MatrixTool expected = MatrixTool.values()[k];
            push(KeyCode.CONTROL, digits[k]);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(expected, window.editor().matrix().toolProperty().get(), "Ctrl+" + (k + 1));
            for (MatrixTool t : MatrixTool.values()) {
                ToggleButton b = lookup("#matrixTool" + t.label()).queryAs(ToggleButton.class);
                assertTrue(b.isVisible() && b.getScene() != null, t.label() + " is on screen");
                assertEquals(t == expected, b.isSelected(), "Ctrl+" + (k + 1) + ": button " + t.label());
            }
        }
    }

    @Test
    void ctrlGShowsTheGeneratorsDialog() throws Exception {
        focusWindow();
        assertTrue(lookup("#generatorsDialog").tryQuery().isEmpty());
        push(KeyCode.CONTROL, KeyCode.G);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#generatorsDialog").tryQuery()
                .map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        Node pane = lookup("#generatorsDialog").query();
        assertTrue(pane.isVisible() && pane.getScene().getWindow().isShowing());
        clickDialogButton("generatorsDialog", "Cancel");
    }

    @Test
    void ctrlIAndCtrlEAskForTheFileToImportAndToExport() throws Exception {
        recordChoosers();
        focusWindow();
        push(KeyCode.CONTROL, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("open: Import mask into pair 0"), asked);
        push(KeyCode.CONTROL, KeyCode.E);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("open: Import mask into pair 0", "save: Export mask"), asked);
        push(KeyCode.CONTROL, KeyCode.O);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("open: Open graph", asked.get(2));
        assertEquals(3, asked.size());
    }
}
