package io.maskstudio.ui.training;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers as the training panel writes them: losses to four significant digits, run times as a clock. */
final class NumberText {
    /** Shown for a time that is not known yet (no measured rate). */
    static final String UNKNOWN = "—";
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);

    private NumberText() {}

    /**
     * Four significant digits, so a loss of 0.00003 does not read {@code 0.0000}: {@code 2.303}, {@code 0.06931},
     * {@code 0.0001235}; below 1e-4 or from 1e6 on, scientific ({@code 3.000e-05}).
     */
    static String loss(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) return String.format(Locale.ROOT, "%.3e", v);
        BigDecimal rounded = new BigDecimal(Double.toString(v)).round(FOUR_DIGITS);
        // Trailing zeros kept (0.2500, not 0.25): the digits shown say how precise the number is.
        return rounded.setScale(FOUR_DIGITS.getPrecision() - rounded.precision() + rounded.scale(), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Whole seconds as {@code 4:05} or {@code 1:02:03} (hours not wrapped at a day); {@link #UNKNOWN} when not finite or negative. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return UNKNOWN;
        long s = Math.round(seconds);
        long h = s / 3600, m = s / 60 % 60, sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
