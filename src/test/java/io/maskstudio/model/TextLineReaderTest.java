package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextLineReaderTest {

    static final class Refused extends Exception {
        Refused(String message) { super(message); }
    }

    private static TextLineReader<Refused> reader(byte[] bytes, int max) {
        return new TextLineReader<>(new ByteArrayInputStream(bytes), max,
                (location, expected, found) -> new Refused(location + ": expected " + expected + ", found " + found));
    }

    private static List<String> lines(byte[] bytes, int max) throws IOException, Refused {
        List<String> out = new ArrayList<>();
        try (TextLineReader<Refused> r = reader(bytes, max)) {
            for (String l = r.next(); l != null; l = r.next()) out.add(r.number() + ":" + l);
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lfCrlfAndALastLineWithoutLineEndAreNumberedFromOne() throws Exception {
        assertEquals(List.of("1:a", "2:", "3:b\u00e9", "4:c"), lines(utf8("a\r\n\nb\u00e9\r\nc"), 100));
        assertEquals(List.of(), lines(new byte[0], 100));
        assertEquals(List.of("1:"), lines(utf8("\n"), 100));
    }

    @Test
    void aByteOrderMarkIsSkippedOnlyAtTheStart() throws Exception {
        assertEquals(List.of("1:x", "2:\uFEFFy"), lines(utf8("\uFEFFx\n\uFEFFy\n"), 100));
    }

    @Test
    void invalidUtf8IsRefusedNamingTheLineAndByte() {
        byte[] latin1 = "ok\nab\u00e9c\n".getBytes(StandardCharsets.ISO_8859_1);
        Refused e = assertThrows(Refused.class, () -> lines(latin1, 100));
        assertEquals("line 2: expected UTF-8 text, found bytes that are not UTF-8 (byte 3 of the line)", e.getMessage());
        // a truncated multi-byte sequence at the end of a line is refused too, not swallowed
        byte[] cut = {'a', (byte) 0xC3, '\n'};
        assertEquals("line 1: expected UTF-8 text, found bytes that are not UTF-8 (byte 2 of the line)",
                assertThrows(Refused.class, () -> lines(cut, 100)).getMessage());
    }

    @Test
    void lineLengthIsCappedInBytesWithTheCrOfCrlfNotCounted() throws Exception {
        assertEquals(List.of("1:abcd", "2:efgh"), lines(utf8("abcd\r\nefgh\n"), 4));
        Refused e = assertThrows(Refused.class, () -> lines(utf8("abcd\nabcde\n"), 4));
        assertEquals("line 2: expected lines of at most 4 bytes, found a longer line", e.getMessage());
        assertThrows(Refused.class, () -> lines(utf8("abcde\r\n"), 4));
        assertThrows(Refused.class, () -> lines(utf8("abcd\r"), 3));
    }

    @Test
    void aLineWithoutLineEndsIsRefusedBeforeBeingBufferedWhole() throws Exception {
        // endless input: the reader must stop at the cap instead of reading on forever
        InputStream endless = new InputStream() {
            @Override public int read() { return 'x'; }
            @Override public int read(byte[] b, int off, int len) { Arrays.fill(b, off, off + len, (byte) 'x'); return len; }
        };
        TextLineReader<Refused> r = new TextLineReader<>(endless, 1 << 20, (l, x, f) -> new Refused(l + ": " + f));
        assertEquals("line 1: a longer line", assertThrows(Refused.class, r::next).getMessage());
    }

    @Test
    void linesLongerThanTheReadBufferAreJoined() throws Exception {
        String longLine = "7".repeat(200_000) + "\u00e9"; // crosses the 64 KiB read buffer several times, with a 2-byte char last
        assertEquals(List.of("1:" + longLine, "2:z"), lines(utf8(longLine + "\r\nz\n"), 300_000));
    }
}
