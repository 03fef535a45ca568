package io.maskstudio.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BuiltinDatasetsTest {

    @ParameterizedTest
    @CsvSource({
            "digits,        1797,  64, 10,  8,  8",
            "iris,           150,   4,  3,  0,  0",
            "wine,           178,  13,  3,  0,  0",
            "breast-cancer,  569,  30,  2,  0,  0",
            "mnist-10k,    10000, 784, 10, 28, 28"})
    void eachShippedSetHasItsDocumentedShape(String name, int rows, int features, int classes, int h, int w) throws DataException {
        Dataset d = BuiltinDatasets.load(name);
        assertEquals(name, d.name());
        assertEquals(rows, d.rows());
        assertEquals(features, d.features());
        assertEquals(classes, d.classes());
        assertEquals(h, d.imageHeight());
        assertEquals(w, d.imageWidth());
        int[] perClass = new int[classes];
        for (int label : d.y()) perClass[label]++;
        for (int c = 0; c < classes; c++) assertTrue(perClass[c] > 0, name + ": class " + c + " has no rows");
        for (float v : d.x()) assertTrue(Float.isFinite(v));
    }

    @Test
    void classNamesComeFromTheFileHeaderOrAreTheDigits() throws DataException {
        assertEquals(List.of("setosa", "versicolor", "virginica"), BuiltinDatasets.load("iris").classNames());
        assertEquals(List.of("class_0", "class_1", "class_2"), BuiltinDatasets.load("wine").classNames());
        assertEquals(List.of("malignant", "benign"), BuiltinDatasets.load("breast-cancer").classNames());
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertEquals(digits, BuiltinDatasets.load("digits").classNames());
        assertEquals(digits, BuiltinDatasets.load("mnist-10k").classNames());
    }

    @Test
    void firstRowsMatchTheFiles() throws DataException {
        Dataset iris = BuiltinDatasets.load("iris");
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, Arrays.copyOf(iris.x(), 4));
        assertEquals(0, iris.y()[0]);
        Dataset digits = BuiltinDatasets.load("digits");
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(digits.x(), 8));
        assertEquals(0, digits.y()[0]);
        // mnist's label comes first in the file: the first row is a 3, and its first pixel is not the label
        Dataset mnist = BuiltinDatasets.load("mnist-10k");
        assertEquals(3, mnist.y()[0]);
        assertEquals(0f, mnist.x()[0]);
    }

    @Test
    void pixelsStayRaw() throws DataException {
        assertRange(BuiltinDatasets.load("digits"), 16);
        assertRange(BuiltinDatasets.load("mnist-10k"), 255);
    }

    private static void assertRange(Dataset d, float max) {
        float seenMax = 0;
        for (float v : d.x()) {
            if (!(v >= 0 && v <= max && v == Math.rint(v))) fail(d.name() + ": pixel " + v);
            seenMax = Math.max(seenMax, v);
        }
        assertEquals(max, seenMax, d.name() + " should use its full pixel range");
    }

    @Test
    void parsedSetsAreCached() throws DataException {
        assertSame(BuiltinDatasets.load("wine"), BuiltinDatasets.load("wine"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        DataException e = assertThrows(DataException.class, () -> BuiltinDatasets.load("cifar"));
        assertEquals("unknown built-in dataset 'cifar': expected one of digits, iris, wine, breast-cancer, mnist-10k", e.getMessage());
    }

    private static final ShippedDatasetParser.Spec SKLEARN_STYLE = new ShippedDatasetParser.Spec(
            "t", "t.csv", ShippedLayout.COUNTS_AND_CLASS_NAMES_LABEL_LAST, 0, List.of(), 0, 0);

    private static String parseError(ShippedDatasetParser.Spec spec, String text) {
        return assertThrows(DataException.class,
                () -> ShippedDatasetParser.parse(spec, new BufferedReader(new StringReader(text)))).getMessage();
    }

    @Test
    void aDamagedShippedFileIsReportedWithItsLine() {
        assertEquals("t.csv: line 3: expected 3 columns, found 2", parseError(SKLEARN_STYLE, "2,2,a,b\n1,2,0\n1,1\n"));
        assertEquals("t.csv: line 1 declares 3 rows, found 2", parseError(SKLEARN_STYLE, "3,2,a,b\n1,2,0\n1,1,1\n"));
        assertEquals("t.csv: line 2: expected a label index in 0..1, found 2.0", parseError(SKLEARN_STYLE, "1,2,a,b\n1,2,2\n"));
        assertEquals("t.csv: line 2, column 2: expected a number, found 'x'", parseError(SKLEARN_STYLE, "1,2,a,b\n1,x,0\n"));
        assertEquals("t.csv: line 1: expected a positive count, found 'n'", parseError(SKLEARN_STYLE, "n,2,a,b\n"));
        ShippedDatasetParser.Spec mnistStyle = new ShippedDatasetParser.Spec(
                "m", "m.csv", ShippedLayout.COLUMN_NAMES_LABEL_FIRST, 2, List.of("0", "1"), 1, 2);
        assertEquals("m.csv: line 1: expected a header 'label,px0,...' of 3 columns, found 2 columns starting 'label'",
                parseError(mnistStyle, "label,px0\n1,0,0\n"));
    }

    @Test
    void theShippedParserReadsDecimalsNegativesAndLabelFirst() throws Exception {
        ShippedDatasetParser.Spec spec = new ShippedDatasetParser.Spec(
                "m", "m.csv", ShippedLayout.COLUMN_NAMES_LABEL_FIRST, 2, List.of("0", "1"), 1, 2);
        Dataset d = ShippedDatasetParser.parse(spec, new BufferedReader(new StringReader("label,px0,px1\n1,-3,2.5\n0,1e2,0\n")));
        assertArrayEquals(new float[] {-3, 2.5f, 100, 0}, d.x());
        assertArrayEquals(new int[] {1, 0}, d.y());
    }
}
