package io.maskstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Matrix Market {@code integer} fields over the whole int64 range (and {@code unsigned-integer} over uint64), as
 * SciPy writes them. The literal files are SciPy's own (scipy/io/tests/test_mmio.py, TestMMIOReadLargeIntegers);
 * the others are written by {@code scipy.io.mmwrite} and judged by Python's exact integers.
 */
class MatrixMarketIntegerTest {
    @TempDir
    Path dir;

    // verbatim from test_mmio.py
    private static final String INT64_DENSE = """
            %%MatrixMarket matrix array integer general
            2  2
                      2147483648
            -9223372036854775806
                     -2147483648
             9223372036854775807
            """;
    private static final String INT64_SPARSE_GENERAL = """
            %%MatrixMarket matrix coordinate integer general
            2  2  3
            1  1           2147483648
            1  2  9223372036854775807
            2  2  9223372036854775807
            """;
    private static final String INT64_SPARSE_SYMMETRIC = """
            %%MatrixMarket matrix coordinate integer symmetric
            2  2  3
            1  1            2147483648
            1  2  -9223372036854775807
            2  2   9223372036854775807
            """;
    private static final String OVER64_DENSE = """
            %%MatrixMarket matrix array integer general
            2  2
                     2147483648
            9223372036854775807
                     2147483648
            9223372036854775808
            """;
    private static final String OVER64_SPARSE = """
            %%MatrixMarket matrix coordinate integer symmetric
            2  2  2
            1  1            2147483648
            2  2  19223372036854775808
            """;

    private Path text(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    private static Mask read(Path p, double threshold) throws Exception {
        return MaskFormats.read(p, MaskReadOptions.defaults().withThreshold(threshold));
    }

    /** The mask of SciPy's expected array: present where the value is non-zero. */
    private static Mask nonZero(long[][] a) {
        Mask m = new Mask(a.length, a[0].length);
        for (int r = 0; r < a.length; r++) for (int c = 0; c < a[0].length; c++) m.set(r, c, a[r][c] != 0);
        return m;
    }

    @Test
    void scipysInt64ExamplesRead() throws Exception {
        // the arrays test_mmio.py expects mmread to return for each example
        assertEquals(nonZero(new long[][]{{1L << 31, -(1L << 31)}, {Long.MIN_VALUE + 2, Long.MAX_VALUE}}),
                read(text("dense.mtx", INT64_DENSE), 0));
        assertEquals(nonZero(new long[][]{{1L << 31, Long.MAX_VALUE}, {0, Long.MAX_VALUE}}),
                read(text("general.mtx", INT64_SPARSE_GENERAL), 0));
        assertEquals(nonZero(new long[][]{{1L << 31, Long.MIN_VALUE + 1}, {Long.MIN_VALUE + 1, Long.MAX_VALUE}}),
                read(text("symmetric.mtx", INT64_SPARSE_SYMMETRIC), 0));
    }

    @Test
    void aSymmetricEntryAndItsMirrorImageAreOneCell() throws Exception {
        Path p = text("twice.mtx", "%%MatrixMarket matrix coordinate integer symmetric\n2 2 2\n2 1 1\n1 2 0\n");
        assertEquals(p + ": line 4: expected each (row, column) once, counting its mirror image, found row 1, column 2 again",
                assertThrows(FormatException.class, () -> read(p, 0)).getMessage());
    }

    @Test
    void valuesBeyondInt64AreRefusedAsOutOfRange() throws Exception {
        Path dense = text("over.mtx", OVER64_DENSE);
        assertEquals(dense + ": line 6: expected an integer from -9223372036854775808 to 9223372036854775807 (int64), found '9223372036854775808' (out "
                + "of range)",
                assertThrows(FormatException.class, () -> read(dense, 0)).getMessage());
        Path sparse = text("over_sparse.mtx", OVER64_SPARSE);
        assertEquals(sparse + ": line 4, value: expected an integer from -9223372036854775808 to 9223372036854775807 (int64), found "
                + "'19223372036854775808' (out of range)",
                assertThrows(FormatException.class, () -> read(sparse, 0)).getMessage());
        Path negative = text("neg.mtx", "%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 -9223372036854775809\n");
        assertEquals(negative + ": line 3, value: expected an integer from -9223372036854775808 to 9223372036854775807 (int64), found "
                + "'-9223372036854775809' (out of range)",
                assertThrows(FormatException.class, () -> read(negative, 0)).getMessage());
        Path unsigned = text("u.mtx", "%%MatrixMarket matrix coordinate unsigned-integer general\n1 2 2\n1 1 18446744073709551615\n1 2 18446744073709551616\n");
        assertEquals(unsigned + ": line 4, value: expected an integer from 0 to 18446744073709551615 (uint64), found '18446744073709551616' (out of range)",
                assertThrows(FormatException.class, () -> read(unsigned, 0)).getMessage());
    }

    @Test
    void largeIntegersFollowTheZeroOrOneRuleWithoutAThreshold() throws Exception {
        Path p = text("general.mtx", INT64_SPARSE_GENERAL);
        assertEquals(p + ": line 3: expected 0 or 1 (give a threshold to binarize other values), found 2147483648",
                assertThrows(FormatException.class, () -> MaskFormats.read(p, MaskReadOptions.defaults())).getMessage());
        Path big = text("big.mtx", "%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 9223372036854775807\n");
        assertEquals(big + ": line 3: expected 0 or 1 (give a threshold to binarize other values), found 9223372036854775807",
                assertThrows(FormatException.class, () -> MaskFormats.read(big, MaskReadOptions.defaults())).getMessage());
        Path ones = text("ones.mtx", "%%MatrixMarket matrix coordinate integer general\n1 3 2\n1 1 1\n1 3 0\n");
        Mask m = MaskFormats.read(ones, MaskReadOptions.defaults());
        assertEquals(List.of(true, false, false), List.of(m.get(0, 0), m.get(0, 1), m.get(0, 2)));
    }

    /**
     * scipy.io.mmwrite writes int64 and uint64 arrays, coordinate and dense; Python says, with exact integers, which
     * cells have |v| > T. T = 2^53 separates 2^53 from 2^53 + 1, which a double would round to the same value.
     */
    @Test
    void scipyWrittenInt64AndUint64MatchPythonsExactComparison() throws Exception {
        Python.assumeModules("numpy", "scipy");
        String code = String.join("\n",
                "import sys, os, json, numpy as np, scipy.io as sio, scipy.sparse as sp",
                "d = sys.argv[1]",
                "a = np.array([[0, 1, 2**53, 2**53 + 1, -2**53 - 1], [2**63 - 1, -2**63, -1, 0, 2**62]], dtype=np.int64)",
                "u = np.array([[2**64 - 1, 0, 2**63], [1, 2**53 + 1, 2**53]], dtype=np.uint64)",
                "sio.mmwrite(os.path.join(d, 'i64_coo.mtx'), sp.coo_matrix(a))",
                "sio.mmwrite(os.path.join(d, 'i64_dense.mtx'), a)",
                "sio.mmwrite(os.path.join(d, 'u64_coo.mtx'), sp.coo_matrix(u))",
                "ts = [0.0, float(2**53), float(2**62), float(2**63)]  # Python compares int with float exactly",
                "out = {}",
                "for name, m in [('i64_coo.mtx', a), ('i64_dense.mtx', a), ('u64_coo.mtx', u)]:",
                "    info = sio.mminfo(os.path.join(d, name))",
                "    out[name] = {'field': info[4], 'masks': {str(t): [[abs(int(v)) > t for v in row] for row in m.tolist()] for t in ts}}",
                "print(json.dumps(out))");
        Python.Result r = Python.script(code, List.of(dir.toString()), 120);
        assertEquals(0, r.exitCode(), r.output());
        var expected = new ObjectMapper().readTree(r.output());
        assertEquals("integer", expected.get("i64_coo.mtx").get("field").asText());
        assertEquals("unsigned-integer", expected.get("u64_coo.mtx").get("field").asText());
        int checked = 0;
        for (var file : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
            for (var t : (Iterable<Map.Entry<String, JsonNode>>) file.getValue().get("masks")::fields) {
                var rows = t.getValue();
                Mask want = new Mask(rows.size(), rows.get(0).size());
                for (int i = 0; i < rows.size(); i++) for (int j = 0; j < rows.get(i).size(); j++) want.set(i, j, rows.get(i).get(j).asBoolean());
                double threshold = Double.parseDouble(t.getKey());
                assertEquals(want, read(dir.resolve(file.getKey()), threshold), file.getKey() + " with T = " + t.getKey());
                checked++;
            }
        }
        assertEquals(12, checked);
    }
}
