package io.maskstudio.io;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training block's {@code pruneSchedule}: written when set, read back, optional in older files, refused when malformed. */
class GraphFilePruneScheduleTest {
    @TempDir
    Path dir;

    private static final String FILE = """
            {"formatVersion": 1,
             "layers": [{"name": "in", "size": 3, "activation": "identity"}, {"name": "out", "size": 2, "activation": "softmax"}],
             "masks": [{"shape": [2, 3], "rows": ["110", "011"]}],
             "training": {"dataset": "xor", "optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 5,
                          "weightDecay": 0, "seed": 1, "validationFraction": 0.2%s}}
            """;

    private static NetworkDesign design(PruneSchedule schedule) {
        List<LayerSpec> layers = List.of(LayerSpec.vector("in", 3, Activation.IDENTITY), LayerSpec.vector("out", 2, Activation.SOFTMAX));
        return new NetworkDesign(layers, List.of(Mask.full(2, 3)), TrainingSettings.defaults("xor").withPruneSchedule(schedule));
    }

    @Test
    void aScheduleIsWrittenAsTextAndReadBack() throws Exception {
        Path p = dir.resolve("g.graph.json");
        GraphFile.write(p, design(PruneSchedule.parse("0.5@3,0.25@6,9")));
        String json = Files.readString(p);
        assertTrue(json.contains("\"pruneSchedule\": \"0.5@3,0.25@6,0.25@9\""), json);
        TrainingSettings read = GraphFile.read(p).settings();
        assertEquals(PruneSchedule.parse("0.5@3,0.25@6,0.25@9"), read.pruneSchedule());
        assertEquals(0.25, read.pruneSchedule().fractionAfter(9));
        assertTrue(GraphFile.parseLoaded("g", Files.readAllBytes(p)).extras().paths().isEmpty(), "a known field, not an extra");
    }

    @Test
    void withoutAScheduleTheFileIsAsOlderVersionsWroteIt() throws Exception {
        Path p = dir.resolve("g.graph.json");
        GraphFile.write(p, design(PruneSchedule.NONE));
        assertFalse(Files.readString(p).contains("pruneSchedule"));
        assertTrue(GraphFile.read(p).settings().pruneSchedule().isEmpty());
    }

    @Test
    void anOldFileWithoutTheFieldLoadsWithoutPruning() throws Exception {
        NetworkDesign d = GraphFile.parse("old.graph.json", FILE.formatted("").getBytes(StandardCharsets.UTF_8));
        assertEquals(PruneSchedule.NONE, d.settings().pruneSchedule());
        assertEquals(5, d.settings().epochs());
    }

    @Test
    void aBadScheduleNamesTheFieldAndTheExpectedForm() {
        assertEquals("g.graph.json: training.pruneSchedule: expected text of the form " + PruneSchedule.FORM
                + ", found \"0.5@x\" (the epoch 'x' is not a whole number)", error(", \"pruneSchedule\": \"0.5@x\""));
        assertEquals("g.graph.json: training.pruneSchedule: expected text of the form " + PruneSchedule.FORM
                + ", found \"2@3\" (the fraction must be between 0 and 1 (exclusive), was 2)", error(", \"pruneSchedule\": \"2@3\""));
        assertTrue(error(", \"pruneSchedule\": 0.5").startsWith("g.graph.json: training.pruneSchedule: expected text of the form F@E"));
    }

    private static String error(String field) {
        return assertThrows(FormatException.class,
                () -> GraphFile.parse("g.graph.json", FILE.formatted(field).getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
