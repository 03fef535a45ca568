package io.maskstudio.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into cells line by line, keeping the 1-based line number of each for error messages.
 * Lines end in LF or CRLF and are decoded as UTF-8 one by one, so an encoding error gets its true line number.
 * Blank lines are skipped. Cells may be double-quoted (a doubled quote inside is a literal quote) but may not
 * span lines; unquoted cells are trimmed. The delimiter is guessed from the first non-blank line: whichever
 * of comma, semicolon and tab occurs most there (comma on a tie), so spreadsheet exports with ';' load too.
 */
final class CsvLines {

    record Line(int number, List<String> cells) {}

    private final InputStream in;
    private final String source;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed bytes, never replaces them
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
    private int lineNumber;
    private char delimiter;

    CsvLines(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next non-blank line, or null at the end of the input. */
    Line next() throws DataException {
        String text;
        do {
            text = readLine();
            if (text == null) return null;
            if (lineNumber == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
        } while (text.isBlank());
        if (delimiter == 0) delimiter = guessDelimiter(text);
        return new Line(lineNumber, split(text));
    }

    /** The next line without its line end, or null at the end of the input; counts the line. */
    private String readLine() throws DataException {
        lineBytes.reset();
        boolean sawAnything = false;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) break;
            sawAnything = true;
            int start = bufferPos;
            while (bufferPos < bufferEnd && buffer[bufferPos] != '\n') bufferPos++;
            lineBytes.write(buffer, start, bufferPos - start);
            if (bufferPos < bufferEnd) {
                bufferPos++; // the '\n'
                break;
            }
        }
        if (!sawAnything) return null;
        lineNumber++;
        byte[] bytes = lineBytes.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(source + ": line " + lineNumber + ": expected UTF-8 text, found bytes that are not", e);
        }
    }

    private boolean fill() throws DataException {
        try {
            int n = in.read(buffer);
            bufferPos = 0;
            bufferEnd = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new DataException(source + ": cannot read after line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static char guessDelimiter(String line) {
        int commas = count(line, ','), semicolons = count(line, ';'), tabs = count(line, '\t');
        if (commas >= semicolons && commas >= tabs) return ',';
        return semicolons >= tabs ? ';' : '\t';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    private List<String> split(String text) throws DataException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;      // this cell started with a quote
        boolean inQuotes = false;    // currently between quotes
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    cell.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == delimiter) {
                cells.add(quoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                quoted = false;
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                inQuotes = true;
            } else if (!(quoted && Character.isWhitespace(c))) { // blanks after a closing quote are padding
                cell.append(c);
            }
        }
        if (inQuotes) throw new DataException(source + ": line " + lineNumber + ": expected a closing quote, found the end of the line");
        cells.add(quoted ? cell.toString() : cell.toString().trim());
        return cells;
    }
}
