package io.maskstudio.io;

import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in sample-graphs/ loads, has the documented shapes and connection counts, and matches its generator. */
class SampleGraphsTest {

    @Test
    @EnabledIfSystemProperty(named = "maskstudio.writeSamples", matches = "true")
    void regenerate() throws Exception {
        SampleGraphs.writeAll(SampleGraphs.DIR);
    }

    @Test
    void everySampleGraphLoads() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SampleGraphs.DIR)) {
            files = s.filter(p -> p.toString().endsWith(".graph.json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "sample graphs present: " + files);
        for (Path p : files) {
            NetworkDesign d = GraphFile.read(p);
            for (int k = 0; k < d.pairCount(); k++) {
                Mask m = d.mask(k);
                assertEquals(d.layer(k + 1).size(), m.rows(), p + " pair " + k);
                assertEquals(d.layer(k).size(), m.cols(), p + " pair " + k);
                int[] fanIn = m.fanIns();
                for (int o = 0; o < fanIn.length; o++) assertTrue(fanIn[o] > 0, p + ": neuron " + o + " of layer " + (k + 1) + " has no inputs");
            }
        }
    }

    @Test
    void samplesHaveTheDocumentedConnectivity() throws Exception {
        // file -> {layer sizes..., nnz per pair...}
        Map<String, long[][]> expected = Map.of(
                "digits-local.graph.json", new long[][]{{64, 36, 10}, {36 * 9, 360}},
                "digits-dense.graph.json", new long[][]{{64, 36, 10}, {2304, 360}},
                "xor.graph.json", new long[][]{{2, 4, 2}, {8, 8}},
                // 14x14 windows of 5x5, stride 2, padding 2 on 28x28: 67 covered positions per axis (3+5+11*5+4)
                "mnist-local.graph.json", new long[][]{{784, 196, 10}, {67 * 67, 1960}},
                "lenet-300-100.graph.json", new long[][]{{784, 300, 100, 10}, {784 * 300, 300 * 100, 100 * 10}},
                // 5% of 266200 = 13310 by ERK: shares 13310 * (784+300, 300+100, 100+10) / 1594, largest remainder
                "lenet-300-100-erk5.graph.json", new long[][]{{784, 300, 100, 10}, {9051, 3340, 919}},
                // 2% of 266200 = 5324 by ERK: 3620.6, 1336.0, 367.4; the one left over goes to the largest remainder
                "lenet-300-100-rigl2.graph.json", new long[][]{{784, 300, 100, 10}, {3621, 1336, 367}});
        for (var e : expected.entrySet()) {
            NetworkDesign d = GraphFile.read(SampleGraphs.DIR.resolve(e.getKey()));
            long[] sizes = e.getValue()[0];
            long[] nnz = e.getValue()[1];
            assertEquals(sizes.length, d.layerCount(), e.getKey());
            for (int k = 0; k < sizes.length; k++) assertEquals(sizes[k], d.layer(k).size(), e.getKey() + " layer " + k);
            for (int k = 0; k < nnz.length; k++) assertEquals(nnz[k], d.mask(k).nnz(), e.getKey() + " pair " + k);
        }
        NetworkDesign local = GraphFile.read(SampleGraphs.DIR.resolve("digits-local.graph.json"));
        // hidden (2, 3) sees input rows 2..4, cols 3..5
        Mask m = local.mask(0);
        int o = 2 * 6 + 3;
        assertArrayEquals(new int[]{19, 20, 21, 27, 28, 29, 35, 36, 37}, m.rowIndices(o));
        assertEquals(0.01, local.settings().learningRate());
        assertEquals(42L, local.settings().seed());
    }

    @Test
    void committedFilesMatchTheGenerator() throws Exception {
        for (var e : SampleGraphs.all().entrySet()) {
            Path p = SampleGraphs.DIR.resolve(e.getKey());
            assertTrue(GraphFile.read(p).sameContent(e.getValue()), e.getKey());
            assertArrayEquals(GraphFile.toJson(e.getValue()), Files.readAllBytes(p), e.getKey() + " is byte-identical to a fresh save");
        }
    }
}
