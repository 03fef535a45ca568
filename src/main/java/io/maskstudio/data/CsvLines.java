package io.maskstudio.data;

import io.maskstudio.model.TextLineReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into cells line by line, keeping the 1-based line number of each for error messages.
 * Lines come from {@link TextLineReader} (strict UTF-8, LF or CRLF, a leading BOM skipped, bounded line length).
 * Blank lines are skipped. Cells may be double-quoted (a doubled quote inside is a literal quote) but may not
 * span lines; unquoted cells are trimmed. The delimiter is guessed from the first non-blank line: whichever
 * of comma, semicolon and tab occurs most there (comma on a tie), so spreadsheet exports with ';' load too.
 */
final class CsvLines {

    record Line(int number, List<String> cells) {}

    /** Dataset rows are short; this only stops a file without line ends from being buffered whole. */
    static final int MAX_LINE_BYTES = 1 << 26;

    private final String source;
    private final TextLineReader<DataException> lines;
    private int lineNumber;
    private char delimiter;

    CsvLines(InputStream in, String source) {
        this.source = source;
        this.lines = new TextLineReader<>(in, MAX_LINE_BYTES,
                (location, expected, found) -> new DataException(source + ": " + location + ": expected " + expected + ", found " + found));
    }

    /** The next non-blank line, or null at the end of the input. */
    Line next() throws DataException {
        String text;
        do {
            text = readLine();
            if (text == null) return null;
        } while (text.isBlank());
        if (delimiter == 0) delimiter = guessDelimiter(text);
        return new Line(lineNumber, split(text));
    }

    private String readLine() throws DataException {
        try {
            String text = lines.next();
            lineNumber = lines.number();
            return text;
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
