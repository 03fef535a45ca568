package io.maskstudio.io;

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
}
