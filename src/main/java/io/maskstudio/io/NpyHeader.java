package io.maskstudio.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed header dict of a {@code .npy} file, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 * We parse this Python literal ourselves (a tiny grammar: strings, True/False, tuples of ints) instead of
 * evaluating anything, and accept only plain numeric and bool dtypes.
 */
record NpyHeader(NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape) {

    /** NumPy's dtype string as {@link NpyArray#descr()} gives it. */
    String descr() {
        char order = dtype.itemSize() == 1 ? '|' : byteOrder == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return order + dtype.code();
    }

    /** Parses {@code text}, whose first character sits at byte {@code offset} of the file (for messages). */
    static NpyHeader parse(String source, String text, int offset) throws FormatException {
        Parser p = new Parser(source, text, offset);
        Fields f = p.parseFields();
        return p.dtypeHeader(f.descr(), f.fortranOrder(), f.shape());
    }

    /** The header's three fields before the dtype is judged (the SciPy reader accepts one tiny byte string). */
    record Fields(String descr, boolean fortranOrder, int[] shape) {}

    static Fields parseFields(String source, String text, int offset) throws FormatException {
        return new Parser(source, text, offset).parseFields();
    }

    private static final class Parser {
        private final String source;
        private final String text;
        private final int offset;
        private int pos;

        Parser(String source, String text, int offset) {
            this.source = source;
            this.text = text;
            this.offset = offset;
        }

        Fields parseFields() throws FormatException {
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            skipSpace();
            expectChar('{', "'{' opening the header dict");
            while (true) {
                skipSpace();
                if (peek() == '}') { pos++; break; }
                int keyAt = pos;
                String key = readString("a quoted key ('descr', 'fortran_order' or 'shape')");
                skipSpace();
                expectChar(':', "':' after key '" + key + "'");
                skipSpace();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) throw duplicate(keyAt, key);
                        if (peek() == '[') {
                            throw new FormatException(source, "descr", "a simple numeric or bool dtype",
                                    "a structured dtype (record arrays are not supported)");
                        }
                        descr = readString("a quoted dtype string such as '<f4'");
                    }
                    case "fortran_order" -> {
                        if (fortran != null) throw duplicate(keyAt, key);
                        fortran = readBoolean();
                    }
                    case "shape" -> {
                        if (shape != null) throw duplicate(keyAt, key);
                        shape = readShape();
                    }
                    default -> throw new FormatException(source, at(keyAt), "one of the keys 'descr', 'fortran_order', 'shape'", "'" + key + "'");
                }
                skipSpace();
                if (peek() == ',') { pos++; continue; }
                if (peek() == '}') { pos++; break; }
                throw new FormatException(source, at(pos), "',' or '}' in the header dict", describeHere());
            }
            skipSpace();
            if (pos < text.length()) throw new FormatException(source, at(pos), "only padding after the header dict", describeHere());
            if (descr == null) throw missing("descr");
            if (fortran == null) throw missing("fortran_order");
            if (shape == null) throw missing("shape");
            return new Fields(descr, fortran, shape);
        }

        private NpyHeader dtypeHeader(String descr, boolean fortran, int[] shape) throws FormatException {
            String expected = "a numeric or bool dtype (" + NpyDtype.supportedList() + ")";
            String quoted = "'" + descr + "'";
            if (descr.isEmpty()) throw new FormatException(source, "descr", expected, "''");
            char order = descr.charAt(0);
            String rest = descr;
            if ("<>|=".indexOf(order) >= 0) rest = descr.substring(1);
            else order = 0;
            if (rest.isEmpty()) throw new FormatException(source, "descr", expected, quoted);
            char kind = rest.charAt(0);
            String why = switch (kind) {
                case 'U' -> " (unicode string arrays are not supported)";
                case 'S', 'a' -> " (byte string arrays are not supported)";
                case 'O' -> " (Python object arrays are not supported: reading them would mean unpickling)";
                case 'V' -> " (structured/void arrays are not supported)";
                case 'c' -> " (complex arrays are not supported)";
                case 'M', 'm' -> " (datetime arrays are not supported)";
                default -> "";
            };
            if (!why.isEmpty()) throw new FormatException(source, "descr", expected, quoted + why);
            int size;
            try {
                size = Integer.parseInt(rest.substring(1));
            } catch (NumberFormatException e) {
                throw new FormatException(source, "descr", expected, quoted);
            }
            NpyDtype dtype = NpyDtype.of(kind, size);
            if (dtype == null) throw new FormatException(source, "descr", expected, quoted);
            ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
            if (order == '>') byteOrder = ByteOrder.BIG_ENDIAN;
            if (dtype.itemSize() > 1 && order != '<' && order != '>') {
                throw new FormatException(source, "descr", "an explicit byte order '<' or '>' for a " + size + "-byte type", quoted);
            }
            return new NpyHeader(dtype, byteOrder, fortran, shape);
        }

        private boolean readBoolean() throws FormatException {
            if (text.startsWith("True", pos)) { pos += 4; return true; }
            if (text.startsWith("False", pos)) { pos += 5; return false; }
            throw new FormatException(source, "fortran_order", "True or False", describeHere());
        }

        private int[] readShape() throws FormatException {
            expectChar('(', "a shape tuple such as (3, 4)");
            List<Integer> dims = new ArrayList<>();
            boolean comma = false;
            while (true) {
                skipSpace();
                if (peek() == ')') { pos++; break; }
                dims.add(readDim());
                skipSpace();
                if (peek() == ',') { pos++; comma = true; continue; }
                if (peek() == ')') { pos++; break; }
                throw new FormatException(source, "shape", "',' or ')' in the shape tuple", describeHere());
            }
            // Python reads (6) as the number 6, not a tuple, and np.load refuses it
            if (dims.size() == 1 && !comma) {
                throw new FormatException(source, "shape", "a tuple: (" + dims.get(0) + ",) with its comma", "(" + dims.get(0) + ")");
            }
            if (dims.size() > 32) throw new FormatException(source, "shape", "at most 32 dimensions", dims.size() + " dimensions");
            int[] shape = new int[dims.size()];
            for (int k = 0; k < shape.length; k++) shape[k] = dims.get(k);
            return shape;
        }

        private int readDim() throws FormatException {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 20) pos++;
            if (start == pos) throw new FormatException(source, "shape", "a non-negative integer dimension", describeHere());
            String digits = text.substring(start, pos);
            if (peek() == 'L') pos++; // Python 2 long literal in old files
            long v;
            try {
                v = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (v > Integer.MAX_VALUE - 8) throw new FormatException(source, "shape", "dimensions below 2^31", digits);
            return (int) v;
        }

        private String readString(String what) throws FormatException {
            // Python 2 wrote unicode literals u'descr': u'<f8' (numpy's Python 2 files); Python 3 still reads them
            if ((peek() == 'u' || peek() == 'U') && pos + 1 < text.length() && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) pos++;
            char q = peek();
            if (q != '\'' && q != '"') throw new FormatException(source, at(pos), what, describeHere());
            int end = text.indexOf(q, pos + 1);
            if (end < 0) throw new FormatException(source, at(pos), "a closing quote", "the end of the header");
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }

        private void expectChar(char c, String what) throws FormatException {
            if (peek() != c) throw new FormatException(source, at(pos), what, describeHere());
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        private String at(int p) {
            return "byte " + (offset + p);
        }

        /** The next few characters, printable, so the message shows what is actually there. */
        private String describeHere() {
            if (pos >= text.length()) return "the end of the header";
            String s = text.substring(pos, Math.min(text.length(), pos + 12));
            StringBuilder b = new StringBuilder("'");
            for (char c : s.toCharArray()) {
                if (c >= 32 && c < 127) b.append(c);
                else b.append(c < 256 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
            return b.append("'").toString();
        }

        private FormatException duplicate(int p, String key) {
            return new FormatException(source, at(p), "each header key once", "'" + key + "' twice");
        }

        private FormatException missing(String key) {
            return new FormatException(source, key, "the header key '" + key + "'", "no such key");
        }
    }
}
