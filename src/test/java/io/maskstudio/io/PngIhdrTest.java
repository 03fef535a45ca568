package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * PNGs whose IHDR declares an impossible format, made the way PngSuite makes its x* files: a valid image (here
 * written by Pillow, src/test/resources/masks) with one IHDR byte changed and the chunk's CRC recomputed, so only
 * the format is wrong. The names are PngSuite's (xc1n0g08: colour type 1; xd0n2c08: bit depth 0; ...).
 */
class PngIhdrTest {
    @TempDir
    Path dir;

    private static final int DEPTH = 8;
    private static final int COLOUR = 9;
    private static final int COMPRESSION = 10;
    private static final int FILTER = 11;
    private static final int INTERLACE = 12;

    private record Case(String name, String base, int field, int value, String refusal) {}

    private static final List<Case> CASES = List.of(
            new Case("xc1n0g08", "p_gray.png", COLOUR, 1, "IHDR colour type: expected 0 (grey), 2 (RGB), 3 (palette), 4 (grey + alpha) or 6 (RGBA), found 1"),
            new Case("xc9n2c08", "p_rgb.png", COLOUR, 9, "IHDR colour type: expected 0 (grey), 2 (RGB), 3 (palette), 4 (grey + alpha) or 6 (RGBA), found 9"),
            new Case("xd0n2c08", "p_rgb.png", DEPTH, 0, "IHDR bit depth: expected 8 or 16 for colour type 2 (RGB), found 0"),
            new Case("xd3n2c08", "p_rgb.png", DEPTH, 3, "IHDR bit depth: expected 8 or 16 for colour type 2 (RGB), found 3"),
            new Case("xd9n2c08", "p_rgb.png", DEPTH, 99, "IHDR bit depth: expected 8 or 16 for colour type 2 (RGB), found 99"),
            new Case("xd3n0g03", "p_gray.png", DEPTH, 3, "IHDR bit depth: expected 1, 2, 4, 8 or 16 for colour type 0 (grey), found 3"),
            new Case("xd16n3p16", "p_palette.png", DEPTH, 16, "IHDR bit depth: expected 1, 2, 4 or 8 for colour type 3 (palette), found 16"),
            new Case("compression1", "p_gray.png", COMPRESSION, 1, "IHDR compression method: expected 0 (deflate, the only one defined), found 1"),
            new Case("filter1", "p_gray.png", FILTER, 1, "IHDR filter method: expected 0 (adaptive, the only one defined), found 1"),
            new Case("interlace2", "p_gray.png", INTERLACE, 2, "IHDR interlace method: expected 0 (none) or 1 (Adam7), found 2"));

    /** The PNG with IHDR data byte {@code field} set to {@code value} and the IHDR CRC made valid again. */
    private static byte[] withIhdrByte(byte[] png, int field, int value) {
        byte[] b = png.clone();
        assertEquals("IHDR", new String(b, 12, 4, StandardCharsets.ISO_8859_1));
        b[16 + field] = (byte) value;
        CRC32 crc = new CRC32();
        crc.update(b, 12, 4 + 13); // type and data
        ByteBuffer.wrap(b).putInt(16 + 13, (int) crc.getValue());
        return b;
    }

    private Map<Path, Case> write() throws Exception {
        Map<Path, Case> files = new LinkedHashMap<>();
        for (Case c : CASES) {
            Path p = dir.resolve(c.name() + ".png");
            Files.write(p, withIhdrByte(Files.readAllBytes(MaskFixtures.file(c.base())), c.field(), c.value()));
            files.put(p, c);
        }
        return files;
    }

    @Test
    void anImpossibleIhdrIsReportedAsSuchNotAsDamagedPixels() throws Exception {
        for (Map.Entry<Path, Case> e : write().entrySet()) {
            Path p = e.getKey();
            String message = assertThrows(FormatException.class, () -> MaskFormats.read(p, MaskReadOptions.defaults().withThreshold(0.5))).getMessage();
            assertEquals(p + ": " + e.getValue().refusal(), message);
        }
    }

    @Test
    void theChangedByteIsAllThatIsWrong() throws Exception {
        // setting the byte back to the base file's value (with a fresh CRC) gives a file that reads as the mask
        for (Case c : CASES) {
            byte[] base = Files.readAllBytes(MaskFixtures.file(c.base()));
            Path p = dir.resolve("restored_" + c.name() + ".png");
            Files.write(p, withIhdrByte(withIhdrByte(base, c.field(), c.value()), c.field(), base[16 + c.field()]));
            assertEquals(MaskFixtures.p(), MaskFormats.read(p, MaskReadOptions.defaults()), c.name());
        }
    }

    /**
     * Pillow, an independent decoder, also refuses them (and opens the bases), so the files really are invalid.
     * Except compression method 1: Pillow ignores that byte and inflates anyway.
     */
    @Test
    void pillowRefusesThemToo() throws Exception {
        Python.assumeModules("PIL");
        Map<Path, Case> files = write();
        List<String> args = new ArrayList<>();
        files.forEach((p, c) -> {
            if (c.field() != COMPRESSION) args.add(p.toString());
        });
        String code = String.join("\n",
                "import sys",
                "from PIL import Image",
                "for f in sys.argv[1:]:",
                "    try:",
                "        Image.open(f).load()",
                "        print('opened', f)",
                "    except Exception as e:",
                "        pass",
                "for f in %s:" .formatted(pythonList(CASES.stream().map(c -> MaskFixtures.file(c.base()).toString()).distinct().toList())),
                "    Image.open(f).load()",
                "print('done')");
        Python.Result r = Python.script(code, args, 60);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("done", r.output());
    }

    private static String pythonList(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (String s : items) b.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'")).append("', ");
        return b.append(']').toString();
    }
}
