package io.maskstudio.io;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to a Jackson tree that names the JSON path of every problem ({@code masks[1].rows[3]}),
 * so hand-edited files get messages that point at the spot.
 */
final class JsonFields {
    private final String source;

    JsonFields(String source) {
        this.source = source;
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    FormatException error(String path, String expected, JsonNode found) {
        return new FormatException(source, path, expected, describe(found));
    }

    FormatException error(String path, String expected, String found) {
        return new FormatException(source, path, expected, found);
    }

    JsonNode object(JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (!n.isObject()) throw error(path(parentPath, field), "an object", n);
        return n;
    }

    JsonNode array(JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (!n.isArray()) throw error(path(parentPath, field), "an array", n);
        return n;
    }

    String text(JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (!n.isTextual()) throw error(path(parentPath, field), "a string", n);
        return n.textValue();
    }

    /** An integer in {@code [min, max]}; floats such as 64.0 are refused because they hint at a mistake. */
    int integer(JsonNode parent, String field, String parentPath, int min, int max) throws FormatException {
        JsonNode n = parent.path(field);
        String expected = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw error(path(parentPath, field), expected, n);
        }
        return n.intValue();
    }

    int positiveElement(JsonNode array, int index, String arrayPath) throws FormatException {
        JsonNode n = array.path(index);
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1) throw error(path(arrayPath, index), "a positive integer", n);
        return n.intValue();
    }

    long longInteger(JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw error(path(parentPath, field), "a 64-bit integer", n);
        return n.longValue();
    }

    double number(JsonNode parent, String field, String parentPath) throws FormatException {
        JsonNode n = parent.path(field);
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) throw error(path(parentPath, field), "a number", n);
        return n.doubleValue();
    }

    /** What was found, briefly: {@code no such field}, {@code null}, {@code "abc"}, {@code 64.0}, {@code an array}. */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "no such field";
        if (n.isNull()) return "null";
        if (n.isArray()) return "an array of " + n.size();
        if (n.isObject()) return "an object";
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
