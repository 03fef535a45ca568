package io.maskstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error that comes from a file names that file's path (the xor graph: 2 inputs, 2 output neurons). */
class ErrorMessagesNameTheFileTest {
    static final Path XOR = TrainCommandTest.XOR;

    private static Path graphWithDataset(Path dir, String dataset) throws Exception {
        Path g = dir.resolve("custom.graph.json");
        String json = Files.readString(XOR);
        assertTrue(json.contains("\"dataset\": \"xor\""), "fixture layout");
        Files.writeString(g, json.replace("\"dataset\": \"xor\"", "\"dataset\": \"" + dataset + "\""));
        return g;
    }

    private static String failure(String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        return r.err().strip();
    }

    @Test
    void aCsvWithTheWrongNumberOfFeaturesNamesTheCsvAndTheGraph(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("three.csv");
        Files.writeString(csv, "a,b,c,label\n1,2,3,0\n4,5,6,1\n7,8,9,0\n1,1,1,1\n");
        assertEquals("error: " + csv + " has 3 features but the input layer of " + XOR + " has 2 neurons",
                failure("train", XOR.toString(), "--dataset", csv.toString(), "--out", tmp.resolve("r").toString()));
    }

    @Test
    void aCsvWithTooManyClassesNamesTheCsvAndTheGraph(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("classes.csv");
        Files.writeString(csv, "a,b,label\n1,2,x\n4,5,y\n7,8,z\n1,1,x\n");
        assertEquals("error: " + csv + " has 3 classes but the output layer of " + XOR + " has only 2 neurons",
                failure("train", XOR.toString(), "--dataset", csv.toString(), "--out", tmp.resolve("r").toString()));
    }

    @Test
    void aCsvNamedInTheGraphIsNamedByThePathItWasFoundAt(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("beside.csv"), "a,b,c,label\n1,2,3,0\n4,5,6,1\n");
        Path graph = graphWithDataset(tmp, "beside.csv");
        assertEquals("error: " + tmp.resolve("beside.csv").toAbsolutePath() + " has 3 features but the input layer of " + graph + " has 2 neurons",
                failure("train", graph.toString(), "--out", tmp.resolve("r").toString()));
    }

    @Test
    void aBuiltinSetThatDoesNotFitNamesTheGraph(@TempDir Path tmp) {
        assertEquals("error: dataset 'iris' has 4 features but the input layer of " + XOR + " has 2 neurons",
                failure("train", XOR.toString(), "--dataset", "iris", "--out", tmp.resolve("r").toString()));
    }

    @Test
    void anUnknownDatasetInTheGraphNamesTheGraphAndTheField(@TempDir Path tmp) throws Exception {
        Path graph = graphWithDataset(tmp, "imagenet");
        String line = failure("train", graph.toString(), "--out", tmp.resolve("r").toString());
        assertTrue(line.startsWith("error: " + graph + ": training.dataset: unknown dataset 'imagenet': expected one of "), line);
    }

    @Test
    void anUnknownDatasetOnTheCommandLineNamesTheOption(@TempDir Path tmp) {
        String line = failure("train", XOR.toString(), "--dataset", "imagenet", "--out", tmp.resolve("r").toString());
        assertTrue(line.startsWith("error: --dataset imagenet: unknown dataset 'imagenet'"), line);
    }

    @Test
    void aMissingOrBrokenCsvIsNamedByItsPath(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("sub").resolve("gone.csv");
        assertEquals("error: " + missing + ": file not found", failure("train", XOR.toString(), "--dataset", missing.toString()));
        Path broken = tmp.resolve("broken.csv");
        Files.writeString(broken, "a,b,label\n1,2\n");
        assertEquals("error: " + broken + ": line 2: expected 3 columns, found 2", failure("train", XOR.toString(), "--dataset", broken.toString()));
    }

    @Test
    void aBrokenCsvNamedInTheGraphNamesTheCsvAndTheGraph(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("beside.csv"), "a,b,label\n1,2\n");
        Path graph = graphWithDataset(tmp, "beside.csv");
        assertEquals("error: " + graph + ": training.dataset: " + tmp.resolve("beside.csv").toAbsolutePath() + ": line 2: expected 3 columns, found 2",
                failure("train", graph.toString(), "--out", tmp.resolve("r").toString()));
        Path missing = graphWithDataset(tmp, "nowhere.csv");
        assertEquals("error: " + missing + ": training.dataset: nowhere.csv: file not found",
                failure("train", missing.toString(), "--out", tmp.resolve("r").toString()));
    }

    @Test
    void aBrokenGraphFileIsNamedByItsPath(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.graph.json");
        Files.writeString(bad, "{\"formatVersion\": 1, \"layers\": 3}");
        for (String[] args : new String[][] {
                {"train", bad.toString()},
                {"inspect", bad.toString()},
                {"render", bad.toString(), "--out", tmp.resolve("x.png").toString()}}) {
            String line = failure(args);
            assertTrue(line.startsWith("error: " + bad + ": "), line);
        }
    }
}
