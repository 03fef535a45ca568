package io.maskstudio.io;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.SparseTraining.Method;
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

/** The training block's {@code sparse} method: written with every parameter, read back, optional, refused field by field. */
class GraphFileSparseTrainingTest {
    @TempDir
    Path dir;

    private static final String FILE = """
            {"formatVersion": 1,
             "layers": [{"name": "in", "size": 3, "activation": "identity"}, {"name": "out", "size": 2, "activation": "softmax"}],
             "masks": [{"shape": [2, 3], "rows": ["110", "011"]}],
             "training": {"dataset": "xor", "optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 5,
                          "weightDecay": 0, "seed": 1, "validationFraction": 0.2%s}}
            """;

    private static NetworkDesign design(SparseTraining sparse) {
        List<LayerSpec> layers = List.of(LayerSpec.vector("in", 3, Activation.IDENTITY), LayerSpec.vector("out", 2, Activation.SOFTMAX));
        return new NetworkDesign(layers, List.of(Mask.full(2, 3)), TrainingSettings.defaults("xor").withSparse(sparse));
    }

    @Test
    void everyParameterIsWrittenAndReadBack() throws Exception {
        SparseTraining gmp = new SparseTraining(Method.GMP, 25, 0.2, 0.6, 0.05, 2, 8, SparseTraining.Scope.GLOBAL);
        Path p = dir.resolve("g.graph.json");
        GraphFile.write(p, design(gmp));
        String json = Files.readString(p).replaceAll("\\s", "");
        assertTrue(json.contains("\"sparse\":{\"method\":\"gmp\",\"updateEvery\":25,\"dropFraction\":0.2,\"updateEnd\":0.6,"
                + "\"targetDensity\":0.05,\"pruneStart\":2,\"pruneEnd\":8,\"scope\":\"global\"}"), json);
        assertEquals(gmp, GraphFile.read(p).settings().sparse());
        assertTrue(GraphFile.parseLoaded("g", Files.readAllBytes(p)).extras().paths().isEmpty(), "a known field, not an extra");
    }

    @Test
    void staticMasksWriteNoBlockAndOlderFilesReadAsStatic() throws Exception {
        Path p = dir.resolve("g.graph.json");
        GraphFile.write(p, design(SparseTraining.STATIC));
        assertFalse(Files.readString(p).contains("\"sparse\""));
        assertEquals(SparseTraining.STATIC, GraphFile.parse("old", FILE.formatted("").getBytes(StandardCharsets.UTF_8)).settings().sparse());
    }

    @Test
    void onlyTheMethodIsRequired() throws Exception {
        SparseTraining read = GraphFile.parse("g", FILE.formatted(", \"sparse\": {\"method\": \"rigl\", \"updateEvery\": 50}")
                .getBytes(StandardCharsets.UTF_8)).settings().sparse();
        assertEquals(SparseTraining.of(Method.RIGL).withUpdateEvery(50), read);
    }

    @Test
    void aBadFieldIsNamedWithWhatWasExpected() {
        assertEquals("g.graph.json: training.sparse.method: expected one of static, set, rigl, gmp, found \"magic\"",
                error(", \"sparse\": {\"method\": \"magic\"}"));
        assertEquals("g.graph.json: training.sparse.dropFraction: expected a number in [0, 1], found 1.5",
                error(", \"sparse\": {\"method\": \"set\", \"dropFraction\": 1.5}"));
        assertEquals("g.graph.json: training.sparse.updateEvery: expected an integer >= 1, found 0",
                error(", \"sparse\": {\"method\": \"set\", \"updateEvery\": 0}"));
        assertEquals("g.graph.json: training.sparse.pruneEnd: expected 0 or an epoch after pruneStart (4), found 3",
                error(", \"sparse\": {\"method\": \"gmp\", \"pruneStart\": 4, \"pruneEnd\": 3}"));
        assertEquals("g.graph.json: training.sparse.scope: expected pair or global, found \"layer\"",
                error(", \"sparse\": {\"method\": \"gmp\", \"scope\": \"layer\"}"));
        assertTrue(error(", \"sparse\": \"rigl\"").startsWith("g.graph.json: training.sparse: expected an object with a method"));
    }

    private static String error(String field) {
        return assertThrows(FormatException.class,
                () -> GraphFile.parse("g.graph.json", FILE.formatted(field).getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
