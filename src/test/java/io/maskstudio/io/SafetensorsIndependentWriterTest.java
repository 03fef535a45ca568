package io.maskstudio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The safetensors reader against files written from the specification by another implementation:
 * src/test/resources/safetensors/write_safetensors.py (json and struct only), run at test time. Good files must
 * decode to the values struct packed; the bad ones (the cases of safetensors' own tensor.rs tests) must each be
 * refused with one line naming the file, the spot and what was expected.
 */
class SafetensorsIndependentWriterTest {
    @TempDir
    static Path dir;
    private static JsonNode manifest;

    @BeforeAll
    static void writeFilesWithPython() throws Exception {
        Python.assumeModules("json", "struct");
        URL script = SafetensorsIndependentWriterTest.class.getResource("/safetensors/write_safetensors.py");
        assertNotNull(script, "src/test/resources/safetensors/write_safetensors.py is missing from the test classpath");
        Python.Result r = Python.run(List.of(Path.of(script.toURI()).toString(), dir.toString()), 60);
        assertEquals(0, r.exitCode(), r.output());
        manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode n) {
        return n::fields;
    }

    /** Python's repr of a float: also 'inf', '-inf' and 'nan', which Double.parseDouble does not take. */
    private static double pythonFloat(String repr) {
        return switch (repr) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(repr);
        };
    }

    @Test
    void everyDtypeShapeAndMetadataDecodesToWhatPythonPacked() throws Exception {
        int tensors = 0;
        Set<String> dtypes = new TreeSet<>();
        for (var file : fields(manifest.get("good"))) {
            Safetensors st = Safetensors.open(dir.resolve(file.getKey()));
            Map<String, String> metadata = new LinkedHashMap<>();
            for (var m : fields(file.getValue().get("metadata"))) metadata.put(m.getKey(), m.getValue().asText());
            assertEquals(metadata, st.metadata(), file.getKey());
            JsonNode expected = file.getValue().get("tensors");
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            assertEquals(names, new TreeSet<>(st.keys()), file.getKey());
            for (var t : fields(expected)) {
                String where = file.getKey() + "[" + t.getKey() + "]";
                String dtype = t.getValue().get("dtype").asText();
                dtypes.add(dtype);
                int[] shape = new ObjectMapper().treeToValue(t.getValue().get("shape"), int[].class);
                assertArrayEquals(shape, st.shape(t.getKey()), where);
                NpyArray a = st.get(t.getKey());
                assertArrayEquals(shape, a.shape(), where);
                JsonNode values = t.getValue().get("values");
                assertEquals(values.size(), a.size(), where);
                boolean isFloat = dtype.startsWith("F") || dtype.equals("BF16");
                long[] longs = isFloat ? null : a.toLongs();
                for (int k = 0; k < values.size(); k++) {
                    if (isFloat) {
                        // bit-exact: -0.0 differs from 0.0 and NaN equals NaN
                        assertEquals(pythonFloat(values.get(k).asText()), a.getDouble(k), where + " element " + k);
                    } else if (dtype.equals("U64")) {
                        assertEquals(values.get(k).bigIntegerValue().toString(), Long.toUnsignedString(longs[k]), where + " element " + k);
                    } else {
                        assertEquals(values.get(k).longValue(), longs[k], where + " element " + k);
                    }
                }
                if (dtype.equals("BF16")) assertEquals(NpyDtype.FLOAT32, a.dtype(), where + ": BF16 is widened to float32");
                tensors++;
            }
        }
        assertEquals(Set.of("BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64", "F16", "BF16", "F32", "F64"), dtypes);
        assertEquals(20, tensors);
    }

    @Test
    void masksStoredAsPyTorchDtypesRead() throws Exception {
        for (String f : List.of("mask_bf16.safetensors", "mask_f16.safetensors", "mask_i64.safetensors")) {
            assertEquals(MaskFixtures.p(), MaskFormats.read(dir.resolve(f), MaskReadOptions.defaults()), f);
        }
    }

    /** What each bad file written by the script must be refused with, after "FILE: ". */
    private static final Map<String, String> REFUSALS = Map.ofEntries(
            Map.entry("extra_data.safetensors",
                    "byte 80: expected 16 data bytes (as the header describes, up to the end of 'test'), found 50 (extra bytes after the last tensor)"),
            Map.entry("fp8_dtype.safetensors",
                    "header.test.dtype: expected one of BOOL, U8, I8, U16, I16, U32, I32, U64, I64, F16, BF16, F32, F64, found \"F8_E4M3\" (8-bit "
                            + "floats are not supported)"),
            Map.entry("gap.safetensors",
                    "header.b.data_offsets: expected tensors back to back: a start of 16 (the end of 'a'), found 20 (a gap of 4 bytes)"),
            Map.entry("header_beyond_file.safetensors",
                    "byte 0: expected a header length from 2 to 88 bytes, found 89 (beyond the end of the file)"),
            Map.entry("header_too_large.safetensors",
                    "byte 0: expected a header length from 2 to 88 bytes, found 18446742974197923900 (beyond the end of the file)"),
            Map.entry("invalid_json.safetensors",
                    "header: expected a JSON object, found invalid JSON (Unexpected end-of-input within/between Object entries)"),
            Map.entry("metadata_not_strings.safetensors",
                    "header.__metadata__.epochs: expected a string, found 3"),
            Map.entry("missing_data.safetensors",
                    "byte 80: expected 16 data bytes (as the header describes, up to the end of 'test'), found 14 (file truncated or header wrong)"),
            Map.entry("not_an_object.safetensors",
                    "header: expected a JSON object, found an array of 2"),
            Map.entry("not_utf8.safetensors",
                    "header: expected a JSON object in UTF-8, found bytes that are not UTF-8 text"),
            Map.entry("offsets_beyond_data.safetensors",
                    "byte 144: expected 32 data bytes (as the header describes, up to the end of 'b'), found 16 (file truncated or header wrong)"),
            Map.entry("offsets_huge.safetensors",
                    "header.a.data_offsets: expected [begin, end]: two integers from 0 to 9223372036854775807, found "
                            + "[18446744073709551616,18446744073709551632]"),
            Map.entry("offsets_negative.safetensors",
                    "header.a.data_offsets: expected [begin, end]: two integers from 0 to 9223372036854775807, found [-16,0]"),
            Map.entry("offsets_reversed.safetensors",
                    "header.a.data_offsets: expected [begin, end] with end >= begin, found [16, 0]"),
            Map.entry("overlapping.safetensors",
                    "header.weight_1.data_offsets: expected tensors back to back: a start of 16 (the end of 'weight_0'), found 0 (overlaps 'weight_0')"),
            Map.entry("shape_overflow.safetensors",
                    "header.test.shape[1]: expected a size from 0 to 2147483647, found 18446744073709551614"),
            Map.entry("size_mismatch.safetensors",
                    "header.test.data_offsets: expected [begin, end] with end - begin = 16 bytes for shape (2, 2) of I32, found [0, 4] (4 bytes)"),
            Map.entry("too_small.safetensors",
                    "byte 0: expected an 8-byte header length, found 3 bytes in the file"),
            Map.entry("unknown_dtype.safetensors",
                    "header.test.dtype: expected one of BOOL, U8, I8, U16, I16, U32, I32, U64, I64, F16, BF16, F32, F64, found \"Q7\""));

    @Test
    void badHeadersAreRefusedWithOneLineNamingTheFileAndWhatWasExpected() {
        Set<String> written = new TreeSet<>();
        manifest.get("bad").fieldNames().forEachRemaining(written::add);
        assertEquals(new TreeSet<>(REFUSALS.keySet()), written, "every bad file the script writes needs its expected refusal here");
        StringBuilder mismatches = new StringBuilder();
        for (Iterator<String> it = written.iterator(); it.hasNext(); ) {
            String name = it.next();
            Path p = dir.resolve(name);
            String message = assertThrows(FormatException.class, () -> Safetensors.open(p), name + ": " + manifest.get("bad").get(name).asText()).getMessage();
            assertFalse(message.contains("\n"), message);
            if (!message.equals(p + ": " + REFUSALS.get(name))) mismatches.append(name).append(" -> ")
                    .append(message.substring(p.toString().length() + 2)).append('\n');
        }
        assertEquals("", mismatches.toString());
    }
}
