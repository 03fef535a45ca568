package io.maskstudio.io;

import io.maskstudio.model.TextLineReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that cannot be read as what it claims to be. The message always has the shape
 * {@code <file>: <field or byte offset>: expected ..., found ...} so the user can find and fix the spot.
 */
public final class FormatException extends Exception {
    private final String source;
    private final String location;
    private final String expected;
    private final String found;

    public FormatException(String source, String location, String expected, String found) {
        this(source, location, expected, found, null);
    }

    public FormatException(String source, String location, String expected, String found, Throwable cause) {
        super(source + ": " + location + ": expected " + expected + ", found " + found, cause);
        this.source = source;
        this.location = location;
        this.expected = expected;
        this.found = found;
    }

    /** The file (or {@code archive.npz[key]}) that was being read. */
    public String source() { return source; }
    /** Where in it: a JSON field path, a header field, or {@code byte N}. */
    public String location() { return location; }
    public String expected() { return expected; }
    public String found() { return found; }

    /** A short printable excerpt of a token for messages. */
    static String quote(String s) {
        String t = s.length() > 24 ? s.substring(0, 21) + "..." : s;
        StringBuilder b = new StringBuilder("'");
        for (char c : t.toCharArray()) {
            if (c >= 32 && c < 127) b.append(c);
            else if (c < 256) b.append(String.format("\\x%02x", (int) c));
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b.append("'").toString();
    }

    /** The shared line reader, reporting as this exception; see {@link TextLineReader}. */
    static TextLineReader<FormatException> lines(Path file, int maxLineBytes) throws IOException {
        String source = file.toString();
        return new TextLineReader<>(new BufferedInputStream(Files.newInputStream(file), 1 << 16), maxLineBytes,
                (location, expected, found) -> new FormatException(source, location, expected, found));
    }
}
