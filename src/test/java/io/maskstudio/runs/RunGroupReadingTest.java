package io.maskstudio.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep and lottery folders read back as groups: members in the command's order, the table as written, what is broken named. */
class RunGroupReadingTest {

    /** The least a folder needs to be a run folder: a metrics.csv. */
    private static void run(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.csv"), "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds\n");
    }

    @Test
    void aSweepListsItsCellsInCellOrderAndItsBestResult(@TempDir Path dir) throws Exception {
        // Cell order is method-major, then density, then seed: s10 after s2, which sorting by name would not give.
        run(dir.resolve("cells/set-d0.1-s2"));
        run(dir.resolve("cells/set-d0.1-s10"));
        run(dir.resolve("cells/rigl-d0.1-s1"));
        Files.writeString(dir.resolve("sweep.json"), """
                {"kind": "sweep", "graph": "g.graph.json", "future": {"x": 1}, "cells": [
                 {"cell": 0, "method": "set", "density": 0.1, "seed": 2, "dir": "cells/set-d0.1-s2"},
                 {"cell": 1, "method": "set", "density": 0.1, "seed": 10, "dir": "cells/set-d0.1-s10"},
                 {"cell": 2, "method": "rigl", "density": 0.1, "seed": 1, "dir": "cells/rigl-d0.1-s1"},
                 {"cell": 3, "method": "rigl", "density": 1.0, "seed": 1, "dir": "cells/rigl-d1.0-s1"}]}
                """);
        Files.writeString(dir.resolve("results.csv"), """
                method,density,seed,connections,val_accuracy,test_accuracy,seconds
                set,0.1,2,100,0.91,,3.0
                set,0.1,10,100,0.95,0.94,3.1
                rigl,0.1,1,100,0.93,,2.9
                rigl,1.0,1,10
                """);
        RunGroup g = RunGroup.open(dir);
        assertTrue(RunGroup.isGroup(dir));
        assertTrue(g.isSweep());
        assertEquals("g.graph.json", g.graph());
        assertEquals(List.of("set d0.1 s2", "set d0.1 s10", "rigl d0.1 s1"), g.members().stream().map(RunGroup.Member::role).toList(),
                "cell 3 has no folder yet");
        assertEquals(3, g.rows().size(), "the row cut short is left out");
        assertEquals(1, g.problems().size(), g.problems().toString());
        assertTrue(g.problems().get(0).contains("results.csv: line 5"), g.problems().toString());
        assertEquals("95.0 % · set d0.1 s10", g.best());
        assertEquals("0.1", g.densityRange());
        assertNull(g.chart());
    }

    @Test
    void aLotteryListsLevelsByNumberTicketFirst(@TempDir Path dir) throws Exception {
        for (String p : List.of("level-0/ticket", "level-2/random-mask", "level-2/ticket", "level-10/reinit", "level-10/ticket")) run(dir.resolve(p));
        Files.writeString(dir.resolve("lottery.json"), "{\"kind\": \"lottery\", \"graph\": \"g\", \"levels\": 11}");
        Files.writeString(dir.resolve("levels.csv"), """
                level,density,val_accuracy,test_accuracy,reinit_val_accuracy,random_mask_val_accuracy
                0,1.0,0.9,,,
                2,0.64,0.92,,,0.80
                10,0.107,,,,
                """);
        Files.writeString(dir.resolve("accuracy-vs-density.png"), "not checked here");
        RunGroup g = RunGroup.open(dir);
        assertFalse(g.isSweep());
        assertEquals(List.of("level 0 ticket", "level 2 ticket", "level 2 random-mask", "level 10 ticket", "level 10 reinit"),
                g.members().stream().map(RunGroup.Member::role).toList());
        assertEquals("92.0 % · level 2 (d 0.64)", g.best(), "an empty accuracy is no result");
        assertEquals("0.107–1", g.densityRange());
        assertEquals(dir.resolve("accuracy-vs-density.png"), g.chart());
        assertTrue(g.problems().isEmpty(), g.problems().toString());
    }

    @Test
    void aBrokenSweepJsonIsNamedAndTheCellsFolderListedInstead(@TempDir Path dir) throws Exception {
        run(dir.resolve("cells/static-d0.5-s1"));
        Files.writeString(dir.resolve("sweep.json"), "{\"kind\": \"sweep\", \"cells\": [");
        RunGroup g = RunGroup.open(dir);
        assertTrue(g.isSweep());
        assertEquals(List.of("static-d0.5-s1"), g.members().stream().map(RunGroup.Member::role).toList());
        assertEquals(1, g.problems().size());
        assertTrue(g.problems().get(0).contains(dir.resolve("sweep.json").toString()), g.problems().toString());
        assertEquals("–", g.best(), "no results.csv yet");
        assertEquals(List.of(dir), RunGroup.under(dir.getParent()).stream().filter(dir::equals).toList());
    }
}
