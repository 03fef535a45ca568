package io.maskstudio.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepPlanTest {
    static SweepPlan plan(List<String> methods, List<Double> densities, int seeds) {
        return new SweepPlan("g.graph.json", methods, densities, seeds, 2, null, "erk", null, List.of());
    }

    @Test
    void cellsAreMethodMajorThenDensityThenSeedFromOne() {
        SweepPlan p = plan(List.of("static", "set", "rigl"), List.of(0.02, 0.05, 0.1, 1.0), 3);
        List<SweepCell> cells = p.cells();
        assertEquals(36, cells.size());
        assertEquals(36, p.cellCount());
        // A naive triple loop, written out independently
        List<String> expected = new ArrayList<>();
        for (String m : List.of("static", "set", "rigl")) {
            for (String d : List.of("0.02", "0.05", "0.1", "1")) for (int s = 1; s <= 3; s++) expected.add("cells/" + m + "-d" + d + "-s" + s);
        }
        for (int k = 0; k < cells.size(); k++) {
            assertEquals(k, cells.get(k).cell());
            assertEquals(expected.get(k), cells.get(k).dir());
        }
        assertEquals(new SweepCell(0, "static", 0.02, 1, "cells/static-d0.02-s1"), cells.get(0));
        assertEquals("rigl d1 s3", cells.get(35).label());
    }

    @Test
    void densityNamesAreExactAndShort() {
        assertEquals("0.02", SweepCell.densityText(0.02));
        assertEquals("1", SweepCell.densityText(1.0));
        assertEquals("0.1", SweepCell.densityText(0.1));
        assertEquals("0.005", SweepCell.densityText(0.005));
        assertEquals("0.0001", SweepCell.densityText(1e-4));
    }

    @Test
    void differencesNameTheFieldsThatDiffer() {
        SweepPlan a = plan(List.of("static", "set"), List.of(0.1, 1.0), 3);
        assertTrue(a.differences(plan(List.of("static", "set"), List.of(0.1, 1.0), 3)).isEmpty());
        assertEquals(List.of("methods: [static, set] vs [static, rigl]", "seeds: 3 vs 2"),
                a.differences(plan(List.of("static", "rigl"), List.of(0.1, 1.0), 2)));
        SweepPlan withOptions = new SweepPlan("g.graph.json", List.of("static", "set"), List.of(0.1, 1.0), 3, 2, null, "erk", null,
                List.of("--update-every", "10"));
        assertEquals(1, a.differences(withOptions).size());
    }

    @Test
    void badPlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> plan(List.of(), List.of(0.1), 1));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of("set"), List.of(0.0), 1));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of("set"), List.of(1.5), 1));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of("set", "set"), List.of(0.1), 1));
        assertThrows(IllegalArgumentException.class, () -> plan(List.of("set"), List.of(0.1), 0));
    }

    @Test
    void lastConnectionsSumTheLastEpochsPairs(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("layers.csv");
        Files.writeString(csv, RunLayout.LAYERS_HEADER + "\n1,0,100,0.1,1,1,\n1,1,20,0.2,1,1,\n2,0,90,0.09,1,1,0.1\n2,1,15,0.15,1,1,0.1\n");
        assertEquals(105, SweepResult.lastConnections(csv));
        assertEquals(-1, SweepResult.lastConnections(tmp.resolve("absent.csv")));
    }

    @Test
    void clearingAnUnfinishedCellNeverLeavesTheCellsFolder(@TempDir Path tmp) throws Exception {
        SweepCell inside = new SweepCell(0, "set", 0.1, 1);
        Path dir = tmp.resolve(inside.dir());
        Files.createDirectories(dir.resolve("snapshots"));
        Files.writeString(dir.resolve("snapshots/x"), "partial");
        SweepCellFolder.clearUnfinished(tmp, inside);
        assertFalse(Files.exists(dir));
        Files.writeString(tmp.resolve("precious"), "x");
        assertThrows(IOException.class, () -> SweepCellFolder.clearUnfinished(tmp, new SweepCell(0, "set", 0.1, 1, "cells/..")));
        assertTrue(Files.exists(tmp.resolve("precious")));
    }
}
