package io.maskstudio.render;

import io.maskstudio.io.AtomicFiles;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A heatmap for a file, at full resolution: every cell of the {@code [rows, cols]} matrix a square of
 * {@link Layout#scale()} pixels in exactly the colour the map gives its value (no pooling, no smoothing), heading
 * lines above it and a vertical colour bar with value labels to its right. Java2D, which runs headless, so the CLI
 * can write the same picture as the app.
 */
public final class HeatmapImage {
    /** A labelled value on the colour bar. */
    public record Tick(double value, String label) {}

    /**
     * Where the parts are, in image pixels: the map's top-left corner and cell size, the bar's rectangle
     * (its top row has the colour of the range's maximum, its bottom row the minimum's).
     */
    public record Layout(int width, int height, int mapX, int mapY, int scale, int barX, int barY, int barWidth, int barHeight) {}

    /** Small matrices are enlarged by a whole factor until their longer side reaches this (crisp square cells). */
    static final int TARGET_SIDE = 512;
    static final int MAX_SCALE = 32;
    /** The largest image written (256 MB of pixels in memory): beyond it NPY is the way out. */
    public static final long MAX_PIXELS = 1L << 26;
    static final int BACKGROUND = 0xFFFFFFFF;
    static final int FRAME = 0xFF9AA0A8;
    private static final int TEXT = 0xFF222222;
    private static final int MARGIN = 16;
    private static final int LINE_HEIGHT = 18;
    private static final int BAR_GAP = 18;
    private static final int BAR_WIDTH = 20;
    private static final int TICK = 5;
    private static final int MIN_BAR = 160;
    private static final int MAX_BAR = 1024;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private HeatmapImage() {}

    /** The whole factor a {@code rows x cols} matrix is enlarged by: at least 1, so every cell has a pixel. */
    public static int scale(int rows, int cols) {
        return Math.max(1, Math.min(MAX_SCALE, TARGET_SIDE / Math.max(rows, cols)));
    }

    /**
     * @throws IllegalArgumentException when the image would exceed {@link #MAX_PIXELS}; the message says so
     */
    public static Layout layout(int rows, int cols, List<String> heading, List<Tick> ticks) {
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException("a heatmap needs rows and columns, got " + rows + " x " + cols);
        int s = scale(rows, cols);
        long mapW = (long) cols * s, mapH = (long) rows * s;
        int labelWidth = 0;
        for (Tick t : ticks) labelWidth = Math.max(labelWidth, textWidth(t.label()));
        int headingWidth = 0;
        for (String h : heading) headingWidth = Math.max(headingWidth, textWidth(h));
        int barHeight = (int) Math.max(MIN_BAR, Math.min(MAX_BAR, mapH));
        long contentW = mapW + BAR_GAP + BAR_WIDTH + TICK + 4 + labelWidth;
        long width = 2L * MARGIN + Math.max(contentW, headingWidth);
        int top = MARGIN + heading.size() * LINE_HEIGHT + (heading.isEmpty() ? 0 : 8);
        long height = top + Math.max(mapH, barHeight) + MARGIN;
        if (width * height > MAX_PIXELS || width > Integer.MAX_VALUE / 2 || height > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %d x %d map is too large for one PNG (%d x %d pixels, at most %d); export it as NPY instead",
                    rows, cols, width, height, MAX_PIXELS));
        }
        int barX = (int) (MARGIN + mapW + BAR_GAP);
        return new Layout((int) width, (int) height, MARGIN, top, s, barX, top, BAR_WIDTH, barHeight);
    }

    /** The range's ends, and 0 when it lies strictly inside, labelled with three significant digits. */
    public static List<Tick> ticks(ValueRange range) {
        List<Tick> t = new ArrayList<>();
        t.add(new Tick(range.max(), format(range.max())));
        if (range.min() < 0 && range.max() > 0) t.add(new Tick(0, "0"));
        t.add(new Tick(range.min(), format(range.min())));
        return t;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * Draws row-major {@code values} (NaN: the map's NaN colour).
     *
     * @throws IllegalArgumentException when the sizes disagree or the image would be too large
     */
    public static BufferedImage draw(float[] values, int rows, int cols, ColorMap colors, ValueRange range,
                                     List<String> heading, List<Tick> ticks) {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + (long) rows * cols + " values for [" + rows + ", " + cols + "], got " + values.length);
        }
        Layout l = layout(rows, cols, heading, ticks);
        BufferedImage img = new BufferedImage(l.width(), l.height(), BufferedImage.TYPE_INT_ARGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        Arrays.fill(px, BACKGROUND);
        int s = l.scale();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int argb = colors.map(values[r * cols + c], range);
                fill(px, l.width(), l.mapX() + c * s, l.mapY() + r * s, s, s, argb);
            }
        }
        frame(px, l.width(), l.mapX() - 1, l.mapY() - 1, cols * s + 2, rows * s + 2);
        for (int y = 0; y < l.barHeight(); y++) {
            double t = l.barHeight() == 1 ? 0.5 : 1 - y / (l.barHeight() - 1.0);
            fill(px, l.width(), l.barX(), l.barY() + y, l.barWidth(), 1, colors.at(t));
        }
        frame(px, l.width(), l.barX() - 1, l.barY() - 1, l.barWidth() + 2, l.barHeight() + 2);
        labels(img, l, range, heading, ticks);
        return img;
    }

    /** Writes {@link #draw} as a PNG, replacing the file atomically. */
    public static void write(Path file, float[] values, int rows, int cols, ColorMap colors, ValueRange range,
                             List<String> heading, List<Tick> ticks) throws IOException {
        BufferedImage img = draw(values, rows, cols, colors, range, heading, ticks);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available in this Java runtime");
        });
    }

    /** Text only outside the map and the bar: antialiasing never touches a cell's colour. */
    private static void labels(BufferedImage img, Layout l, ValueRange range, List<String> heading, List<Tick> ticks) {
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(FONT);
            g.setColor(new Color(TEXT, true));
            int ascent = g.getFontMetrics().getAscent();
            for (int k = 0; k < heading.size(); k++) g.drawString(heading.get(k), MARGIN, MARGIN + k * LINE_HEIGHT + ascent);
            int tickX = l.barX() + l.barWidth() + 1;
            for (Tick t : ticks) {
                int y = l.barY() + (int) Math.round((1 - clamp01(range.normalize(t.value()))) * (l.barHeight() - 1));
                g.fillRect(tickX, y, TICK, 1);
                int baseline = y + ascent / 2 - 1;
                baseline = Math.max(l.barY() + ascent - 2, Math.min(l.barY() + l.barHeight() + 2, baseline));
                g.drawString(t.label(), tickX + TICK + 4, baseline);
            }
        } finally {
            g.dispose();
        }
    }

    private static double clamp01(double t) {
        return Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
    }

    private static int textWidth(String s) {
        return (int) Math.ceil(FONT.getStringBounds(s, FRC).getWidth());
    }

    private static void fill(int[] px, int width, int x, int y, int w, int h, int argb) {
        for (int row = y; row < y + h; row++) Arrays.fill(px, row * width + x, row * width + x + w, argb);
    }

    private static void frame(int[] px, int width, int x, int y, int w, int h) {
        fill(px, width, x, y, w, 1, FRAME);
        fill(px, width, x, y + h - 1, w, 1, FRAME);
        fill(px, width, x, y, 1, h, FRAME);
        fill(px, width, x + w - 1, y, 1, h, FRAME);
    }
}
