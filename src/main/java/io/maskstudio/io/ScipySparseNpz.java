package io.maskstudio.io;

import io.maskstudio.model.Mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
        boolean coordinates = format.equals("coo");
        if (!coordinates && !format.equals("csr") && !format.equals("csc")) {
            throw new FormatException(npz.entrySource("format"), "value",
                    "'csr', 'csc' or 'coo' (a SciPy sparse matrix saved with scipy.sparse.save_npz)", "'" + format + "'");
        }
        String src = npz.entrySource("data");
        // coordinates may repeat anywhere, so they need a second mask of the cells seen
        MaskHeap.require(src, shape[0], shape[1], coordinates ? 2 : 1);
        try {
            Mask m = new Mask(shape[0], shape[1]);
            if (coordinates) return readCoordinates(npz, m, values, opts);
            return readCompressed(npz, m, format.equals("csr"), values, opts);
        } catch (OutOfMemoryError oom) {
            throw MaskHeap.outOfMemory(src, shape[0], shape[1], oom);
        }
    }

    private static int[] shape(Npz npz, MaskReadOptions opts) throws IOException, FormatException {
        requireKey(npz, "shape");
        NpyArray s = npz.get("shape");
        String src = npz.entrySource("shape");
        requireVector(npz, "shape", s.shape(), s.dtype(), s.descr(), true);
        if (s.size() != 2) throw new FormatException(src, "shape", "2 values [out_features, in_features]", s.size() + " values");
        double r = s.getDouble(0);
        double c = s.getDouble(1);
        if (!(r >= 1 && c >= 1 && r <= Integer.MAX_VALUE - 8 && c <= Integer.MAX_VALUE - 8) || r * c > opts.maxCells()) {
            throw new FormatException(src, "value", "a shape of positive sizes with at most " + opts.maxCells() + " cells",
                    "[" + MaskValues.format(r) + ", " + MaskValues.format(c) + "]");
        }
        return new int[]{(int) r, (int) c};
    }

    /**
     * CSR or CSC, streamed: the pointer, index and data entries are read side by side, one row (or column) at a
     * time, so memory is the mask plus that line's entries. Repeats can only sit within one line.
     */
    private static Mask readCompressed(Npz npz, Mask m, boolean rowMajor, MaskValues values, MaskReadOptions opts) throws IOException, FormatException {
        int major = rowMajor ? m.rows() : m.cols();
        int minor = rowMajor ? m.cols() : m.rows();
        // every stored entry is a distinct cell, so no entry list is longer than the mask has cells
        try (Npz.EntryElements indptr = vector(npz, "indptr", true, Math.max(opts.maxCells(), opts.maxCells() + 1));
             Npz.EntryElements indices = vector(npz, "indices", true, opts.maxCells());
             Npz.EntryElements data = vector(npz, "data", false, opts.maxCells())) {
            String ptrSrc = npz.entrySource("indptr");
            String idxSrc = npz.entrySource("indices");
            String dataSrc = npz.entrySource("data");
            if (indptr.elements().count() != major + 1L) {
                throw new FormatException(ptrSrc, "shape", (major + 1) + " pointers (" + (rowMajor ? "rows" : "columns") + " + 1)",
                        indptr.elements().count() + "");
            }
            sameLength(npz, "indices", indices, "data", data);
            long nnz = indices.elements().count();
            double first = indptr.elements().next();
            if (first != 0) throw new FormatException(ptrSrc, "element 0", "0", MaskValues.format(first));
            MaskFiller filler = new MaskFiller(m);
            LineEntries line = new LineEntries();
            long start = 0;
            for (int k = 0; k < major; k++) {
                double end = indptr.elements().next();
                if (k + 1 == major && end != nnz) {
                    throw new FormatException(ptrSrc, "element " + major, nnz + " (the number of stored entries)", MaskValues.format(end));
                }
                if (!(end >= start && end <= nnz)) {
                    throw new FormatException(ptrSrc, "element " + (k + 1), "a pointer from " + start + " to " + nnz + " (non-decreasing)",
                            MaskValues.format(end));
                }
                line.clear();
                for (long p = start; p < (long) end; p++) {
                    int j = index(idxSrc, indices.elements().next(), p, minor);
                    int r = rowMajor ? k : j;
                    int c = rowMajor ? j : k;
                    boolean on = values.connected(data.elements().next(), dataSrc, "element " + p + " (mask element [" + r + ", " + c + "])");
                    line.add(j, p, on);
                }
                line.refuseRepeats(dataSrc, k, rowMajor);
                for (int q = 0; q < line.size(); q++) {
                    if (line.connected(q)) filler.connect(rowMajor ? k : line.index(q), rowMajor ? line.index(q) : k);
                }
                start = (long) end;
            }
            indptr.elements().finish(indptr::checkCrc);
            indices.elements().finish(indices::checkCrc);
            data.elements().finish(data::checkCrc);
            return filler.finish();
        }
    }

    /** One row's (or column's) entries: index, position in the file and value, sortable by index. */
    private static final class LineEntries {
        private long[] entries = new long[64]; // index << 33 | position-in-line << 1 | connected
        private long[] positions = new long[64];
        private int n;

        void clear() { n = 0; }

        int size() { return n; }

        void add(int index, long position, boolean connected) {
            if (n == entries.length) {
                entries = Arrays.copyOf(entries, 2 * n);
                positions = Arrays.copyOf(positions, 2 * n);
            }
            positions[n] = position;
            entries[n] = (long) index << 33 | (long) n << 1 | (connected ? 1 : 0);
            n++;
        }

        /** Sorts by index (then file order) and refuses an index that appears twice, naming its second place. */
        void refuseRepeats(String src, int line, boolean rowMajor) throws FormatException {
            Arrays.sort(entries, 0, n);
            for (int q = 1; q < n; q++) {
                if (index(q) == index(q - 1)) {
                    long second = positions[(int) ((entries[q] >>> 1) & 0xFFFFFFFFL)];
                    int r = rowMajor ? line : index(q);
                    int c = rowMajor ? index(q) : line;
                    throw new FormatException(src, "element " + second, "each (row, column) once (SciPy would add repeated entries)",
                            "[" + r + ", " + c + "] again");
                }
            }
        }

        int index(int q) { return (int) (entries[q] >>> 33); }

        boolean connected(int q) { return (entries[q] & 1) != 0; }
    }

    private static Mask readCoordinates(Npz npz, Mask m, MaskValues values, MaskReadOptions opts) throws IOException, FormatException {
        try (Npz.EntryElements row = vector(npz, "row", true, opts.maxCells());
             Npz.EntryElements col = vector(npz, "col", true, opts.maxCells());
             Npz.EntryElements data = vector(npz, "data", false, opts.maxCells())) {
            sameLength(npz, "row", row, "data", data);
            sameLength(npz, "col", col, "data", data);
            String src = npz.entrySource("data");
            Mask seen = new Mask(m.rows(), m.cols());
            for (long p = 0; p < data.elements().count(); p++) {
                int r = index(npz.entrySource("row"), row.elements().next(), p, m.rows());
                int c = index(npz.entrySource("col"), col.elements().next(), p, m.cols());
                if (seen.get(r, c)) {
                    throw new FormatException(src, "element " + p, "each (row, column) once (SciPy would add repeated entries)",
                            "[" + r + ", " + c + "] again");
                }
                seen.set(r, c, true);
                m.set(r, c, values.connected(data.elements().next(), src, "element " + p + " (mask element [" + r + ", " + c + "])"));
            }
            row.elements().finish(row::checkCrc);
            col.elements().finish(col::checkCrc);
            data.elements().finish(data::checkCrc);
            return m;
        }
    }

    private static void requireKey(Npz npz, String key) throws FormatException {
        if (!npz.contains(key)) {
            throw new FormatException(npz.source(), "key '" + key + "'", "the entry '" + key + "' of a SciPy sparse matrix",
                    "keys " + String.join(", ", npz.keys()));
        }
    }

    /** Opens a 1-D entry for streaming, after checking its header. */
    private static Npz.EntryElements vector(Npz npz, String key, boolean integer, long maxCount) throws IOException, FormatException {
        requireKey(npz, key);
        Npz.EntryElements e = npz.elements(key, maxCount);
        try {
            NpyHeader h = e.elements().header();
            requireVector(npz, key, h.shape(), h.dtype(), h.descr(), integer);
            return e;
        } catch (FormatException ex) {
            e.close();
            throw ex;
        }
    }

    private static void requireVector(Npz npz, String key, int[] shape, NpyDtype dtype, String descr, boolean integer) throws FormatException {
        if (shape.length != 1) throw new FormatException(npz.entrySource(key), "shape", "a 1-D array", "shape " + NpyArray.shapeString(shape));
        if (integer && (dtype.isFloat() || dtype == NpyDtype.BOOL)) {
            throw new FormatException(npz.entrySource(key), "descr", "an integer dtype", "'" + descr + "'");
        }
    }

    private static void sameLength(Npz npz, String key, Npz.EntryElements a, String otherKey, Npz.EntryElements other) throws FormatException {
        if (a.elements().count() != other.elements().count()) {
            throw new FormatException(npz.entrySource(key), "shape", other.elements().count() + " values (as many as '" + otherKey + "')",
                    a.elements().count() + "");
        }
    }

    private static int index(String src, double v, long p, int size) throws FormatException {
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
        Arrays.fill(ones, true);
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
