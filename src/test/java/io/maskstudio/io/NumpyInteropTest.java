package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What we write, NumPy loads with the right dtype, shape and values (skipped without /usr/bin/python3 + NumPy). */
class NumpyInteropTest {
    @TempDir
    Path dir;

    @Test
    void numpyLoadsOurNpyAndNpzFiles() throws Exception {
        Python.assumeModules("numpy");
        float[] f = new float[12];
        double[] d = new double[12];
        long[] l = new long[12];
        boolean[] b = new boolean[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                int k = i * 4 + j;
                f[k] = Fixtures.value(i, j) + 0.5f;
                d[k] = Fixtures.value(i, j) + 0.25;
                l[k] = Fixtures.value(i, j) * 1_000_000_000_000L;
                b[k] = Fixtures.mask(i, j);
            }
        }
        NpyWriter.write(dir.resolve("f4.npy"), NpyArray.ofFloats(f, 3, 4));
        NpyWriter.write(dir.resolve("f8.npy"), NpyArray.ofDoubles(d, 3, 4));
        NpyWriter.write(dir.resolve("i8.npy"), NpyArray.ofLongs(l, 3, 4));
        NpyWriter.write(dir.resolve("scalar.npy"), NpyArray.ofDoubles(new double[]{2.5}));
        NpyWriter.write(dir.resolve("empty.npy"), NpyArray.ofFloats(new float[0], 0, 5));
        Mask m = MaskFiles.fromArray("b", NpyArray.ofBooleans(b, 3, 4), OptionalDouble.empty());
        MaskFiles.writeNpy(dir.resolve("b1.npy"), m);
        Map<String, Mask> masks = new LinkedHashMap<>();
        masks.put("fc1.weight_mask", m);
        masks.put("fc2.weight_mask", m.invert());
        MaskFiles.writeNpz(dir.resolve("stored.npz"), masks, false);
        MaskFiles.writeNpz(dir.resolve("deflated.npz"), masks, true);

        String check = String.join("\n",
                "import sys, numpy as np",
                "d = sys.argv[1]",
                "i, j = np.indices((3, 4))",
                "mask = (i + 2 * j) % 3 == 0",
                "vals = 10 * i + j - 5",
                "def load(n):",
                "    a = np.load(d + '/' + n, allow_pickle=False)",
                "    return a",
                "a = load('f4.npy'); assert a.dtype == np.dtype('<f4') and a.shape == (3, 4) and (a == vals + 0.5).all(), a",
                "a = load('f8.npy'); assert a.dtype == np.dtype('<f8') and (a == vals + 0.25).all(), a",
                "a = load('i8.npy'); assert a.dtype == np.dtype('<i8') and (a == vals * 10**12).all(), a",
                "a = load('b1.npy'); assert a.dtype == np.dtype(bool) and a.shape == (3, 4) and (a == mask).all(), a",
                "a = load('scalar.npy'); assert a.shape == () and a == 2.5, a",
                "a = load('empty.npy'); assert a.shape == (0, 5) and a.dtype == np.float32, a",
                "for n in ('stored.npz', 'deflated.npz'):",
                "    with np.load(d + '/' + n, allow_pickle=False) as z:",
                "        assert z.files == ['fc1.weight_mask', 'fc2.weight_mask'], z.files",
                "        assert z['fc1.weight_mask'].dtype == bool and (z['fc1.weight_mask'] == mask).all()",
                "        assert (z['fc2.weight_mask'] == ~mask).all()",
                "with open(d + '/f4.npy', 'rb') as fh:",
                "    assert np.lib.format.read_magic(fh) == (1, 0)",
                "    hl = int.from_bytes(open(d + '/f4.npy', 'rb').read(10)[8:10], 'little')",
                "    assert (10 + hl) % 64 == 0",
                "print('numpy ok')");
        Python.Result r = Python.script(check, List.of(dir.toString()), 120);
        assertEquals("numpy ok", r.output());
    }
}
