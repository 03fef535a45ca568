package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What we write, we read back bit for bit; headers look like NumPy's. */
class NpyRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void headerIsPaddedTo64BytesAndEndsWithNewline() {
        byte[] b = NpyWriter.toBytes(NpyArray.ofFloats(new float[]{1, 2, 3, 4, 5, 6}, 2, 3));
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals('\n', b[10 + headerLen - 1]);
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertEquals(10 + headerLen + 24, b.length);
    }

    @Test
    void randomArraysRoundTripBitExactly() throws Exception {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = randomShape(rnd);
            int n = 1;
            for (int d : shape) n *= d;
            NpyArray a = switch (trial % 4) {
                case 0 -> {
                    boolean[] v = new boolean[n];
                    for (int k = 0; k < n; k++) v[k] = rnd.nextBoolean();
                    yield NpyArray.ofBooleans(v, shape);
                }
                case 1 -> {
                    float[] v = new float[n];
                    // raw bits, so NaN payloads, infinities and subnormals are covered too
                    for (int k = 0; k < n; k++) v[k] = Float.intBitsToFloat(rnd.nextInt());
                    yield NpyArray.ofFloats(v, shape);
                }
                case 2 -> {
                    double[] v = new double[n];
                    for (int k = 0; k < n; k++) v[k] = rnd.nextGaussian() * 1e6;
                    yield NpyArray.ofDoubles(v, shape);
                }
                default -> {
                    long[] v = new long[n];
                    for (int k = 0; k < n; k++) v[k] = rnd.nextLong();
                    yield NpyArray.ofLongs(v, shape);
                }
            };
            byte[] bytes = NpyWriter.toBytes(a);
            NpyArray back = NpyReader.read("t.npy", bytes);
            assertArrayEquals(a.shape(), back.shape());
            assertEquals(a.dtype(), back.dtype());
            assertArrayEquals(a.rawBytes(), back.rawBytes(), "trial " + trial);
        }
    }

    @Test
    void fortranAndBigEndianInputIsRewrittenAsLittleEndianCOrder() throws Exception {
        NpyArray f = NpyReader.read(Fixtures.npy("f8_be_fortran_3x4.npy"));
        Path out = dir.resolve("c.npy");
        NpyWriter.write(out, f);
        NpyArray back = NpyReader.read(out);
        assertEquals(ByteOrder.LITTLE_ENDIAN, back.byteOrder());
        assertTrue(!back.fortranOrder() && back.sameContent(f));
        assertArrayEquals(f.toDoubles(), back.toDoubles());
    }

    @Test
    void npzRoundTripsStoredAndCompressed() throws Exception {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("fc1.weight", NpyArray.ofFloats(new float[]{1.5f, -2f, 0f, 3f, 4f, 5f}, 2, 3));
        arrays.put("fc1.weight_mask", NpyArray.ofBooleans(new boolean[]{true, false, true, true, false, true}, 2, 3));
        arrays.put("y", NpyArray.ofLongs(new long[]{0, 9, 3}, 3));
        for (boolean compressed : new boolean[]{false, true}) {
            Path p = dir.resolve("m" + compressed + ".npz");
            Npz.write(p, arrays, compressed);
            try (Npz npz = Npz.open(p)) {
                assertEquals(List.copyOf(arrays.keySet()), npz.keys());
                for (var e : arrays.entrySet()) assertArrayEquals(e.getValue().rawBytes(), npz.get(e.getKey()).rawBytes());
            }
        }
        // the same content gives the same bytes (fixed entry times)
        Npz.write(dir.resolve("again.npz"), arrays, true);
        assertArrayEquals(Files.readAllBytes(dir.resolve("mtrue.npz")), Files.readAllBytes(dir.resolve("again.npz")));
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles() throws Exception {
        Path p = dir.resolve("a.npy");
        NpyWriter.write(p, NpyArray.ofLongs(new long[]{1, 2}, 2));
        NpyWriter.write(p, NpyArray.ofLongs(new long[]{3, 4, 5}, 3));
        assertArrayEquals(new long[]{3, 4, 5}, NpyReader.read(p).toLongs());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    private static int[] randomShape(Random rnd) {
        int[] shape = new int[rnd.nextInt(4)];
        for (int k = 0; k < shape.length; k++) shape[k] = rnd.nextInt(7);
        return shape;
    }
}
