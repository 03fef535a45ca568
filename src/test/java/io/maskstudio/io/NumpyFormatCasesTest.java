package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases of numpy/lib/tests/test_format.py, written at test time by src/test/resources/npy/numpy_format_cases.py
 * with NumPy's own verdict on each: what np.load reads we read with the same shape and values, what it refuses we
 * refuse with a message naming the file. Skipped without /usr/bin/python3 + NumPy.
 */
class NumpyFormatCasesTest {
    @TempDir
    static Path dir;
    private static List<String[]> lines;

    @BeforeAll
    static void writeCases() throws Exception {
        Python.assumeModules("numpy");
        Path script = Fixtures.npy("numpy_format_cases.py");
        Python.Result r = Python.run(List.of(script.toString(), dir.toString()), 120);
        assertEquals(0, r.exitCode(), r.output());
        lines = Files.readAllLines(dir.resolve("cases.txt")).stream().map(l -> l.split(" ", -1)).toList();
    }

    private static List<String[]> cases(String kind, String verdict) {
        List<String[]> out = lines.stream().filter(l -> l[0].equals(kind) && (verdict == null || l[2].equals(verdict))).toList();
        assertFalse(out.isEmpty(), "no " + kind + " cases with verdict " + verdict);
        return out;
    }

    private static int[] ints(String csv) {
        return csv.equals("-") ? new int[0] : Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String csv) {
        return csv.equals("-") ? new double[0] : Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Reads {@code file} as NumPy did: same shape, same C-order values; returns what differs (empty: nothing). */
    private static String sameAsNumpy(Path file, String shape, String values) {
        try {
            NpyArray a = NpyReader.read(file);
            if (!Arrays.equals(ints(shape), a.shape())) return "shape " + NpyArray.shapeString(a.shape()) + " instead of " + shape;
            double[] want = doubles(values);
            if (want.length != a.size()) return a.size() + " values instead of " + want.length;
            for (int k = 0; k < want.length; k++) {
                if (Double.compare(want[k], a.getDouble(k)) != 0) return "value " + k + " is " + a.getDouble(k) + " instead of " + want[k];
            }
            return "";
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void headersNumpyReadsWeReadTheSame() {
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases("header", "ok")) {
            String diff = sameAsNumpy(dir.resolve("h_" + c[1] + ".npy"), c[3], c[4]);
            if (!diff.isEmpty()) wrong.add(c[1] + ": " + diff);
        }
        assertEquals(List.of(), wrong);
        // the Python 2 cases are among them: u'descr' keys, u'<f8' values, 2L dimensions
        assertTrue(cases("header", "ok").stream().anyMatch(c -> c[1].equals("py2_unicode")));
    }

    @Test
    void headersNumpyRefusesWeRefuseWithTheFileNamed() {
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases("header", "refused")) {
            Path p = dir.resolve("h_" + c[1] + ".npy");
            for (int via = 0; via < 2; via++) {
                try {
                    if (via == 0) NpyReader.read(p); else MaskFormats.read(p, MaskReadOptions.defaults());
                    wrong.add(c[1] + ": read, but np.load refuses it (" + String.join(" ", Arrays.copyOfRange(c, 3, c.length)) + ")");
                } catch (FormatException e) {
                    if (!e.getMessage().startsWith(p + ": ")) wrong.add(c[1] + ": message without the file: " + e.getMessage());
                } catch (Exception e) {
                    wrong.add(c[1] + ": " + e);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void recordArraysNumpyReadsWeRefuseOnPurpose() {
        for (String[] c : cases("header", "structured")) {
            Path p = dir.resolve("h_" + c[1] + ".npy");
            FormatException e = Assertions.assertThrows(FormatException.class, () -> NpyReader.read(p));
            assertEquals(p + ": descr: expected a simple numeric or bool dtype, found a structured dtype (record arrays are not supported)", e.getMessage());
        }
    }

    @Test
    void basicArraysOfEveryDtypeByteOrderAndLayoutReadAsNumpyReadsThem() {
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases("array", null)) {
            if (!c[2].equals("ok")) {
                wrong.add(c[1] + ": NumPy itself " + c[2] + " it");
                continue;
            }
            String diff = sameAsNumpy(dir.resolve("a_" + c[1] + ".npy"), c[3], c[4]);
            if (!diff.isEmpty()) wrong.add(c[1] + ": " + diff);
        }
        assertEquals(List.of(), wrong);
    }

    /** The mask reader streams instead of using NpyArray, so it gets the same arrays: 2-D ones as masks, others refused. */
    @Test
    void basicArraysThroughTheStreamingMaskReader() throws Exception {
        List<String> wrong = new ArrayList<>();
        MaskReadOptions nonZero = MaskReadOptions.defaults().withThreshold(0);
        for (String[] c : cases("array", "ok")) {
            Path p = dir.resolve("a_" + c[1] + ".npy");
            int[] shape = ints(c[3]);
            double[] v = doubles(c[4]);
            if (shape.length == 2 && shape[0] > 0 && shape[1] > 0) {
                Mask m = MaskFormats.read(p, nonZero);
                for (int o = 0; o < shape[0]; o++) {
                    for (int i = 0; i < shape[1]; i++) {
                        if (m.get(o, i) != (v[o * shape[1] + i] != 0)) wrong.add(c[1] + ": element [" + o + ", " + i + "]");
                    }
                }
            } else {
                String why = shape.length != 2 ? "a 2-D array [out_features, in_features]" : "a 2-D array with at least one row and one column";
                String expected = p + ": shape: expected " + why + ", found shape " + NpyArray.shapeString(shape);
                try {
                    MaskFormats.read(p, nonZero);
                    wrong.add(c[1] + ": read as a mask");
                } catch (FormatException e) {
                    if (!e.getMessage().equals(expected)) wrong.add(c[1] + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void sparseMasksInEveryDtypeAndOrderFromNpyAndNpz() throws Exception {
        List<String[]> masks = cases("mask", null);
        for (String[] c : masks) {
            Path p = dir.resolve(c[2]);
            MaskReadOptions opts = c[3].equals("-") ? MaskReadOptions.defaults() : MaskReadOptions.defaults().withKey(c[3]);
            Mask m = MaskFormats.read(p, opts);
            assertEquals(Integer.parseInt(c[4]), m.rows(), c[1]);
            assertEquals(Integer.parseInt(c[5]), m.cols(), c[1]);
            Set<String> want = new LinkedHashSet<>(Arrays.asList(c[6].split(";")));
            Set<String> got = new LinkedHashSet<>();
            m.forEachSet((o, i) -> got.add(o + "," + i));
            assertEquals(want, got, c[1]);
        }
        // C and Fortran order of each of 8 dtypes, as .npy and in a stored and a deflated .npz
        assertEquals(48, masks.size());
    }
}
