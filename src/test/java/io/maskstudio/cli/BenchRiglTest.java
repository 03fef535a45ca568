package io.maskstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench rigl --json}: the update of a small layer, with its replaced count, its time in steps and the heap. */
class BenchRiglTest {
    @Test
    void reportsTheUpdateBesideTheStep() throws Exception {
        CliRunner r = CliRunner.run("bench", "rigl", "--in", "200", "--out", "100", "--density", "0.1", "--batch", "8", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertEquals("rigl", j.get("bench").asText());
        assertEquals(100 * 20, j.get("connections").asLong(), "20 connections per row");
        assertEquals(Math.round(0.3 * 2000), j.get("replaced").asLong(), 1, "ζ = 0.3 at the first update");
        assertTrue(j.get("update_ms").asDouble() > 0 && j.get("ms_per_step").asDouble() > 0, j.toString());
        assertTrue(j.get("heap_peak_mb").asDouble() > 0 && j.get("heap_peak_mb").asDouble() <= j.get("heap_max_mb").asDouble(), j.toString());
    }

    @Test
    void aBadDensityIsNamed() {
        CliRunner r = CliRunner.run("bench", "rigl", "--density", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--density must be in (0, 1], got 0.0"), r.err());
    }
}
