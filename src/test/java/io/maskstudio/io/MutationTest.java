package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged files (truncated, bytes flipped, bytes inserted; seeded) either read as a valid result or fail
 * with a FormatException: never another exception, never a hang.
 */
class MutationTest {
    /** Raise with -Dmutation.cases=N for a longer local hunt. */
    private static final int CASES = Integer.getInteger("mutation.cases", 400);

    @TempDir
    Path dir;

    @FunctionalInterface
    interface Reader {
        void read(Path file) throws Exception;
    }

    static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncate
            case 1 -> { // flip a few random bytes
                int n = 1 + rnd.nextInt(8);
                for (int k = 0; k < n && b.length > 0; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            case 2 -> { // flip bytes near the start, where headers live
                int n = 1 + rnd.nextInt(4);
                for (int k = 0; k < n && b.length > 0; k++) b[rnd.nextInt(Math.min(b.length, 140))] = (byte) rnd.nextInt(256);
            }
            case 3 -> { // insert random bytes
                int at = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                byte[] c = new byte[b.length + extra.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(extra, 0, c, at, extra.length);
                System.arraycopy(b, at, c, at + extra.length, b.length - at);
                b = c;
            }
            default -> { // replace a digit with another (shapes, sizes, lengths)
                for (int tries = 0; tries < 50 && b.length > 0; tries++) {
                    int k = rnd.nextInt(b.length);
                    if (b[k] >= '0' && b[k] <= '9') {
                        b[k] = (byte) ('0' + rnd.nextInt(10));
                        if (rnd.nextBoolean()) b[k] = (byte) "9-.e,)]".charAt(rnd.nextInt(7));
                        break;
                    }
                }
            }
        }
        return b;
    }

    private void fuzz(String name, List<Path> valid, Reader reader, long seed) throws Exception {
        // the valid files themselves must read
        for (Path v : valid) reader.read(v);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120L * Math.max(1, CASES / 400)), () -> {
            Random rnd = new Random(seed);
            for (int c = 0; c < CASES; c++) {
                Path src = valid.get(c % valid.size());
                byte[] bytes = mutate(Files.readAllBytes(src), rnd);
                Path p = dir.resolve(name + "-" + c + src.getFileName().toString().replaceAll("^[^.]*", ""));
                Files.write(p, bytes);
                try {
                    reader.read(p);
                    outcomes[0]++;
                } catch (FormatException expected) {
                    outcomes[1]++;
                    assertTrue(expected.getMessage().startsWith(p.toString()), expected.getMessage());
                } catch (Throwable t) {
                    throw new AssertionError(name + " case " + c + " (seed " + seed + ", from " + src.getFileName() + ") threw " + t, t);
                }
                Files.delete(p);
            }
        });
        assertTrue(outcomes[1] > CASES / 4, name + ": most mutations should be caught, got " + Arrays.toString(outcomes));
    }

    private static List<Path> fixtures(String... names) {
        return Arrays.stream(names).map(Fixtures::npy).toList();
    }

    @Test
    void npyReader() throws Exception {
        fuzz("npy", fixtures("bool_3x4.npy", "f4_fortran_3x4.npy", "f8_be_3x4.npy", "f4_v2_3x4.npy", "f4_v3_3x4.npy", "i2_be_fortran_2x3x4.npy", "f2_3x4.npy"),
                p -> NpyReader.read(p).toDoubles(), 1);
    }

    @Test
    void npzReader() throws Exception {
        fuzz("npz", fixtures("one_mask_compressed.npz", "two_masks_stored.npz", "state_dict_compressed.npz"), p -> {
            try (Npz npz = Npz.open(p)) {
                for (String k : npz.keys()) npz.shape(k);
                npz.readAll().values().forEach(NpyArray::toDoubles);
            }
        }, 2);
    }

    @Test
    void maskFiles() throws Exception {
        fuzz("mask", fixtures("bool_3x4.npy", "u1_3x4.npy", "bool_fortran_3x4.npy", "one_mask_compressed.npz", "f4_nonbinary_3x4.npy"),
                p -> MaskFiles.read(p, null, p.toString().contains("nonbinary") ? OptionalDouble.of(0.3) : OptionalDouble.empty()), 3);
    }

    @Test
    void graphFiles() throws Exception {
        fuzz("graph", List.of(SampleGraphs.DIR.resolve("xor.graph.json"), SampleGraphs.DIR.resolve("digits-local.graph.json"),
                SampleGraphs.DIR.resolve("mnist-local.graph.json")), GraphFile::read, 4);
    }

    private static List<Path> maskFixtures(String... names) {
        return Arrays.stream(names).map(MaskFixtures::file).toList();
    }

    private static void readMask(Path p) throws Exception {
        MaskFormats.read(p, MaskReadOptions.defaults().withMaxCells(1 << 22));
    }

    @Test
    void scipySparseNpz() throws Exception {
        fuzz("scipy", maskFixtures("p_csr_bool.npz", "p_csc_f8.npz", "p_coo_i4_stored.npz", "p_csr_explicit_zero.npz"), MutationTest::readMask, 6);
    }

    @Test
    void matrixMarket() throws Exception {
        fuzz("mtx", maskFixtures("p_pattern.mtx", "p_real.mtx", "p_integer.mtx", "p_array.mtx", "s_symmetric.mtx", "s_array_symmetric.mtx"),
                MutationTest::readMask, 7);
    }

    @Test
    void csv() throws Exception {
        fuzz("csv", maskFixtures("p_int.csv", "p_float.csv", "p_edges.csv"), MutationTest::readMask, 8);
    }

    @Test
    void png() throws Exception {
        fuzz("png", maskFixtures("p_gray.png", "p_rgb.png", "p_1bit.png", "p_palette.png", "p_gray16.png", "p_rgba.png"), MutationTest::readMask, 9);
    }

    @Test
    void safetensors() throws Exception {
        Path st = dir.resolve("valid.safetensors");
        MaskFormats.write(st, MaskFixtures.p(), MaskWriteOptions.defaults());
        Path two = dir.resolve("two.safetensors");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("fc1.weight", NpyArray.ofFloats(new float[35], 5, 7));
        arrays.put("fc1.weight_mask", MaskFiles.toArray(MaskFixtures.p()));
        Safetensors.write(two, arrays, Map.of("k", "v"));
        fuzz("safetensors", List.of(st, two), p -> {
            Safetensors s = Safetensors.open(p);
            for (String k : s.keys()) s.get(k).toDoubles();
        }, 10);
    }

    @Test
    void fuzzedNpyBytesDirectly() {
        // pure in-memory loop with many more cases: random headers around a valid one
        Random rnd = new Random(5);
        byte[] valid = NpyWriter.toBytes(NpyArray.ofFloats(new float[]{1, 2, 3, 4, 5, 6}, 2, 3));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int c = 0; c < 5000; c++) {
                byte[] b = mutate(valid, rnd);
                try {
                    NpyReader.read("x.npy", b).toFloats();
                } catch (FormatException expected) {
                    // fine
                } catch (Throwable t) {
                    fail("case " + c + " threw " + t + " on " + Arrays.toString(b), t);
                }
            }
        });
    }
}
