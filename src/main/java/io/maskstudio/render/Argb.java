package io.maskstudio.render;

/** Helpers for packed {@code 0xAARRGGBB} colours (non-premultiplied). */
public final class Argb {
    private Argb() {}

    public static int of(int a, int r, int g, int b) {
        return (clamp8(a) << 24) | (clamp8(r) << 16) | (clamp8(g) << 8) | clamp8(b);
    }

    public static int rgb(int rgb) {
        return 0xFF000000 | rgb;
    }

    public static int alpha(int c) { return c >>> 24; }
    public static int red(int c) { return (c >>> 16) & 0xFF; }
    public static int green(int c) { return (c >>> 8) & 0xFF; }
    public static int blue(int c) { return c & 0xFF; }

    /** The colour with its alpha replaced by {@code opacity} (0..1). */
    public static int withOpacity(int c, double opacity) {
        return ((int) Math.round(clamp01(opacity) * 255) << 24) | (c & 0xFFFFFF);
    }

    /** Linear interpolation of all four channels; {@code t} is clamped to [0,1]. */
    public static int lerp(int c0, int c1, double t) {
        t = clamp01(t);
        return of(mix(alpha(c0), alpha(c1), t), mix(red(c0), red(c1), t), mix(green(c0), green(c1), t), mix(blue(c0), blue(c1), t));
    }

    /** {@code src} composited over {@code dst} (Porter-Duff src-over, non-premultiplied). */
    public static int over(int dst, int src) {
        int sa = src >>> 24;
        if (sa == 255) return src;
        if (sa == 0) return dst;
        int da = dst >>> 24;
        if (da == 255) return blendOpaque(dst, src & 0xFFFFFF, sa + (sa >>> 7));
        // General case: out alpha = sa + da*(1-sa); colours weighted by their contribution.
        int dw = da * (255 - sa) / 255;
        int oa = sa + dw;
        if (oa == 0) return 0;
        int r = (red(src) * sa + red(dst) * dw) / oa;
        int g = (green(src) * sa + green(dst) * dw) / oa;
        int b = (blue(src) * sa + blue(dst) * dw) / oa;
        return (oa << 24) | (r << 16) | (g << 8) | b;
    }

    /** Blends {@code rgb} over an opaque {@code dst} with weight {@code a256} in 0..256; stays opaque. */
    static int blendOpaque(int dst, int rgb, int a256) {
        int dr = (dst >>> 16) & 0xFF, dg = (dst >>> 8) & 0xFF, db = dst & 0xFF;
        int r = dr + ((((rgb >>> 16) & 0xFF) - dr) * a256 >> 8);
        int g = dg + ((((rgb >>> 8) & 0xFF) - dg) * a256 >> 8);
        int b = db + (((rgb & 0xFF) - db) * a256 >> 8);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    /** {@code #rrggbb} (alpha dropped; SVG takes opacity as a separate attribute). */
    public static String hex(int c) {
        return String.format("#%06x", c & 0xFFFFFF);
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    private static int clamp8(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    static double clamp01(double t) {
        return t < 0 ? 0 : t > 1 ? 1 : t;
    }
}
