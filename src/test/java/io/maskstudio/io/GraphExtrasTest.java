package io.maskstudio.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unknown graph-file fields are kept and reported; older format versions go through the migration hook. */
class GraphExtrasTest {
    @TempDir
    Path dir;

    private static final String WITH_EXTRAS = """
            {"formatVersion": 1,
             "notes": {"author": "ada", "tags": ["a", "b"]},
             "layers": [{"name": "in", "size": 3, "activation": "identity", "color": "#ff0000"},
                        {"name": "out", "size": 2, "activation": "softmax"}],
             "masks": [{"shape": [2, 3], "rows": ["010", "101"], "comment": "hand-made"}],
             "training": {"dataset": "xor", "optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 5,
                          "weightDecay": 0, "seed": 1, "validationFraction": 0.2, "scheduler": "cosine"}}
            """;

    private static LoadedGraph parse(String json) throws FormatException {
        return GraphFile.parseLoaded("g.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSparseMethodIsAKnownFieldAndAChangedOneIsSaved() throws Exception {
        LoadedGraph g = parse(WITH_EXTRAS.replace("\"scheduler\": \"cosine\"", "\"sparse\": {\"method\": \"rigl\", \"updateEvery\": 7}"));
        assertEquals(List.of("notes", "layers[0].color", "masks[0].comment"), g.extras().paths(), "training.sparse is read, not kept aside");
        assertEquals(SparseTraining.Method.RIGL, g.design().settings().sparse().method());
        // The app's settings form changes the method; the saved file has the new one, not the opened file's.
        g.design().setSettings(g.design().settings().withSparse(SparseTraining.of(SparseTraining.Method.GMP).withTargetDensity(0.05)));
        Path p = dir.resolve("s.graph.json");
        GraphFile.write(p, g.design(), g.extras());
        assertEquals(SparseTraining.of(SparseTraining.Method.GMP).withTargetDensity(0.05), GraphFile.read(p).settings().sparse());
    }

    @Test
    void unknownFieldsAreReportedAndWrittenBack() throws Exception {
        LoadedGraph g = parse(WITH_EXTRAS);
        assertEquals(List.of("notes", "layers[0].color", "masks[0].comment", "training.scheduler"), g.extras().paths());
        assertEquals(List.of("Kept 4 fields this version does not know (notes, layers[0].color, masks[0].comment, training.scheduler); saving writes "
                + "them back."),
                g.notes());
        Path p = dir.resolve("g.graph.json");
        GraphFile.write(p, g.design(), g.extras());
        String saved = Files.readString(p);
        assertTrue(saved.contains("\"color\": \"#ff0000\""), saved);
        assertTrue(saved.contains("\"comment\": \"hand-made\""), saved);
        assertTrue(saved.contains("\"scheduler\": \"cosine\""), saved);
        LoadedGraph again = GraphFile.load(p);
        assertEquals(g.extras().paths(), again.extras().paths());
        assertTrue(g.design().sameContent(again.design()));
        // saving what was loaded is stable byte for byte
        assertEquals(saved, new String(GraphFile.toJson(again.design(), again.extras()), StandardCharsets.UTF_8));
    }

    @Test
    void fieldsFollowTheirLayerByNameAndUnplaceableOnesAreListed() throws Exception {
        LoadedGraph g = parse(WITH_EXTRAS);
        NetworkDesign d = g.design().copy();
        d.insertLayer(1, LayerSpec.vector("hidden", 4, Activation.RELU));
        assertEquals(List.of("masks[0].comment"), g.extras().unplaceable(d), "the in -> out pair no longer exists");
        String json = new String(GraphFile.toJson(d, g.extras()), StandardCharsets.UTF_8);
        assertTrue(json.contains("{\"name\": \"in\", \"size\": 3, \"activation\": \"identity\", \"color\": \"#ff0000\"}"), json);
        assertFalse(json.contains("hand-made"), json);
    }

    @Test
    void plainFilesHaveNoNotes() throws Exception {
        LoadedGraph g = GraphFile.load(SampleGraphs.DIR.resolve("xor.graph.json"));
        assertTrue(g.extras().isEmpty());
        assertEquals(List.of(), g.notes());
        assertFalse(g.migrated());
    }

    @Test
    void newerVersionIsRefusedOlderWithoutMigrationToo() {
        assertEquals("g.json: formatVersion: expected version 1 or older (the file comes from a newer MaskStudio: update to open it), found 2",
                assertThrows(FormatException.class, () -> parse(WITH_EXTRAS.replace("\"formatVersion\": 1", "\"formatVersion\": 2"))).getMessage());
        assertEquals("g.json: formatVersion: expected a version from 1 to 1, found 0",
                assertThrows(FormatException.class, () -> parse(WITH_EXTRAS.replace("\"formatVersion\": 1", "\"formatVersion\": 0"))).getMessage());
    }

    /**
     * A synthetic version 0 (never released) to exercise the hook: it called the masks "connections" and
     * the learning rate "lr". The step renames them; the result reads as version 1 and says it was migrated.
     */
    private static final GraphMigrations WITH_V0 = new GraphMigrations(Map.of(0, (root, f) -> {
        if (!root.has("connections")) throw f.error("connections", "the masks of a version 0 file", root.path("connections"));
        root.set("masks", root.remove("connections"));
        ObjectNode t = (ObjectNode) root.path("training");
        if (t.has("lr")) t.set("learningRate", t.remove("lr"));
    }));

    @Test
    void olderVersionIsMigrated() throws Exception {
        String v0 = WITH_EXTRAS.replace("\"formatVersion\": 1", "\"formatVersion\": 0").replace("\"masks\"", "\"connections\"")
                .replace("\"learningRate\"", "\"lr\"");
        LoadedGraph g = GraphFile.parseLoaded("g.json", v0.getBytes(StandardCharsets.UTF_8), WITH_V0);
        assertTrue(g.migrated());
        assertEquals(0, g.fileFormatVersion());
        assertTrue(g.design().sameContent(parse(WITH_EXTRAS).design()));
        assertEquals("The file has graph format version 0; it was upgraded to version 1 and is saved as version 1.", g.notes().get(0));
        assertTrue(new String(GraphFile.toJson(g.design(), g.extras()), StandardCharsets.UTF_8).startsWith("{\n  \"formatVersion\": 1,"));
        assertEquals("g.json: connections: expected the masks of a version 0 file, found no such field",
                assertThrows(FormatException.class, () -> GraphFile.parseLoaded("g.json",
                        WITH_EXTRAS.replace("\"formatVersion\": 1", "\"formatVersion\": 0").getBytes(StandardCharsets.UTF_8), WITH_V0)).getMessage());
        assertEquals("g.json: formatVersion: expected a version from 0 to 1, found -1",
                assertThrows(FormatException.class, () -> GraphFile.parseLoaded("g.json",
                        WITH_EXTRAS.replace("\"formatVersion\": 1", "\"formatVersion\": -1").getBytes(StandardCharsets.UTF_8), WITH_V0)).getMessage());
    }
}
