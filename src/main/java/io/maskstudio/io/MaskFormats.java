package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one entry point for mask files, used by the {@code convert} command and the app's import/export
 * dialogs alike: the format follows from the file extension ({@link MaskFormat}). Every mask is
 * {@code [out_features, in_features]}, the orientation of {@code torch.nn.Linear.weight}. Reading validates
 * before it allocates and builds a new mask, so a failed import changes nothing; writing is atomic.
 */
public final class MaskFormats {
    private MaskFormats() {}

    /** Lower-case extensions with the dot, for file choosers: {@code .npy .npz .mtx .csv .png .safetensors}. */
    public static List<String> readableExtensions() {
        return Arrays.stream(MaskFormat.values()).map(MaskFormat::extension).toList();
    }

    public static List<String> writableExtensions() {
        return readableExtensions();
    }

    public static Mask read(Path file, MaskReadOptions opts) throws IOException, FormatException {
        MaskFormat format = formatOf(file);
        try {
            return readAs(format, file, opts);
        } catch (OutOfMemoryError e) {
            // the readers check the mask's size against the heap first; this is the last resort when other data filled it
            throw MaskHeap.outOfMemory(file.toString(), e);
        }
    }

    private static Mask readAs(MaskFormat format, Path file, MaskReadOptions opts) throws IOException, FormatException {
        return switch (format) {
            case NPY -> NpyReader.readMask(file, opts);
            case NPZ -> readNpz(file, opts);
            case MTX -> MatrixMarket.read(file, opts);
            case CSV -> CsvMasks.read(file, opts);
            case PNG -> PngMasks.read(file, opts);
            case SAFETENSORS -> readSafetensors(file, opts);
        };
    }

    public static void write(Path file, Mask mask, MaskWriteOptions opts) throws IOException {
        MaskFormat format = MaskFormat.of(file).orElseThrow(() -> new IllegalArgumentException(
                file + ": unknown mask file extension (expected one of " + MaskFormat.list() + ")"));
        writerFor(format, opts).write(file, mask);
    }

    @FunctionalInterface
    private interface MaskWriter {
        void write(Path file, Mask mask) throws IOException;
    }

    // A switch expression, not a statement, so a new MaskFormat constant fails to compile until it can be written.
    private static MaskWriter writerFor(MaskFormat format, MaskWriteOptions opts) {
        return switch (format) {
            case NPY -> MaskFiles::writeNpy;
            case NPZ -> opts.sparse() ? ScipySparseNpz::write : (f, m) -> MaskFiles.writeNpz(f, Map.of(opts.key(), m), true);
            case MTX -> MatrixMarket::write;
            case CSV -> (f, m) -> CsvMasks.write(f, m, opts.sparse());
            case PNG -> PngMasks::write;
            case SAFETENSORS -> (f, m) -> Safetensors.write(f, Map.of(opts.key(), MaskFiles.toArray(m)),
                    Map.of("orientation", MaskFiles.ORIENTATION));
        };
    }

    private static MaskFormat formatOf(Path file) throws FormatException {
        return MaskFormat.of(file).orElseThrow(() -> new FormatException(file.toString(), "file name",
                "one of the extensions " + MaskFormat.list(), "'" + file.getFileName() + "'"));
    }

    private static Mask readNpz(Path file, MaskReadOptions opts) throws IOException, FormatException {
        try (Npz npz = Npz.open(file)) {
            if (opts.key() == null && ScipySparseNpz.looksLike(npz)) return ScipySparseNpz.read(npz, opts);
            String key = opts.key() != null ? opts.key() : onlyMatrix(npz.source(), npz.keys(), k -> npz.shape(k).length == 2);
            return npz.readMask(key, opts);
        }
    }

    private static Mask readSafetensors(Path file, MaskReadOptions opts) throws IOException, FormatException {
        Safetensors st = Safetensors.open(file);
        String key = opts.key() != null ? opts.key() : onlyMatrix(st.source(), st.keys(), k -> st.shape(k).length == 2);
        return MaskFiles.fromArray(st.entrySource(key), st.get(key), opts);
    }

    @FunctionalInterface
    interface KeyTest {
        boolean test(String key) throws IOException, FormatException;
    }

    /** The bundle's only 2-D array, or an error listing every key so the user can pick one with a key option. */
    static String onlyMatrix(String source, List<String> keys, KeyTest isMatrix) throws IOException, FormatException {
        List<String> matrices = new ArrayList<>();
        for (String k : keys) if (isMatrix.test(k)) matrices.add(k);
        if (matrices.size() == 1) return matrices.get(0);
        String found = keys.isEmpty() ? "an empty archive" : "keys " + String.join(", ", keys);
        throw new FormatException(source, "key", "a key naming the mask (the archive holds " + matrices.size() + " 2-D arrays)", found);
    }
}
