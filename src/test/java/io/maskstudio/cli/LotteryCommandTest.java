package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lottery} writes the lottery folder of layouts.md: levels.csv, lottery.json and a run folder per level and branch. */
class LotteryCommandTest {
    private static final Path GRAPH = Path.of("sample-graphs/digits-dense.graph.json");

    private static CliRunner lottery(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("lottery", GRAPH.toString(), "--levels", "2", "--epochs", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void writesLevelsCsvTheManifestAndARunFolderPerLevelAndBranch(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("lottery");
        CliRunner r = lottery(out, "--controls", "--seed", "5");
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("levels.csv"));
        assertEquals("level,density,val_accuracy,test_accuracy,reinit_val_accuracy,random_mask_val_accuracy", rows.get(0));
        assertEquals(3, rows.size() - 1, "levels 0..2: " + rows);
        assertTrue(rows.get(1).matches("0,1\\.000000,0\\.\\d{6},,,"), rows.get(1));
        // digits-dense has 64x36 + 36x10 connections; each pair keeps round(n * 0.8^level)
        long level2 = Math.round(64 * 36 * 0.64) + Math.round(36 * 10 * 0.64);
        assertTrue(rows.get(3).startsWith(String.format(Locale.ROOT, "2,%.6f,0.", level2 / (64.0 * 36 + 360))), rows.get(3));
        assertTrue(rows.get(3).matches("2,[0-9.]+,0\\.\\d{6},,0\\.\\d{6},0\\.\\d{6}"), rows.get(3));

        String manifest = Files.readString(out.resolve("lottery.json")).replaceAll("\\s", "");
        assertTrue(manifest.startsWith("{\"kind\":\"lottery\",\"graph\":")
                && manifest.contains("\"levels\":2,\"rate\":0.2,\"rewindEpoch\":0,\"scope\":\"pair\","
                + "\"controls\":true,\"epochs\":1,\"dataset\":null"), manifest);
        assertTrue(Files.isRegularFile(out.resolve("accuracy-vs-density.png")) && Files.isRegularFile(out.resolve("accuracy-vs-density.svg")));
        assertTrue(Files.notExists(out.resolve("level-0/reinit")), "no controls at level 0");
        for (String branch : List.of("ticket", "reinit", "random-mask")) {
            Path run = out.resolve("level-2").resolve(branch);
            String json = Files.readString(run.resolve("run.json")).replaceAll("\\s", "");
            assertTrue(json.contains("\"status\":\"finished\"") && json.contains("\"method\":\"lottery-" + branch + "\""), json);
            assertEquals("level 2 " + branch, Files.readString(run.resolve("label.txt")).strip());
            assertTrue(Files.isRegularFile(run.resolve("model.npz")) && Files.isRegularFile(run.resolve("metrics.csv")));
        }
        assertEquals(7, r.out().lines().filter(l -> l.startsWith("level ") && l.contains("ETA")).count(), r.out());

        // Seeded: the same command gives the same numbers; without controls their columns are empty.
        Path again = tmp.resolve("again");
        assertEquals(0, lottery(again, "--controls", "--seed", "5").exitCode());
        assertEquals(rows, Files.readAllLines(again.resolve("levels.csv")));
        Path plain = tmp.resolve("plain");
        assertEquals(0, lottery(plain, "--seed", "5", "--scope", "global").exitCode());
        assertTrue(Files.readAllLines(plain.resolve("levels.csv")).get(3).endsWith(",,,"));
    }

    @Test
    void aRewindEpochAtOrPastTheEndIsAUsageError(@TempDir Path tmp) {
        CliRunner r = lottery(tmp.resolve("x"), "--rewind-epoch", "1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--rewind-epoch 1: expected 0 (initialization) to 0"), r.err());
    }
}
