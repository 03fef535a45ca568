package io.maskstudio.io;

import io.maskstudio.model.Mask;
import io.maskstudio.model.TextLineReader;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks as CSV, in two layouts told apart by the first data line:
 * <ul>
 *   <li>dense: one line of comma-separated 0/1 values per output neuron ({@code np.savetxt(f, m, fmt='%d', delimiter=',')});</li>
 *   <li>edge list: a header {@code out,in}, then one line {@code o,i} (0-based) per connection.</li>
 * </ul>
 * Lines starting with {@code #} are comments (NumPy's {@code loadtxt} skips them too). We write a comment
 * {@code # mask [out_features, in_features] = [R, C]: ...}; an edge list reads its shape from it, or else
 * from the largest indices. Files are scanned twice (validate, then fill) so nothing is held but the mask.
 */
final class CsvMasks {
    static final String EDGE_HEADER = "out,in";
    /** A dense row of a very wide layer can be long; this only stops a file without line ends from being buffered whole. */
    private static final int MAX_LINE_BYTES = 1 << 26;
    private static final Pattern SHAPE_COMMENT = Pattern.compile("\\[out_features,\\s*in_features]\\s*=\\s*\\[(\\d{1,10}),\\s*(\\d{1,10})]");

    private CsvMasks() {}

    static Mask read(Path file, MaskReadOptions opts) throws IOException, FormatException {
        MaskValues values = MaskValues.of(opts.threshold());
        if (isEdgeList(file)) {
            int[] shape = scanEdges(file, null, null, opts);
            Mask m = new Mask(shape[0], shape[1]);
            scanEdges(file, m, shape, opts);
            return m;
        }
        int[] shape = scanDense(file, values, null, opts);
        Mask m = new Mask(shape[0], shape[1]);
        scanDense(file, values, m, opts);
        return m;
    }

    private static boolean isComment(String line) {
        return line.strip().startsWith("#");
    }

    private static boolean isEdgeList(Path file) throws IOException, FormatException {
        try (TextLineReader<FormatException> lines = FormatException.lines(file, MAX_LINE_BYTES)) {
            for (String l = lines.next(); l != null; l = lines.next()) {
                if (l.isBlank() || isComment(l)) continue;
                return l.replace(" ", "").replace("\t", "").toLowerCase(Locale.ROOT).equals(EDGE_HEADER);
            }
        }
        return false;
    }

    /** Validates (into == null) or fills a dense 0/1 matrix; returns {rows, cols}. */
    private static int[] scanDense(Path file, MaskValues values, Mask into, MaskReadOptions opts) throws IOException, FormatException {
        String src = file.toString();
        int rows = 0;
        int cols = -1;
        int firstLine = 0;
        try (TextLineReader<FormatException> lines = FormatException.lines(file, MAX_LINE_BYTES)) {
            for (String l = lines.next(); l != null; l = lines.next()) {
                if (l.isBlank() || isComment(l)) continue;
                int fields = fieldCount(l); // counted, not split: a hostile line of millions of commas allocates nothing
                if (cols < 0) {
                    cols = fields;
                    firstLine = lines.number();
                } else if (fields != cols) {
                    throw new FormatException(src, lines.where(), cols + " comma-separated values (as on line " + firstLine + ")",
                            fields + " (rows must all have the same length)");
                }
                if ((long) (rows + 1) * cols > opts.maxCells()) {
                    throw new FormatException(src, lines.where(), "at most " + opts.maxCells() + " cells in the mask", "more rows of " + cols + " values");
                }
                int start = 0;
                for (int c = 0; c < fields; c++) {
                    int comma = l.indexOf(',', start);
                    int end = comma < 0 ? l.length() : comma;
                    String f = l.substring(start, end).strip();
                    start = end + 1;
                    String where = lines.where() + ", column " + (c + 1);
                    Double v = TextNumbers.real(f);
                    if (v == null) throw new FormatException(src, where, "a number (0 or 1)", f.isEmpty() ? "an empty field" : FormatException.quote(f));
                    boolean on = values.connected(v, src, where);
                    if (into != null && on) into.set(rows, c, true);
                }
                rows++;
            }
        }
        if (rows == 0) throw new FormatException(src, "line 1", "rows of comma-separated 0/1 values (one per output neuron)", "no data");
        if (into != null && (into.rows() != rows || into.cols() != cols)) {
            throw new FormatException(src, "(whole file)", "the same content on a second read", "a file that changed while being read");
        }
        return new int[]{rows, cols};
    }

    /** Validates (into == null) or fills an edge list; returns {rows, cols}. */
    private static int[] scanEdges(Path file, Mask into, int[] knownShape, MaskReadOptions opts) throws IOException, FormatException {
        String src = file.toString();
        int[] declared = null;
        boolean header = false;
        long maxOut = -1;
        long maxIn = -1;
        long edges = 0;
        try (TextLineReader<FormatException> lines = FormatException.lines(file, MAX_LINE_BYTES)) {
            for (String l = lines.next(); l != null; l = lines.next()) {
                if (l.isBlank()) continue;
                if (isComment(l)) {
                    Matcher m = SHAPE_COMMENT.matcher(l);
                    if (!header && declared == null && m.find()) declared = declaredShape(src, lines.where(), m, opts);
                    continue;
                }
                if (!header) {
                    header = true; // isEdgeList checked it
                    continue;
                }
                if (fieldCount(l) != 2) {
                    throw new FormatException(src, lines.where(), "2 comma-separated values out,in", fieldCount(l) + " values");
                }
                String[] fields = l.split(",", -1);
                long o = index(src, lines.where() + ", column 1", fields[0], "an output index");
                long i = index(src, lines.where() + ", column 2", fields[1], "an input index");
                if (declared != null) {
                    if (o >= declared[0]) throw outside(src, lines.where(), "an output index below " + declared[0], o);
                    if (i >= declared[1]) throw outside(src, lines.where(), "an input index below " + declared[1], i);
                }
                maxOut = Math.max(maxOut, o);
                maxIn = Math.max(maxIn, i);
                if ((maxOut + 1) * (maxIn + 1) > opts.maxCells()) {
                    throw new FormatException(src, lines.where(), "at most " + opts.maxCells() + " cells in the mask",
                            "indices up to [" + maxOut + ", " + maxIn + "]");
                }
                if (into != null) {
                    if (o >= into.rows() || i >= into.cols()) {
                        throw new FormatException(src, "(whole file)", "the same content on a second read", "a file that changed while being read");
                    }
                    if (into.get((int) o, (int) i)) {
                        throw new FormatException(src, lines.where(), "each connection once", "[" + o + ", " + i + "] again");
                    }
                    into.set((int) o, (int) i, true);
                }
                edges++;
            }
        }
        if (declared != null) return declared;
        if (edges == 0) {
            throw new FormatException(src, "line 1", "at least one out,in line or a comment '# mask [out_features, in_features] = [R, C]'", "no connections");
        }
        return knownShape != null ? knownShape : new int[]{(int) maxOut + 1, (int) maxIn + 1};
    }

    private static int fieldCount(String line) {
        int n = 1;
        for (int k = 0; k < line.length(); k++) if (line.charAt(k) == ',') n++;
        return n;
    }

    private static int[] declaredShape(String src, String where, Matcher m, MaskReadOptions opts) throws FormatException {
        long r = Long.parseLong(m.group(1));
        long c = Long.parseLong(m.group(2));
        if (r < 1 || c < 1 || r > Integer.MAX_VALUE || c > Integer.MAX_VALUE || r * c > opts.maxCells()) {
            throw new FormatException(src, where, "a shape [out_features, in_features] of positive sizes with at most " + opts.maxCells() + " cells",
                    "[" + r + ", " + c + "]");
        }
        return new int[]{(int) r, (int) c};
    }

    private static long index(String src, String where, String field, String what) throws FormatException {
        String f = field.strip();
        Long v = TextNumbers.integer(f);
        if (v == null || v < 0 || v >= Integer.MAX_VALUE) {
            throw new FormatException(src, where, what + " (an integer >= 0)", f.isEmpty() ? "an empty field" : FormatException.quote(f));
        }
        return v;
    }

    private static FormatException outside(String src, String where, String expected, long found) {
        return new FormatException(src, where, expected + " (the shape in the comment)", Long.toString(found));
    }

    static void write(Path file, Mask m, boolean edgeList) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            String shape = "[" + m.rows() + ", " + m.cols() + "]";
            if (edgeList) {
                w.write("# mask [out_features, in_features] = " + shape + ": one line per connection, 0-based (torch.nn.Linear.weight orientation)\n");
                w.write(EDGE_HEADER + "\n");
                StringBuilder b = new StringBuilder();
                for (int o = 0; o < m.rows(); o++) {
                    String prefix = o + ",";
                    m.forEachInRow(o, i -> b.append(prefix).append(i).append('\n'));
                    w.append(b);
                    b.setLength(0);
                }
            } else {
                w.write("# mask [out_features, in_features] = " + shape + ": one row per output neuron, 1 = connected (torch.nn.Linear.weight orientation)\n");
                char[] row = new char[2 * m.cols()];
                for (int o = 0; o < m.rows(); o++) {
                    for (int i = 0; i < m.cols(); i++) {
                        row[2 * i] = '0';
                        row[2 * i + 1] = ',';
                    }
                    row[row.length - 1] = '\n';
                    m.forEachInRow(o, i -> row[2 * i] = '1');
                    w.write(row);
                }
            }
            w.flush();
        });
    }
}
