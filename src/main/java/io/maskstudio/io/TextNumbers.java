package io.maskstudio.io;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict parsing of numbers in text formats. Java's own parsers accept hex floats, suffixes such as
 * {@code 1d} and surrounding blanks; we accept what NumPy, SciPy and spreadsheets write, nothing else.
 */
final class TextNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Digits only: 40 is far beyond any 64-bit value and keeps a line of digits from becoming a huge BigInteger. */
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,40}");
    static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private TextNumbers() {}

    /** A decimal number, {@code nan} or {@code inf} (any case, as NumPy prints them); null when {@code s} is not a number. */
    static Double real(String s) {
        if (DECIMAL.matcher(s).matches()) return Double.parseDouble(s);
        String l = s.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** An integer in the int64 range; null when {@code s} is not one (larger integers included). */
    static Long integer(String s) {
        BigInteger v = bigInteger(s);
        return v != null && v.bitLength() < 64 ? v.longValue() : null;
    }

    /** A decimal integer of any sign and up to 40 digits, exactly; null when {@code s} is not one. */
    static BigInteger bigInteger(String s) {
        return INTEGER.matcher(s).matches() ? new BigInteger(s) : null;
    }
}
