package io.maskstudio.render;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fan-out frames against a naive count over the mask; the strip's pixels and size; the GIF read back with ImageIO. */
class FanOutFramesTest {

    private static Mask random(int rows, int cols, double density, long seed) {
        Random r = new Random(seed);
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) for (int i = 0; i < cols; i++) if (r.nextDouble() < density) m.set(o, i, true);
        return m;
    }

    /** Each pixel's connections counted cell by cell with get(), over every channel. */
    private static int[] naive(Mask m, int channels, int h, int w) {
        int[] out = new int[h * w];
        for (int ch = 0; ch < channels; ch++) {
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int in = ch * h * w + row * w + col;
                    for (int o = 0; o < m.rows(); o++) if (m.get(o, in)) out[row * w + col]++;
                }
            }
        }
        return out;
    }

    @Test
    void aFramesFanOutsEqualANaiveCountOverTheMask() {
        LayerSpec grey = LayerSpec.grid("pixels", 5, 7, Activation.IDENTITY);
        LayerSpec rgb = LayerSpec.grid("pixels", 3, 4, 6, Activation.IDENTITY);
        Mask a = random(30, 35, 0.2, 1), b = random(30, 35, 0.6, 2), c = random(9, 72, 0.3, 3);
        FanOutFrames f = FanOutFrames.of(grey, List.of(1, 4), List.of(a, b));
        assertArrayEquals(naive(a, 1, 5, 7), f.frames().get(0).fanOut());
        assertArrayEquals(naive(b, 1, 5, 7), f.frames().get(1).fanOut());
        assertEquals(List.of(1, 4), f.frames().stream().map(FanOutFrames.Frame::epoch).toList());
        int max = 0;
        for (int v : naive(b, 1, 5, 7)) max = Math.max(max, v);
        for (int v : naive(a, 1, 5, 7)) max = Math.max(max, v);
        assertEquals(max, f.max(), "one colour range over all frames");
        assertArrayEquals(naive(c, 3, 4, 6), FanOutFrames.fanOut(c, rgb), "channels are summed per pixel");
        assertThrows(IllegalArgumentException.class, () -> FanOutFrames.of(LayerSpec.vector("v", 35, Activation.IDENTITY), List.of(1), List.of(a)));
    }

    @Test
    void theStripHasOneTilePerSnapshotSideBySideWithEachPixelsColour() {
        LayerSpec in = LayerSpec.grid("pixels", 6, 6, Activation.IDENTITY);
        List<Mask> masks = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            masks.add(random(20, 36, 0.1 + 0.15 * k, 10 + k));
            epochs.add(k * 2);
        }
        FanOutFrames f = FanOutFrames.of(in, epochs, masks);
        int scale = 5;
        Raster strip = f.strip(scale);
        Raster tile = f.tile(0, scale);
        assertEquals(5 * tile.width(), strip.width());
        assertEquals(tile.height(), strip.height());
        // Taller than the picture: the caption sits under it.
        assertEquals(true, tile.height() > 6 * scale + 10, "room for the epoch under the picture: " + tile.height());
        for (int k = 0; k < 5; k++) {
            int[] counts = naive(masks.get(k), 1, 6, 6);
            for (int row = 0; row < 6; row++) {
                for (int col = 0; col < 6; col++) {
                    int[] at = f.pixelAt(k, row, col, scale);
                    assertEquals(f.color(counts[row * 6 + col]), strip.getPixel(at[0] + scale / 2, at[1] + scale / 2),
                            "frame " + k + " pixel " + row + "," + col);
                }
            }
        }
    }

    @Test
    void theGifHasOneFramePerSnapshotAndLoops(@TempDir Path tmp) throws Exception {
        LayerSpec in = LayerSpec.grid("pixels", 8, 8, Activation.IDENTITY);
        List<Mask> masks = new ArrayList<>();
        for (int k = 0; k < 4; k++) masks.add(random(10, 64, 0.2 * (k + 1), k));
        FanOutFrames f = FanOutFrames.of(in, List.of(1, 2, 3, 4), masks);
        Path gif = tmp.resolve("e.gif");
        AnimatedGif.write(f.tiles(3), 300, gif);
        GifContents read = GifContents.read(gif);
        assertEquals(4, read.frames().size());
        assertEquals(f.tile(0, 3).width(), read.frames().get(0).getWidth());
        assertEquals(0, read.loopCount(), "NETSCAPE2.0 loop count 0: forever");
        assertEquals(30, read.delayCentis(), "300 ms per frame");
    }

    /** A GIF read back with ImageIO: its frames, the NETSCAPE2.0 loop count (-1 without one) and the first frame's delay. */
    record GifContents(List<BufferedImage> frames, int loopCount, int delayCentis) {
        static GifContents read(Path file) throws Exception {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                reader.setInput(in);
                int n = reader.getNumImages(true);
                List<BufferedImage> frames = new ArrayList<>();
                for (int k = 0; k < n; k++) frames.add(reader.read(k));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
                int loop = -1, delay = -1;
                for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c.getNodeName().equals("GraphicControlExtension")) delay = Integer.parseInt(((IIOMetadataNode) c).getAttribute("delayTime"));
                    if (!c.getNodeName().equals("ApplicationExtensions")) continue;
                    for (Node a = c.getFirstChild(); a != null; a = a.getNextSibling()) {
                        IIOMetadataNode app = (IIOMetadataNode) a;
                        if (!"NETSCAPE".equals(app.getAttribute("applicationID"))) continue;
                        byte[] data = (byte[]) app.getUserObject();
                        assertNotNull(data);
                        loop = (data[1] & 0xFF) | (data[2] & 0xFF) << 8;
                    }
                }
                return new GifContents(frames, loop, delay);
            } finally {
                reader.dispose();
            }
        }
    }
}
