package io.maskstudio.io;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphFileTest {
    @TempDir
    Path dir;

    static NetworkDesign randomDesign(Random rnd) {
        int n = 2 + rnd.nextInt(3);
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Activation a = k == n - 1 ? Activation.SOFTMAX : Activation.values()[rnd.nextInt(4)];
            if (rnd.nextBoolean()) {
                int h = 1 + rnd.nextInt(12);
                int w = 1 + rnd.nextInt(12);
                layers.add(LayerSpec.grid("g\"" + k + "ü", 1 + rnd.nextInt(2), h, w, a));
            } else {
                layers.add(LayerSpec.vector("layer " + k, 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 300), a));
            }
        }
        List<Mask> masks = new ArrayList<>();
        for (int k = 0; k + 1 < n; k++) {
            Mask m = new Mask(layers.get(k + 1).size(), layers.get(k).size());
            double density = rnd.nextDouble();
            for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) m.set(o, i, rnd.nextDouble() < density);
            masks.add(m);
        }
        TrainingSettings s = new TrainingSettings("digits", TrainingSettings.OPTIMIZERS.get(rnd.nextInt(5)), Math.pow(10, -1 - 4 * rnd.nextDouble()),
                1 + rnd.nextInt(256), rnd.nextInt(100), rnd.nextDouble() * 1e-3, rnd.nextLong(), rnd.nextDouble() * 0.9);
        return new NetworkDesign(layers, masks, s);
    }

    @Test
    void writeThenReadGivesTheSameContent() throws Exception {
        Random rnd = new Random(3);
        Path p = dir.resolve("g.graph.json");
        int largeMasks = 0;
        for (int trial = 0; trial < 60; trial++) {
            NetworkDesign d = randomDesign(rnd);
            GraphFile.write(p, d);
            NetworkDesign back = GraphFile.read(p);
            assertTrue(d.sameContent(back), "trial " + trial);
            for (Mask m : d.masks()) if ((long) m.rows() * m.cols() > GraphFile.MAX_ROW_STRING_CELLS) largeMasks++;
            // writing the read design again gives identical bytes
            assertArrayEquals(Files.readAllBytes(p), GraphFile.toJson(back));
        }
        assertTrue(largeMasks > 5, "both encodings exercised");
    }

    @Test
    void smallMasksAreReadableRows() {
        Mask m = new Mask(2, 3);
        m.set(0, 1, true);
        m.set(1, 0, true);
        m.set(1, 2, true);
        NetworkDesign d = new NetworkDesign(List.of(LayerSpec.vector("in", 3, Activation.IDENTITY), LayerSpec.vector("out", 2, Activation.SOFTMAX)),
                List.of(m), TrainingSettings.defaults("xor"));
        String json = new String(GraphFile.toJson(d), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "formatVersion": 1,
                  "layers": [
                    {"name": "in", "size": 3, "activation": "identity"},
                    {"name": "out", "size": 2, "activation": "softmax"}
                  ],
                  "masks": [
                    {
                      "shape": [2, 3],
                      "nnz": 3,
                      "rows": [
                        "010",
                        "101"
                      ]
                    }
                  ],
                  "training": {
                    "dataset": "xor",
                    "optimizer": "adam",
                    "learningRate": 0.001,
                    "batchSize": 32,
                    "epochs": 30,
                    "weightDecay": 0.0,
                    "seed": 42,
                    "validationFraction": 0.2
                  }
                }
                """, json);
    }

    private String minimal(String masks, String version) {
        return """
                {"formatVersion": %s,
                 "layers": [{"name": "in", "size": 3, "activation": "identity"}, {"name": "out", "size": 2, "activation": "softmax"}],
                 "masks": [%s],
                 "training": {"dataset": "xor", "optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 5,
                              "weightDecay": 0, "seed": 1, "validationFraction": 0.2}}
                """.formatted(version, masks);
    }

    private String error(String json) {
        return assertThrows(FormatException.class, () -> GraphFile.parse("graph.json", json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void badFieldsNameTheirJsonPath() {
        assertEquals("graph.json: masks[0].rows[1]: expected 3 characters of 0/1, found 2",
                error(minimal("{\"shape\": [2, 3], \"rows\": [\"010\", \"10\"]}", "1")));
        assertEquals("graph.json: masks[0].rows[0]: expected 3 characters of 0/1, found 'x' at column 1",
                error(minimal("{\"shape\": [2, 3], \"rows\": [\"0x0\", \"101\"]}", "1")));
        assertEquals("graph.json: masks[0].shape: expected [2, 3] ([out, in] = sizes of layers 'out' and 'in'), found [3,2]",
                error(minimal("{\"shape\": [3, 2], \"rows\": [\"01\", \"10\", \"11\"]}", "1")));
        assertEquals("graph.json: masks: expected 1 masks (one per consecutive layer pair), found an array of 0",
                error(minimal("", "1")));
        assertEquals("graph.json: masks[0].nnz: expected 2 (the number of connections in the mask), found 5",
                error(minimal("{\"shape\": [2, 3], \"nnz\": 5, \"rows\": [\"010\", \"100\"]}", "1")));
        String ok = "{\"shape\": [2, 3], \"rows\": [\"010\", \"100\"]}";
        assertEquals("graph.json: training.optimizer: expected one of sgd, momentum, adam, adamw, rmsprop, found \"lbfgs\"",
                error(minimal(ok, "1").replace("\"adam\"", "\"lbfgs\"")));
        assertEquals("graph.json: training.batchSize: expected an integer >= 1, found 16.5",
                error(minimal(ok, "1").replace("16", "16.5")));
        assertEquals("graph.json: layers[0].activation: expected relu, tanh, sigmoid or identity (softmax only on the output layer), found \"softmax\"",
                error(minimal(ok, "1").replace("\"identity\"", "\"softmax\"")));
        assertEquals("graph.json: layers[1].size: expected an integer >= 1, found no such field",
                error(minimal(ok, "1").replace("\"size\": 2, ", "")));
        assertEquals("graph.json: formatVersion: expected the graph file format version (1), found no such field",
                error(minimal(ok, "1").replace("\"formatVersion\": 1,", "")));
        assertEquals("graph.json: line 1, column 3: expected valid JSON, found Unexpected close marker '}': no open Object to close",
                error("{}}"));
        assertEquals("graph.json: (top level): expected a JSON object, found an empty document", error(""));
    }

    @Test
    void newerFormatVersionIsRefused() {
        assertEquals("graph.json: formatVersion: expected version 1 or older (the file comes from a newer MaskStudio: update to open it), found 2",
                error(minimal("{\"shape\": [2, 3], \"rows\": [\"010\", \"100\"]}", "2")));
    }

    @Test
    void checksumMismatchIsReported() throws Exception {
        Mask big = new Mask(70, 80);
        big.set(3, 4, true);
        NetworkDesign d = new NetworkDesign(List.of(LayerSpec.vector("in", 80, Activation.IDENTITY), LayerSpec.vector("out", 70, Activation.SOFTMAX)),
                List.of(big), TrainingSettings.defaults("digits"));
        String json = new String(GraphFile.toJson(d), StandardCharsets.UTF_8);
        String crc = MaskEncoding.crc32Hex(MaskEncoding.pack(big));
        assertTrue(json.contains("\"crc32\": \"" + crc + "\""));
        // flip one bit of the packed data: base64 "AAAA" -> "AAAB" somewhere in the zeros
        int at = json.indexOf("AAAA");
        String broken = json.substring(0, at) + "AAAB" + json.substring(at + 4);
        String msg = error(broken);
        assertTrue(msg.startsWith("graph.json: masks[0].bits: expected data with CRC32 " + crc + " (as stored in crc32), found CRC32 "), msg);
        assertTrue(msg.endsWith(" (the mask data is corrupted)"), msg);
    }

    @Test
    void failedReadChangesNothingAndFailedSaveKeepsTheOldFile() throws Exception {
        Path p = dir.resolve("x.graph.json");
        NetworkDesign d = GraphFileTest.randomDesign(new Random(1));
        GraphFile.write(p, d);
        byte[] before = Files.readAllBytes(p);
        Files.write(dir.resolve("bad.graph.json"), "{\"formatVersion\": 1}".getBytes(StandardCharsets.UTF_8));
        assertThrows(FormatException.class, () -> GraphFile.read(dir.resolve("bad.graph.json")));
        assertArrayEquals(before, Files.readAllBytes(p));
        // a save that cannot happen (its directory would have to replace a file) fails without leaving anything behind
        assertThrows(IOException.class, () -> GraphFile.write(p.resolve("y.graph.json"), d));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }
}
