package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SciPy sparse matrices saved with {@code scipy.sparse.save_npz}: an {@code .npz} with a {@code format} entry
 * ({@code b'csr'}, {@code b'csc'} or {@code b'coo'}), {@code shape}, {@code data} and either {@code indices}
 * and {@code indptr} or {@code row} and {@code col}. Every index is range-checked, pointers must be
 * monotonic and agree with the lengths, and each (row, column) may appear once (SciPy would sum repeats).
 * We write CSR with bool data, the layout {@code scipy.sparse.load_npz} returns as a {@code csr_matrix}.
 */
final class ScipySparseNpz {
    private ScipySparseNpz() {}

    /** The entries save_npz always writes. */
    static boolean looksLike(Npz npz) {
        return npz.contains("format") && npz.contains("shape") && npz.contains("data");
    }

    static Mask read(Npz npz, MaskReadOptions opts) throws IOException, FormatException {
        MaskValues values = MaskValues.of(opts.threshold());
        String format = npz.shortString("format").toLowerCase(Locale.ROOT);
        int[] shape = shape(npz, opts);
        Mask m = new Mask(shape[0], shape[1]);
        switch (format) {
            case "csr" -> readCompressed(npz, m, true, values);
            case "csc" -> readCompressed(npz, m, false, values);
            case "coo" -> readCoordinates(npz, m, values);
            default -> throw new FormatException(npz.entrySource("format"), "value",
                    "'csr', 'csc' or 'coo' (a SciPy sparse matrix saved with scipy.sparse.save_npz)", "'" + format + "'");
        }
        return m;
    }

    private static int[] shape(Npz npz, MaskReadOptions opts) throws IOException, FormatException {
        NpyArray s = vector(npz, "shape", true);
        String src = npz.entrySource("shape");
        if (s.size() != 2) throw new FormatException(src, "shape", "2 values [out_features, in_features]", s.size() + " values");
        double r = s.getDouble(0);
        double c = s.getDouble(1);
        if (!(r >= 1 && c >= 1 && r <= Integer.MAX_VALUE - 8 && c <= Integer.MAX_VALUE - 8) || r * c > opts.maxCells()) {
            throw new FormatException(src, "value", "a shape of positive sizes with at most " + opts.maxCells() + " cells",
                    "[" + MaskValues.format(r) + ", " + MaskValues.format(c) + "]");
        }
        return new int[]{(int) r, (int) c};
    }

    private static void readCompressed(Npz npz, Mask m, boolean rowMajor, MaskValues values) throws IOException, FormatException {
        int major = rowMajor ? m.rows() : m.cols();
        int minor = rowMajor ? m.cols() : m.rows();
        NpyArray indptr = vector(npz, "indptr", true);
        NpyArray indices = vector(npz, "indices", true);
        NpyArray data = vector(npz, "data", false);
        String ptrSrc = npz.entrySource("indptr");
        if (indptr.size() != major + 1L) {
            throw new FormatException(ptrSrc, "shape", (major + 1) + " pointers (" + (rowMajor ? "rows" : "columns") + " + 1)", indptr.size() + "");
        }
        sameLength(npz, "indices", indices, "data", data);
        long nnz = indices.size();
        if (indptr.getDouble(0) != 0) throw new FormatException(ptrSrc, "element 0", "0", MaskValues.format(indptr.getDouble(0)));
        if (indptr.getDouble(major) != nnz) {
            throw new FormatException(ptrSrc, "element " + major, nnz + " (the number of stored entries)", MaskValues.format(indptr.getDouble(major)));
        }
        Mask seen = new Mask(m.rows(), m.cols());
        long start = 0;
        for (int k = 0; k < major; k++) {
            double end = indptr.getDouble(k + 1);
            if (!(end >= start && end <= nnz)) {
                throw new FormatException(ptrSrc, "element " + (k + 1), "a pointer from " + start + " to " + nnz + " (non-decreasing)", MaskValues.format(end));
            }
            for (long p = start; p < (long) end; p++) {
                int j = index(npz.entrySource("indices"), indices, p, minor);
                int r = rowMajor ? k : j;
                int c = rowMajor ? j : k;
                set(npz, m, seen, r, c, data, p, values);
            }
            start = (long) end;
        }
    }

    private static void readCoordinates(Npz npz, Mask m, MaskValues values) throws IOException, FormatException {
        NpyArray row = vector(npz, "row", true);
        NpyArray col = vector(npz, "col", true);
        NpyArray data = vector(npz, "data", false);
        sameLength(npz, "row", row, "data", data);
        sameLength(npz, "col", col, "data", data);
        Mask seen = new Mask(m.rows(), m.cols());
        for (long p = 0; p < data.size(); p++) {
            int r = index(npz.entrySource("row"), row, p, m.rows());
            int c = index(npz.entrySource("col"), col, p, m.cols());
            set(npz, m, seen, r, c, data, p, values);
        }
    }

    private static void set(Npz npz, Mask m, Mask seen, int r, int c, NpyArray data, long p, MaskValues values) throws FormatException {
        String src = npz.entrySource("data");
        if (seen.get(r, c)) {
            throw new FormatException(src, "element " + p, "each (row, column) once (SciPy would add repeated entries)", "[" + r + ", " + c + "] again");
        }
        seen.set(r, c, true);
        m.set(r, c, values.connected(data.getDouble(p), src, "element " + p + " (mask element [" + r + ", " + c + "])"));
    }

    private static NpyArray vector(Npz npz, String key, boolean integer) throws IOException, FormatException {
        if (!npz.contains(key)) {
            throw new FormatException(npz.source(), "key '" + key + "'", "the entry '" + key + "' of a SciPy sparse matrix", "keys " + String.join(", ", npz.keys()));
        }
        NpyArray a = npz.get(key);
        if (a.ndim() != 1) throw new FormatException(npz.entrySource(key), "shape", "a 1-D array", "shape " + NpyArray.shapeString(a.shape()));
        if (integer && (a.dtype().isFloat() || a.dtype() == NpyDtype.BOOL)) {
            throw new FormatException(npz.entrySource(key), "descr", "an integer dtype", "'" + a.descr() + "'");
        }
        return a;
    }

    private static void sameLength(Npz npz, String key, NpyArray a, String otherKey, NpyArray other) throws FormatException {
        if (a.size() != other.size()) {
            throw new FormatException(npz.entrySource(key), "shape", other.size() + " values (as many as '" + otherKey + "')", a.size() + "");
        }
    }

    private static int index(String src, NpyArray a, long p, int size) throws FormatException {
        double v = a.getDouble(p);
        if (!(v >= 0 && v < size)) throw new FormatException(src, "element " + p, "an index from 0 to " + (size - 1), MaskValues.format(v));
        return (int) v;
    }

    static void write(Path file, Mask m) throws IOException {
        long nnz = m.nnz();
        if (nnz > (Integer.MAX_VALUE - 8) / 4) throw new IllegalArgumentException("mask has too many connections (" + nnz + ") for a CSR .npz");
        int[] indices = new int[(int) nnz];
        int[] indptr = new int[m.rows() + 1];
        int[] at = {0};
        for (int o = 0; o < m.rows(); o++) {
            m.forEachInRow(o, i -> indices[at[0]++] = i);
            indptr[o + 1] = at[0];
        }
        boolean[] ones = new boolean[(int) nnz];
        java.util.Arrays.fill(ones, true);
        // the order and dtypes scipy.sparse.save_npz itself uses for a bool csr_matrix
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("indices", NpyWriter.toBytes(NpyArray.ofInts(indices, indices.length)));
        files.put("indptr", NpyWriter.toBytes(NpyArray.ofInts(indptr, indptr.length)));
        files.put("format", NpyWriter.shortStringBytes("csr"));
        files.put("shape", NpyWriter.toBytes(NpyArray.ofLongs(new long[]{m.rows(), m.cols()}, 2)));
        files.put("data", NpyWriter.toBytes(NpyArray.ofBooleans(ones, ones.length)));
        AtomicFiles.write(file, out -> Npz.writeNpyFiles(out, files, true));
    }
}
