package io.maskstudio.render;

import java.util.Arrays;

/**
 * A {@code width x height} image as packed {@code 0xAARRGGBB} ints, row-major: what JavaFX's
 * {@code PixelWriter.setPixels(..., PixelFormat.getIntArgbInstance(), pixels, 0, width)} and
 * {@code BufferedImage.TYPE_INT_ARGB} take without conversion. Drawing calls clip silently.
 * Not thread-safe: one thread draws into a raster at a time.
 */
public final class Raster {
    private final int width;
    private final int height;
    private final int[] pixels;
    private final LineClipper clipper = new LineClipper();

    public Raster(int width, int height) {
        this(width, height, new int[checkedArea(width, height)]);
    }

    /** Wraps an existing pixel array (shared, not copied). */
    public Raster(int width, int height, int[] pixels) {
        if (pixels.length != checkedArea(width, height)) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    private static int checkedArea(int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("raster size must be positive, was " + width + "x" + height);
        // Line loops use 16.16 fixed point, so coordinates must stay below 2^15.
        if (width > 32767 || height > 32767) throw new IllegalArgumentException("raster " + width + "x" + height + " is too large (max 32767 per side)");
        return width * height;
    }

    public int width() { return width; }
    public int height() { return height; }
    /** The live pixel array, row-major. */
    public int[] pixels() { return pixels; }

    public boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    public int getPixel(int x, int y) {
        if (!contains(x, y)) throw new IndexOutOfBoundsException("pixel (" + x + "," + y + ") outside " + width + "x" + height);
        return pixels[y * width + x];
    }

    /** Replaces the pixel (no blending); ignored outside the raster. */
    public void setPixel(int x, int y, int argb) {
        if (contains(x, y)) pixels[y * width + x] = argb;
    }

    /** Composites {@code argb} over the pixel; ignored outside the raster. */
    public void blendPixel(int x, int y, int argb) {
        if (contains(x, y)) {
            int k = y * width + x;
            pixels[k] = Argb.over(pixels[k], argb);
        }
    }

    public void fill(int argb) {
        Arrays.fill(pixels, argb);
    }

    /** Fills the clipped rectangle; translucent colours are blended, opaque ones written. */
    public void fillRect(int x, int y, int w, int h, int argb) {
        int xa = Math.max(0, x), ya = Math.max(0, y);
        int xb = (int) Math.min(width, (long) x + w), yb = (int) Math.min(height, (long) y + h);
        if (xa >= xb || ya >= yb) return;
        boolean opaque = (argb >>> 24) == 255;
        for (int row = ya; row < yb; row++) {
            int base = row * width;
            if (opaque) {
                Arrays.fill(pixels, base + xa, base + xb, argb);
            } else {
                for (int k = base + xa; k < base + xb; k++) pixels[k] = Argb.over(pixels[k], argb);
            }
        }
    }

    /** One-pixel outline of the rectangle {@code [x, x+w) x [y, y+h)}. */
    public void drawRect(int x, int y, int w, int h, int argb) {
        if (w <= 0 || h <= 0) return;
        fillRect(x, y, w, 1, argb);
        if (h > 1) fillRect(x, y + h - 1, w, 1, argb);
        if (h > 2) {
            fillRect(x, y + 1, 1, h - 2, argb);
            if (w > 1) fillRect(x + w - 1, y + 1, 1, h - 2, argb);
        }
    }

    /** A disc covering the pixels whose centres lie within {@code r} of {@code (cx, cy)}; at least one pixel. */
    public void fillCircle(double cx, double cy, double r, int argb) {
        if (r < 0.75) {
            blendPixel((int) Math.floor(cx), (int) Math.floor(cy), argb);
            return;
        }
        int y0 = (int) Math.ceil(cy - r - 0.5), y1 = (int) Math.floor(cy + r - 0.5);
        double r2 = r * r;
        for (int y = Math.max(0, y0); y <= Math.min(height - 1, y1); y++) {
            double dy = y + 0.5 - cy;
            double half = Math.sqrt(Math.max(0, r2 - dy * dy));
            int xa = (int) Math.ceil(cx - half - 0.5), xb = (int) Math.floor(cx + half - 0.5);
            if (xb >= xa) fillRect(xa, y, xb - xa + 1, 1, argb);
        }
    }

    /**
     * A one-pixel line between pixel centres, blended with the colour's alpha; each pixel is touched
     * once. Integer DDA in 16.16 fixed point (same pixels as Bresenham up to rounding ties).
     */
    public void drawLine(double x0, double y0, double x1, double y1, int argb) {
        if (!clipper.clip(x0, y0, x1, y1, width, height)) return;
        int ax = clipper.x0, ay = clipper.y0, bx = clipper.x1, by = clipper.y1;
        int dx = bx - ax, dy = by - ay;
        int n = Math.max(Math.abs(dx), Math.abs(dy));
        int a = argb >>> 24;
        if (a == 0) return;
        int a256 = a + (a >>> 7);
        int rgb = argb & 0xFFFFFF;
        if (n == 0) { blendPixel(ax, ay, argb); return; }
        if (Math.abs(dx) >= Math.abs(dy)) {
            int sx = dx > 0 ? 1 : -1;
            int yf = (ay << 16) + 0x8000, inc = (dy << 16) / n;
            for (int i = 0, x = ax; i <= n; i++, x += sx, yf += inc) {
                int k = (yf >> 16) * width + x;
                pixels[k] = blendInto(pixels[k], argb, rgb, a256);
            }
        } else {
            int sy = dy > 0 ? 1 : -1;
            int xf = (ax << 16) + 0x8000, inc = (dx << 16) / n;
            for (int i = 0, y = ay; i <= n; i++, y += sy, xf += inc) {
                int k = y * width + (xf >> 16);
                pixels[k] = blendInto(pixels[k], argb, rgb, a256);
            }
        }
    }

    private static int blendInto(int dst, int argb, int rgb, int a256) {
        return (dst >>> 24) == 255 ? Argb.blendOpaque(dst, rgb, a256) : Argb.over(dst, argb);
    }

    /** An antialiased line (Xiaolin Wu): coverage of the two nearest pixels scales the colour's alpha. */
    public void drawLineAntialiased(double x0, double y0, double x1, double y1, int argb) {
        // Clip first so far-off end points cannot make the loop long.
        if (!clipper.clip(x0, y0, x1, y1, width, height)) return;
        x0 = clipper.fx0; y0 = clipper.fy0; x1 = clipper.fx1; y1 = clipper.fy1;
        boolean steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
        if (steep) { double t = x0; x0 = y0; y0 = t; t = x1; x1 = y1; y1 = t; }
        if (x0 > x1) { double t = x0; x0 = x1; x1 = t; t = y0; y0 = y1; y1 = t; }
        double dx = x1 - x0, dy = y1 - y0;
        double gradient = dx == 0 ? 1 : dy / dx;
        int alpha = argb >>> 24, rgb = argb & 0xFFFFFF;
        int xs = (int) Math.round(x0), xe = (int) Math.round(x1);
        double y = y0 + gradient * (xs - x0);
        for (int x = xs; x <= xe; x++, y += gradient) {
            int yi = (int) Math.floor(y);
            double f = y - yi;
            plotCoverage(steep, x, yi, alpha * (1 - f), rgb);
            plotCoverage(steep, x, yi + 1, alpha * f, rgb);
        }
    }

    private void plotCoverage(boolean steep, int x, int y, double alpha, int rgb) {
        int a = (int) Math.round(alpha);
        if (a <= 0) return;
        if (steep) blendPixel(y, x, (a << 24) | rgb);
        else blendPixel(x, y, (a << 24) | rgb);
    }

    /** Copies {@code src} into this raster with its top-left corner at {@code (x, y)}, blending translucent pixels. */
    public void drawRaster(Raster src, int x, int y) {
        for (int sy = Math.max(0, -y); sy < src.height && sy + y < height; sy++) {
            for (int sx = Math.max(0, -x); sx < src.width && sx + x < width; sx++) {
                int k = (sy + y) * width + sx + x;
                pixels[k] = Argb.over(pixels[k], src.pixels[sy * src.width + sx]);
            }
        }
    }

    public Raster copy() {
        return new Raster(width, height, pixels.clone());
    }
}
