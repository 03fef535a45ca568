package io.maskstudio.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * Parses the numeric CSV files shipped in resources/datasets. They are ours and trusted, so this
 * parser is lean (plain commas, no quotes) and fast (MNIST has 7.8 million cells), yet still reports
 * a damaged file with its line number instead of loading garbage.
 */
final class ShippedDatasetParser {

    /** What to expect of one shipped file. {@code classNames} is ignored when the layout's header gives them. */
    record Spec(String name, String file, ShippedLayout layout, int features, List<String> classNames,
                int imageHeight, int imageWidth) {}

    private ShippedDatasetParser() {}

    static Dataset parse(Spec spec, BufferedReader in) throws DataException, IOException {
        String source = spec.file();
        int features = spec.features();
        List<String> classNames = spec.classNames();
        int declaredRows = -1;
        int lineNumber = 0;

        if (spec.layout() != ShippedLayout.NO_HEADER_LABEL_LAST) {
            String header = in.readLine();
            lineNumber++;
            if (header == null) throw new DataException(source + ": the file is empty");
            String[] cells = header.split(",", -1);
            if (spec.layout() == ShippedLayout.COUNTS_AND_CLASS_NAMES_LABEL_LAST) {
                if (cells.length < 4) {
                    throw new DataException(source + ": line 1: expected 'rows,features,class names...', found '" + header + "'");
                }
                declaredRows = parseCount(cells[0], source);
                features = parseCount(cells[1], source);
                classNames = List.of(cells).subList(2, cells.length);
            } else if (!cells[0].equals("label") || cells.length != features + 1) {
                throw new DataException(source + ": line 1: expected a header 'label,px0,...' of " + (features + 1)
                        + " columns, found " + cells.length + " columns starting '" + cells[0] + "'");
            }
        }

        int columns = features + 1;
        int labelColumn = spec.layout() == ShippedLayout.COLUMN_NAMES_LABEL_FIRST ? 0 : features;
        FloatArrayBuilder x = new FloatArrayBuilder(Math.max(declaredRows, 1) * features);
        IntArrayBuilder y = new IntArrayBuilder(declaredRows);
        float[] row = new float[columns];
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isEmpty()) continue;
            int found = splitNumbers(line, row, source, lineNumber);
            if (found != columns) {
                throw new DataException(source + ": line " + lineNumber + ": expected " + columns + " columns, found " + found);
            }
            for (int c = 0; c < columns; c++) {
                if (c != labelColumn) x.add(row[c]);
            }
            y.add(label(row[labelColumn], classNames.size(), source, lineNumber));
        }
        int rows = y.size();
        if (rows == 0) throw new DataException(source + ": no data rows");
        if (declaredRows >= 0 && rows != declaredRows) {
            throw new DataException(source + ": line 1 declares " + declaredRows + " rows, found " + rows);
        }
        return new Dataset(spec.name(), rows, features, x.toArray(), y.toArray(), classNames,
                spec.imageHeight(), spec.imageWidth());
    }

    private static int parseCount(String cell, String source) throws DataException {
        try {
            int n = Integer.parseInt(cell.trim());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new DataException(source + ": line 1: expected a positive count, found '" + cell + "'");
    }

    private static int label(float value, int classes, String source, int lineNumber) throws DataException {
        int label = (int) value;
        if (label != value || label < 0 || label >= classes) {
            throw new DataException(source + ": line " + lineNumber + ": expected a label index in 0.." + (classes - 1) + ", found " + value);
        }
        return label;
    }

    /** Splits on commas into {@code out}; returns the number of cells on the line (which may exceed out.length). */
    private static int splitNumbers(String line, float[] out, String source, int lineNumber) throws DataException {
        int count = 0;
        int start = 0;
        int len = line.length();
        while (true) {
            int end = line.indexOf(',', start);
            if (end < 0) end = len;
            if (count < out.length) out[count] = parseNumber(line, start, end, source, lineNumber, count);
            count++;
            if (end == len) return count;
            start = end + 1;
        }
    }

    /** Integers (every pixel) are parsed without allocating; anything else goes through Float.parseFloat. */
    private static float parseNumber(String s, int from, int to, String source, int lineNumber, int column) throws DataException {
        int i = from;
        boolean negative = i < to && s.charAt(i) == '-';
        if (negative) i++;
        if (i < to && to - i <= 9) {
            int v = 0;
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') break;
                v = v * 10 + (c - '0');
            }
            if (i == to) return negative ? -v : v;
        }
        String cell = s.substring(from, to);
        try {
            float v = Float.parseFloat(cell);
            if (Float.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new DataException(source + ": line " + lineNumber + ", column " + (column + 1) + ": expected a number, found '" + cell + "'");
    }
}
