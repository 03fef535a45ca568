package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every class of bad mask file, with the exact message the user sees (the CLI prints it after "error: "). */
class MaskFormatsBadInputTest {
    @TempDir
    Path dir;

    private Path text(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        return p;
    }

    private Path bytes(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static String error(Path p) {
        return error(p, MaskReadOptions.defaults());
    }

    private static String error(Path p, MaskReadOptions o) {
        return assertThrows(FormatException.class, () -> MaskFormats.read(p, o)).getMessage();
    }

    // ---- CSV

    @Test
    void csvRagged() throws Exception {
        Path p = text("r.csv", "0,1,0\n1,1,0\n1,0\n");
        assertEquals(p + ": line 3: expected 3 comma-separated values (as on line 1), found 2 (rows must all have the same length)", error(p));
    }

    @Test
    void csvNonNumeric() throws Exception {
        Path p = text("n.csv", "# comment\n0,1\n1,yes\n");
        assertEquals(p + ": line 3, column 2: expected a number (0 or 1), found 'yes'", error(p));
        Path e = text("e.csv", "0,1,\n");
        assertEquals(e + ": line 1, column 3: expected a number (0 or 1), found an empty field", error(e));
    }

    @Test
    void csvNonBinaryAndNaN() throws Exception {
        Path p = text("v.csv", "0,1\n0.5,0\n");
        assertEquals(p + ": line 2, column 1: expected 0 or 1 (give a threshold to binarize other values), found 0.5", error(p));
        assertEquals(2, MaskFormats.read(p, MaskReadOptions.defaults().withThreshold(0.25)).nnz());
        Path nan = text("nan.csv", "0,nan\n");
        assertEquals(nan + ": line 1, column 2: expected a number, found NaN", error(nan, MaskReadOptions.defaults().withThreshold(0.5)));
    }

    @Test
    void csvEmpty() throws Exception {
        Path p = text("empty.csv", "# only a comment\n\n");
        assertEquals(p + ": line 1: expected rows of comma-separated 0/1 values (one per output neuron), found no data", error(p));
    }

    @Test
    void edgeListIndexOutsideDeclaredShapeOrRepeated() throws Exception {
        Path p = text("e.csv", "# mask [out_features, in_features] = [2, 3]\nout,in\n0,2\n2,1\n");
        assertEquals(p + ": line 4: expected an output index below 2 (the shape in the comment), found 2", error(p));
        Path neg = text("neg.csv", "out,in\n0,-1\n");
        assertEquals(neg + ": line 2, column 2: expected an input index (an integer >= 0), found '-1'", error(neg));
        Path dup = text("dup.csv", "out,in\n0,1\n0,1\n");
        assertEquals(dup + ": line 3: expected each connection once, found [0, 1] again", error(dup));
        Path three = text("three.csv", "out,in\n0,1,1\n");
        assertEquals(three + ": line 2: expected 2 comma-separated values out,in, found 3 values", error(three));
    }

    @Test
    void csvLimitIsCheckedBeforeAllocating() throws Exception {
        Path p = text("big.csv", "# mask [out_features, in_features] = [100000, 100000]\nout,in\n");
        assertEquals(p + ": line 1: expected a shape [out_features, in_features] of positive sizes with at most 1073741824 cells, found [100000, 100000]",
                error(p));
        Path dense = text("dense.csv", "0,0,0\n0,0,0\n");
        assertEquals(dense + ": line 2: expected at most 4 cells in the mask, found more rows of 3 values",
                error(dense, MaskReadOptions.defaults().withMaxCells(4)));
    }

    // ---- Matrix Market

    @Test
    void mtxBannerAndField() throws Exception {
        Path p = text("b.mtx", "hello\n");
        assertEquals(p + ": line 1: expected the banner '%%MatrixMarket matrix coordinate pattern general', found 'hello'", error(p));
        Path c = text("c.mtx", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n");
        assertEquals(c + ": line 1, field: expected 'pattern', 'integer' or 'real', found 'complex' (complex values are not a mask)", error(c));
        Path h = text("h.mtx", "%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n");
        assertEquals(h + ": line 1, symmetry: expected 'general', 'symmetric' or 'skew-symmetric', found 'hermitian'", error(h));
    }

    @Test
    void mtxIndexOutOfRange() throws Exception {
        Path p = text("i.mtx", "%%MatrixMarket matrix coordinate pattern general\n% c\n2 3 2\n1 1\n3 1\n");
        assertEquals(p + ": line 5, row: expected an index from 1 to 2, found '3'", error(p));
        Path z = text("z.mtx", "%%MatrixMarket matrix coordinate pattern general\n2 3 1\n1 0\n");
        assertEquals(z + ": line 3, column: expected an index from 1 to 3, found '0'", error(z));
    }

    @Test
    void mtxTruncatedOrTooLong() throws Exception {
        Path p = text("t.mtx", "%%MatrixMarket matrix coordinate pattern general\n2 3 3\n1 1\n2 2\n");
        assertEquals(p + ": line 5: expected 3 entries (as on the size line), found 2 (file truncated?)", error(p));
        Path x = text("x.mtx", "%%MatrixMarket matrix coordinate pattern general\n2 3 1\n1 1\n2 2\n");
        assertEquals(x + ": line 4: expected the end of the file after the declared entries, found '2 2'", error(x));
        Path s = text("s.mtx", "%%MatrixMarket matrix coordinate pattern general\n");
        assertEquals(s + ": line 2: expected the size line 'rows columns entries', found the end of the file", error(s));
    }

    @Test
    void mtxValuesAndRepeats() throws Exception {
        Path v = text("v.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 2.5\n");
        assertEquals(v + ": line 3: expected 0 or 1 (give a threshold to binarize other values), found 2.5", error(v));
        Path n = text("n.mtx", "%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 2 1.0\n");
        assertEquals(n + ": line 3, value: expected an integer, found '1.0'", error(n));
        Path d = text("d.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 2 1\n1 2 1\n");
        assertEquals(d + ": line 4: expected each (row, column) once, found row 1, column 2 again", error(d));
        Path big = text("big.mtx", "%%MatrixMarket matrix coordinate pattern general\n2 2 5\n");
        assertEquals(big + ": line 2, entries: expected at most 4 entries for this shape, found 5", error(big));
        Path huge = text("huge.mtx", "%%MatrixMarket matrix coordinate pattern general\n2000000000 2000000000 0\n");
        assertEquals(huge + ": line 2: expected at most 1073741824 cells in the mask, found [2000000000, 2000000000]", error(huge));
    }

    // ---- SciPy sparse .npz

    private Path scipy(String name, String format, long[] shape, Map<String, NpyArray> rest) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("format", NpyWriter.shortStringBytes(format));
        files.put("shape", NpyWriter.toBytes(NpyArray.ofLongs(shape, shape.length)));
        rest.forEach((k, a) -> files.put(k, NpyWriter.toBytes(a)));
        Path p = dir.resolve(name);
        AtomicFiles.write(p, out -> Npz.writeNpyFiles(out, files, false));
        return p;
    }

    private static NpyArray ints(int... v) {
        return NpyArray.ofInts(v, v.length);
    }

    private static NpyArray ones(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return NpyArray.ofBooleans(b, n);
    }

    @Test
    void scipyIndexOutOfRange() throws Exception {
        Path p = scipy("i.npz", "csr", new long[]{2, 3}, Map.of("indices", ints(0, 3), "indptr", ints(0, 1, 2), "data", ones(2)));
        assertEquals(p + "[indices]: element 1: expected an index from 0 to 2, found 3", error(p));
    }

    @Test
    void scipyPointersInconsistent() throws Exception {
        Path p = scipy("p.npz", "csr", new long[]{2, 3}, Map.of("indices", ints(0, 1), "indptr", ints(0, 1, 3), "data", ones(2)));
        assertEquals(p + "[indptr]: element 2: expected 2 (the number of stored entries), found 3", error(p));
        Path q = scipy("q.npz", "csr", new long[]{2, 3}, Map.of("indices", ints(0, 1), "indptr", ints(0, 2, 1, 2), "data", ones(2)));
        assertEquals(q + "[indptr]: shape: expected 3 pointers (rows + 1), found 4", error(q));
        Path d = scipy("d.npz", "coo", new long[]{2, 3}, Map.of("row", ints(1, 1), "col", ints(2, 2), "data", ones(2)));
        assertEquals(d + "[data]: element 1: expected each (row, column) once (SciPy would add repeated entries), found [1, 2] again", error(d));
        Path l = scipy("l.npz", "coo", new long[]{2, 3}, Map.of("row", ints(1), "col", ints(2, 0), "data", ones(2)));
        assertEquals(l + "[row]: shape: expected 2 values (as many as 'data'), found 1", error(l));
    }

    @Test
    void scipyShapeAbsurd() throws Exception {
        Path p = scipy("s.npz", "csr", new long[]{1L << 40, 3}, Map.of("indices", ints(), "indptr", ints(0), "data", ones(0)));
        assertEquals(p + "[shape]: value: expected a shape of positive sizes with at most 1073741824 cells, found [1099511627776, 3]", error(p));
    }

    // ---- dense .npz and .npy

    @Test
    void npzNeedsAKeyWhenAmbiguous() throws Exception {
        Path p = dir.resolve("two.npz");
        Mask m = MaskFixtures.p();
        MaskFiles.writeNpz(p, Map.of("fc1.weight_mask", m), false);
        Map<String, Mask> two = new LinkedHashMap<>();
        two.put("fc1.weight_mask", m);
        two.put("fc2.weight_mask", m);
        MaskFiles.writeNpz(p, two, false);
        assertEquals(p + ": key: expected a key naming the mask (the archive holds 2 2-D arrays), found keys fc1.weight_mask, fc2.weight_mask", error(p));
        assertEquals(p + ": key 'fc3': expected one of the keys fc1.weight_mask, fc2.weight_mask, found no such entry",
                error(p, MaskReadOptions.defaults().withKey("fc3")));
        assertEquals(m, MaskFormats.read(p, MaskReadOptions.defaults().withKey("fc2.weight_mask")));
    }

    @Test
    void corruptZip() throws Exception {
        Path p = bytes("c.npz", "PK\u0003\u0004 this is not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(p + ": zip directory: expected a zip archive of .npy files (.npz), found an unreadable archive (zip END header not found)", error(p));
    }

    @Test
    void stringAndObjectDtypesAreRefusedNeverUnpickled() {
        Path s = Fixtures.npy("str_u5.npy");
        assertEquals(s + ": descr: expected a numeric or bool dtype (b1, i1, u1, i2, u2, i4, u4, i8, u8, f2, f4, f8), found '<U5' (unicode string "
                + "arrays are not supported)", error(s));
        Path o = Fixtures.npy("object.npy");
        assertEquals(o + ": descr: expected a numeric or bool dtype (b1, i1, u1, i2, u2, i4, u4, i8, u8, f2, f4, f8), found '|O' (Python object arrays "
                + "are not supported: reading them would mean unpickling)", error(o));
    }

    @Test
    void npyNot2D() {
        Path p = Fixtures.npy("u1_2x3x4.npy");
        assertEquals(p + ": shape: expected a 2-D array [out_features, in_features], found shape (2, 3, 4)", error(p));
    }

    // ---- PNG

    private static byte[] png(Mask m, Path dir) throws Exception {
        Path p = dir.resolve("valid.png");
        MaskFormats.write(p, m, MaskWriteOptions.defaults());
        return Files.readAllBytes(p);
    }

    @Test
    void pngSignatureCrcAndTruncation() throws Exception {
        byte[] valid = png(MaskFixtures.p(), dir);
        Path sig = bytes("sig.png", "GIF89a....".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(sig + ": byte 0: expected the PNG signature 89 50 4e 47 0d 0a 1a 0a, found bytes 47 49 46 38 39 61", error(sig));
        byte[] flipped = valid.clone();
        flipped[20] ^= 1; // inside IHDR's height
        Path crc = bytes("crc.png", flipped);
        assertEquals(crc + ": chunk IHDR at byte 8: expected CRC32 " + String.format("%08x", ByteBuffer.wrap(valid, 29, 4).getInt()) + ", found "
                + error(crc).replaceAll(".*found ", ""), error(crc));
        Path cut = bytes("cut.png", Arrays.copyOf(valid, valid.length - 20));
        assertEquals(true, error(cut).startsWith(cut + ": chunk "), error(cut));
        Path noEnd = bytes("noend.png", Arrays.copyOf(valid, 33));
        assertEquals(noEnd + ": byte 33: expected a chunk header (or IEND), found the end of the file (truncated)", error(noEnd));
    }

    @Test
    void pngDeclaredSizeAboveTheLimit() throws Exception {
        byte[] b = png(MaskFixtures.p(), dir);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        buf.putInt(16, 100_000);
        buf.putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        buf.putInt(29, (int) crc.getValue());
        Path p = bytes("huge.png", b);
        assertEquals(p + ": IHDR: expected an image of at most 16777216 pixels, found 100000 x 100000 pixels", error(p));
    }

    // ---- safetensors

    @Test
    void safetensorsHeaderLies() throws Exception {
        Path ok = dir.resolve("ok.safetensors");
        MaskFormats.write(ok, MaskFixtures.p(), MaskWriteOptions.defaults());
        byte[] b = Files.readAllBytes(ok);
        byte[] lie = b.clone();
        ByteBuffer.wrap(lie).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Path p = bytes("lie.safetensors", lie);
        assertEquals(p + ": byte 0: expected a header length from 2 to " + (b.length - 8) + " bytes, found 1099511627776 (beyond the end of the file)",
                error(p));
        Path cut = bytes("cut.safetensors", Arrays.copyOf(b, b.length - 3));
        assertEquals(cut + ": byte " + (b.length - 35)
                + ": expected 35 data bytes (as the header describes, up to the end of 'weight_mask'), found 32 (file truncated or header wrong)", error(cut));
    }

    // ---- dispatch

    @Test
    void unknownExtension() throws Exception {
        Path p = text("m.txt", "0,1\n");
        assertEquals(p + ": file name: expected one of the extensions .npy .npz .mtx .csv .png .safetensors, found 'm.txt'", error(p));
    }
}
