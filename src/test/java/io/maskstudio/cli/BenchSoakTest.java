package io.maskstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSoakTest {
    static final Path XOR = Path.of("sample-graphs/xor.graph.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> jsonLines(CliRunner r) throws Exception {
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) lines.add(JSON.readTree(line));
        return lines;
    }

    @Test
    void jsonLineEveryKEpochsAndAtTheEndWithPositiveMemoryFigures(@TempDir Path tmp) throws Exception {
        // 300x300 is past the plain-Java kernel's size, so the dense ND4J kernel holds native arrays.
        Path graph = tmp.resolve("xor-wide.graph.json");
        // One batch per epoch keeps it quick: ND4J calls cost the same per call at any batch size here.
        GraphFile.write(graph, NetworkDesign.dense(TrainingSettings.defaults("xor").withBatchSize(512), 2, 300, 300, 2));
        List<JsonNode> lines = jsonLines(CliRunner.run("bench", "soak", graph.toString(), "--epochs", "7", "--every", "3", "--json"));
        assertEquals(List.of(3, 6, 7), lines.stream().map(n -> n.get("epoch").asInt()).toList());
        for (JsonNode n : lines) {
            assertEquals("soak", n.get("bench").asText());
            for (String key : List.of("heap_bytes", "offheap_bytes", "offheap_count", "physical_bytes", "rss_bytes")) {
                assertTrue(n.get(key).isIntegralNumber() && n.get(key).asLong() > 0, key + " in " + n);
            }
            // Sanity against the scale of the numbers: more than the weights, less than the machine.
            assertTrue(n.get("heap_bytes").asLong() > 300 * 300 * 4 && n.get("rss_bytes").asLong() < (64L << 30), n.toString());
            assertEquals(n.get("epoch").asInt() + 1, n.get("history_size").asInt(), "one snapshot per epoch plus the untrained network");
        }
    }

    @Test
    void historyFillsToItsCapAndThinsPastIt() throws Exception {
        List<JsonNode> lines = jsonLines(CliRunner.run("bench", "soak", XOR.toString(), "--epochs", "24", "--every", "1", "--history", "8", "--json"));
        assertEquals(24, lines.size());
        int peak = 0;
        int filledAt = -1;
        for (JsonNode n : lines) {
            int size = n.get("history_size").asInt();
            assertEquals(8, n.get("history_capacity").asInt());
            assertTrue(size <= 8, "never above the cap: " + n);
            if (size == 8 && filledAt < 0) filledAt = n.get("epoch").asInt();
            peak = Math.max(peak, size);
        }
        assertEquals(7, filledAt, "epochs 0..7 fill eight places");
        assertTrue(lines.subList(8, 24).stream().anyMatch(n -> n.get("history_size").asInt() <= 5), "thinned to about half past the cap");
    }

    @Test
    void defaultRunGoesFourHundredEpochsPastTheAppsHistoryCap() {
        CliRunner r = CliRunner.run("bench", "soak", XOR.toString(), "--every", "200");
        assertEquals(0, r.exitCode(), r.err());
        // xor's snapshots are tiny, so the app keeps its maximum of 400.
        assertTrue(r.out().contains("800 epochs") && r.out().contains("history capacity 400 snapshots"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+399\\s+400\\s.*"), "a sample where the history fills: " + r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+800\\s+\\d+\\s.*"), r.out());
        assertTrue(r.out().contains("growth over the 401 epochs after the history filled (epoch 399)"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  heap\\s+[-+]\\d+\\.\\d\\d% / .*"), r.out());
    }

    @Test
    void badInputIsAnErrorNamingTheProblem(@TempDir Path tmp) throws Exception {
        CliRunner missing = CliRunner.run("bench", "soak", tmp.resolve("none.graph.json").toString());
        assertEquals(MaskStudioCommand.ERROR, missing.exitCode());
        assertTrue(missing.err().contains("none.graph.json: no such file"), missing.err());

        assertEquals(MaskStudioCommand.USAGE, CliRunner.run("bench", "soak", XOR.toString(), "--every", "0").exitCode());
        CliRunner small = CliRunner.run("bench", "soak", XOR.toString(), "--history", "3");
        assertEquals(MaskStudioCommand.USAGE, small.exitCode());
        assertTrue(small.err().contains("--history must be at least 4"), small.err());

        Path wrong = tmp.resolve("three-inputs.graph.json");
        GraphFile.write(wrong, NetworkDesign.dense(TrainingSettings.defaults("xor"), 3, 4, 2));
        CliRunner failed = CliRunner.run("bench", "soak", wrong.toString(), "--epochs", "2");
        assertEquals(MaskStudioCommand.ERROR, failed.exitCode());
        assertTrue(failed.err().contains("2 features but the input layer has 3 neurons"), failed.err());
    }
}
