package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each class of bad input gives one exact, actionable message. */
class NpyBadInputTest {
    @TempDir
    Path dir;

    private static byte[] npy(String dict, int dataBytes) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[10 + h.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, (byte) (h.length >> 8)};
        System.arraycopy(magic, 0, b, 0, 10);
        System.arraycopy(h, 0, b, 10, h.length);
        return b;
    }

    private static String message(byte[] bytes) {
        return assertThrows(FormatException.class, () -> NpyReader.read("x.npy", bytes)).getMessage();
    }

    @Test
    void badMagic() {
        assertEquals("x.npy: byte 0: expected the magic string \\x93NUMPY of a .npy file, found bytes 50 4b 03 04 14 00",
                message(new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 0}));
        assertEquals("x.npy: byte 0: expected the magic string \\x93NUMPY of a .npy file, found an empty file", message(new byte[0]));
    }

    @Test
    void unsupportedVersion() {
        byte[] b = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
        b[6] = 4;
        assertEquals("x.npy: byte 6: expected format version 1.0, 2.0 or 3.0, found version 4.0", message(b));
    }

    @Test
    void truncatedHeader() {
        byte[] full = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
        assertEquals("x.npy: byte 10: expected a header of 58 bytes, found 30 bytes (file truncated)", message(Arrays.copyOf(full, 40)));
        assertEquals("x.npy: byte 8: expected a version and header length, found the end of the file", message(Arrays.copyOf(full, 8)));
    }

    @Test
    void lyingShapeBiggerThanTheFile() {
        byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }", 16);
        assertEquals("x.npy: byte 76: expected 8000000 data bytes for shape (1000, 1000) of f8, found 16 (file truncated or shape wrong)", message(b));
    }

    @Test
    void shapeBeyondTheSizeLimitIsRefusedBeforeAllocating() {
        byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 0);
        assertEquals("x.npy: shape: expected at most 1073741824 data bytes, found (100000, 100000) of f8 (more than the limit)", message(b));
    }

    @Test
    void extraBytesAfterTheData() {
        byte[] b = npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", 3);
        assertEquals("x.npy: byte 68: expected 2 data bytes for shape (2,) of u1, found 3 (extra bytes after the data)", message(b));
    }

    @Test
    void unicodeObjectAndStructuredDtypesAreRefused() throws Exception {
        String expected = "expected a numeric or bool dtype (b1, i1, u1, i2, u2, i4, u4, i8, u8, f2, f4, f8), found ";
        Path u = Fixtures.npy("str_u5.npy");
        assertEquals(u + ": descr: " + expected + "'<U5' (unicode string arrays are not supported)",
                assertThrows(FormatException.class, () -> NpyReader.read(u)).getMessage());
        Path o = Fixtures.npy("object.npy");
        assertEquals(o + ": descr: " + expected + "'|O' (Python object arrays are not supported: reading them would mean unpickling)",
                assertThrows(FormatException.class, () -> NpyReader.read(o)).getMessage());
        Path s = Fixtures.npy("structured.npy");
        assertEquals(s + ": descr: expected a simple numeric or bool dtype, found a structured dtype (record arrays are not supported)",
                assertThrows(FormatException.class, () -> NpyReader.read(s)).getMessage());
        assertEquals("x.npy: descr: " + expected + "'<c16' (complex arrays are not supported)",
                message(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16)));
    }

    @Test
    void malformedHeaderDicts() {
        assertEquals("x.npy: shape: expected the header key 'shape', found no such key",
                message(npy("{'descr': '<f4', 'fortran_order': False, }", 4)));
        assertEquals("x.npy: fortran_order: expected True or False, found '1, 'shape': '",
                message(npy("{'descr': '<f4', 'fortran_order': 1, 'shape': (1,), }", 4)));
        assertEquals("x.npy: byte 10: expected '{' opening the header dict, found 'descr\\x0a'",
                message(npy("descr", 0)));
        assertEquals("x.npy: byte 11: expected one of the keys 'descr', 'fortran_order', 'shape', found 'evil'",
                message(npy("{'evil': __import__('os'), 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4)));
        assertEquals("x.npy: shape: expected a non-negative integer dimension, found '-1,), }\\x0a'",
                message(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", 4)));
        assertEquals("x.npy: descr: expected an explicit byte order '<' or '>' for a 4-byte type, found '=f4'",
                message(npy("{'descr': '=f4', 'fortran_order': False, 'shape': (1,), }", 4)));
    }

    @Test
    void threeDimensionalArrayIsNotAMask() {
        Path p = Fixtures.npy("u1_2x3x4.npy");
        assertEquals(p + ": shape: expected a 2-D array [out_features, in_features], found shape (2, 3, 4)",
                assertThrows(FormatException.class, () -> MaskFiles.read(p)).getMessage());
    }

    @Test
    void nonBinaryValuesNeedAThreshold() throws Exception {
        Path p = Fixtures.npy("f4_nonbinary_3x4.npy");
        assertEquals(p + ": element [0, 2]: expected 0 or 1 (give a threshold to binarize other values), found 0.5",
                assertThrows(FormatException.class, () -> MaskFiles.read(p)).getMessage());
        var m = MaskFiles.read(p, null, OptionalDouble.of(0.5));
        // |v| > 0.5: row 0 = [0, 1, 0.5, -0.75], row 1 = [0.1, -0.1, 2, 0], row 2 = [1, 1, 0, -3]
        assertEquals("0101|0010|1101", rows(m));
    }

    @Test
    void nanIsRefusedEvenWithAThreshold() {
        Path p = Fixtures.npy("f4_nan_3x4.npy");
        assertEquals(p + ": element [1, 1]: expected a number, found NaN",
                assertThrows(FormatException.class, () -> MaskFiles.read(p, null, OptionalDouble.of(0.5))).getMessage());
    }

    @Test
    void corruptZip() throws Exception {
        Path p = dir.resolve("c.npz");
        Files.write(p, "PK\u0003\u0004 this is not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        FormatException e = assertThrows(FormatException.class, () -> Npz.open(p));
        assertEquals(p + ": zip directory: expected a zip archive of .npy files (.npz), found an unreadable archive (zip END header not found)",
                e.getMessage());
    }

    @Test
    void corruptDeflatedEntry() throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.npy("one_mask_compressed.npz"));
        // the first local entry's deflate stream starts after its 30-byte header, name and extra field
        int nameLen = (b[26] & 0xFF) | (b[27] & 0xFF) << 8;
        int extraLen = (b[28] & 0xFF) | (b[29] & 0xFF) << 8;
        for (int k = 0; k < 20; k++) b[30 + nameLen + extraLen + k] ^= (byte) 0x5A;
        Path p = dir.resolve("bad.npz");
        Files.write(p, b);
        try (Npz npz = Npz.open(p)) {
            FormatException e = assertThrows(FormatException.class, () -> npz.get("bias"));
            assertEquals(p + "[bias]", e.source());
        }
    }

    @Test
    void missingKey() throws Exception {
        Path p = Fixtures.npy("two_masks_stored.npz");
        assertEquals(p + ": key 'c': expected one of the keys a, b, found no such entry",
                assertThrows(FormatException.class, () -> MaskFiles.read(p, "c", OptionalDouble.empty())).getMessage());
        assertEquals(p + ": key: expected a key naming the mask (the archive holds 2 2-D arrays), found keys a, b",
                assertThrows(FormatException.class, () -> MaskFiles.read(p)).getMessage());
    }

    @Test
    void crcMismatchInAStoredEntry() throws Exception {
        Path p = dir.resolve("crc.npz");
        Npz.write(p, Map.of("m", NpyArray.ofBooleans(new boolean[]{true, false}, 1, 2)), false);
        byte[] b = Files.readAllBytes(p);
        // overwrite the CRC in the local header (offset 14) and in the central directory entry (offset 16)
        writeIntLE(b, 14, 12345);
        for (int k = 0; k + 4 < b.length; k++) {
            if (b[k] == 'P' && b[k + 1] == 'K' && b[k + 2] == 1 && b[k + 3] == 2) writeIntLE(b, k + 16, 12345);
        }
        Files.write(p, b);
        try (Npz npz = Npz.open(p)) {
            FormatException e = assertThrows(FormatException.class, () -> npz.get("m"));
            assertEquals(p + "[m]: zip entry: expected CRC32 00003039, found " + e.found(), e.getMessage());
            Assertions.assertTrue(e.found().endsWith("(corrupted data)"), e.found());
        }
    }

    @Test
    void absurdDeclaredEntrySizeIsRefusedWithoutAllocating() throws Exception {
        Path p = dir.resolve("huge.npz");
        Npz.write(p, Map.of("m", NpyArray.ofBooleans(new boolean[12], 3, 4)), true);
        byte[] b = Files.readAllBytes(p);
        // declare ~2 GB uncompressed in the central directory entry (offset 24)
        for (int k = 0; k + 4 < b.length; k++) {
            if (b[k] == 'P' && b[k + 1] == 'K' && b[k + 2] == 1 && b[k + 3] == 2) writeIntLE(b, k + 24, 0x7FFFFFF0);
        }
        Files.write(p, b);
        try (Npz npz = Npz.open(p)) {
            assertEquals(p + "[m]: byte 128: expected 12 data bytes for shape (3, 4) of b1, found 2147483504 (extra bytes after the data)",
                    assertThrows(FormatException.class, () -> npz.get("m")).getMessage());
        }
    }

    @Test
    void entriesAboveTheSizeLimitAreRefused() throws Exception {
        Path p = dir.resolve("big.npz");
        Npz.write(p, Map.of("w", NpyArray.ofFloats(new float[64], 8, 8)), true);
        try (Npz npz = Npz.open(p, 100)) {
            assertEquals(p + "[w]: shape: expected at most 100 data bytes, found (8, 8) of f4 (more than the limit)",
                    assertThrows(FormatException.class, () -> npz.get("w")).getMessage());
        }
    }

    @Test
    void entryThatInflatesBeyondItsDeclaredSizeIsRefused() throws Exception {
        Path p = dir.resolve("bomb.npz");
        Npz.write(p, Map.of("m", NpyArray.ofBooleans(new boolean[4096], 64, 64)), true);
        byte[] b = Files.readAllBytes(p);
        // the header still says (64, 64) but the directory now claims fewer bytes than the entry inflates to
        for (int k = 0; k + 4 < b.length; k++) {
            if (b[k] == 'P' && b[k + 1] == 'K' && b[k + 2] == 1 && b[k + 3] == 2) writeIntLE(b, k + 24, 200);
        }
        Files.write(p, b);
        try (Npz npz = Npz.open(p)) {
            FormatException e = assertThrows(FormatException.class, () -> npz.get("m"));
            assertEquals(p + "[m]: byte 128: expected 4096 data bytes for shape (64, 64) of b1, found 72 (file truncated or shape wrong)", e.getMessage());
        }
    }

    private static void writeIntLE(byte[] b, int at, int v) {
        for (int k = 0; k < 4; k++) b[at + k] = (byte) (v >>> (8 * k));
    }

    private static String rows(Mask m) {
        StringBuilder b = new StringBuilder();
        for (int o = 0; o < m.rows(); o++) {
            if (o > 0) b.append('|');
            for (int i = 0; i < m.cols(); i++) b.append(m.get(o, i) ? '1' : '0');
        }
        return b.toString();
    }
}
