package io.maskstudio.render;

/** The data interval a {@link ColorMap} spreads over; NaN and infinite values are ignored when measuring. */
public record ValueRange(double min, double max) {

    public ValueRange {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("range needs finite min <= max, was [" + min + "," + max + "]");
        }
    }

    /** Smallest and largest finite value; [0,1] when there is none. */
    public static ValueRange of(float[] values) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
        }
        return lo > hi ? new ValueRange(0, 1) : new ValueRange(lo, hi);
    }

    /** {@code [-m, m]} with m the largest finite magnitude, so 0 sits in the middle of a diverging map. */
    public static ValueRange symmetric(float[] values) {
        double m = 0;
        for (float v : values) if (Float.isFinite(v)) m = Math.max(m, Math.abs(v));
        return symmetric(m);
    }

    public static ValueRange symmetric(double magnitude) {
        double m = Math.abs(magnitude);
        return m > 0 && Double.isFinite(m) ? new ValueRange(-m, m) : new ValueRange(-1, 1);
    }

    /** Symmetric when some value is negative (signed weights), otherwise min..max. */
    public static ValueRange auto(float[] values) {
        for (float v : values) if (v < 0 && Float.isFinite(v)) return symmetric(values);
        return of(values);
    }

    public boolean isSymmetric() {
        return min == -max;
    }

    /** {@code value} mapped to [0,1] (unclamped); 0.5 for a degenerate range. */
    public double normalize(double value) {
        return max == min ? 0.5 : (value - min) / (max - min);
    }
}
