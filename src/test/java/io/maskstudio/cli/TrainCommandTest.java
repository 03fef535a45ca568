package io.maskstudio.cli;

import io.maskstudio.io.GraphFile;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    static final Path XOR = Path.of("sample-graphs/xor.graph.json");
    static final Path DIGITS = Path.of("sample-graphs/digits-local.graph.json");

    static Map<String, NpyArray> readNpz(Path file) throws Exception {
        try (Npz npz = Npz.open(file)) {
            return npz.readAll();
        }
    }

    @Test
    void trainWritesEveryOutputFileWithTheContractedNames(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run1");
        CliRunner r = CliRunner.run("train", DIGITS.toString(), "--epochs", "3", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        for (String f : List.of("metrics.csv", "model.npz", "model.json", "val.npz", "load_model.py", "trained.graph.json")) {
            assertTrue(Files.exists(out.resolve(f)), f + " written");
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds", metrics.get(0));
        assertEquals(4, metrics.size());
        assertTrue(metrics.get(3).startsWith("3,"));

        NetworkDesign design = GraphFile.read(DIGITS);
        Map<String, NpyArray> model = readNpz(out.resolve("model.npz"));
        assertEquals(List.of(36, 64), List.of(model.get("fc1.weight").dim(0), model.get("fc1.weight").dim(1)));
        assertEquals("<f4", model.get("fc1.weight").descr());
        assertEquals("|b1", model.get("fc1.weight_mask").descr());
        assertEquals(10, model.get("fc2.bias").dim(0));
        // masked weights are exactly 0 in the exported file
        float[] w = model.get("fc1.weight").toFloats();
        Mask mask = design.mask(0);
        for (int o = 0; o < 36; o++) for (int i = 0; i < 64; i++) if (!mask.get(o, i)) assertEquals(0, Float.floatToRawIntBits(w[o * 64 + i]));

        Map<String, NpyArray> val = readNpz(out.resolve("val.npz"));
        assertEquals("<i8", val.get("y").descr());
        assertEquals(64, val.get("x").dim(1));
        assertEquals(Math.round(1797 * 0.2), val.get("y").dim(0));
    }

    @Test
    void digitsLocalReachesTheAccuracyTheIssueAsksFor(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", DIGITS.toString(), "--optimizer", "adam", "--epochs", "30", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        double valAcc = Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[4]);
        assertTrue(valAcc >= 0.95, "val accuracy " + valAcc);
    }

    @Test
    void pruningAtAnEpochRemovesThatFractionAndTheMaskIsExported(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("p");
        CliRunner r = CliRunner.run("train", DIGITS.toString(), "--epochs", "2", "--prune", "0.5@1", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        NetworkDesign trained = GraphFile.read(out.resolve("trained.graph.json"));
        NetworkDesign original = GraphFile.read(DIGITS);
        long before = original.mask(0).nnz();
        assertEquals(before - before / 2, trained.mask(0).nnz());
        boolean[] exported = readNpz(out.resolve("model.npz")).get("fc1.weight_mask").toBooleans();
        assertEquals(trained.mask(0), Mask.fromBooleans(36, 64, exported));
    }

    @Test
    void divergenceExitsWith3AndKeepsTheLastGoodEpoch(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("d");
        CliRunner r = CliRunner.run("train", XOR.toString(), "--optimizer", "sgd", "--lr", "1e38", "--epochs", "5", "--out", out.toString(), "--no-progress");
        assertEquals(3, r.exitCode());
        assertTrue(Files.exists(out.resolve("model.npz")));
        for (float v : readNpz(out.resolve("model.npz")).get("fc1.weight").toFloats()) assertTrue(Float.isFinite(v));
    }

    @Test
    void usageErrorsExitWith2AndBadFilesWith1(@TempDir Path tmp) throws Exception {
        assertEquals(2, CliRunner.run("train").exitCode());
        assertEquals(2, CliRunner.run("train", XOR.toString(), "--epochs", "many").exitCode());
        assertEquals(2, CliRunner.run("train", XOR.toString(), "--optimizer", "lbfgs").exitCode());
        CliRunner prune = CliRunner.run("train", XOR.toString(), "--prune", "2@1");
        assertEquals(2, prune.exitCode());
        assertTrue(prune.err().contains("--prune 2@1: the fraction must be between 0 and 1"), prune.err());

        CliRunner missing = CliRunner.run("train", tmp.resolve("nope.graph.json").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.graph.json: no such file"), missing.err());

        Path bad = tmp.resolve("bad.graph.json");
        Files.writeString(bad, "{\"formatVersion\": 1, \"layers\": 3}");
        CliRunner broken = CliRunner.run("train", bad.toString());
        assertEquals(1, broken.exitCode());
        assertTrue(broken.err().startsWith("error: "), broken.err());
        assertFalse(broken.err().contains("\tat "), "no stack trace");

        CliRunner data = CliRunner.run("train", XOR.toString(), "--dataset", "imagenet");
        assertEquals(1, data.exitCode());
        assertTrue(data.err().contains("imagenet"), data.err());
    }

    @Test
    void trainsOnTheUsersCsvWithALabelColumnByName(@TempDir Path tmp) throws Exception {
        StringBuilder csv = new StringBuilder("species,a,b\n");
        Random r = new Random(1);
        for (int k = 0; k < 60; k++) {
            boolean left = k % 2 == 0;
            csv.append(left ? "left" : "right").append(',').append(r.nextGaussian() + (left ? -3 : 3)).append(',').append(r.nextGaussian()).append('\n');
        }
        Path data = tmp.resolve("two.csv");
        Files.writeString(data, csv.toString());
        Path out = tmp.resolve("csvrun");
        CliRunner r1 = CliRunner.run("train", XOR.toString(), "--dataset", data.toString(), "--label", "species", "--epochs", "10", "--out", out.toString(),
                "--no-progress");
        assertEquals(0, r1.exitCode(), r1.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(Double.parseDouble(metrics.get(10).split(",")[4]) > 0.9, metrics.get(10));

        Files.writeString(data, "a,b,label\n1,2,x\n3,oops,y\n");
        CliRunner bad = CliRunner.run("train", XOR.toString(), "--dataset", data.toString(), "--out", out.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("two.csv") && bad.err().contains("line 3"), bad.err());
    }

    @Test
    void unknownGraphFieldsSurviveIntoTheTrainedGraph(@TempDir Path tmp) throws Exception {
        String json = Files.readString(XOR).replaceFirst("\\{", "{\n  \"experiment\": \"ablation-7\",");
        Path graph = tmp.resolve("xor-extra.graph.json");
        Files.writeString(graph, json);
        Path out = tmp.resolve("x");
        CliRunner r = CliRunner.run("train", graph.toString(), "--epochs", "1", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("experiment"), "the kept field is reported: " + r.err());
        assertTrue(Files.readString(out.resolve("trained.graph.json")).contains("ablation-7"));
        assertTrue(Files.exists(out.resolve("model.safetensors")));
    }

    @Test
    void inspectPrintsStatsAndJson() {
        CliRunner text = CliRunner.run("inspect", DIGITS.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("324"), "36 neurons x 9 inputs: " + text.out());
        CliRunner json = CliRunner.run("inspect", DIGITS.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().trim().startsWith("{"));
    }
}
