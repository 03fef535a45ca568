package io.maskstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Python;
import io.maskstudio.io.RunManifest;
import io.maskstudio.runs.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --test FILE.csv} and {@code --val-fraction 0}: the test set's outputs, and a run without validation. */
class TrainTestSetTest {
    static final Path XOR = TrainCommandTest.XOR;

    /** Two Gaussian clouds in 2-D, labelled "left"/"right"; {@code shift} moves every row (so test rows differ from training rows). */
    static double[][] write(Path file, int rows, long seed, double shift) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,side\n");
        Random r = new Random(seed);
        double[][] x = new double[rows][];
        for (int k = 0; k < rows; k++) {
            boolean left = k % 2 == 0;
            x[k] = new double[]{r.nextGaussian() + (left ? -2 : 2) + shift, r.nextGaussian() * 3 + 5 + shift};
            csv.append(x[k][0]).append(',').append(x[k][1]).append(',').append(left ? "left" : "right").append('\n');
        }
        Files.writeString(file, csv.toString());
        return x;
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void theTestSetIsEvaluatedOnceAndReportedEverywhereWithTrainingStatistics(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        double[][] trainX = write(train, 120, 1, 0);
        double[][] testX = write(test, 40, 2, 0.5);
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", XOR.toString(), "--dataset", train.toString(), "--test", test.toString(), "--val-fraction", "0",
                "--epochs", "2", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());

        JsonNode runJson = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        double testAccuracy = runJson.path("test").path("test_accuracy").asDouble(Double.NaN);
        assertEquals(String.format(Locale.ROOT, "test_accuracy=%.6f", testAccuracy), lastLine(r.out()), "the last line printed");
        assertEquals(40, runJson.path("test").path("rows").asInt());
        assertEquals(2, runJson.path("test").path("epoch").asInt());
        assertTrue(runJson.path("test").path("test_loss").isNumber());
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertEquals(testAccuracy, model.path("metrics").path("test_accuracy").asDouble(), 0);
        assertEquals(runJson.path("test").path("test_loss").asDouble(), model.path("metrics").path("test_loss").asDouble(), 0);
        assertEquals("test.npz", model.path("files").path("test").asText());

        // test.npz: (x - mean) / std with the mean and std of the training file's rows (val fraction 0: all of them), naive
        Map<String, NpyArray> npz = TrainCommandTest.readNpz(out.resolve("test.npz"));
        float[] x = npz.get("x").toFloats();
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            for (double[] row : trainX) mean += row[c] / trainX.length;
            double sq = 0;
            for (double[] row : trainX) sq += (row[c] - mean) * (row[c] - mean);
            double std = Math.sqrt(sq / trainX.length);
            for (int k = 0; k < testX.length; k++) assertEquals((testX[k][c] - mean) / std, x[k * 2 + c], 1e-4, "test row " + k + ", feature " + c);
            assertEquals(mean, model.path("normalization").path("mean").get(c).asDouble(), 1e-5, "load_model.py gets the same mean");
            assertEquals(std, model.path("normalization").path("std").get(c).asDouble(), 1e-5, "and std");
        }
        long[] y = npz.get("y").toLongs();
        for (int k = 0; k < y.length; k++) assertEquals(k % 2 == 0 ? 0 : 1, y[k], "left is class 0, right class 1");

        // --val-fraction 0: every row trained on, the validation columns stay and are empty; readers cope
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds", metrics.get(0));
        for (String row : metrics.subList(1, metrics.size())) {
            String[] f = row.split(",", -1);
            assertEquals(6, f.length, row);
            assertEquals("", f[3], row);
            assertEquals("", f[4], row);
        }
        assertEquals(0, TrainCommandTest.readNpz(out.resolve("val.npz")).get("y").dim(0));
        RunFolder folder = RunFolder.open(out);
        assertEquals(List.of(), folder.problems());
        assertEquals(2, folder.metrics().size());
        assertTrue(Double.isNaN(folder.metrics().get(1).valAccuracy()));
        RunManifest.Test t = folder.manifest().test();
        assertEquals(testAccuracy, t.accuracy(), 0);
        int bestByTraining = folder.metrics().get(1).trainAccuracy() > folder.metrics().get(0).trainAccuracy() ? 2 : 1;
        assertEquals(bestByTraining, folder.manifest().best().epoch(), "without validation the best epoch is chosen on training accuracy");

        CliRunner list = CliRunner.run("runs", "list", "--json", tmp.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertEquals("", list.err());
        JsonNode row = new ObjectMapper().readTree(list.out()).get(0);
        assertTrue(row.path("final_val_accuracy").isNull(), list.out());
        assertEquals(testAccuracy, row.path("test_accuracy").asDouble(), 0);
        CliRunner table = CliRunner.run("runs", "list", tmp.toString());
        assertTrue(table.out().lines().findFirst().orElseThrow().endsWith("label  test_acc"), table.out());
        // runs export of a kept epoch carries the test set, so load_model.py evaluates that epoch on it too
        CliRunner export = CliRunner.run("runs", "export", out.toString(), "--epoch", "1", "--out", tmp.resolve("e1").toString());
        assertEquals(0, export.exitCode(), export.err());
        Map<String, NpyArray> exported = TrainCommandTest.readNpz(tmp.resolve("e1/test.npz"));
        assertEquals(npz.get("x").toFloats().length, exported.get("x").toFloats().length);
        assertTrue(Arrays.equals(x, exported.get("x").toFloats()) && Arrays.equals(y, exported.get("y").toLongs()));
        for (String metric : List.of("val_accuracy", "train_accuracy")) {
            CliRunner plot = CliRunner.run("runs", "plot", out.toString(), "--metric", metric, "--out", tmp.resolve(metric + ".png").toString());
            assertEquals(0, plot.exitCode(), plot.err());
        }
    }

    @Test
    void loadModelPyGivesTheSameTestAccuracyAsJava(@TempDir Path tmp) throws Exception {
        Python.assumeModules("numpy", "torch");
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        write(train, 160, 3, 0);
        write(test, 60, 4, 1.5);
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", XOR.toString(), "--dataset", train.toString(), "--test", test.toString(), "--epochs", "2",
                "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        String javaLine = lastLine(r.out());
        assertTrue(javaLine.startsWith("test_accuracy="), r.out());
        Python.Result py = Python.run(List.of(out.resolve("load_model.py").toString()), 300);
        assertEquals(0, py.exitCode(), py.output());
        List<String> lines = py.output().strip().lines().toList();
        assertEquals(2, lines.size(), py.output());
        String lastVal = Files.readAllLines(out.resolve("metrics.csv")).get(2).split(",")[4];
        assertEquals("val_accuracy=" + lastVal, lines.get(0));
        assertEquals(javaLine, lines.get(1), "PyTorch on test.npz agrees with the Java evaluation");
    }

    @Test
    void withoutATestSetNothingIsAddedAndABadTestFileIsNamed(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        write(train, 40, 5, 0);
        Path out = tmp.resolve("plain");
        CliRunner r = CliRunner.run("train", XOR.toString(), "--dataset", train.toString(), "--epochs", "1", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("test_accuracy"), r.out());
        assertFalse(Files.exists(out.resolve("test.npz")));
        assertFalse(Files.readString(out.resolve("run.json")).contains("\"test\""), "run.json as before");
        assertTrue(Files.readString(out.resolve("metrics.csv")).lines().skip(1).allMatch(l -> !l.split(",", -1)[4].isEmpty()), "validation values");

        Path wrong = tmp.resolve("three.csv");
        Files.writeString(wrong, "a,b,c,side\n1,2,3,left\n4,5,6,right\n");
        CliRunner bad = CliRunner.run("train", XOR.toString(), "--dataset", train.toString(), "--test", wrong.toString(), "--out", out.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains(wrong.toString()) && bad.err().contains("3 features, expected 2"), bad.err());
        CliRunner unknown = CliRunner.run("train", XOR.toString(), "--dataset", train.toString(), "--test", "imagenet", "--out", out.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("--test imagenet: unknown dataset"), unknown.err());
    }
}
