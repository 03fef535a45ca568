package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Masks to and from NumPy files (see {@link MaskFormats} for every format). A mask is a 2-D array {@code [out_features, in_features]}; its values
 * must be 0/1 (or bool) unless a threshold T is given, in which case {@code |v| > T} means connected.
 */
public final class MaskFiles {

    private MaskFiles() {}

    /** The orientation statement we put into every file format that has room for a note. */
    public static final String ORIENTATION = "[out_features, in_features], as torch.nn.Linear.weight: rows are output neurons";

    /** Reads a strictly 0/1 mask from any format {@link MaskFormats} knows; from the only 2-D array of a bundle. */
    public static Mask read(Path file) throws IOException, FormatException {
        return read(file, null, OptionalDouble.empty());
    }

    /** Reads a mask in any format {@link MaskFormats} knows; {@code key} picks a bundle's entry (null: its only 2-D array). */
    public static Mask read(Path file, String key, OptionalDouble threshold) throws IOException, FormatException {
        return MaskFormats.read(file, new MaskReadOptions(key, threshold, MaskReadOptions.DEFAULT_MAX_CELLS));
    }

    /** Every entry of a {@code .npz} whose key ends in {@code weight_mask} (a pruned PyTorch state_dict), in archive order. */
    public static Map<String, Mask> readStateDictMasks(Path file, OptionalDouble threshold) throws IOException, FormatException {
        Map<String, Mask> out = new LinkedHashMap<>();
        try (Npz npz = Npz.open(file)) {
            for (String k : npz.keys()) {
                if (k.endsWith("weight_mask")) out.put(k, npz.readMask(k, new MaskReadOptions(k, threshold, MaskReadOptions.DEFAULT_MAX_CELLS)));
            }
        }
        return out;
    }

    /** Converts a 2-D array into a mask, checking every value. */
    public static Mask fromArray(String source, NpyArray a, OptionalDouble threshold) throws FormatException {
        return fromArray(source, a, new MaskReadOptions(null, threshold, MaskReadOptions.DEFAULT_MAX_CELLS));
    }

    static Mask fromArray(String source, NpyArray a, MaskReadOptions opts) throws FormatException {
        MaskValues values = MaskValues.of(opts.threshold());
        int[] shape = a.shape();
        requireMaskShape(source, shape, opts);
        int rows = shape[0];
        int cols = shape[1];
        Mask m = new Mask(rows, cols);
        long k = 0;
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < cols; i++, k++) {
                if (values.connected(a.getDouble(k), source, element(o, i))) m.set(o, i, true);
            }
        }
        return m;
    }

    /**
     * Streams a 2-D array's elements into a new mask: memory is the mask plus {@link NpyElements}' buffer,
     * whatever the dtype (a float64 file is 64 times the size of its mask's bits).
     */
    static Mask fromElements(NpyElements e, MaskReadOptions opts, NpyElements.EndCheck end) throws IOException, FormatException {
        String source = e.source();
        MaskValues values = MaskValues.of(opts.threshold());
        int[] shape = e.shape();
        requireMaskShape(source, shape, opts);
        int rows = shape[0];
        int cols = shape[1];
        MaskHeap.require(source, rows, cols);
        try {
            MaskFiller filler = new MaskFiller(new Mask(rows, cols));
            // storage order: row by row, or column by column for fortran_order; "fast" is the index that runs first
            boolean fortran = e.header().fortranOrder();
            long fast = fortran ? rows : cols;
            long n = e.count();
            long k = 0;
            long slow = 0;
            long at = 0;
            while (k < n) {
                long zeros = e.skipZeros(n - k);
                if (zeros > 0) {
                    k += zeros;
                    at += zeros;
                    slow += at / fast;
                    at %= fast;
                    if (k == n) break;
                }
                double v = e.next();
                int o = (int) (fortran ? at : slow);
                int i = (int) (fortran ? slow : at);
                if (values.connected(v, source, element(o, i))) filler.connect(o, i);
                k++;
                if (++at == fast) {
                    at = 0;
                    slow++;
                }
            }
            e.finish(end);
            return filler.finish();
        } catch (OutOfMemoryError oom) {
            throw MaskHeap.outOfMemory(source, rows, cols, oom);
        }
    }

    private static void requireMaskShape(String source, int[] shape, MaskReadOptions opts) throws FormatException {
        if (shape.length != 2) {
            throw new FormatException(source, "shape", "a 2-D array [out_features, in_features]", "shape " + NpyArray.shapeString(shape));
        }
        if (shape[0] == 0 || shape[1] == 0) {
            throw new FormatException(source, "shape", "a 2-D array with at least one row and one column", "shape " + NpyArray.shapeString(shape));
        }
        if ((long) shape[0] * shape[1] > opts.maxCells()) {
            throw new FormatException(source, "shape", MaskReadOptions.limitText(opts.maxCells()), "shape " + NpyArray.shapeString(shape));
        }
    }

    /** Fails unless {@code mask} has the shape a layer pair needs; spells out a likely transposition. */
    public static void requireShape(String source, Mask mask, int rows, int cols) throws FormatException {
        if (mask.rows() == rows && mask.cols() == cols) return;
        String hint = mask.rows() == cols && mask.cols() == rows ? " (transposed? masks are [out_features, in_features])" : "";
        throw new FormatException(source, "shape", "[" + rows + ", " + cols + "] (out_features, in_features)",
                "[" + mask.rows() + ", " + mask.cols() + "]" + hint);
    }

    /** The mask as a bool array {@code [out, in]}. */
    public static NpyArray toArray(Mask mask) {
        return NpyArray.ofBooleans(mask.toBooleans(), mask.rows(), mask.cols());
    }

    public static void writeNpy(Path file, Mask mask) throws IOException {
        NpyWriter.write(file, toArray(mask));
    }

    public static void writeNpz(Path file, Map<String, Mask> masks, boolean compressed) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        masks.forEach((k, m) -> arrays.put(k, toArray(m)));
        Npz.write(file, arrays, compressed);
    }

    private static String element(int o, int i) {
        return "element [" + o + ", " + i + "]";
    }
}
