package io.maskstudio.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetReaderTest {

    @TempDir
    Path dir;

    private Path write(String fileName, String text) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The file error() writes: messages name it by this path. */
    private Path csv() {
        return dir.resolve("data.csv");
    }

    private Dataset read(String text) throws Exception {
        return new CsvDatasetReader().read(write("data.csv", text));
    }

    private String error(String text) throws IOException {
        return error(new CsvDatasetReader(), text);
    }

    private String error(CsvDatasetReader reader, String text) throws IOException {
        Path file = write("data.csv", text);
        return assertThrows(DataException.class, () -> reader.read(file)).getMessage();
    }

    // ---- good files

    @Test
    void headerAndTextLabelsInTheLastColumn() throws Exception {
        Dataset d = read("""
                sepal,petal,species
                1.5,2,virginica
                -3,4e-1,setosa
                5,6,versicolor
                7,8,setosa
                """);
        assertEquals("data", d.name());
        assertEquals(4, d.rows());
        assertEquals(2, d.features());
        assertArrayEquals(new float[] {1.5f, 2, -3, 0.4f, 5, 6, 7, 8}, d.x());
        // sorted class order, not order of appearance
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 0}, d.y());
        assertEquals(0, d.imageHeight());
    }

    @Test
    void integerLabelsWithoutHeaderSortNumerically() throws Exception {
        Dataset d = read("0.5,10\n1.5,2\n2.5,1\n3.5,2.0\n");
        assertEquals(4, d.rows(), "an all-numeric first row is data, not a header");
        assertEquals(List.of("1", "2", "10"), d.classNames());
        assertArrayEquals(new int[] {2, 1, 0, 1}, d.y());
    }

    @Test
    void labelColumnByNameCaseInsensitiveAsFallback() throws Exception {
        Path file = write("named.csv", "a,Target,b\n1,x,2\n3,y,4\n");
        Dataset d = new CsvDatasetReader(LabelColumn.named("target")).read(file);
        assertEquals("named", d.name());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.x());
        assertEquals(List.of("x", "y"), d.classNames());
    }

    @Test
    void labelColumnByIndexFromEitherEnd() throws Exception {
        Path file = write("data.csv", "1,10,20\n0,30,40\n");
        Dataset first = new CsvDatasetReader(LabelColumn.atIndex(0)).read(file);
        assertArrayEquals(new float[] {10, 20, 30, 40}, first.x());
        assertArrayEquals(new int[] {1, 0}, first.y());
        Dataset secondLast = new CsvDatasetReader(LabelColumn.atIndex(-2)).read(file);
        assertArrayEquals(new float[] {1, 20, 0, 40}, secondLast.x());
        assertEquals(List.of("10", "30"), secondLast.classNames());
    }

    @Test
    void semicolonsQuotesBlankLinesBomAndCrlf() throws Exception {
        Dataset d = read("\uFEFF\"width\"; \"height\" ;label\r\n\r\n 1 ;2;\"a;b\"\r\n3;\"4\";\"say \"\"c\"\"\"\r\n\r\n");
        assertEquals(2, d.rows());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.x());
        assertEquals(List.of("a;b", "say \"c\""), d.classNames());
    }

    @Test
    void aBomBeforeTheFirstHeaderNameIsNotPartOfIt() throws Exception {
        // Excel's "CSV UTF-8" export: BOM, CRLF; the label is found by its header name, which a kept BOM would change
        Dataset d = new CsvDatasetReader(LabelColumn.named("label")).read(write("excel.csv", "\uFEFFlabel,x\r\na,1\r\nb,2\r\n"));
        assertArrayEquals(new float[] {1, 2}, d.x());
        assertEquals(List.of("a", "b"), d.classNames());
    }

    @Test
    void lastLineWithoutLineEnd() throws Exception {
        Dataset d = read("1,a\r\n2,b");
        assertEquals(2, d.rows());
        assertEquals(List.of("a", "b"), d.classNames());
    }

    @Test
    void gzippedCsv() throws Exception {
        Path file = dir.resolve("packed.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("x,y\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = new CsvDatasetReader().read(file);
        assertEquals("packed", d.name());
        assertEquals(2, d.rows());
    }

    @Test
    void randomTablesSurviveTheRoundTrip() throws Exception {
        Random random = new Random(2024);
        for (int trial = 0; trial < 30; trial++) {
            int rows = 1 + random.nextInt(40), features = 1 + random.nextInt(6);
            boolean header = random.nextBoolean(), textLabels = random.nextBoolean();
            float[] x = new float[rows * features];
            List<String> labels = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            if (header) {
                for (int c = 0; c < features; c++) csv.append("f").append(c).append(',');
                csv.append("class\n");
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < features; c++) {
                    x[r * features + c] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
                    csv.append(x[r * features + c]).append(',');
                }
                // row 0 and 1 get different labels so there are always at least two classes
                int k = r < 2 ? r : random.nextInt(5);
                String label = textLabels ? "c" + k : Integer.toString(k * 7);
                labels.add(label);
                csv.append(label).append('\n');
            }
            if (rows == 1) continue; // one row is one class: covered by its own error test
            Dataset d = read(csv.toString());
            assertEquals(rows, d.rows(), "trial " + trial);
            assertEquals(features, d.features());
            assertArrayEquals(x, d.x());
            for (int r = 0; r < rows; r++) assertEquals(labels.get(r), d.classNames().get(d.y()[r]));
            List<String> expectedOrder = textLabels ? new ArrayList<>(new TreeSet<>(labels))
                    : new TreeSet<>(labels.stream().map(Integer::valueOf).toList()).stream().map(String::valueOf).toList();
            assertEquals(expectedOrder, d.classNames());
        }
    }

    // ---- errors, each with its exact message

    @Test
    void emptyFiles() throws Exception {
        assertEquals(csv() + ": the file is empty", error(""));
        assertEquals(csv() + ": the file is empty", error("\n  \n\n"));
    }

    @Test
    void headerWithoutRows() throws Exception {
        assertEquals(csv() + ": no data rows after the header on line 2", error("\na,b,label\n"));
    }

    @Test
    void wrongColumnCount() throws Exception {
        assertEquals(csv() + ": line 7: expected 5 columns, found 4", error("""
                a,b,c,d,label
                1,2,3,4,x
                1,2,3,4,y

                1,2,3,4,x
                1,2,3,4,y
                1,2,3,x
                """));
        assertEquals(csv() + ": line 2: expected 2 columns, found 3", error("1,a\n2,b,3\n"));
    }

    @Test
    void notANumber() throws Exception {
        assertEquals(csv() + ": line 3, column 'petal_width': expected a number, found 'abc'",
                error("sepal,petal_width,species\n1,2,a\n3,abc,b\n"));
        assertEquals(csv() + ": line 3, column 2: expected a number, found 'abc'", error("1,2,a\n3,4,b\n3,abc,b\n"));
    }

    @Test
    void aTypoInTheFirstRowIsNotTakenForAHeader() throws Exception {
        assertEquals(csv() + ": line 1, column 2: expected a number, found '2..5'", error("1,2..5,a\n3,4,b\n"));
    }

    @Test
    void nanInfinityAndEmptyCells() throws Exception {
        assertEquals(csv() + ": line 2, column 'b': expected a finite number, found 'NaN'", error("a,b,y\n1,NaN,p\n2,3,q\n"));
        assertEquals(csv() + ": line 3, column 1: expected a finite number, found '-Infinity'", error("1,2,p\n4,5,p\n-Infinity,3,q\n"));
        assertEquals(csv() + ": line 2, column 2: expected a finite number, found '1e39'", error("1,2,p\n2,1e39,q\n"));
        assertEquals(csv() + ": line 2, column 'b': expected a number, found an empty cell", error("a,b,y\n1,,p\n2,3,q\n"));
        assertEquals(csv() + ": line 3, column 'y': expected a class label, found an empty cell", error("a,b,y\n1,2,p\n2,3,\n"));
    }

    @Test
    void oneClassOnly() throws Exception {
        assertEquals(csv() + ": column 'species' holds only one class ('setosa'); a classifier needs at least 2",
                error("len,species\n1,setosa\n2,setosa\n"));
        assertEquals(csv() + ": column 2 holds only one class ('3'); a classifier needs at least 2", error("1,3\n2,3.0\n"));
    }

    @Test
    void fractionalLabelsLookLikeRegression() throws Exception {
        assertEquals(csv() + ": line 3, column 2: expected a class label (an integer or text), found '0.5'; "
                + "non-integer targets look like regression, which is not supported", error("1,1\n2,2\n3,0.5\n4,0.25\n"));
    }

    @Test
    void textAmongNumericLabelsMakesThemAllText() throws Exception {
        Dataset d = read("1,0.5\n2,b\n3,10\n");
        assertEquals(List.of("0.5", "10", "b"), d.classNames());
    }

    @Test
    void labelColumnThatIsNotThere() throws Exception {
        assertEquals(csv() + ": line 1: expected a column named 'class', found 'a', 'b', 'label'",
                error(new CsvDatasetReader(LabelColumn.named("class")), "a,b,label\n1,2,3\n"));
        assertEquals(csv() + ": line 1: expected a header naming column 'class', found a row of numbers",
                error(new CsvDatasetReader(LabelColumn.named("class")), "1,2,3\n"));
        assertEquals(csv() + ": line 1: expected a label column index in -3..2, found 3 (the file has 3 columns)",
                error(new CsvDatasetReader(LabelColumn.atIndex(3)), "1,2,3\n"));
        assertEquals(csv() + ": line 1: expected a label column index in -3..2, found -4 (the file has 3 columns)",
                error(new CsvDatasetReader(LabelColumn.atIndex(-4)), "1,2,3\n"));
    }

    @Test
    void aSingleColumnHasNoFeatures() throws Exception {
        assertEquals(csv() + ": line 1: expected at least 2 columns (features and a label), found 1", error("label\na\nb\n"));
    }

    @Test
    void unterminatedQuote() throws Exception {
        assertEquals(csv() + ": line 2: expected a closing quote, found the end of the line", error("1,a\n2,\"b\n"));
    }

    @Test
    void missingFileAndBadEncoding() throws Exception {
        Path missing = dir.resolve("nope.csv");
        assertEquals(missing + ": file not found",
                assertThrows(DataException.class, () -> new CsvDatasetReader().read(missing)).getMessage());
        Path latin1 = dir.resolve("latin.csv");
        Files.write(latin1, "x,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ": line 2: expected UTF-8 text, found bytes that are not UTF-8 (byte 6 of the line)",
                assertThrows(DataException.class, () -> new CsvDatasetReader().read(latin1)).getMessage());
    }

    @Test
    void errorsNameTheFileByItsFullPath() throws Exception {
        // two files of the same name in different folders must not be confused in a message
        String message = error("1,x\n");
        assertTrue(message.startsWith(dir.resolve("data.csv") + ": "), message);
        Path other = Files.createDirectories(dir.resolve("other")).resolve("data.csv");
        Files.writeString(other, "1,x\n");
        DataException e = assertThrows(DataException.class, () -> new CsvDatasetReader().read(other));
        assertTrue(e.getMessage().startsWith(other + ": "), e.getMessage());
    }
}
