package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming mask path keeps every check of the whole-array path, and its size rule counts cells. */
class NpyMaskStreamingTest {
    @TempDir
    Path dir;

    /** A version 1.0 file with header {@code dict} and {@code dataBytes} zero bytes of data. */
    private Path npy(String name, String dict, int dataBytes) throws Exception {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[10 + h.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, (byte) (h.length >> 8)};
        System.arraycopy(magic, 0, b, 0, 10);
        System.arraycopy(h, 0, b, 10, h.length);
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static String error(Path p) {
        return assertThrows(FormatException.class, () -> MaskFormats.read(p, MaskReadOptions.defaults())).getMessage();
    }

    @Test
    void theLimitIsCellsWhateverTheDtype() throws Exception {
        // 2^30 float64 cells are 8 GiB of data and within the rule: only the missing data is wrong
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (32768, 32768), }";
        Path f8 = npy("f8.npy", dict, 0);
        assertEquals(f8 + ": byte " + (10 + dict.length() + 1)
                + ": expected 8589934592 data bytes for shape (32768, 32768) of f8, found 0 (file truncated or shape wrong)", error(f8));
        // one column more, even as bool, is beyond it
        Path b1 = npy("b1.npy", "{'descr': '|b1', 'fortran_order': False, 'shape': (32768, 32769), }", 0);
        assertEquals(b1 + ": shape: expected at most 1073741824 cells (2^30) in the mask, found shape (32768, 32769) = 1073774592 cells", error(b1));
        Path small = npy("small.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", 96);
        assertEquals(small + ": shape: expected at most 11 cells in the mask, found shape (3, 4) = 12 cells",
                assertThrows(FormatException.class, () -> MaskFormats.read(small, MaskReadOptions.defaults().withMaxCells(11))).getMessage());
        assertEquals(new Mask(3, 4), MaskFormats.read(small, MaskReadOptions.defaults().withMaxCells(12)));
    }

    @Test
    void valuesAreCheckedAtTheirPositionInBothLayouts() throws Exception {
        NpyArray c = NpyArray.ofDoubles(new double[]{0, 0, 0, 0, 0, 0, 0.5, 0}, 2, 4);
        Path p = dir.resolve("c.npy");
        NpyWriter.write(p, c);
        assertEquals(p + ": element [1, 2]: expected 0 or 1 (give a threshold to binarize other values), found 0.5", error(p));
        // the same bytes marked fortran_order are the transposed layout: storage index 6 is element [0, 3] of shape (2, 4)
        Path f = dir.resolve("f.npy");
        byte[] bytes = NpyWriter.toBytes(c);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("'fortran_order': False", "'fortran_order': True ");
        Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(f + ": element [0, 3]: expected 0 or 1 (give a threshold to binarize other values), found 0.5", error(f));
        Mask m = MaskFormats.read(f, MaskReadOptions.defaults().withThreshold(0.25));
        assertEquals(1, m.nnz());
        assertTrue(m.get(0, 3));
    }

    @Test
    void nanAndNegativeZeroInTheStream() throws Exception {
        Path p = dir.resolve("nan.npy");
        NpyWriter.write(p, NpyArray.ofFloats(new float[]{-0f, 0, 1, Float.NaN}, 2, 2));
        assertEquals(p + ": element [1, 1]: expected a number, found NaN", error(p));
        Path z = dir.resolve("z.npy");
        NpyWriter.write(z, NpyArray.ofFloats(new float[]{-0f, 0, 1, -0f}, 2, 2));
        Mask m = MaskFormats.read(z, MaskReadOptions.defaults());
        assertEquals(1, m.nnz());
        assertTrue(m.get(1, 0));
    }

    @Test
    void corruptedStoredEntryIsRefusedByItsCrc() throws Exception {
        Path p = dir.resolve("crc.npz");
        Npz.write(p, Map.of("m", NpyArray.ofBooleans(new boolean[]{true, false, false, true}, 2, 2)), false);
        byte[] b = Files.readAllBytes(p);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("\u0001\u0000\u0000\u0001");
        b[at + 1] = 1; // flip the second cell: still a valid 0/1 value, only the CRC can tell
        Files.write(p, b);
        FormatException e = assertThrows(FormatException.class, () -> MaskFiles.read(p));
        assertTrue(e.getMessage().startsWith(p + "[m]: zip entry: expected CRC32 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(corrupted data)"), e.getMessage());
    }

    @Test
    void deflatedEntryShorterThanItsShapeIsRefused() throws Exception {
        Path p = dir.resolve("short.npz");
        Npz.write(p, Map.of("m", NpyArray.ofBooleans(new boolean[4096], 64, 64)), true);
        byte[] b = Files.readAllBytes(p);
        // the directory now declares 200 bytes for an entry whose header promises 4096 data bytes
        for (int k = 0; k + 4 < b.length; k++) {
            if (b[k] == 'P' && b[k + 1] == 'K' && b[k + 2] == 1 && b[k + 3] == 2) {
                for (int j = 0; j < 4; j++) b[k + 24 + j] = (byte) (200 >>> (8 * j));
            }
        }
        Files.write(p, b);
        assertEquals(p + "[m]: byte 128: expected 4096 data bytes for shape (64, 64) of b1, found 72 (file truncated or shape wrong)",
                assertThrows(FormatException.class, () -> MaskFiles.read(p)).getMessage());
    }

    @Test
    void stateDictMasksStreamToo() throws Exception {
        Path p = dir.resolve("sd.npz");
        Map<String, NpyArray> sd = new LinkedHashMap<>();
        sd.put("fc1.weight", NpyArray.ofFloats(new float[]{0.5f, -2, 3, 4}, 2, 2));
        sd.put("fc1.weight_mask", NpyArray.ofFloats(new float[]{1, 0, 0, 1}, 2, 2));
        Npz.write(p, sd, true);
        Map<String, Mask> masks = MaskFiles.readStateDictMasks(p, OptionalDouble.empty());
        assertEquals(List.of("fc1.weight_mask"), List.copyOf(masks.keySet()));
        Mask want = new Mask(2, 2);
        want.set(0, 0, true);
        want.set(1, 1, true);
        assertEquals(want, masks.get("fc1.weight_mask"));
    }
}
