package io.maskstudio.cli;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} follows the graph file's training.pruneSchedule, and {@code --prune} replaces it. */
class TrainPruneScheduleTest {

    /** The digits sample with {@code schedule} in its training block. */
    private static Path withSchedule(Path tmp, String schedule) throws Exception {
        NetworkDesign d = GraphFile.read(TrainCommandTest.DIGITS);
        d.setSettings(d.settings().withPruneSchedule(PruneSchedule.parse(schedule)));
        Path p = tmp.resolve("scheduled.graph.json");
        GraphFile.write(p, d);
        return p;
    }

    /** The (epoch, kind) of each row of events.csv. */
    private static List<String> events(Path out) throws Exception {
        return Files.readAllLines(out.resolve("events.csv")).stream().skip(1).map(l -> l.split(",", 4)).map(c -> c[0] + "," + c[2]).toList();
    }

    @Test
    void theFilesScheduleIsFollowedAndTheFlagReplacesIt(@TempDir Path tmp) throws Exception {
        Path graph = withSchedule(tmp, "0.5@1");
        long before = GraphFile.read(graph).mask(0).nnz();

        Path fromFile = tmp.resolve("file");
        CliRunner r = CliRunner.run("train", graph.toString(), "--epochs", "2", "--out", fromFile.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("1,prune"), events(fromFile));
        assertEquals(before - before / 2, GraphFile.read(fromFile.resolve("trained.graph.json")).mask(0).nnz());
        String run = Files.readString(fromFile.resolve("run.json")).replaceAll("\\s", "");
        assertTrue(run.contains("\"method\":\"prune\"") && run.contains("\"methodDetail\":\"0.5@1\""), run);

        Path fromFlag = tmp.resolve("flag");
        r = CliRunner.run("train", graph.toString(), "--epochs", "2", "--prune", "0.25@2", "--out", fromFlag.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("2,prune"), events(fromFlag), "--prune replaces the file's schedule");
        assertEquals(before - before / 4, GraphFile.read(fromFlag.resolve("trained.graph.json")).mask(0).nnz());
    }

    @Test
    void aBadFlagNamesItselfAndTheForm(@TempDir Path tmp) throws Exception {
        CliRunner r = CliRunner.run("train", TrainCommandTest.XOR.toString(), "--prune", "0.5@2,x", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--prune 0.5@2,x: the epoch 'x' is not a whole number; expected F@E[,E...]"), r.err());
    }
}
