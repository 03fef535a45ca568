package io.maskstudio.io;

import io.maskstudio.model.Mask;
import io.maskstudio.model.TextLineReader;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Matrix Market {@code .mtx} ({@code scipy.io.mmread}/{@code mmwrite}). We read {@code coordinate} and
 * {@code array} matrices whose field is pattern, integer or real, general or (skew-)symmetric, as SciPy
 * may choose symmetric by itself for a square mask (entries of either triangle are mirrored, as SciPy does).
 * Indices are 1-based; every one is range-checked and the entry count must match the size line. {@code integer} values are exact over the whole int64 range
 * ({@code unsigned-integer}: uint64), as SciPy writes them; a value outside it is refused, not rounded.
 * We write {@code coordinate pattern general}.
 */
final class MatrixMarket {
    private MatrixMarket() {}

    private enum Field { PATTERN, INTEGER, UNSIGNED, REAL }

    private enum Symmetry { GENERAL, SYMMETRIC, SKEW }

    static Mask read(Path file, MaskReadOptions opts) throws IOException, FormatException {
        String src = file.toString();
        MaskValues values = MaskValues.of(opts.threshold());
        try (TextLineReader<FormatException> lines = FormatException.lines(file, 1 << 16)) {
            String banner = lines.next();
            String[] b = banner == null ? new String[0] : banner.strip().split("\\s+");
            if (b.length == 0 || !b[0].equalsIgnoreCase("%%MatrixMarket")) {
                throw new FormatException(src, "line 1", "the banner '%%MatrixMarket matrix coordinate pattern general'",
                        banner == null ? "an empty file" : FormatException.quote(banner));
            }
            if (b.length != 5) throw new FormatException(src, "line 1", "5 words: %%MatrixMarket matrix FORMAT FIELD SYMMETRY", b.length + " words");
            if (!b[1].equalsIgnoreCase("matrix")) throw new FormatException(src, "line 1, object", "'matrix'", FormatException.quote(b[1]));
            boolean coordinate = b[2].equalsIgnoreCase("coordinate");
            if (!coordinate && !b[2].equalsIgnoreCase("array")) {
                throw new FormatException(src, "line 1, format", "'coordinate' or 'array'", FormatException.quote(b[2]));
            }
            Field field = switch (b[3].toLowerCase(Locale.ROOT)) {
                case "pattern" -> Field.PATTERN;
                case "integer" -> Field.INTEGER;
                case "unsigned-integer" -> Field.UNSIGNED;
                case "real", "double" -> Field.REAL;
                default -> throw new FormatException(src, "line 1, field", "'pattern', 'integer' or 'real'", FormatException.quote(b[3])
                        + (b[3].equalsIgnoreCase("complex") ? " (complex values are not a mask)" : ""));
            };
            if (field == Field.PATTERN && !coordinate) throw new FormatException(src, "line 1, field", "'integer' or 'real' for an array", "'pattern'");
            Symmetry sym = switch (b[4].toLowerCase(Locale.ROOT)) {
                case "general" -> Symmetry.GENERAL;
                case "symmetric" -> Symmetry.SYMMETRIC;
                case "skew-symmetric" -> Symmetry.SKEW;
                default -> throw new FormatException(src, "line 1, symmetry", "'general', 'symmetric' or 'skew-symmetric'", FormatException.quote(b[4]));
            };
            String size = nextDataLine(lines);
            if (size == null) throw new FormatException(src, "line " + (lines.number() + 1), "the size line 'rows columns" + (coordinate ? " entries'" : "'"),
                    "the end of the file");
            String[] s = size.strip().split("\\s+");
            if (s.length != (coordinate ? 3 : 2)) {
                throw new FormatException(src, lines.where(), coordinate ? "3 integers: rows columns entries" : "2 integers: rows columns",
                        s.length + " values");
            }
            long rows = sizeValue(src, lines.where() + ", rows", s[0], 1);
            long cols = sizeValue(src, lines.where() + ", columns", s[1], 1);
            if (rows * cols > opts.maxCells()) {
                throw new FormatException(src, lines.where(), "at most " + opts.maxCells() + " cells in the mask", "[" + rows + ", " + cols + "]");
            }
            if (sym != Symmetry.GENERAL && rows != cols) {
                throw new FormatException(src, lines.where(), "a square matrix (it is declared " + b[4] + ")", rows + " x " + cols);
            }
            Mask m = new Mask((int) rows, (int) cols);
            if (coordinate) {
                long entries = sizeValue(src, lines.where() + ", entries", s[2], 0);
                long most = sym == Symmetry.GENERAL ? rows * cols : rows * (rows + 1) / 2;
                if (entries > most) throw new FormatException(src, lines.where() + ", entries", "at most " + most + " entries for this shape",
                        Long.toString(entries));
                readCoordinates(src, lines, m, field, sym, entries, values);
            } else {
                readArray(src, lines, m, field, sym, values);
            }
            String extra = nextDataLine(lines);
            if (extra != null) throw new FormatException(src, lines.where(), "the end of the file after the declared entries",
                    FormatException.quote(extra.strip()));
            return m;
        }
    }

    private static void readCoordinates(String src, TextLineReader<FormatException> lines, Mask m, Field field, Symmetry sym, long entries, MaskValues values)
            throws IOException, FormatException {
        Mask seen = field == Field.PATTERN ? m : new Mask(m.rows(), m.cols()); // explicit zeros still count as seen
        int width = field == Field.PATTERN ? 2 : 3;
        for (long k = 0; k < entries; k++) {
            String l = nextDataLine(lines);
            if (l == null) {
                throw new FormatException(src, "line " + (lines.number() + 1), entries + " entries (as on the size line)", k + " (file truncated?)");
            }
            String[] t = l.strip().split("\\s+");
            if (t.length != width) {
                throw new FormatException(src, lines.where(), width == 2 ? "2 values: row column" : "3 values: row column value", t.length + " values");
            }
            int r = index(src, lines.where() + ", row", t[0], m.rows());
            int c = index(src, lines.where() + ", column", t[1], m.cols());
            Number v = field == Field.PATTERN ? BigInteger.ONE : value(src, lines.where() + ", value", t[2], field);
            if (sym == Symmetry.SKEW && r == c) {
                throw new FormatException(src, lines.where(), "no diagonal entries in a skew-symmetric matrix", "row " + (r + 1) + ", column " + (c + 1));
            }
            // an upper-triangle entry of a symmetric matrix is mirrored like a lower one (SciPy reads both); so an
            // entry and its mirror image are the same cell, given twice
            if (seen.get(r, c)) {
                throw new FormatException(src, lines.where(), "each (row, column) once" + (sym == Symmetry.GENERAL ? "" : ", counting its mirror image"),
                        "row " + (r + 1) + ", column " + (c + 1) + " again");
            }
            seen.set(r, c, true);
            if (sym != Symmetry.GENERAL) seen.set(c, r, true);
            boolean on = connected(values, v, src, lines.where());
            m.set(r, c, on);
            if (sym != Symmetry.GENERAL && r != c) {
                m.set(c, r, sym == Symmetry.SYMMETRIC ? on : connected(values, negate(v), src, lines.where() + " (mirrored, negated)"));
            }
        }
    }

    /** Dense values, column by column (only the lower triangle when symmetric). */
    private static void readArray(String src, TextLineReader<FormatException> lines, Mask m, Field field, Symmetry sym, MaskValues values)
            throws IOException, FormatException {
        for (int c = 0; c < m.cols(); c++) {
            int first = sym == Symmetry.GENERAL ? 0 : sym == Symmetry.SYMMETRIC ? c : c + 1;
            for (int r = first; r < m.rows(); r++) {
                String l = nextDataLine(lines);
                if (l == null) {
                    throw new FormatException(src, "line " + (lines.number() + 1), "a value for row " + (r + 1) + ", column " + (c + 1),
                            "the end of the file (truncated?)");
                }
                Number v = value(src, lines.where(), l.strip(), field);
                boolean on = connected(values, v, src, lines.where());
                m.set(r, c, on);
                if (sym != Symmetry.GENERAL && r != c) {
                    m.set(c, r, sym == Symmetry.SYMMETRIC ? on : connected(values, negate(v), src, lines.where() + " (mirrored, negated)"));
                }
            }
        }
    }

    /** Next line that is neither blank nor a '%' comment, or null at the end. */
    private static String nextDataLine(TextLineReader<FormatException> lines) throws IOException, FormatException {
        for (String l = lines.next(); l != null; l = lines.next()) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("%")) return l;
        }
        return null;
    }

    private static long sizeValue(String src, String where, String s, long min) throws FormatException {
        Long v = TextNumbers.integer(s);
        if (v == null || v < min || v > Integer.MAX_VALUE - 8) {
            throw new FormatException(src, where, "an integer from " + min + " to " + (Integer.MAX_VALUE - 8), FormatException.quote(s));
        }
        return v;
    }

    private static int index(String src, String where, String s, int size) throws FormatException {
        Long v = TextNumbers.integer(s);
        if (v == null || v < 1 || v > size) throw new FormatException(src, where, "an index from 1 to " + size, FormatException.quote(s));
        return (int) (v - 1);
    }

    /** A Double for real fields, an exact BigInteger for integer fields (range-checked: int64, or uint64 when unsigned). */
    private static Number value(String src, String where, String s, Field field) throws FormatException {
        if (field == Field.REAL) {
            Double v = TextNumbers.real(s);
            if (v == null) throw new FormatException(src, where, "a number", FormatException.quote(s));
            return v;
        }
        boolean unsigned = field == Field.UNSIGNED;
        BigInteger v = TextNumbers.bigInteger(s);
        if (v == null) throw new FormatException(src, where, unsigned ? "an unsigned integer" : "an integer", FormatException.quote(s));
        BigInteger min = unsigned ? BigInteger.ZERO : TextNumbers.INT64_MIN;
        BigInteger max = unsigned ? TextNumbers.UINT64_MAX : TextNumbers.INT64_MAX;
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new FormatException(src, where, "an integer from " + min + " to " + max + (unsigned ? " (uint64)" : " (int64)"),
                    FormatException.quote(s) + " (out of range)");
        }
        return v;
    }

    private static boolean connected(MaskValues values, Number v, String src, String where) throws FormatException {
        return v instanceof BigInteger i ? values.connected(i, src, where) : values.connected(v.doubleValue(), src, where);
    }

    private static Number negate(Number v) {
        return v instanceof BigInteger i ? i.negate() : (Number) (-v.doubleValue());
    }

    static void write(Path file, Mask m) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            w.write("%%MatrixMarket matrix coordinate pattern general\n");
            w.write("% mask [out_features, in_features] = [" + m.rows() + ", " + m.cols()
                    + "]: rows are output neurons (torch.nn.Linear.weight orientation)\n");
            w.write(m.rows() + " " + m.cols() + " " + m.nnz() + "\n");
            StringBuilder b = new StringBuilder();
            for (int o = 0; o < m.rows(); o++) {
                String prefix = (o + 1) + " ";
                m.forEachInRow(o, i -> b.append(prefix).append(i + 1).append('\n'));
                w.append(b);
                b.setLength(0);
            }
            w.flush();
        });
    }
}
