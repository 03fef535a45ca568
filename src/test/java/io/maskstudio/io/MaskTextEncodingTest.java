package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text mask formats share one policy: strict UTF-8, a leading BOM skipped, LF or CRLF. */
class MaskTextEncodingTest {
    @TempDir
    Path dir;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Path file(String name, byte[]... parts) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.write(p);
        Path p = dir.resolve(name);
        Files.write(p, b.toByteArray());
        return p;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String error(Path p) {
        return assertThrows(FormatException.class, () -> MaskFormats.read(p, MaskReadOptions.defaults())).getMessage();
    }

    /** The 2x3 mask [[1,0,1],[0,1,0]] every well-formed file below describes. */
    private static void assertExample(Mask m) {
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        boolean[][] want = {{true, false, true}, {false, true, false}};
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) assertEquals(want[r][c], m.get(r, c), "cell " + r + "," + c);
    }

    // what scipy.io.mmwrite writes for that mask, with a comment line holding a non-ASCII author name
    private static final String MTX = "%%MatrixMarket matrix coordinate pattern general\n%\n% author: J\u00fcrgen\n2 3 3\n1 1\n2 2\n1 3\n";

    @Test
    void matrixMarketAcceptsUtf8WithBomAndCrlf() throws Exception {
        assertExample(MaskFormats.read(file("lf.mtx", MTX.getBytes(StandardCharsets.UTF_8)), MaskReadOptions.defaults()));
        assertExample(MaskFormats.read(file("bom.mtx", BOM, MTX.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)), MaskReadOptions.defaults()));
    }

    @Test
    void matrixMarketRefusesANonUtf8ByteNamingFileAndLine() throws Exception {
        Path p = file("latin.mtx", MTX.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(p + ": line 3: expected UTF-8 text, found bytes that are not UTF-8 (byte 12 of the line)", error(p));
    }

    @Test
    void matrixMarketRefusesAnOverlongLine() throws Exception {
        Path p = file("long.mtx", ascii("%%MatrixMarket matrix coordinate pattern general\n% " + "x".repeat(70_000) + "\n2 3 0\n"));
        assertEquals(p + ": line 2: expected lines of at most 65536 bytes, found a longer line", error(p));
    }

    @Test
    void denseCsvAcceptsBomAndCrlfAndRefusesNonUtf8() throws Exception {
        // np.savetxt(f, m, fmt='%d', delimiter=',', header=...) writes "# " comments and LF; Excel adds a BOM and CRLF
        String csv = "# \u00fcber\n1,0,1\n0,1,0\n";
        assertExample(MaskFormats.read(file("bom.csv", BOM, csv.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)), MaskReadOptions.defaults()));
        Path p = file("latin.csv", csv.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(p + ": line 1: expected UTF-8 text, found bytes that are not UTF-8 (byte 3 of the line)", error(p));
    }

    @Test
    void edgeListCsvAcceptsBomAndCrlfAndRefusesNonUtf8() throws Exception {
        String csv = "# [out_features, in_features] = [2, 3]\nout,in\n0,0\n1,1\n0,2\n";
        assertExample(MaskFormats.read(file("bom-edges.csv", BOM, ascii(csv.replace("\n", "\r\n"))), MaskReadOptions.defaults()));
        Path p = file("latin-edges.csv", ascii(csv), new byte[] {'1', ',', (byte) 0xFF, '\n'});
        String message = error(p);
        assertTrue(message.startsWith(p + ": line 6: expected UTF-8 text"), message);
        assertFalse(message.contains("line 1:"), message);
    }
}
