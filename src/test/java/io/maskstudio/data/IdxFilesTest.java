package io.maskstudio.data;

import com.sun.management.ThreadMXBean;
import io.maskstudio.io.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IDX files written by NumPy with struct-packed headers, as the IDX spec lays them out ({@code >HBB}: two zero bytes,
 * dtype, ndim; then one big-endian uint32 per dim), raw and through Python's gzip module. Values are compared with a
 * text dump Python writes of the same arrays; each hostile file must be refused with its own message.
 */
class IdxFilesTest {

    /** idx(path, array, dtype, dims, extra, cut, gz, magic): the spec's layout, with knobs to break each part. */
    private static final String WRITER = String.join("\n",
            "import struct, gzip, sys, numpy as np",
            "def idx(path, arr, dtype=0x08, dims=None, extra=b'', cut=None, gz=False, magic=None):",
            "    arr = np.ascontiguousarray(arr, dtype=np.uint8)",
            "    dims = arr.shape if dims is None else dims",
            "    head = struct.pack('>HBB', 0, dtype, len(dims)) + struct.pack('>' + 'I' * len(dims), *dims)",
            "    if magic is not None: head = magic + head[4:]",
            "    data = head + arr.tobytes() + extra",
            "    if gz: data = gzip.compress(data)",
            "    if cut is not None: data = data[:cut]",
            "    open(path, 'wb').write(data)",
            "def dump(path, images, labels):",
            "    with open(path, 'w') as f:",
            "        for im, l in zip(images, labels): f.write(str(int(l)) + ' ' + ' '.join(str(int(v)) for v in im.ravel()) + '\\n')",
            "d = sys.argv[1]",
            "rng = np.random.default_rng(int(sys.argv[2]))",
            "");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNumpy() {
        Python.assumeModules("numpy");
    }

    private void python(String code) throws Exception {
        python(code, 7);
    }

    private void python(String code, long seed) throws Exception {
        Python.Result r = Python.script(WRITER + code, List.of(dir.toString(), Long.toString(seed)), 120);
        assertEquals(0, r.exitCode(), r.output());
    }

    /** The rows Python dumped: label, then the pixels; compared value by value with what was read. */
    private void assertSameAsDump(Dataset d, String dumpName, int h, int w) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(dumpName));
        assertEquals(lines.size(), d.rows());
        assertEquals(h * w, d.features());
        assertEquals(h, d.imageHeight());
        assertEquals(w, d.imageWidth());
        for (int r = 0; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(" ");
            assertEquals(Integer.parseInt(cells[0]), d.y()[r], "label of row " + r);
            float[] expected = new float[h * w];
            for (int i = 0; i < expected.length; i++) expected[i] = Integer.parseInt(cells[i + 1]);
            float[] row = Arrays.copyOfRange(d.x(), r * h * w, (r + 1) * h * w);
            assertArrayEquals(expected, row, "pixels of row " + r);
        }
    }

    private static final String MNIST_LIKE = String.join("\n",
            "im = rng.integers(0, 256, size=(37, 28, 28)); im[0, 0, 0] = 255; im[0, 0, 1] = 0",
            "lb = rng.integers(0, 10, size=37); lb[0] = 9",
            "dump(d + '/expected.txt', im, lb)",
            "");

    @Test
    void rawFilesReadBackValueByValue() throws Exception {
        python(MNIST_LIKE + "idx(d + '/train-images-idx3-ubyte', im); idx(d + '/train-labels-idx1-ubyte', lb)");
        IdxData data = IdxFiles.load(dir.resolve("train-images-idx3-ubyte"));
        assertSameAsDump(data.train(), "expected.txt", 28, 28);
        assertNull(data.test(), "a single file has no test set");
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), data.train().classNames());
        assertEquals("train-images-idx3-ubyte", data.train().name());
    }

    @Test
    void gzipFilesReadBackValueByValue() throws Exception {
        python(MNIST_LIKE + "idx(d + '/x-images-idx3-ubyte.gz', im, gz=True); idx(d + '/x-labels-idx1-ubyte.gz', lb, gz=True)");
        assertSameAsDump(IdxFiles.load(dir.resolve("x-images-idx3-ubyte.gz")).train(), "expected.txt", 28, 28);
    }

    @Test
    void otherImageSizesAreTheImageShapeAndTheDotSpellingIsFound() throws Exception {
        python("im = rng.integers(0, 256, size=(11, 5, 7)); lb = rng.integers(0, 10, size=11)\n"
                + "dump(d + '/expected.txt', im, lb)\n"
                + "idx(d + '/emnist-images.idx3-ubyte', im); idx(d + '/emnist-labels.idx1-ubyte', lb)");
        assertSameAsDump(IdxFiles.load(dir.resolve("emnist-images.idx3-ubyte")).train(), "expected.txt", 5, 7);
    }

    @Test
    void aFolderGivesTrainAndT10kAsTheTestSet() throws Exception {
        python(MNIST_LIKE + "idx(d + '/train-images-idx3-ubyte.gz', im, gz=True); idx(d + '/train-labels-idx1-ubyte.gz', lb, gz=True)\n"
                + "ti = rng.integers(0, 256, size=(13, 28, 28)); tl = rng.integers(0, 10, size=13)\n"
                + "dump(d + '/expected-test.txt', ti, tl)\n"
                + "idx(d + '/t10k-images-idx3-ubyte', ti); idx(d + '/t10k-labels-idx1-ubyte', tl)");
        IdxData data = IdxFiles.load(dir);
        assertSameAsDump(data.train(), "expected.txt", 28, 28);
        assertNotNull(data.test());
        assertSameAsDump(data.test(), "expected-test.txt", 28, 28);
        assertEquals(data.train().classNames(), data.test().classNames());
        Dataset viaDatasets = Datasets.load(dir.toString(), 0);
        assertArrayEquals(data.train().x(), viaDatasets.x(), "Datasets.load gives the training part");
        assertEquals(37, viaDatasets.rows());
    }

    @Test
    void aFolderWithoutT10kHasNoTestSet() throws Exception {
        python(MNIST_LIKE + "idx(d + '/train-images-idx3-ubyte', im); idx(d + '/train-labels-idx1-ubyte', lb)");
        IdxData data = IdxFiles.load(dir);
        assertSameAsDump(data.train(), "expected.txt", 28, 28);
        assertNull(data.test());
    }

    @Test
    void aFolderWithT10kImagesButNoLabelsIsRefused() throws Exception {
        python(MNIST_LIKE + "idx(d + '/train-images-idx3-ubyte', im); idx(d + '/train-labels-idx1-ubyte', lb); idx(d + '/t10k-images-idx3-ubyte', im)");
        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + ": no labels file beside it; expected " + dir.resolve("t10k-labels-idx1-ubyte"),
                refusal(dir));
    }

    @Test
    void aFolderWithoutTrainFilesSaysWhatItExpected() {
        assertTrue(refusal(dir).startsWith(dir + ": no train-images-idx3-ubyte[.gz] in the folder; expected the MNIST layout"), refusal(dir));
    }

    @Test
    void emnistLettersLabelsOneToTwentySixGiveTwentySevenClasses() throws Exception {
        python("im = rng.integers(0, 256, size=(30, 28, 28)); lb = np.arange(30) % 26 + 1\n"
                + "idx(d + '/letters-images-idx3-ubyte', im); idx(d + '/letters-labels-idx1-ubyte', lb)");
        Dataset d = IdxFiles.load(dir.resolve("letters-images-idx3-ubyte")).train();
        assertEquals(27, d.classes(), "labels kept as the file has them, class 0 unused (as torchvision's EMNIST letters)");
        assertEquals("26", d.classNames().get(26));
        assertEquals(1, d.y()[0]);
        assertEquals(26, d.y()[25]);
    }

    // ---- hostile files: one line naming the file and what was expected ----

    private String refusal(Path p) {
        return assertThrows(DataException.class, () -> IdxFiles.load(p)).getMessage();
    }

    private Path images() {
        return dir.resolve("train-images-idx3-ubyte");
    }

    private static final String GOOD_LABELS = "lb = rng.integers(0, 10, size=4); idx(d + '/train-labels-idx1-ubyte', lb)\n"
            + "im = rng.integers(0, 256, size=(4, 28, 28))\n";

    @Test
    void badMagicIsRefused() throws Exception {
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte', im, magic=b'\\x12\\x34\\x08\\x03')");
        assertEquals(images() + ": bad magic 0x12 0x34 0x08 0x03; expected an IDX file starting 0x00 0x00, then the dtype code and the number of dims",
                refusal(images()));
    }

    @Test
    void unsupportedDtypeIsRefused() throws Exception {
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte', im, dtype=0x0D)");
        assertEquals(images() + ": unsupported dtype code 0x0D (float32); expected 0x08 (unsigned byte), as MNIST-family files use", refusal(images()));
    }

    @Test
    void imagesWithTwoDimsAreRefused() throws Exception {
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte', im.reshape(4, 784))");
        assertEquals(images() + ": 2 dims; expected 3 (images: count, height, width)", refusal(images()));
    }

    @Test
    void labelsWithTwoDimsAreRefused() throws Exception {
        python("im = rng.integers(0, 256, size=(4, 28, 28)); idx(d + '/train-images-idx3-ubyte', im)\n"
                + "idx(d + '/train-labels-idx1-ubyte', np.zeros((4, 1)))");
        assertEquals(dir.resolve("train-labels-idx1-ubyte") + ": 2 dims; expected 1 (labels: one count)", refusal(images()));
    }

    @Test
    void aTruncatedRawFileIsRefusedFromItsSize() throws Exception {
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte', im, cut=16 + 4 * 784 - 5)");
        assertEquals(images() + ": truncated: the dims 4 x 28 x 28 need 3136 bytes of data, the file holds 3131 after its 16-byte header",
                refusal(images()));
    }

    @Test
    void trailingBytesInARawFileAreRefused() throws Exception {
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte', im, extra=b'\\x00\\x00\\x00')");
        assertEquals(images() + ": 3 trailing bytes after the 3136 bytes of data that the dims 4 x 28 x 28 describe; expected the file to end there",
                refusal(images()));
    }

    @Test
    void dimsNeedingMoreThanAGzipStreamHoldsAreRefused() throws Exception {
        Path gz = dir.resolve("train-images-idx3-ubyte.gz");
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte.gz', im, dims=(4, 28, 29), gz=True)");
        assertEquals(gz + ": truncated: the dims 4 x 28 x 29 need 3248 bytes of data, the gzip stream ends after 3136", refusal(gz));
    }

    @Test
    void trailingBytesInAGzipStreamAreRefused() throws Exception {
        Path gz = dir.resolve("train-images-idx3-ubyte.gz");
        python(GOOD_LABELS + "idx(d + '/train-images-idx3-ubyte.gz', im, dims=(4, 28, 27), gz=True)");
        assertEquals(gz + ": trailing bytes after the 3024 bytes of data that the dims 4 x 28 x 27 describe; expected the gzip stream to end there",
                refusal(gz));
    }

    @Test
    void aTruncatedGzipFileIsRefused() throws Exception {
        Path gz = dir.resolve("train-images-idx3-ubyte.gz");
        // Random pixels do not compress: cutting the .gz in half leaves about half the data and no gzip trailer.
        python(GOOD_LABELS + "data = gzip.compress(struct.pack('>HBB', 0, 8, 3) + struct.pack('>III', 4, 28, 28) + im.astype(np.uint8).tobytes())\n"
                + "idx(d + '/train-images-idx3-ubyte.gz', im, gz=True, cut=len(data) // 2)");
        String m = refusal(gz);
        assertTrue(m.startsWith(gz + ": truncated gzip stream (Unexpected end of ZLIB input stream) after "), m);
        assertTrue(m.endsWith(" of the 3136 bytes of data that the dims 4 x 28 x 28 need; expected a complete .gz file"), m);
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        python("idx(d + '/train-labels-idx1-ubyte', rng.integers(0, 10, size=5))\n"
                + "idx(d + '/train-images-idx3-ubyte', rng.integers(0, 256, size=(4, 28, 28)))");
        assertEquals(images() + ": 4 images but train-labels-idx1-ubyte has 5 labels; expected the same count", refusal(images()));
    }

    @Test
    void labelsBeyondTheFamilysClassesAreRefused() throws Exception {
        python("lb = rng.integers(0, 10, size=4); lb[2] = 200; idx(d + '/train-labels-idx1-ubyte', lb)\n"
                + "idx(d + '/train-images-idx3-ubyte', rng.integers(0, 256, size=(4, 28, 28)))");
        assertEquals(dir.resolve("train-labels-idx1-ubyte") + ": label 200 at item 2; expected 0..61 (MNIST-family sets have at most 62 classes, "
                + "EMNIST byclass)", refusal(images()));
    }

    @Test
    void aMissingLabelsFileIsNamed() throws Exception {
        python("idx(d + '/train-images-idx3-ubyte.gz', rng.integers(0, 256, size=(4, 28, 28)), gz=True)");
        Path gz = dir.resolve("train-images-idx3-ubyte.gz");
        assertEquals(gz + ": no labels file beside it; expected " + dir.resolve("train-labels-idx1-ubyte.gz"), refusal(gz));
    }

    @Test
    void aFileWithoutTheStandardNameIsRefused() throws Exception {
        Path odd = dir.resolve("digits-idx3-ubyte");
        Files.write(odd, new byte[16]);
        assertTrue(refusal(odd).startsWith(odd + ": expected an images file named X-images-idx3-ubyte[.gz]"), refusal(odd));
    }

    /** Bytes this thread allocated while reading (HotSpot's per-thread counter). */
    private static long allocatedDuring(ThrowingRunnable r) throws Exception {
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aHeaderClaiming2To31ImagesInATinyFileIsRefusedWithoutAllocating() throws Exception {
        python(GOOD_LABELS.replace("size=4", "size=0") + "idx(d + '/train-labels-idx1-ubyte', lb[:0], dims=(2**31,), extra=b'')\n"
                + "idx(d + '/train-images-idx3-ubyte', im[:0], dims=(2**31, 28, 28))\n"
                + "idx(d + '/g-images-idx3-ubyte.gz', im[:1], dims=(2**31, 28, 28), gz=True)\n"
                + "idx(d + '/g-labels-idx1-ubyte.gz', lb[:1], dims=(2**31,), gz=True)");
        String[] raw = new String[1];
        long rawBytes = allocatedDuring(() -> raw[0] = assertThrows(DataException.class, () -> IdxFiles.load(images())).getMessage());
        assertEquals(dir.resolve("train-labels-idx1-ubyte") + ": truncated: the dims 2147483648 need 2147483648 bytes of data, "
                + "the file holds 0 after its 8-byte header", raw[0]);
        assertTrue(rawBytes < 4 << 20, "allocated " + rawBytes + " bytes");
        // Labels that are fine (none), images claiming 2^31: the images file's own size check speaks, before any data.
        python("idx(d + '/train-labels-idx1-ubyte', np.zeros(0))");
        String[] sized = new String[1];
        long imageBytes = allocatedDuring(() -> sized[0] = assertThrows(DataException.class, () -> IdxFiles.load(images())).getMessage());
        assertEquals(images() + ": truncated: the dims 2147483648 x 28 x 28 need 1683627180032 bytes of data, the file holds 0 after its "
                + "16-byte header", sized[0]);
        assertTrue(imageBytes < 4 << 20, "allocated " + imageBytes + " bytes");
        Path gz = dir.resolve("g-images-idx3-ubyte.gz");
        String g = assertThrows(DataException.class, () -> IdxReader.open(gz, 3, "images").close()).getMessage();
        assertEquals(gz + ": the dims 2147483648 x 28 x 28 describe 1683627180032 values; expected at most 1073741823 (2^30)", g);
    }

    @Test
    void aGzipHeaderClaimingAMillionImagesReadsOnlyWhatArrives() throws Exception {
        // 784 MB claimed, 3 images present: the buffer must follow the real data, not the header.
        python("im = rng.integers(0, 256, size=(3, 28, 28))\n"
                + "idx(d + '/train-images-idx3-ubyte.gz', im, dims=(1000000, 28, 28), gz=True)");
        Path gz = dir.resolve("train-images-idx3-ubyte.gz");
        String[] m = new String[1];
        long bytes = allocatedDuring(() -> {
            try (IdxReader r = IdxReader.open(gz, 3, "images")) {
                m[0] = assertThrows(DataException.class, r::readData).getMessage();
            }
        });
        assertEquals(gz + ": truncated: the dims 1000000 x 28 x 28 need 784000000 bytes of data, the gzip stream ends after 2352", m[0]);
        assertTrue(bytes < 8 << 20, "allocated " + bytes + " bytes for 2352 bytes of data");
    }
}
