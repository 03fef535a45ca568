package io.maskstudio.runs;

import io.maskstudio.io.NpyArray;
import io.maskstudio.io.Npz;
import io.maskstudio.io.Python;
import io.maskstudio.io.TorchExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run folder's val.npz read back for the confusion matrix; every bad file gives a message naming it. */
class RunValidationTest {

    @Test
    void aFileWrittenByNumpyIsReadAsIs(@TempDir Path run) throws Exception {
        Python.assumeModules("numpy");
        // NumPy's own writer, int32 labels rather than the int64 we write: any integer dtype is a label.
        Python.Result r = Python.script("import sys, numpy as np\n"
                + "np.savez(sys.argv[1] + '/val.npz', x=np.arange(12, dtype=np.float32).reshape(4, 3) / 4, y=np.array([2, 0, 1, 2], dtype=np.int32))",
                List.of(run.toString()), 60);
        assertEquals(0, r.exitCode(), r.output());
        RunValidation v = RunValidation.read(run, 3, 3);
        assertNull(v.problem());
        assertEquals(4, v.data().rows());
        assertArrayEquals(new int[]{2, 0, 1, 2}, v.data().y());
        float[] expected = new float[12];
        for (int k = 0; k < 12; k++) expected[k] = k / 4f;
        assertArrayEquals(expected, v.data().x());
        assertEquals(List.of("0", "1", "2"), v.data().classNames());
    }

    @Test
    void whatTheRecorderWritesIsReadBack(@TempDir Path run) throws Exception {
        TorchExport.writeValidation(run, new float[]{1, 2, 3, 4}, new int[]{1, 0}, 2);
        RunValidation v = RunValidation.read(run, 2, 4);
        assertArrayEquals(new float[]{1, 2, 3, 4}, v.data().x());
        assertArrayEquals(new int[]{1, 0}, v.data().y());
        assertEquals(4, v.data().classes(), "classes are the output layer's, not only those present");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path run) {
        RunValidation v = RunValidation.read(run, 2, 2);
        assertNull(v.data());
        assertTrue(v.problem().contains(run.resolve("val.npz").toString()) && v.problem().contains("missing"), v.problem());
    }

    @Test
    void aCorruptFileIsNamed(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("val.npz"), "not a zip archive at all");
        RunValidation v = RunValidation.read(run, 2, 2);
        assertNull(v.data());
        assertTrue(v.problem().startsWith(run.resolve("val.npz").toString()), v.problem());
    }

    @Test
    void aTruncatedFileIsNamed(@TempDir Path run) throws Exception {
        TorchExport.writeValidation(run, new float[200], new int[100], 2);
        Path file = run.resolve("val.npz");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        RunValidation v = RunValidation.read(run, 2, 2);
        assertNull(v.data());
        assertTrue(v.problem().contains(file.toString()), v.problem());
    }

    @Test
    void rowsOfTheWrongWidthAreRefusedWithTheExpectedShape(@TempDir Path run) throws Exception {
        TorchExport.writeValidation(run, new float[6], new int[2], 3);
        RunValidation v = RunValidation.read(run, 4, 2);
        assertNull(v.data());
        assertTrue(v.problem().contains("val.npz: x: expected shape (2, 4)") && v.problem().contains("found (2, 3)"), v.problem());
    }

    @Test
    void aLabelBeyondTheOutputLayerIsRefusedWithItsRow(@TempDir Path run) throws Exception {
        TorchExport.writeValidation(run, new float[6], new int[]{0, 1, 5}, 2);
        RunValidation v = RunValidation.read(run, 2, 3);
        assertNull(v.data());
        assertTrue(v.problem().contains("y[2]: expected a class in [0, 3), found 5"), v.problem());
    }

    @Test
    void aFileWithoutLabelsSaysWhatItHas(@TempDir Path run) throws Exception {
        Npz.write(run.resolve("val.npz"), Map.of("x", NpyArray.ofFloats(new float[4], 2, 2)), false);
        RunValidation v = RunValidation.read(run, 2, 2);
        assertTrue(v.problem().contains("val.npz: y: expected an array named y") && v.problem().contains("[x]"), v.problem());
    }
}
