package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property: any mask written in any format (dense or sparse layout) reads back equal. Seeded random loops. */
class MaskFormatsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void randomMasksRoundTripThroughEveryFormat() throws Exception {
        Random rnd = new Random(20240611);
        for (int trial = 0; trial < 60; trial++) {
            Mask m = MaskFixtures.random(rnd, trial < 50 ? 12 : 90, trial < 50 ? 12 : 150);
            for (String ext : MaskFormats.writableExtensions()) {
                for (boolean sparse : new boolean[]{false, true}) {
                    Path f = dir.resolve("t" + trial + (sparse ? "s" : "d") + ext);
                    MaskFormats.write(f, m, MaskWriteOptions.defaults().withSparse(sparse));
                    assertEquals(m, MaskFormats.read(f, MaskReadOptions.defaults()), "trial " + trial + " " + f.getFileName() + " " + m);
                }
            }
        }
    }

    /** Iterates the enum itself, so a new MaskFormat constant is covered without touching this test. */
    @Test
    void everyFormatConstantRoundTripsARandomMask() throws Exception {
        Random rnd = new Random(99);
        for (MaskFormat format : MaskFormat.values()) {
            for (boolean sparse : new boolean[]{false, true}) {
                Mask m = MaskFixtures.random(rnd, 30, 40);
                Path f = dir.resolve(format.name() + (sparse ? "-sparse" : "-dense") + format.extension());
                MaskFormats.write(f, m, MaskWriteOptions.defaults().withSparse(sparse));
                assertTrue(Files.size(f) > 0, f + " was not written");
                assertEquals(format, MaskFormat.of(f).orElseThrow());
                assertEquals(m, MaskFormats.read(f, MaskReadOptions.defaults()), format + " " + m);
            }
        }
    }

    @Test
    void chainOfConversionsIsLossless() throws Exception {
        Random rnd = new Random(7);
        Mask original = MaskFixtures.random(rnd, 40, 60);
        Mask m = original;
        Path previous = null;
        for (int step = 0; step < 30; step++) {
            String ext = MaskFormats.writableExtensions().get(rnd.nextInt(MaskFormats.writableExtensions().size()));
            Path f = dir.resolve("chain" + step + ext);
            MaskFormats.write(f, m, MaskWriteOptions.defaults().withSparse(rnd.nextBoolean()));
            m = MaskFormats.read(f, MaskReadOptions.defaults());
            previous = f;
        }
        assertEquals(original, m, "after 30 conversions ending in " + previous);
    }

    @Test
    void writingLeavesNoTemporaryFiles() throws Exception {
        Mask m = MaskFixtures.p();
        for (String ext : MaskFormats.writableExtensions()) MaskFormats.write(dir.resolve("m" + ext), m, MaskWriteOptions.defaults());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void everyTextFormatStatesTheOrientation() throws Exception {
        Mask m = MaskFixtures.p();
        for (String name : new String[]{"d.csv", "e.csv", "m.mtx"}) {
            Path f = dir.resolve(name);
            MaskFormats.write(f, m, MaskWriteOptions.defaults().withSparse(name.startsWith("e")));
            assertTrue(Files.readString(f).contains("[out_features, in_features] = [5, 7]"), name);
        }
        Path st = dir.resolve("m.safetensors");
        MaskFormats.write(st, m, MaskWriteOptions.defaults());
        assertEquals(MaskFiles.ORIENTATION, Safetensors.open(st).metadata().get("orientation"));
    }
}
