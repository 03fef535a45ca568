package io.maskstudio.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PngWriterTest {

    @Test
    void pngReadBackWithImageIoHasIdenticalPixels(@TempDir Path dir) throws IOException {
        Raster r = new Raster(37, 23);
        Random rnd = new Random(7);
        int[] px = r.pixels();
        for (int k = 0; k < px.length; k++) px[k] = rnd.nextInt() | (k % 3 == 0 ? 0xFF000000 : 0); // opaque and translucent
        px[0] = 0;
        Path file = dir.resolve("sub").resolve("raster.png");
        PngWriter.write(r, file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(37, img.getWidth());
        assertEquals(23, img.getHeight());
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                assertEquals(r.getPixel(x, y), img.getRGB(x, y), "(" + x + "," + y + ")");
            }
        }
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.png");
        Raster r = new Raster(4, 4);
        r.fill(0xFF112233);
        PngWriter.write(r, file);
        r.fill(0xFF445566);
        PngWriter.write(r, file);
        assertEquals(0xFF445566, ImageIO.read(file.toFile()).getRGB(2, 2));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the PNG itself");
        }
    }
}
