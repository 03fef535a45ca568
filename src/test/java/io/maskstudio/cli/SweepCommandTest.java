package io.maskstudio.cli;

import io.maskstudio.io.GraphFile;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.runs.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep command end to end on the small digits graph, one epoch per cell, cells trained in this JVM. */
class SweepCommandTest {
    static final String DIGITS = "sample-graphs/digits-local.graph.json";

    static CliRunner sweep(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", DIGITS, "--methods", "static,gmp", "--densities", "0.1,1", "--seeds", "1",
                "--epochs", "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** The last epoch's val_accuracy in a run's metrics.csv, read without the sweep's code. */
    static String lastValAccuracy(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        double v = Double.parseDouble(lines.get(lines.size() - 1).split(",")[4]);
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static long connections(Path run) throws Exception {
        NetworkDesign d = GraphFile.read(run.resolve("trained.graph.json"));
        long n = 0;
        for (int k = 0; k < d.pairCount(); k++) n += d.mask(k).nnz();
        return n;
    }

    @Test
    void everyCellIsARunFolderAndResultsListThemInCellOrder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sw");
        CliRunner r = sweep(out);
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("method,density,seed,connections,val_accuracy,test_accuracy,seconds", rows.get(0));
        List<String> cells = List.of("static-d0.1-s1", "static-d1-s1", "gmp-d0.1-s1", "gmp-d1-s1");
        assertEquals(cells.size() + 1, rows.size());
        NetworkDesign graph = GraphFile.read(Path.of(DIGITS));
        long full = 0;
        for (int k = 0; k < graph.pairCount(); k++) full += (long) graph.mask(k).rows() * graph.mask(k).cols();
        for (int i = 0; i < cells.size(); i++) {
            Path run = out.resolve("cells").resolve(cells.get(i));
            String[] f = rows.get(i + 1).split(",", -1);
            assertEquals(cells.get(i), f[0] + "-d" + f[1] + "-s" + f[2]);
            assertEquals(String.valueOf(connections(run)), f[3], cells.get(i) + " connections");
            assertEquals(lastValAccuracy(run), f[4], cells.get(i) + " val_accuracy");
            assertEquals("", f[5], "no test set: empty test_accuracy");
            assertTrue(Double.parseDouble(f[6]) > 0, "seconds");
            assertTrue(Files.readString(run.resolve("run.json")).contains("\"status\" : \"finished\""));
            assertEquals(f[0] + " d" + f[1] + " s" + f[2], Files.readString(run.resolve("label.txt")).strip());
        }
        // density 1 is dense; gmp at 0.1 starts dense and prunes to about a tenth, static at 0.1 starts there
        assertEquals(String.valueOf(full), rows.get(2).split(",")[3]);
        assertEquals(String.valueOf(full), rows.get(4).split(",")[3]);
        long gmp = Long.parseLong(rows.get(3).split(",")[3]), stat = Long.parseLong(rows.get(1).split(",")[3]);
        assertEquals(Math.round(0.1 * full), stat, 0.01 * full);
        assertEquals(Math.round(0.1 * full), gmp, 0.02 * full);
        assertTrue(Files.readString(out.resolve("cells/gmp-d0.1-s1/run.json")).contains("\"method\" : \"gmp\""));
        String svg = Files.readString(out.resolve("accuracy-vs-density.svg"));
        assertEquals(3, svg.split("class=\"series\"", -1).length - 1, "two method curves and the dense reference line");
        assertTrue(svg.contains("stroke-dasharray"), "dense reference line");
        assertTrue(svg.contains(">static<") && svg.contains(">gmp<"), "legend");
        assertTrue(Files.size(out.resolve("accuracy-vs-density.png")) > 1000);
        assertTrue(r.err().contains("[4/4] cell 3 gmp d1 s1: val_accuracy"), r.err());
    }

    @Test
    void rerunningKeepsFinishedCellsAndTrainsUnfinishedOnesFromScratch(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sw");
        assertEquals(0, sweep(out).exitCode());
        Path kept = out.resolve("cells/static-d0.1-s1"), broken = out.resolve("cells/gmp-d0.1-s1");
        Files.writeString(kept.resolve("marker"), "kept");
        FileTime keptTime = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(kept.resolve("run.json"), keptTime);
        // As if killed mid-run: run.json says running, and a stray file lies in the folder
        Path runJson = broken.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"status\" : \"finished\"", "\"status\" : \"running\""));
        Files.writeString(broken.resolve("marker"), "stale");
        Files.delete(out.resolve("cells/gmp-d1-s1/run.json"));

        CliRunner r = sweep(out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("2 of 4 cells finished earlier, kept; 2 to train"), r.err());
        assertTrue(Files.exists(kept.resolve("marker")));
        assertEquals(keptTime, Files.getLastModifiedTime(kept.resolve("run.json")));
        assertFalse(Files.exists(broken.resolve("marker")), "an unfinished cell starts from an empty folder");
        assertTrue(Files.readString(runJson).contains("\"status\" : \"finished\""));
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
    }

    @Test
    void aDifferentPlanInTheSameFolderIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sw");
        Files.createDirectories(out);
        Files.writeString(out.resolve("sweep.json"), new String(SweepPlanJson.toJson(
                new SweepPlan(DIGITS, List.of("static", "gmp"), List.of(0.1, 1.0), 2, 1, null, "erk", null, List.of())), StandardCharsets.UTF_8));
        CliRunner r = sweep(out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("holds a different sweep (seeds: 2 vs 1"), r.err());
        assertFalse(Files.exists(out.resolve("cells")), "nothing trained");

        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        CliRunner r2 = sweep(other);
        assertEquals(2, r2.exitCode());
        assertTrue(r2.err().contains("not a sweep folder"), r2.err());
    }

    @Test
    void emitWritesTheJobArrayAndCellThenCollectMergeWhatFinished(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sw"), scripts = tmp.resolve("slurm");
        CliRunner e = sweep(out, "--emit", "slurm", scripts.toString(), "--jobs", "2");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("sbatch " + scripts.resolve("sweep.sbatch")), e.out());
        String script = Files.readString(scripts.resolve("sweep.sbatch"));
        String dir = out.toAbsolutePath().normalize().toString();
        assertTrue(script.startsWith("#!/bin/bash\n"));
        assertTrue(script.contains("\n#SBATCH --array=0-3%2\n"), script);
        assertTrue(script.contains("\n#SBATCH --output=" + dir + "/logs/slurm-%A_%a.out\n"), script);
        assertTrue(script.contains("sweep --cell \"$SLURM_ARRAY_TASK_ID\" '" + dir + "'\n"), script);
        assertTrue(script.contains("\ncd '" + Path.of("").toAbsolutePath() + "'\n"), "relative graph paths resolve as given: " + script);
        // every #SBATCH line precedes the first command, or sbatch ignores it
        int lastDirective = script.lastIndexOf("#SBATCH"), firstCommand = script.indexOf("\nset -euo");
        assertTrue(lastDirective < firstCommand);
        String json = Files.readString(out.resolve("sweep.json"));
        assertTrue(json.contains("\"kind\" : \"sweep\""));
        assertTrue(json.contains("{\n    \"cell\" : 2,\n    \"method\" : \"gmp\",\n    \"density\" : 0.1,\n    \"seed\" : 1,\n"
                + "    \"dir\" : \"cells/gmp-d0.1-s1\"\n  }"), json);
        assertFalse(Files.exists(out.resolve("cells")), "--emit trains nothing");

        CliRunner c = CliRunner.run("sweep", "--cell", "2", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(Files.exists(out.resolve("cells/gmp-d0.1-s1/model.npz")));
        try (var s = Files.list(out.resolve("cells"))) {
            assertEquals(1, s.count(), "only cell 2 trained");
        }
        CliRunner again = CliRunner.run("sweep", "--cell", "2", out.toString());
        assertTrue(again.err().contains("already finished"), again.err());

        CliRunner collect = CliRunner.run("sweep", "--collect", out.toString());
        assertEquals(1, collect.exitCode(), "cells are missing");
        assertTrue(collect.err().contains("missing 3 cells (not finished): 0 (static d0.1 s1), 1 (static d1 s1), 3 (gmp d1 s1)"), collect.err());
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(2, rows.size());
        assertTrue(rows.get(1).startsWith("gmp,0.1,1,"));
        assertTrue(Files.exists(out.resolve("accuracy-vs-density.svg")));

        assertEquals(2, CliRunner.run("sweep", "--cell", "4", out.toString()).exitCode());
        assertEquals(2, CliRunner.run("sweep", "--collect", tmp.toString()).exitCode(), "not a sweep folder");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingTrains(@TempDir Path tmp) {
        Path out = tmp.resolve("sw");
        CliRunner m = CliRunner.run("sweep", DIGITS, "--methods", "static,magic", "--densities", "0.1", "--out", out.toString());
        assertEquals(2, m.exitCode());
        assertTrue(m.err().contains("--methods: expected static, set, rigl, gmp, was 'magic'"), m.err());
        CliRunner d = CliRunner.run("sweep", DIGITS, "--methods", "set", "--densities", "0.1,1.5", "--out", out.toString());
        assertEquals(2, d.exitCode());
        assertTrue(d.err().contains("--densities 1.5"), d.err());
        CliRunner t = CliRunner.run("sweep", DIGITS, "--methods", "gmp", "--densities", "0.1", "--target-density", "0.2", "--out", out.toString());
        assertEquals(2, t.exitCode());
        CliRunner z = CliRunner.run("sweep", DIGITS, "--methods", "set", "--densities", "0.1", "--drop-fraction", "2", "--out", out.toString());
        assertEquals(2, z.exitCode(), z.err());
        assertFalse(Files.exists(out));
    }
}
