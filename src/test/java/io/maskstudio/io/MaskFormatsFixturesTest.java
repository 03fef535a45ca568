package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Masks written by NumPy, SciPy and Pillow in every layout read bit-exactly, and convert to every format and back. */
class MaskFormatsFixturesTest {
    private static final MaskReadOptions STRICT = MaskReadOptions.defaults();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"p_csr_bool.npz", "p_csc_f8.npz", "p_coo_i4_stored.npz", "p_pattern.mtx", "p_real.mtx", "p_integer.mtx",
            "p_array.mtx", "p_int.csv", "p_float.csv", "p_edges.csv", "p_gray.png", "p_rgb.png", "p_1bit.png", "p_palette.png",
            "p_gray16.png", "p_rgba.png"})
    void readsThePatternAndConvertsToEveryFormatAndBack(String name) throws Exception {
        Mask p = MaskFixtures.p();
        assertEquals(p, MaskFormats.read(MaskFixtures.file(name), STRICT), name);
        for (Path out : everyOutput("from-" + name.replace('.', '_'))) {
            for (boolean sparse : new boolean[]{false, true}) {
                MaskFormats.write(out, MaskFormats.read(MaskFixtures.file(name), STRICT), MaskWriteOptions.defaults().withSparse(sparse));
                assertEquals(p, MaskFormats.read(out, STRICT), name + " -> " + out.getFileName() + (sparse ? " sparse" : ""));
            }
        }
    }

    @Test
    void numpyLayoutsConvertToo() throws Exception {
        Mask m = MaskFormats.read(Fixtures.npy("bool_fortran_3x4.npy"), STRICT);
        for (Path out : everyOutput("fortran")) {
            MaskFormats.write(out, m, MaskWriteOptions.defaults());
            assertEquals(m, MaskFormats.read(out, STRICT), out.getFileName().toString());
        }
    }

    @Test
    void symmetricMatrixMarketIsMirrored() throws Exception {
        assertEquals(MaskFixtures.s(), MaskFormats.read(MaskFixtures.file("s_symmetric.mtx"), STRICT));
        assertEquals(MaskFixtures.s(), MaskFormats.read(MaskFixtures.file("s_array_symmetric.mtx"), STRICT));
    }

    @Test
    void explicitlyStoredZeroIsNoConnection() throws Exception {
        Mask expected = MaskFormats.read(MaskFixtures.file("p_csr_explicit_zero_expected.npy"), STRICT);
        assertEquals(MaskFixtures.p().nnz() - 1, expected.nnz());
        assertEquals(expected, MaskFormats.read(MaskFixtures.file("p_csr_explicit_zero.npz"), STRICT));
    }

    @Test
    void greyImageNeedsAThreshold() throws Exception {
        Path grey = MaskFixtures.file("p_grey_needs_threshold.png");
        assertEquals(grey + ": pixel (x=0, y=0): expected black or white (give a threshold to binarize grey or colour: darkness > T means connected), "
                        + "found darkness 0.843 (grey 40 of 255)",
                assertThrows(FormatException.class, () -> MaskFormats.read(grey, STRICT)).getMessage());
        assertEquals(MaskFixtures.p(), MaskFormats.read(grey, STRICT.withThreshold(0.5)));
    }

    @Test
    void bsrIsNotSupported() {
        Path bsr = MaskFixtures.file("p_bsr.npz");
        assertEquals(bsr + "[format]: value: expected 'csr', 'csc' or 'coo' (a SciPy sparse matrix saved with scipy.sparse.save_npz), found 'bsr'",
                assertThrows(FormatException.class, () -> MaskFormats.read(bsr, STRICT)).getMessage());
    }

    @Test
    void extensionsForFileChoosers() {
        assertEquals(List.of(".npy", ".npz", ".mtx", ".csv", ".png", ".safetensors"), MaskFormats.readableExtensions());
        assertEquals("Matrix Market (*.mtx)", MaskFormat.MTX.description());
        assertEquals(MaskFormat.NPZ, MaskFormat.of(Path.of("A.NPZ")).orElseThrow());
    }

    private List<Path> everyOutput(String stem) {
        return MaskFormats.writableExtensions().stream().map(e -> dir.resolve(stem + e)).toList();
    }
}
