package io.maskstudio.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Imports the user's own classification data from a CSV file (UTF-8; {@code .csv.gz} is unpacked).
 *
 * <ul>
 *   <li>One column is the label ({@link LabelColumn}, default the last); every other column is a numeric feature.
 *       NaN, infinities and empty cells are refused: a network cannot train on them.</li>
 *   <li>The first row is a header when none of its feature cells is a number (so a typo in a first data row is
 *       reported, not silently taken for a header); naming the label column requires a header.</li>
 *   <li>Labels may be integers or text; class indices follow their sorted order (see {@link ClassLabels}).
 *       Non-integer numeric labels are refused as regression targets. At least two classes are required.</li>
 *   <li>Errors are {@link DataException}s such as {@code data.csv: line 7: expected 5 columns, found 4} or
 *       {@code data.csv: line 3, column 'petal_width': expected a number, found 'abc'} (columns by header name,
 *       else by 1-based number).</li>
 * </ul>
 */
public final class CsvDatasetReader {

    /** Features live in one float[]; this keeps its growth clear of the JVM's array size limit. */
    private static final long MAX_VALUES = Integer.MAX_VALUE / 2;

    private final LabelColumn labelColumn;

    public CsvDatasetReader() {
        this(LabelColumn.last());
    }

    public CsvDatasetReader(LabelColumn labelColumn) {
        this.labelColumn = labelColumn;
    }

    /** Reads the file; errors name it by the path given, the dataset is named after the file without its extension. */
    public Dataset read(Path file) throws DataException {
        String source = file.toString();
        String fileName = file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = fileName.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return read(in, source, datasetName(fileName));
        } catch (NoSuchFileException e) {
            throw new DataException(source + ": file not found", e);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads UTF-8 CSV bytes (the caller closes {@code in}); {@code source} names them in error messages, {@code name} becomes the dataset's name. */
    public Dataset read(InputStream in, String source, String name) throws DataException {
        CsvLines lines = new CsvLines(in, source);
        CsvLines.Line first = lines.next();
        if (first == null) throw new DataException(source + ": the file is empty");
        int columns = first.cells().size();
        if (columns < 2) {
            throw new DataException(source + ": line " + first.number() + ": expected at least 2 columns (features and a label), found 1");
        }
        int label = labelIndex(first, source);
        boolean hasHeader = labelColumn instanceof LabelColumn.Named || noFeatureIsNumber(first.cells(), label);
        List<String> header = hasHeader ? first.cells() : null;

        FloatArrayBuilder x = new FloatArrayBuilder(1024);
        List<String> labels = new ArrayList<>();
        LabelKinds kinds = new LabelKinds();
        CsvLines.Line line = hasHeader ? lines.next() : first;
        for (; line != null; line = lines.next()) {
            List<String> cells = line.cells();
            if (cells.size() != columns) {
                throw new DataException(source + ": line " + line.number() + ": expected " + columns + " columns, found " + cells.size());
            }
            if ((long) (labels.size() + 1) * (columns - 1) > MAX_VALUES) {
                throw new DataException(source + ": line " + line.number() + ": expected at most " + MAX_VALUES
                        + " feature values in all (a Java array's limit), found more");
            }
            for (int c = 0; c < columns; c++) {
                if (c != label) x.add(feature(cells.get(c), source, line.number(), header, c));
            }
            String labelCell = cells.get(label);
            if (labelCell.isEmpty()) {
                throw new DataException(where(source, line.number(), header, label) + ": expected a class label, found an empty cell");
            }
            kinds.see(labelCell, line.number());
            labels.add(labelCell);
        }
        if (labels.isEmpty()) throw new DataException(source + ": no data rows after the header on line " + first.number());
        if (kinds.allNumbers && kinds.firstFractionLine > 0) {
            throw new DataException(where(source, kinds.firstFractionLine, header, label)
                    + ": expected a class label (an integer or text), found '" + kinds.firstFraction
                    + "'; non-integer targets look like regression, which is not supported");
        }
        ClassLabels.Encoded encoded = ClassLabels.encode(labels, kinds.allNumbers);
        if (encoded.classNames().size() < 2) {
            throw new DataException(source + ": column " + columnName(header, label) + " holds only one class ('"
                    + encoded.classNames().get(0) + "'); a classifier needs at least 2");
        }
        return new Dataset(name, labels.size(), columns - 1, x.toArray(), encoded.y(), encoded.classNames(), 0, 0);
    }

    /** Tracks whether every label is a number, and the first non-integer one, in one pass over the rows. */
    private static final class LabelKinds {
        boolean allNumbers = true;
        int firstFractionLine;
        String firstFraction;

        void see(String cell, int lineNumber) {
            if (!allNumbers || ClassLabels.integerValue(cell) != null) return;
            if (!isNumber(cell)) {
                allNumbers = false;
            } else if (firstFractionLine == 0) {
                firstFractionLine = lineNumber;
                firstFraction = cell;
            }
        }
    }

    private int labelIndex(CsvLines.Line first, String source) throws DataException {
        List<String> cells = first.cells();
        if (labelColumn instanceof LabelColumn.Named named) {
            int i = cells.indexOf(named.name());
            if (i >= 0) return i;
            for (i = 0; i < cells.size(); i++) if (cells.get(i).equalsIgnoreCase(named.name())) return i;
            if (cells.stream().allMatch(CsvDatasetReader::isNumber)) {
                throw new DataException(source + ": line " + first.number() + ": expected a header naming column '"
                        + named.name() + "', found a row of numbers");
            }
            throw new DataException(source + ": line " + first.number() + ": expected a column named '" + named.name()
                    + "', found " + String.join(", ", cells.stream().map(c -> "'" + c + "'").toList()));
        }
        int index = ((LabelColumn.AtIndex) labelColumn).index();
        int resolved = index < 0 ? cells.size() + index : index;
        if (resolved < 0 || resolved >= cells.size()) {
            throw new DataException(source + ": line " + first.number() + ": expected a label column index in "
                    + -cells.size() + ".." + (cells.size() - 1) + ", found " + index + " (the file has " + cells.size() + " columns)");
        }
        return resolved;
    }

    private static boolean noFeatureIsNumber(List<String> cells, int label) {
        for (int c = 0; c < cells.size(); c++) {
            if (c != label && isNumber(cells.get(c))) return false;
        }
        return true;
    }

    private static float feature(String cell, String source, int lineNumber, List<String> header, int column) throws DataException {
        if (cell.isEmpty()) throw new DataException(where(source, lineNumber, header, column) + ": expected a number, found an empty cell");
        float v;
        try {
            v = Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            throw new DataException(where(source, lineNumber, header, column) + ": expected a number, found '" + cell + "'");
        }
        if (!Float.isFinite(v)) {
            throw new DataException(where(source, lineNumber, header, column) + ": expected a finite number, found '" + cell + "'");
        }
        return v;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return !cell.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String where(String source, int lineNumber, List<String> header, int column) {
        return source + ": line " + lineNumber + ", column " + columnName(header, column);
    }

    /** 'name' from the header, else the 1-based column number people see in a spreadsheet. */
    private static String columnName(List<String> header, int column) {
        return header != null && !header.get(column).isEmpty() ? "'" + header.get(column) + "'" : String.valueOf(column + 1);
    }

    private static String datasetName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv.gz")) return fileName.substring(0, fileName.length() - 7);
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
