package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files written by NumPy itself read back with the right dtype, shape and values, whatever their layout. */
class NpyFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, dtype, big endian, fortran, offset added to the value pattern, scale
            "i1_3x4.npy, INT8, false, false, 0, 1",
            "i2_be_3x4.npy, INT16, true, false, 0, 1",
            "i4_3x4.npy, INT32, false, false, 0, 1",
            "i8_be_3x4.npy, INT64, true, false, 0, 1",
            "f2_3x4.npy, FLOAT16, false, false, 0, 0.25",
            "f4_3x4.npy, FLOAT32, false, false, 0.5, 1",
            "f4_fortran_3x4.npy, FLOAT32, false, true, 0.5, 1",
            "f4_v2_3x4.npy, FLOAT32, false, false, 0.5, 1",
            "f4_v3_3x4.npy, FLOAT32, false, false, 0.5, 1",
            "f8_be_3x4.npy, FLOAT64, true, false, 0.25, 1",
            "f8_be_fortran_3x4.npy, FLOAT64, true, true, 0.25, 1",
    })
    void numericFixturesReadWithTheirValues(String file, NpyDtype dtype, boolean bigEndian, boolean fortran, double offset, double scale) throws Exception {
        NpyArray a = NpyReader.read(Fixtures.npy(file));
        assertEquals(dtype, a.dtype());
        assertEquals(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, a.byteOrder());
        assertEquals(fortran, a.fortranOrder());
        assertArrayEquals(new int[]{3, 4}, a.shape());
        double[] d = a.toDoubles();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(Fixtures.value(i, j) * scale + offset, d[i * 4 + j], 0.0, file + " [" + i + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"bool_3x4.npy, BOOL", "bool_fortran_3x4.npy, BOOL", "u1_3x4.npy, UINT8"})
    void maskFixturesReadAsTheirPattern(String file, NpyDtype dtype) throws Exception {
        NpyArray a = NpyReader.read(Fixtures.npy(file));
        assertEquals(dtype, a.dtype());
        boolean[] b = a.toBooleans();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) assertEquals(Fixtures.mask(i, j), b[i * 4 + j], file + " [" + i + "," + j + "]");
        }
    }

    @Test
    void fortranOrderInThreeDimensionsIsNotScrambled() throws Exception {
        NpyArray a = NpyReader.read(Fixtures.npy("i2_be_fortran_2x3x4.npy"));
        assertTrue(a.fortranOrder());
        assertArrayEquals(new int[]{2, 3, 4}, a.shape());
        long[] v = a.toLongs();
        for (int k = 0; k < 24; k++) assertEquals(k, v[k]); // np.arange(24).reshape(2,3,4) in C order
    }

    @Test
    void scalarAndEmptyArrays() throws Exception {
        NpyArray s = NpyReader.read(Fixtures.npy("scalar_f8.npy"));
        assertEquals(0, s.ndim());
        assertEquals(1, s.size());
        assertEquals(2.5, s.getDouble(0));
        NpyArray e = NpyReader.read(Fixtures.npy("empty_0x3_f4.npy"));
        assertArrayEquals(new int[]{0, 3}, e.shape());
        assertEquals(0, e.toFloats().length);
    }

    @Test
    void compressedNpzListsKeysAndReadsEntries() throws Exception {
        try (Npz npz = Npz.open(Fixtures.npy("state_dict_compressed.npz"))) {
            assertEquals(List.of("fc1.weight", "fc1.weight_mask", "fc1.bias", "fc2.weight_mask"), npz.keys());
            assertArrayEquals(new int[]{3, 4}, npz.shape("fc1.weight"));
            NpyArray w = npz.get("fc1.weight");
            assertEquals(NpyDtype.FLOAT32, w.dtype());
            assertEquals(Fixtures.value(2, 3), w.getDouble(11));
            assertFalse(npz.contains("fc3.weight"));
        }
    }
}
