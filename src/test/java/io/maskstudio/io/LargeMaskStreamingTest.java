package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Masks well inside the 2^30-cell limit, written by NumPy, read in a child JVM with {@code -Xmx512m}: the data is
 * streamed into the mask, so a 256 MiB bool file or a 512 MiB float64 file needs the mask's 8 to 32 MiB, not the
 * file's size (reading the whole data block first ran out of memory). Skipped without /usr/bin/python3 + NumPy.
 */
class LargeMaskStreamingTest {
    @TempDir
    Path dir;

    /** A few connections NumPy sets, so the child's answer checks content as well as shape. */
    private static final String CELLS_PY = """
            def mark(a, one):
                r, c = a.shape
                for (o, i) in [(0, 0), (r // 3, c // 7), (r - 1, c - 1)]:
                    a[o, i] = one
            """;

    /** Writes each {@code path:rows:cols:dtype[:F]} with np.lib.format.open_memmap: a sparse file, cheap to make. */
    private void numpyNpy(String... specs) throws IOException {
        String code = "import sys, numpy as np\n" + CELLS_PY + """
                for spec in sys.argv[1:]:
                    path, r, c, dt, order = (spec + ':C').split(':')[:5]
                    a = np.lib.format.open_memmap(path, mode='w+', dtype=dt, shape=(int(r), int(c)), fortran_order=order == 'F')
                    mark(a, 1)
                    a.flush()
                    del a
                    b = np.load(path, mmap_mode='r')
                    assert b.shape == (int(r), int(c)) and b.dtype == np.dtype(dt)
                """;
        python(code, specs);
    }

    private void numpyNpz(String path, boolean compressed, String... specs) throws IOException {
        String code = "import sys, numpy as np\n" + CELLS_PY + """
                arrays = {}
                for spec in sys.argv[3:]:
                    key, r, c, dt = spec.split(':')
                    arrays[key] = np.zeros((int(r), int(c)), dt)
                    mark(arrays[key], 1)
                (np.savez_compressed if sys.argv[2] == '1' else np.savez)(sys.argv[1], **arrays)
                """;
        List<String> args = new ArrayList<>(List.of(path, compressed ? "1" : "0"));
        args.addAll(List.of(specs));
        python(code, args.toArray(String[]::new));
    }

    private static void python(String code, String... args) throws IOException {
        Python.Result r = Python.script(code, List.of(args), 120);
        assertEquals(0, r.exitCode(), r.output());
    }

    /** Runs {@link ReadMaskChild} under {@code -Xmx<heap>} and returns its lines. */
    private List<String> readInChild(String heap, String... files) throws Exception {
        return readInChild(List.of("-Xmx" + heap), files);
    }

    private List<String> readInChild(List<String> jvmOptions, String... files) throws Exception {
        Path out = dir.resolve("result.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ReadMaskChild.class.getName(), out.toString()));
        cmd.addAll(List.of(files));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM still running after 120 s");
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + output);
        return Files.readAllLines(out);
    }

    /** What the child must print for a mask NumPy marked with {@code mark}. */
    private static String expected(int rows, int cols) {
        return rows + " " + cols + " " + (long) rows * cols + " 3 0,0 " + rows / 3 + "," + cols / 7 + " " + (rows - 1) + "," + (cols - 1);
    }

    private void delete(String... names) throws IOException {
        for (String n : names) Files.deleteIfExists(dir.resolve(n));
    }

    @Test
    void boolAndFloat64NpyReadWithinHalfAGigabyteOfHeap() throws Exception {
        Python.assumeModules("numpy");
        Path bool = dir.resolve("bool_16384.npy");
        Path f8 = dir.resolve("f8_8192.npy");
        numpyNpy(bool + ":16384:16384:bool", f8 + ":8192:8192:<f8");
        assertEquals(List.of(expected(16384, 16384), expected(8192, 8192)), readInChild("512m", bool.toString(), f8.toString()));
        delete("bool_16384.npy", "f8_8192.npy");
    }

    @Test
    void storedNpzReadWithinHalfAGigabyteOfHeap() throws Exception {
        Python.assumeModules("numpy");
        Path npz = dir.resolve("stored.npz");
        numpyNpz(npz.toString(), false, "big_bool:16384:16384:bool", "big_f8:8192:8192:<f8");
        assertEquals(List.of(expected(16384, 16384), expected(8192, 8192)), readInChild("512m", npz + "#big_bool", npz + "#big_f8"));
        delete("stored.npz");
    }

    @Test
    void compressedNpzReadWithinHalfAGigabyteOfHeap() throws Exception {
        Python.assumeModules("numpy");
        Path npz = dir.resolve("compressed.npz");
        numpyNpz(npz.toString(), true, "big_bool:16384:16384:bool", "big_f8:8192:8192:<f8");
        assertEquals(List.of(expected(16384, 16384), expected(8192, 8192)), readInChild("512m", npz + "#big_bool", npz + "#big_f8"));
        delete("compressed.npz");
    }

    /** Bits above 64 MiB start as sparse rows, and Fortran order hands the reader their cells column by column. */
    @Test
    void fortranOrderMaskStoredAsSparseRows() throws Exception {
        Python.assumeModules("numpy");
        Path f = dir.resolve("fortran_8193x65536.npy");
        numpyNpy(f + ":8193:65536:bool:F");
        assertEquals(List.of(expected(8193, 65536)), readInChild("512m", f.toString()));
        delete("fortran_8193x65536.npy");
    }

    /**
     * 60 MiB of bits cannot fit a 32 MiB heap: refused before allocating, with the numbers. A sparse 32768^2 mask
     * (2^30 cells, stored as sparse rows) fits 64 MiB and is read, so the check does not refuse by worst case.
     */
    @Test
    void aMaskLargerThanTheHeapIsRefusedWithAMessage() throws Exception {
        Python.assumeModules("numpy");
        Path big = dir.resolve("bool_30720x16384.npy");
        Path sparse = dir.resolve("bool_32768.npy");
        numpyNpy(big + ":30720:16384:bool", sparse + ":32768:32768:bool");
        List<String> lines = readInChild(List.of("-Xmx32m", "-XX:+UseG1GC"), big.toString());
        assertEquals(List.of("error " + big + ": shape: expected a mask the Java heap can hold (at most 32 MiB; start Java with a larger -Xmx), "
                + "found shape (30720, 16384) = 503316480 cells, which needs at least 60 MiB"), lines);
        assertEquals(List.of(expected(32768, 32768)), readInChild(List.of("-Xmx64m", "-XX:+UseG1GC"), sparse.toString()));
        delete("bool_30720x16384.npy", "bool_32768.npy");
    }

    /**
     * 63.9 MiB of bits pass the check against a 64 MiB heap but cannot be allocated next to what the JVM already
     * holds: the OutOfMemoryError becomes a message too. G1 is named because it reports -Xmx as the heap's maximum.
     */
    @Test
    void aHeapThatRunsOutWhileReadingGivesAMessageNotAStackTrace() throws Exception {
        Python.assumeModules("numpy");
        Path big = dir.resolve("bool_32700x16384.npy");
        numpyNpy(big + ":32700:16384:bool");
        List<String> lines = readInChild(List.of("-Xmx64m", "-XX:+UseG1GC"), big.toString());
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("error " + big + ": shape: expected a mask the Java heap can hold (64 MiB, of which "), line);
        assertTrue(line.endsWith("found shape (32700, 16384) = 535756800 cells, which needs up to 64 MiB: the heap ran out while reading it"), line);
        delete("bool_32700x16384.npy");
    }

    /** 60 million stored entries: the index array alone is 240 MiB, which reading whole ran out of heap. */
    @Test
    void scipyCsrWithSixtyMillionEntriesReadWithinHalfAGigabyteOfHeap() throws Exception {
        Python.assumeModules("numpy", "scipy");
        Path csr = dir.resolve("csr.npz");
        python("""
                import sys, numpy as np, scipy.sparse as sp
                rows, per_row = 16384, 3662
                indptr = np.arange(rows + 1, dtype=np.int32) * per_row
                # row o holds columns o % 7, o % 7 + 4, ... : ascending, distinct, different per row
                cols = (np.arange(per_row, dtype=np.int32) * 4)[None, :] + (np.arange(rows, dtype=np.int32) % 7)[:, None]
                m = sp.csr_matrix((np.ones(rows * per_row, bool), cols.ravel(), indptr), shape=(rows, 16384))
                sp.save_npz(sys.argv[1], m, compressed=False)
                """, csr.toString());
        assertEquals(List.of("16384 16384 268435456 " + 16384L * 3662), readInChild("512m", csr.toString()));
        delete("csr.npz");
    }
}
