package io.maskstudio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file line by line with 1-based line numbers, refusing lines above a length limit
 * (so a file without newlines cannot make us build a gigantic string). Bytes are taken as Latin-1:
 * the formats read through here are ASCII, and a stray byte shows up in the message instead of
 * failing the decoder. A UTF-8 byte order mark (as Excel writes) is skipped.
 */
final class TextLines implements AutoCloseable {
    static final int DEFAULT_MAX_LINE_CHARS = 1 << 26;

    private final String source;
    private final InputStream in;
    private final int maxLineChars;
    private final StringBuilder line = new StringBuilder();
    private int number;

    TextLines(Path file, int maxLineChars) throws IOException {
        this.source = file.toString();
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        this.maxLineChars = maxLineChars;
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) in.reset();
    }

    TextLines(Path file) throws IOException {
        this(file, DEFAULT_MAX_LINE_CHARS);
    }

    /** The next line without its line terminator, or null at the end of the file. */
    String next() throws IOException, FormatException {
        line.setLength(0);
        int c = in.read();
        if (c < 0) return null;
        number++;
        while (c >= 0 && c != '\n') {
            if (line.length() >= maxLineChars) {
                throw new FormatException(source, "line " + number, "lines of at most " + maxLineChars + " characters", "a longer line");
            }
            line.append((char) c);
            c = in.read();
        }
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
        return line.toString();
    }

    /** Number of the line last returned (1-based). */
    int number() {
        return number;
    }

    String where() {
        return "line " + number;
    }

    /** A short printable excerpt of a token for messages. */
    static String quote(String s) {
        String t = s.length() > 24 ? s.substring(0, 21) + "..." : s;
        StringBuilder b = new StringBuilder("'");
        for (char c : t.toCharArray()) {
            if (c >= 32 && c < 127) b.append(c); else b.append(String.format("\\x%02x", (int) c & 0xFF));
        }
        return b.append("'").toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
