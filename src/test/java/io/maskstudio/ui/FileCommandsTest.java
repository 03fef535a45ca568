package io.maskstudio.ui;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.ui.editor.MaskEdits;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileCommandsTest extends UiTest {
    @TempDir
    Path tmp;

    private void connectOne() {
        fx(() -> {
            BitSet s = new BitSet(), t = new BitSet();
            s.set(63);
            t.set(0);
            MaskEdits.setAll(window.document(), s, t, true);
        });
    }

    @Test
    void saveWritesAtomicallyKeepsTheHistoryAndClearsTheMark() throws Exception {
        connectOne();
        assertTrue(stage.getTitle().startsWith("*"));
        Path file = tmp.resolve("mine.graph.json");
        fx(() -> window.files().saveTo(file, null));
        awaitIdle();
        assertTrue(stage.getTitle().startsWith("mine.graph.json"), stage.getTitle());
        NetworkDesign saved = GraphFile.read(file);
        assertTrue(saved.sameContent(window.document().design()));
        assertTrue(window.document().history().canUndo(), "the history survives a save");
        fx(() -> window.undo());
        assertTrue(stage.getTitle().startsWith("*"), "undo after save is a change again");
        assertTrue(window.files().recent().files().contains(file.toAbsolutePath().normalize()));
    }

    @Test
    void openingAGraphFileFromTheCommandLineShowsIt() throws Exception {
        Path file = tmp.resolve("xor.graph.json");
        Files.copy(Path.of("sample-graphs/xor.graph.json"), file);
        fx(() -> window.files().open(file));
        awaitIdle();
        assertEquals(3, window.document().design().layerCount());
        assertEquals(2, window.document().design().layer(0).size());
        assertTrue(stage.getTitle().startsWith("xor.graph.json"), stage.getTitle());
    }

    @Test
    void openingABrokenGraphShowsWhyAndKeepsTheCurrentOne() throws Exception {
        Path file = tmp.resolve("broken.graph.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"layers\": []}");
        NetworkDesign before = window.document().design();
        fx(() -> window.files().open(file));
        awaitIdle();
        assertTrue(window.document().design() == before);
        assertTrue(lookup("#errorDialog").queryAs(DialogPane.class).getContentText().contains("broken.graph.json"));
    }

    @Test
    void closingWithUnsavedChangesAsksAndCancelKeepsTheWindow() throws Exception {
        connectOne();
        WaitForAsyncUtils.asyncFx(() -> window.requestClose());
        clickDialogButton("unsavedDialog", "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());

        WaitForAsyncUtils.asyncFx(() -> window.requestClose());
        clickDialogButton("unsavedDialog", "Don't Save");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
    }
}
