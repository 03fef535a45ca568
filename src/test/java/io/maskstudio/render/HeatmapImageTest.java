package io.maskstudio.render;

import io.maskstudio.io.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heatmap file picture: every cell a whole-pixel square in its value's colour, a colour bar running from the
 * map's maximum colour (top) to its minimum colour (bottom), labels beside it. Expected colours are the documented
 * end and centre stops of ColorBrewer's RdBu (what BLUE_WHITE_RED is made of), not the colour map's own lookup.
 */
class HeatmapImageTest {
    private static final int RDBU_MIN = 0xFF053061;
    private static final int RDBU_CENTRE = 0xFFFFFFFF;
    private static final int RDBU_MAX = 0xFF67001F;
    private static final int NAN_GREY = 0xFFD0D0D0;
    private static final ColorMap DIVERGING = ColorMap.BLUE_WHITE_RED.withNanColor(NAN_GREY);

    /** [[-2, 0, 2, NaN], [2, 2, -2, 0], [0, NaN, -2, 2]] with the range [-2, 2]: every cell is an end, the centre or NaN. */
    private static final float[] SMALL = {-2, 0, 2, Float.NaN, 2, 2, -2, 0, 0, Float.NaN, -2, 2};

    private static int expected(float v) {
        return Float.isNaN(v) ? NAN_GREY : v < 0 ? RDBU_MIN : v > 0 ? RDBU_MAX : RDBU_CENTRE;
    }

    private static List<String> heading() {
        return List.of("fc1 · Weights · test", "rows: 3 · columns: 4");
    }

    @Test
    void smallMatricesAreEnlargedByAWholeFactorAndEveryPixelOfACellHasItsValuesColour() {
        ValueRange range = new ValueRange(-2, 2);
        List<HeatmapImage.Tick> ticks = HeatmapImage.ticks(range);
        BufferedImage img = HeatmapImage.draw(SMALL, 3, 4, DIVERGING, range, heading(), ticks);
        HeatmapImage.Layout l = HeatmapImage.layout(3, 4, heading(), ticks);
        assertEquals(l.width(), img.getWidth());
        assertEquals(l.height(), img.getHeight());
        assertTrue(l.scale() > 1, "a 3 x 4 matrix is enlarged: " + l.scale());
        assertTrue(img.getWidth() >= 4 * l.scale() && img.getHeight() >= 3 * l.scale());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                for (int dy = 0; dy < l.scale(); dy++) {
                    for (int dx = 0; dx < l.scale(); dx++) {
                        int x = l.mapX() + c * l.scale() + dx, y = l.mapY() + r * l.scale() + dy;
                        assertEquals(Integer.toHexString(expected(SMALL[r * 4 + c])), Integer.toHexString(img.getRGB(x, y)),
                                "cell (" + r + ", " + c + ") at pixel (" + x + ", " + y + ")");
                    }
                }
            }
        }
        // Just outside the map: not a cell colour (the frame), so the cells are exactly where the layout says.
        assertEquals(HeatmapImage.FRAME, img.getRGB(l.mapX() - 1, l.mapY()));
        assertEquals(HeatmapImage.FRAME, img.getRGB(l.mapX() + 4 * l.scale(), l.mapY()));
    }

    @Test
    void theColourBarRunsFromTheMaximumsColourDownToTheMinimumsAndHasLabelsBesideIt() {
        ValueRange range = new ValueRange(-2, 2);
        List<HeatmapImage.Tick> ticks = HeatmapImage.ticks(range);
        assertEquals(List.of("2.00", "0", "-2.00"), ticks.stream().map(HeatmapImage.Tick::label).toList());
        BufferedImage img = HeatmapImage.draw(SMALL, 3, 4, DIVERGING, range, heading(), ticks);
        HeatmapImage.Layout l = HeatmapImage.layout(3, 4, heading(), ticks);
        int x = l.barX() + l.barWidth() / 2;
        assertEquals(Integer.toHexString(RDBU_MAX), Integer.toHexString(img.getRGB(x, l.barY())), "top of the bar");
        assertEquals(Integer.toHexString(RDBU_MIN), Integer.toHexString(img.getRGB(x, l.barY() + l.barHeight() - 1)), "bottom of the bar");
        // The middle row is the centre stop, give or take one table step.
        int mid = img.getRGB(x, l.barY() + (l.barHeight() - 1) / 2);
        for (int shift = 0; shift < 24; shift += 8) assertTrue(((mid >> shift) & 0xFF) > 0xF0, Integer.toHexString(mid));
        // Brighter from top to centre along the red half: the bar is a gradient, not a block of one colour.
        assertTrue(brightness(img.getRGB(x, l.barY() + l.barHeight() / 4)) > brightness(img.getRGB(x, l.barY())));
        // Label text: dark pixels right of the bar, near the top (max), the middle (0) and the bottom (min).
        int labelsX = l.barX() + l.barWidth() + 8;
        for (int y : new int[] {l.barY(), l.barY() + l.barHeight() / 2, l.barY() + l.barHeight() - 1}) {
            assertTrue(darkPixels(img, labelsX, y - 8, img.getWidth() - labelsX, 16) > 5, "a label beside the bar at y " + y);
        }
        // The heading is written above the map.
        assertTrue(darkPixels(img, l.mapX(), 0, img.getWidth() - l.mapX(), l.mapY() - 2) > 20, "heading text");
    }

    @Test
    void largeMatricesGetOnePixelPerCell(@TempDir Path dir) throws Exception {
        int rows = 300, cols = 1000;
        float[] v = new float[rows * cols];
        Random rnd = new Random(3);
        for (int k = 0; k < v.length; k++) v[k] = (float) rnd.nextGaussian();
        ValueRange range = ValueRange.symmetric(v);
        List<HeatmapImage.Tick> ticks = HeatmapImage.ticks(range);
        Path file = dir.resolve("big.png");
        HeatmapImage.write(file, v, rows, cols, DIVERGING, range, heading(), ticks);
        BufferedImage img = ImageIO.read(file.toFile());
        HeatmapImage.Layout l = HeatmapImage.layout(rows, cols, heading(), ticks);
        assertEquals(1, l.scale());
        assertTrue(img.getWidth() >= cols && img.getHeight() >= rows, img.getWidth() + " x " + img.getHeight());
        for (int k = 0; k < 200; k++) {
            int r = rnd.nextInt(rows), c = rnd.nextInt(cols);
            assertEquals(DIVERGING.map(v[r * cols + c], range), img.getRGB(l.mapX() + c, l.mapY() + r), "cell (" + r + ", " + c + ")");
        }
    }

    @Test
    void pillowReadsTheFileWithTheCellColours(@TempDir Path dir) throws Exception {
        Python.assumeModules("PIL");
        ValueRange range = new ValueRange(-2, 2);
        List<HeatmapImage.Tick> ticks = HeatmapImage.ticks(range);
        Path file = dir.resolve("small.png");
        HeatmapImage.write(file, SMALL, 3, 4, DIVERGING, range, heading(), ticks);
        HeatmapImage.Layout l = HeatmapImage.layout(3, 4, heading(), ticks);
        String code = String.join("\n",
                "import sys",
                "from PIL import Image",
                "im = Image.open(sys.argv[1]).convert('RGBA')",
                "x0, y0, s = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])",
                "print(im.size[0], im.size[1])",
                "for r in range(3):",
                "    print(' '.join('%02x%02x%02x%02x' % (lambda p: (p[3], p[0], p[1], p[2]))(im.getpixel((x0 + c * s + s // 2, y0 + r * s + s // 2)))"
                        + " for c in range(4)))");
        Python.Result out = Python.script(code, List.of(file.toString(), "" + l.mapX(), "" + l.mapY(), "" + l.scale()), 60);
        assertEquals(0, out.exitCode(), out.output());
        String[] lines = out.output().split("\n");
        assertEquals(l.width() + " " + l.height(), lines[0]);
        for (int r = 0; r < 3; r++) {
            String[] cells = lines[r + 1].trim().split(" ");
            for (int c = 0; c < 4; c++) assertEquals(Integer.toHexString(expected(SMALL[r * 4 + c])), cells[c], "cell (" + r + ", " + c + ")");
        }
    }

    @Test
    void aMapTooLargeForOneImageIsRefusedWithAMessageInsteadOfRunningOutOfMemory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeatmapImage.draw(new float[0], 20_000, 50_000, DIVERGING, new ValueRange(-1, 1), heading(), List.of()));
        assertTrue(e.getMessage().contains("expected 1000000000 values"), e.getMessage());
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> HeatmapImage.layout(20_000, 50_000, heading(), List.of()));
        assertTrue(tooLarge.getMessage().contains("20000 x 50000 map is too large") && tooLarge.getMessage().contains("NPY"), tooLarge.getMessage());
    }

    private static int brightness(int argb) {
        return ((argb >> 16) & 0xFF) + ((argb >> 8) & 0xFF) + (argb & 0xFF);
    }

    private static int darkPixels(BufferedImage img, int x, int y, int w, int h) {
        int n = 0;
        for (int yy = Math.max(0, y); yy < Math.min(img.getHeight(), y + h); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(img.getWidth(), x + w); xx++) if (brightness(img.getRGB(xx, yy)) < 300) n++;
        }
        return n;
    }
}
