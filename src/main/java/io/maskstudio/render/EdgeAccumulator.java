package io.maskstudio.render;

/**
 * Draws many same-coloured translucent lines fast: each line adds its optical depth
 * {@code -ln(1 - opacity)} (fixed point) to the pixels it crosses, then one pass turns the sum into
 * alpha {@code 1 - exp(-sum)} and blends the colour once per pixel. That is exactly what blending the
 * lines one by one would give, but costs one integer add per line pixel and is order-independent.
 */
final class EdgeAccumulator {
    private static final int ONE = 256;               // fixed-point scale of optical depth
    private static final int LUT_SIZE = ONE * 8 + 1;  // depth 8 = opacity 0.9997: saturated
    private static final int[] ALPHA256 = new int[LUT_SIZE];

    static {
        for (int k = 0; k < LUT_SIZE; k++) ALPHA256[k] = (int) Math.round(256 * (1 - Math.exp(-k / (double) ONE)));
    }

    private final LineClipper clipper = new LineClipper();
    private int width, height;
    private int[] depth = new int[0];
    private int dirtyTop, dirtyBottom;

    /** Prepares an empty accumulator of the raster's size (reuses the buffer when it is big enough). */
    void reset(int width, int height) {
        this.width = width;
        this.height = height;
        if (depth.length < width * height) depth = new int[width * height];
        dirtyTop = Integer.MAX_VALUE;
        dirtyBottom = -1;
    }

    /** Fixed-point depth of one line of the given opacity (at least 1 so no line vanishes). */
    static int weightOf(double opacity) {
        double o = Math.min(0.999, Math.max(0, opacity));
        return Math.max(1, (int) Math.round(-Math.log1p(-o) * ONE));
    }

    void addLine(double x0, double y0, double x1, double y1, int weight) {
        if (!clipper.clip(x0, y0, x1, y1, width, height)) return;
        int ax = clipper.x0, ay = clipper.y0, bx = clipper.x1, by = clipper.y1;
        dirtyTop = Math.min(dirtyTop, Math.min(ay, by));
        dirtyBottom = Math.max(dirtyBottom, Math.max(ay, by));
        int dx = bx - ax, dy = by - ay;
        int n = Math.max(Math.abs(dx), Math.abs(dy));
        int[] d = depth;
        int w = width;
        if (n == 0) {
            d[ay * w + ax] += weight;
        } else if (Math.abs(dx) >= Math.abs(dy)) {
            int sx = dx > 0 ? 1 : -1;
            int yf = (ay << 16) + 0x8000, inc = (dy << 16) / n;
            for (int i = 0, x = ax; i <= n; i++, x += sx, yf += inc) d[(yf >> 16) * w + x] += weight;
        } else {
            int sy = dy > 0 ? w : -w;
            int xf = (ax << 16) + 0x8000, inc = (dx << 16) / n;
            for (int i = 0, k = ay * w; i <= n; i++, k += sy, xf += inc) d[k + (xf >> 16)] += weight;
        }
    }

    /** Blends {@code rgb} onto the raster with the accumulated alpha, and clears the accumulator. */
    void compositeOnto(Raster target, int rgb) {
        if (dirtyBottom < 0) return;
        int[] px = target.pixels();
        int[] d = depth;
        int from = dirtyTop * width, to = (dirtyBottom + 1) * width;
        for (int k = from; k < to; k++) {
            int v = d[k];
            if (v == 0) continue;
            d[k] = 0;
            int a = ALPHA256[Math.min(v, LUT_SIZE - 1)];
            int dst = px[k];
            px[k] = (dst >>> 24) == 255 ? Argb.blendOpaque(dst, rgb, a) : Argb.over(dst, (Math.min(255, a) << 24) | rgb);
        }
        dirtyTop = Integer.MAX_VALUE;
        dirtyBottom = -1;
    }
}
