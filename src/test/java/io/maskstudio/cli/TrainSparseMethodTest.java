package io.maskstudio.cli;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.DensityAllocation;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkMasks;
import io.maskstudio.model.SparseTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --method}: random starting masks with {@code --density}, the method's updates as {@code mask-update}
 * rows of events.csv, the method in run.json and the trained graph, and bad options named.
 */
class TrainSparseMethodTest {

    private static List<String[]> updates(Path out) throws Exception {
        return Files.readAllLines(out.resolve("events.csv")).stream().skip(1).map(l -> l.split(",", 4)).filter(c -> c[2].equals("mask-update")).toList();
    }

    @Test
    void setFromRandomMasksKeepsEachPairsCountAndRecordsEveryUpdate(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("set");
        CliRunner r = CliRunner.run("train", TrainCommandTest.DIGITS.toString(), "--epochs", "2", "--method", "set", "--density", "10%",
                "--allocation", "uniform", "--update-every", "10", "--seed", "4", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        NetworkDesign graph = GraphFile.read(TrainCommandTest.DIGITS);
        List<Mask> start = NetworkMasks.random(graph, DensityAllocation.UNIFORM, 0.1, 4);
        NetworkDesign trained = GraphFile.read(out.resolve("trained.graph.json"));
        boolean moved = false;
        for (int k = 0; k < start.size(); k++) {
            assertEquals(start.get(k).nnz(), trained.mask(k).nnz(), "pair " + k + " keeps its connection count");
            moved |= !start.get(k).equals(trained.mask(k));
        }
        assertTrue(moved, "SET moved connections");
        assertEquals(SparseTraining.of(SparseTraining.Method.SET).withUpdateEvery(10), trained.settings().sparse());

        // digits: 1797 rows, 20% held out, batch of the graph -> steps per epoch; an update after every 10th step.
        int stepsPerEpoch = (int) Math.ceil((1797 - Math.round(1797 * 0.2)) / (double) graph.settings().batchSize());
        List<String[]> rows = updates(out);
        assertEquals(2 * stepsPerEpoch / 10, rows.size());
        for (int u = 0; u < rows.size(); u++) {
            assertEquals(Integer.toString(10 * (u + 1)), rows.get(u)[1], "the step of update " + u);
            assertTrue(rows.get(u)[3].startsWith("set: replaced "), rows.get(u)[3]);
        }
        String run = Files.readString(out.resolve("run.json")).replaceAll("\\s", "");
        assertTrue(run.contains("\"method\":\"set\""), run);
        assertTrue(r.err().contains("note: random masks, "), r.err());
        assertTrue(r.err().contains("set: " + rows.size() + " mask updates took "), r.err());
    }

    @Test
    void badOptionsAreNamed(@TempDir Path tmp) {
        String out = tmp.resolve("x").toString();
        CliRunner r = CliRunner.run("train", TrainCommandTest.XOR.toString(), "--method", "lottery", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--method: expected one of static, set, rigl, gmp, was 'lottery'"), r.err());
        r = CliRunner.run("train", TrainCommandTest.XOR.toString(), "--method", "gmp", "--scope", "layer", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--scope: expected pair or global, was 'layer'"), r.err());
        r = CliRunner.run("train", TrainCommandTest.XOR.toString(), "--method", "set", "--drop-fraction", "2", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("drop fraction must be in [0,1], was 2.0"), r.err());
        r = CliRunner.run("train", TrainCommandTest.XOR.toString(), "--density", "150%", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--density: "), r.err());
    }
}
