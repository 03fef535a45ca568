package io.maskstudio.render;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the first pair's mask changed over a run, as RigL's MNIST figures show it: for each kept snapshot, each input
 * pixel's fan-out (its connections into the first hidden layer) drawn as an image of the input's shape, the epoch
 * under it. All frames share one colour range, 0 to the largest fan-out of any frame, so a pixel that gains
 * connections gets brighter from frame to frame. Channels of a multi-channel input are summed per pixel.
 */
public final class FanOutFrames {
    /** One snapshot's fan-outs, row-major over {@code height x width} pixels. */
    public record Frame(int epoch, int[] fanOut) {}

    private static final ColorMap COLORS = ColorMap.VIRIDIS;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Room under each picture for its caption, and around it. */
    static final int CAPTION = 18;
    static final int GAP = 6;

    private final int height;
    private final int width;
    private final List<Frame> frames;
    private final int max;

    private FanOutFrames(int height, int width, List<Frame> frames) {
        this.height = height;
        this.width = width;
        this.frames = List.copyOf(frames);
        int m = 0;
        for (Frame f : frames) for (int v : f.fanOut()) m = Math.max(m, v);
        this.max = m;
    }

    /** True when {@code input} (pair 0's input layer) has a 2-D shape, so fan-outs can be drawn as an image. */
    public static boolean drawable(LayerSpec input) {
        return input != null && input.hasShape();
    }

    /** The frames of {@code masks} (pair 0's mask of each snapshot, in epoch order, {@code epochs} alike). */
    public static FanOutFrames of(LayerSpec input, List<Integer> epochs, List<Mask> masks) {
        if (!drawable(input)) throw new IllegalArgumentException("layer " + input + " has no 2-D shape");
        if (epochs.size() != masks.size()) throw new IllegalArgumentException(epochs.size() + " epochs for " + masks.size() + " masks");
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < masks.size(); k++) frames.add(new Frame(epochs.get(k), fanOut(masks.get(k), input)));
        return new FanOutFrames(input.height(), input.width(), frames);
    }

    /** Each pixel's connections into the next layer, summed over channels; index {@code row * width + col}. */
    public static int[] fanOut(Mask mask, LayerSpec input) {
        int pixels = input.height() * input.width();
        if (mask.cols() != pixels * input.channels()) {
            throw new IllegalArgumentException("mask has " + mask.cols() + " inputs, layer " + input.name() + " has " + pixels * input.channels());
        }
        int[] perInput = mask.fanOuts();
        int[] out = new int[pixels];
        // Input index = channel * height * width + row * width + col (the receptive-field views use the same order).
        for (int i = 0; i < perInput.length; i++) out[i % pixels] += perInput[i];
        return out;
    }

    public List<Frame> frames() { return frames; }
    public int height() { return height; }
    public int width() { return width; }
    /** The largest fan-out of any pixel in any frame: the top of the shared colour range. */
    public int max() { return max; }

    /** The size of one frame's picture at {@code scale} screen pixels per input pixel: {width, height}. */
    public int[] tileSize(int scale) {
        int w = Math.max(width * scale, 64) + 2 * GAP;
        return new int[]{w, height * scale + CAPTION + 2 * GAP};
    }

    /** Where input pixel (row, col) of frame {@code k} is drawn in the strip: the {x, y} of its square's top-left corner. */
    public int[] pixelAt(int k, int row, int col, int scale) {
        int[] size = tileSize(scale);
        return new int[]{k * size[0] + (size[0] - width * scale) / 2 + col * scale, GAP + row * scale};
    }

    /** Frame {@code k}'s picture: the fan-out image, "epoch N" under it. */
    public Raster tile(int k, int scale) {
        int[] size = tileSize(scale);
        BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            drawTile(g, k, scale, 0);
        } finally {
            g.dispose();
        }
        return toRaster(img);
    }

    /** Every frame's picture side by side, in epoch order: the PNG strip. */
    public Raster strip(int scale) {
        int[] size = tileSize(scale);
        BufferedImage img = new BufferedImage(Math.max(1, size[0] * frames.size()), size[1], BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            for (int k = 0; k < frames.size(); k++) drawTile(g, k, scale, k * size[0]);
        } finally {
            g.dispose();
        }
        return toRaster(img);
    }

    /** One picture per frame, as the animated GIF shows them. */
    public List<Raster> tiles(int scale) {
        List<Raster> out = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) out.add(tile(k, scale));
        return out;
    }

    /** The frame's colour of a fan-out on the shared range. */
    public int color(int fanOut) {
        return COLORS.map(fanOut, 0, Math.max(1, max));
    }

    private void drawTile(Graphics2D g, int k, int scale, int x0) {
        Objects.checkIndex(k, frames.size());
        int[] size = tileSize(scale);
        g.setColor(Color.WHITE);
        g.fillRect(x0, 0, size[0], size[1]);
        int[] fan = frames.get(k).fanOut();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int[] at = pixelAt(0, r, c, scale);
                g.setColor(new Color(color(fan[r * width + c]), true));
                g.fillRect(x0 + at[0], at[1], scale, scale);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        g.setColor(Color.DARK_GRAY);
        String caption = "epoch " + frames.get(k).epoch();
        FontMetrics fm = g.getFontMetrics();
        g.drawString(caption, x0 + (size[0] - fm.stringWidth(caption)) / 2, GAP + height * scale + CAPTION - 4);
    }

    private static Raster toRaster(BufferedImage img) {
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        return new Raster(img.getWidth(), img.getHeight(), px.clone());
    }
}
