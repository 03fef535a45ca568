package io.maskstudio.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.edit.MaskEdit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutosaveTest extends UiTest {

    private NetworkDesign leftover;

    @Override
    protected void prepareHome(Path home) throws Exception {
        // A session that crashed left its autosave (and no lock holder).
        leftover = App.loadSample();
        leftover.setMask(0, MaskGenerators.band(36, 64, 2));
        Path dir = home.resolve("autosave");
        Files.createDirectories(dir);
        // The crashed session had opened a file with a field this version does not know.
        String json = new String(GraphFile.toJson(leftover), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("crashed-session.graph.json"), json.replaceFirst("\\{", "{\"reviewer\": {\"name\": \"grace\", \"ok\": [true, 3]},"));
        Files.writeString(dir.resolve("crashed-session.source"), home.resolve("work/mine.graph.json").toString());
    }

    @Test
    void crashedSessionsWorkIsOfferedAndRestoredAsUnsaved() throws Exception {
        clickDialogButton("recoveryDialog", "Restore");
        awaitIdle();
        assertTrue(window.document().design().sameContent(leftover));
        assertTrue(stage.getTitle().startsWith("*mine.graph.json"), stage.getTitle());
        try (Stream<Path> files = Files.list(home.resolve("autosave"))) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".graph.json")).count(), "the restored autosave is gone");
        }
        Path target = home.resolve("saved.graph.json");
        fx(() -> window.files().saveTo(target, null));
        awaitIdle();
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"name\": \"grace\", \"ok\": [true, 3]}"), json.readTree(target.toFile()).get("reviewer"),
                "the recovered work keeps the unknown field of its file");
    }

    @Test
    void unsavedChangesAreAutosavedAndRemovedWhenSaved() throws Exception {
        clickDialogButton("recoveryDialog", "Discard");
        fx(() -> window.document().history().perform(MaskEdit.replace(window.document().design(), 0, MaskGenerators.full(36, 64), "full")));
        fx(() -> window.autosave().saveNow());
        awaitIdle();
        Path dir = home.resolve("autosave");
        try (Stream<Path> files = Files.list(dir)) {
            Path saved = files.filter(p -> p.toString().endsWith(".graph.json")).findFirst().orElseThrow();
            assertEquals(36 * 64, GraphFile.read(saved).mask(0).nnz());
        }
        Path target = home.resolve("saved.graph.json");
        fx(() -> window.files().saveTo(target, null));
        awaitIdle();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".graph.json")).count(), "saving removes the autosave");
        }
    }
}
