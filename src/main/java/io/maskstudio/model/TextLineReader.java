package io.maskstudio.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one text-line reader of the project: strict UTF-8 (a byte order mark at the start is skipped, an invalid byte
 * sequence is refused naming its line), LF or CRLF line ends, 1-based line numbers, and a cap on the bytes of one
 * line so a file without newlines cannot make us buffer it whole. It lives in {@code model} because both {@code io}
 * (mask files) and {@code data} (dataset CSVs) read text and neither may depend on the other; it is plain Java.
 * Each caller reports problems with its own exception type, built by the {@link Failure} it passes in.
 */
public final class TextLineReader<E extends Exception> implements AutoCloseable {

    /** Builds the caller's exception for a line that cannot be read; the message parts follow "location: expected ..., found ...". */
    @FunctionalInterface
    public interface Failure<E extends Exception> {
        E at(String location, String expected, String found);
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final Failure<E> failure;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed bytes, never replaces them
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private int number;

    /** Reads {@code in} (closed by {@link #close()}); a line of more than {@code maxLineBytes} bytes, line end excluded, is refused. */
    public TextLineReader(InputStream in, int maxLineBytes, Failure<E> failure) {
        if (maxLineBytes < 1) throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.failure = failure;
    }

    /** The next line without its line end, or null at the end of the input. */
    public String next() throws IOException, E {
        lineLength = 0;
        boolean sawAnything = false;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) break;
            if (!sawAnything) number++;
            sawAnything = true;
            int start = bufferPos;
            while (bufferPos < bufferEnd && buffer[bufferPos] != '\n') bufferPos++;
            append(start, bufferPos - start);
            if (bufferPos < bufferEnd) {
                bufferPos++; // the '\n'
                break;
            }
        }
        if (!sawAnything) return null;
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        if (length > maxLineBytes) throw tooLong();
        int offset = number == 1 && startsWithBom() ? 3 : 0;
        try {
            return utf8.reset().decode(ByteBuffer.wrap(line, offset, length - offset)).toString();
        } catch (CharacterCodingException e) {
            // no initCause: the caller's exception may already have set its (null) cause; the message says it all
            throw failure.at(where(), "UTF-8 text", "bytes that are not UTF-8 (byte " + (firstBadByte(offset, length) + 1) + " of the line)");
        }
    }

    /** Number of the line last returned (1-based); 0 before the first. */
    public int number() {
        return number;
    }

    /** "line N" for messages. */
    public String where() {
        return "line " + number;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void append(int start, int count) throws E {
        // one byte over the cap is buffered: it may be the CR of a CRLF, which is not content (checked in next())
        if ((long) lineLength + count > (long) maxLineBytes + 1) throw tooLong();
        if (lineLength + count > line.length) line = Arrays.copyOf(line,
                (int) Math.min((long) maxLineBytes + 1, Math.max(2L * line.length, lineLength + count)));
        System.arraycopy(buffer, start, line, lineLength, count);
        lineLength += count;
    }

    private E tooLong() {
        return failure.at(where(), "lines of at most " + maxLineBytes + " bytes", "a longer line");
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        bufferPos = 0;
        bufferEnd = Math.max(n, 0);
        return n > 0;
    }

    private boolean startsWithBom() {
        return lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF;
    }

    /** Index in the line of the first byte that does not decode, so the user can find it. */
    private int firstBadByte(int offset, int length) {
        CharsetDecoder probe = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer bytes = ByteBuffer.wrap(line, offset, length - offset);
        CharBuffer out = CharBuffer.allocate(length - offset + 1);
        probe.decode(bytes, out, true);
        return bytes.position();
    }
}
