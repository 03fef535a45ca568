package io.maskstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.io.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --dataset} with IDX files written by NumPy: a folder trains; an input layer of another size or shape is named. */
class IdxTrainTest {
    static final Path MNIST_GRAPH = Path.of("sample-graphs/mnist-local.graph.json");

    private static void writeIdx(Path dir, int h, int w) throws Exception {
        writeIdx(dir, h, w, 0);
    }

    /** 40 training images and labels; with {@code test > 0} also that many t10k ones. */
    private static void writeIdx(Path dir, int h, int w, int test) throws Exception {
        Python.assumeModules("numpy");
        String code = String.join("\n",
                "import struct, sys, numpy as np",
                "d, h, w = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])",
                "def idx(path, arr):",
                "    arr = np.asarray(arr, dtype=np.uint8)",
                "    open(path, 'wb').write(struct.pack('>HBB', 0, 8, arr.ndim) + struct.pack('>' + 'I' * arr.ndim, *arr.shape) + arr.tobytes())",
                "rng = np.random.default_rng(5)",
                "idx(d + '/train-images-idx3-ubyte', rng.integers(0, 256, size=(40, h, w)))",
                "idx(d + '/train-labels-idx1-ubyte', rng.integers(0, 10, size=40))",
                "t = int(sys.argv[4])",
                "if t:",
                "    idx(d + '/t10k-images-idx3-ubyte', rng.integers(0, 256, size=(t, h, w)))",
                "    idx(d + '/t10k-labels-idx1-ubyte', np.arange(t) % 10)");
        Python.Result r = Python.script(code, List.of(dir.toString(), Integer.toString(h), Integer.toString(w), Integer.toString(test)), 60);
        assertEquals(0, r.exitCode(), r.output());
    }

    private static String failure(String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        return r.err().strip();
    }

    @Test
    void aFolderOfIdxFilesTrains(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("mnist"));
        writeIdx(data, 28, 28);
        CliRunner r = CliRunner.run("train", MNIST_GRAPH.toString(), "--dataset", data.toString(), "--epochs", "1", "--no-progress",
                "--out", tmp.resolve("run").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(tmp.resolve("run/run.json")).contains("\"mnist\""), "run.json names the folder's set");
    }

    /** A folder's t10k files are its test set: evaluated at the end, reported last, never in the training split. */
    @Test
    void aFoldersT10kFilesAreTheTestSet(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("mnist"));
        writeIdx(data, 28, 28, 12);
        Path run = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", MNIST_GRAPH.toString(), "--dataset", data.toString(), "--epochs", "1", "--no-progress",
                "--val-fraction", "0.25", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> out = r.out().strip().lines().toList();
        assertTrue(out.get(out.size() - 1).startsWith("test_accuracy="), r.out());
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals(12, manifest.get("test").get("rows").asInt(), manifest.toString());
        // NumPy reads the split sizes: the 12 t10k rows are the test set; validation and training share the 40 others.
        Python.Result sizes = Python.script("import numpy as np, sys; print(len(np.load(sys.argv[1])['y']), len(np.load(sys.argv[2])['y']))",
                List.of(run.resolve("test.npz").toString(), run.resolve("val.npz").toString()), 60);
        assertEquals("12 10", sizes.output().strip());
    }

    @Test
    void imagesOfAnotherSizeNameTheFileAndTheGraph(@TempDir Path tmp) throws Exception {
        writeIdx(tmp, 5, 7);
        Path images = tmp.resolve("train-images-idx3-ubyte");
        assertEquals("error: " + images + " has 35 features (5x7 images) but the input layer of " + MNIST_GRAPH + " has 784 neurons",
                failure("train", MNIST_GRAPH.toString(), "--dataset", images.toString(), "--out", tmp.resolve("r").toString()));
    }

    @Test
    void anInputLayerOfTheSameSizeButAnotherShapeIsNamed(@TempDir Path tmp) throws Exception {
        writeIdx(tmp, 28, 28);
        Path graph = tmp.resolve("wide.graph.json");
        String json = Files.readString(MNIST_GRAPH);
        String pixels = "{\"name\": \"pixels\", \"size\": 784, \"shape\": [28, 28]";
        assertTrue(json.contains(pixels), "fixture layout");
        Files.writeString(graph, json.replace(pixels, "{\"name\": \"pixels\", \"size\": 784, \"shape\": [14, 56]"));
        Path images = tmp.resolve("train-images-idx3-ubyte");
        assertEquals("error: " + images + ": the input layer of " + graph + " is shaped 14x56 but the data are 28x28 images (the same 784 values); "
                + "expected the input layer shaped 28x28",
                failure("train", graph.toString(), "--dataset", images.toString(), "--out", tmp.resolve("r").toString()));
    }
}
