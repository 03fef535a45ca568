package io.maskstudio.render;

/**
 * Maps a scalar to an opaque ARGB colour through a 257-entry table interpolated from colour stops.
 * Values outside the range clamp to the end colours; NaN gets {@link #nanColor()}.
 */
public final class ColorMap {
    /** Perceptually uniform dark-purple -> teal -> yellow (matplotlib's viridis, 10 stops). */
    public static final ColorMap VIRIDIS = fromStops(
            0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6ECE58, 0xB5DE2B, 0xFDE725);
    /** Signed values: blue (negative) -> white (zero) -> red (positive), after ColorBrewer's RdBu. */
    public static final ColorMap BLUE_WHITE_RED = fromStops(
            0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xFFFFFF, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F);
    public static final ColorMap GRAYS = fromStops(0xFFFFFF, 0x000000);

    // Odd size so the middle value (0 in a symmetric range) hits the centre stop exactly.
    private static final int SIZE = 257;
    private final int[] table;
    private final int nanColor;

    private ColorMap(int[] table, int nanColor) {
        this.table = table;
        this.nanColor = nanColor;
    }

    /** Evenly spaced RGB stops (alpha ignored, the map is opaque); NaN shows as mid grey. */
    public static ColorMap fromStops(int... rgbStops) {
        if (rgbStops.length < 2) throw new IllegalArgumentException("a colour map needs at least two stops");
        int[] t = new int[SIZE];
        int segments = rgbStops.length - 1;
        for (int k = 0; k < SIZE; k++) {
            double pos = k * (double) segments / (SIZE - 1);
            int s = Math.min(segments - 1, (int) pos);
            t[k] = Argb.lerp(0xFF000000 | rgbStops[s], 0xFF000000 | rgbStops[s + 1], pos - s);
        }
        return new ColorMap(t, 0xFF808080);
    }

    public ColorMap withNanColor(int argb) {
        return new ColorMap(table, argb);
    }

    public int nanColor() { return nanColor; }

    /** Colour at position {@code t} in [0,1] (clamped). */
    public int at(double t) {
        if (Double.isNaN(t)) return nanColor;
        int k = (int) Math.round(Argb.clamp01(t) * (SIZE - 1));
        return table[k];
    }

    public int map(double value, ValueRange range) {
        return Double.isNaN(value) ? nanColor : at(range.normalize(value));
    }

    public int map(double value, double min, double max) {
        return map(value, new ValueRange(min, max));
    }
}
