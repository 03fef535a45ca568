package io.maskstudio.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalDouble;

/**
 * The one rule every mask reader applies to a stored value: exactly 0 or 1 unless a threshold T is given,
 * then {@code |v| > T} means connected. NaN is always an error (it usually means a broken export).
 */
final class MaskValues {
    private final OptionalDouble threshold;

    private MaskValues(OptionalDouble threshold) {
        this.threshold = threshold;
    }

    static MaskValues of(OptionalDouble threshold) {
        if (threshold.isPresent()) checkThreshold(threshold.getAsDouble());
        return new MaskValues(threshold);
    }

    static void checkThreshold(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("threshold must be a finite number >= 0, was " + t);
        }
    }

    boolean hasThreshold() {
        return threshold.isPresent();
    }

    boolean connected(double v, String source, String location) throws FormatException {
        if (Double.isNaN(v)) throw new FormatException(source, location, "a number", "NaN");
        if (threshold.isPresent()) return Math.abs(v) > threshold.getAsDouble();
        if (v == 1) return true;
        if (v == 0) return false;
        throw new FormatException(source, location, "0 or 1 (give a threshold to binarize other values)", format(v));
    }

    /**
     * The same rule for an exact integer (Matrix Market's int64 and uint64 fields): beyond 2^53 a double
     * would round the value, so large ones are compared with the threshold exactly and printed as written.
     */
    boolean connected(BigInteger v, String source, String location) throws FormatException {
        if (v.bitLength() <= 53) return connected(v.doubleValue(), source, location);
        if (threshold.isPresent()) return new BigDecimal(v.abs()).compareTo(new BigDecimal(threshold.getAsDouble())) > 0;
        throw new FormatException(source, location, "0 or 1 (give a threshold to binarize other values)", v.toString());
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
