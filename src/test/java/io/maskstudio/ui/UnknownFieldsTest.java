package io.maskstudio.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.editor.MatrixView;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graph file with fields this version does not know (top level, in a layer, in a mask, in the training block),
 * opened in the main window, edited with the mouse and saved with Ctrl+S: every field comes back unchanged.
 */
class UnknownFieldsTest extends UiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path file;
    private JsonNode original;

    @Override
    protected void prepareHome(Path home) throws Exception {
        ObjectNode g = (ObjectNode) JSON.readTree(Path.of("sample-graphs/digits-local.graph.json").toFile());
        g.set("notes", JSON.readTree("{\"author\": \"ada\", \"tags\": [1, 2.5, \"\u00fcber\", null, true], \"nested\": {\"x\": []}}"));
        ((ObjectNode) g.get("layers").get(1)).put("color", "#ff8800");
        ((ObjectNode) g.get("masks").get(0)).set("provenance", JSON.readTree("{\"tool\": \"prune.py\", \"step\": 12345678901234}"));
        ((ObjectNode) g.get("training")).put("scheduler", "cosine");
        file = home.resolve("work/annotated.graph.json");
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), g);
        original = JSON.readTree(file.toFile());
    }

    @Override
    protected Path fileToOpen() {
        return file;
    }

    @Test
    void openingListsTheUnknownFieldsAndSavingAfterAnEditWritesThemBack() throws Exception {
        // The note is on screen after opening.
        assertTrue(lookup("#fileNotes").query().isVisible(), "the banner shows");
        String shown = lookup("#fileNotesText").queryLabeled().getText();
        for (String path : new String[] {"notes", "layers[1].color", "masks[0].provenance", "training.scheduler"}) {
            assertTrue(shown.contains(path), path + " in: " + shown);
        }

        // Edit with the mouse: a brush stroke on the matrix view.
        MatrixView m = window.editor().matrix();
        fx(() -> m.toolProperty().set(MatrixTool.BRUSH));
        assertFalse(window.document().design().mask(0).get(0, 40));
        drag(onScreen(m, m.cellCentre(0, 40)), MouseButton.PRIMARY).moveTo(onScreen(m, m.cellCentre(0, 44))).drop();
        awaitIdle();
        assertTrue(stage.getTitle().startsWith("*"), stage.getTitle());

        push(KeyCode.CONTROL, KeyCode.S);
        awaitIdle();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage.getTitle().startsWith("*"));

        JsonNode saved = JSON.readTree(file.toFile());
        assertTrue(saved.get("masks").get(0).get("rows").get(0).asText().startsWith("11111", 40), "the edit was saved");
        assertSameValue(original.get("notes"), saved.get("notes"));
        assertSameValue(original.get("layers").get(1).get("color"), saved.get("layers").get(1).get("color"));
        assertSameValue(original.get("masks").get(0).get("provenance"), saved.get("masks").get(0).get("provenance"));
        assertSameValue(original.get("training").get("scheduler"), saved.get("training").get("scheduler"));
        assertFalse(saved.get("layers").get(0).has("color"), "a layer's field stays with its layer");
    }

    @Test
    void theAutosaveKeepsTheUnknownFieldsToo() throws Exception {
        MatrixView m = window.editor().matrix();
        fx(() -> m.toolProperty().set(MatrixTool.BRUSH));
        drag(onScreen(m, m.cellCentre(1, 50)), MouseButton.PRIMARY).moveTo(onScreen(m, m.cellCentre(1, 52))).drop();
        awaitIdle();
        fx(() -> window.autosave().saveNow());
        awaitIdle();
        Path autosave;
        try (var files = Files.list(home.resolve("autosave"))) {
            autosave = files.filter(p -> p.toString().endsWith(".graph.json")).findFirst().orElseThrow();
        }
        JsonNode saved = JSON.readTree(autosave.toFile());
        assertTrue(saved.get("masks").get(0).get("rows").get(1).asText().startsWith("111", 50), "the edit was autosaved");
        assertSameValue(original.get("notes"), saved.get("notes"));
        assertSameValue(original.get("layers").get(1).get("color"), saved.get("layers").get(1).get("color"));
        assertSameValue(original.get("masks").get(0).get("provenance"), saved.get("masks").get(0).get("provenance"));
        assertSameValue(original.get("training").get("scheduler"), saved.get("training").get("scheduler"));
    }

    /** Byte-equal once both values are written the same way (the file's own layout may differ). */
    private static void assertSameValue(JsonNode expected, JsonNode actual) throws Exception {
        assertEquals(expected, actual);
        assertArrayEquals(JSON.writeValueAsBytes(expected), JSON.writeValueAsBytes(actual));
    }

    private static Point2D onScreen(MatrixView m, double[] xy) {
        return m.localToScreen(xy[0], xy[1]);
    }
}
