package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Masks to and from NumPy files. A mask is a 2-D array {@code [out_features, in_features]}; its values
 * must be 0/1 (or bool) unless a threshold T is given, in which case {@code |v| > T} means connected.
 */
public final class MaskFiles {

    private MaskFiles() {}

    /** Reads a strictly 0/1 mask from {@code .npy}, or from the only 2-D array of a {@code .npz}. */
    public static Mask read(Path file) throws IOException, FormatException {
        return read(file, null, OptionalDouble.empty());
    }

    /**
     * Reads a mask from {@code .npy} or {@code .npz} (by extension). For {@code .npz}, {@code key} picks the
     * entry; null means the archive's only 2-D array.
     */
    public static Mask read(Path file, String key, OptionalDouble threshold) throws IOException, FormatException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            try (Npz npz = Npz.open(file)) {
                String k = key != null ? key : onlyMatrixKey(npz);
                return fromArray(npz.entrySource(k), npz.get(k), threshold);
            }
        }
        if (!name.endsWith(".npy")) {
            throw new FormatException(file.toString(), "file name", "a .npy or .npz file", "'" + file.getFileName() + "'");
        }
        return fromArray(file.toString(), NpyReader.read(file), threshold);
    }

    /** Every entry of a {@code .npz} whose key ends in {@code weight_mask} (a pruned PyTorch state_dict), in archive order. */
    public static Map<String, Mask> readStateDictMasks(Path file, OptionalDouble threshold) throws IOException, FormatException {
        Map<String, Mask> out = new LinkedHashMap<>();
        try (Npz npz = Npz.open(file)) {
            for (String k : npz.keys()) {
                if (k.endsWith("weight_mask")) out.put(k, fromArray(npz.entrySource(k), npz.get(k), threshold));
            }
        }
        return out;
    }

    /** Converts a 2-D array into a mask, checking every value. */
    public static Mask fromArray(String source, NpyArray a, OptionalDouble threshold) throws FormatException {
        if (threshold.isPresent() && !(threshold.getAsDouble() >= 0) || threshold.isPresent() && Double.isInfinite(threshold.getAsDouble())) {
            throw new IllegalArgumentException("threshold must be a finite number >= 0, was " + threshold.getAsDouble());
        }
        int[] shape = a.shape();
        if (shape.length != 2) {
            throw new FormatException(source, "shape", "a 2-D array [out_features, in_features]", "shape " + NpyArray.shapeString(shape));
        }
        if (shape[0] == 0 || shape[1] == 0) {
            throw new FormatException(source, "shape", "a 2-D array with at least one row and one column", "shape " + NpyArray.shapeString(shape));
        }
        int rows = shape[0];
        int cols = shape[1];
        Mask m = new Mask(rows, cols);
        long k = 0;
        for (int o = 0; o < rows; o++) {
            for (int i = 0; i < cols; i++, k++) {
                double v = a.getDouble(k);
                if (Double.isNaN(v)) throw new FormatException(source, element(o, i), "a number", "NaN");
                boolean on;
                if (threshold.isPresent()) {
                    on = Math.abs(v) > threshold.getAsDouble();
                } else if (v == 0 || v == 1) {
                    on = v == 1;
                } else {
                    throw new FormatException(source, element(o, i), "0 or 1 (give a threshold to binarize other values)", formatValue(v));
                }
                if (on) m.set(o, i, true);
            }
        }
        return m;
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

    private static String onlyMatrixKey(Npz npz) throws IOException, FormatException {
        List<String> matrices = new ArrayList<>();
        for (String k : npz.keys()) {
            if (npz.shape(k).length == 2) matrices.add(k);
        }
        if (matrices.size() == 1) return matrices.get(0);
        String keys = npz.keys().isEmpty() ? "an empty archive" : "keys " + String.join(", ", npz.keys());
        throw new FormatException(npz.source(), "key", "a key naming the mask (the archive holds " + matrices.size() + " 2-D arrays)", keys);
    }

    private static String element(int o, int i) {
        return "element [" + o + ", " + i + "]";
    }

    private static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
