package io.maskstudio.io;

import java.util.regex.Pattern;

/**
 * Strict parsing of numbers in text formats. Java's own parsers accept hex floats, suffixes such as
 * {@code 1d} and surrounding blanks; we accept what NumPy, SciPy and spreadsheets write, nothing else.
 */
final class TextNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private TextNumbers() {}

    /** A decimal number, {@code nan} or {@code inf} (any case, as NumPy prints them); null when {@code s} is not a number. */
    static Double real(String s) {
        if (DECIMAL.matcher(s).matches()) return Double.parseDouble(s);
        String l = s.toLowerCase(java.util.Locale.ROOT);
        return switch (l) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** An integer of at most 18 digits; null when {@code s} is not one. */
    static Long integer(String s) {
        return INTEGER.matcher(s).matches() ? Long.parseLong(s) : null;
    }
}
