package io.maskstudio.io;

import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MaskFilesTest {
    @TempDir
    Path dir;

    private static Mask pattern() {
        Mask m = new Mask(3, 4);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m.set(i, j, Fixtures.mask(i, j));
        return m;
    }

    @Test
    void numpyMasksInEveryLayoutReadTheSame() throws Exception {
        for (String f : new String[]{"bool_3x4.npy", "bool_fortran_3x4.npy", "u1_3x4.npy"}) {
            assertEquals(pattern(), MaskFiles.read(Fixtures.npy(f)), f);
        }
        assertEquals(pattern(), MaskFiles.read(Fixtures.npy("one_mask_compressed.npz")));
        assertEquals(pattern(), MaskFiles.read(Fixtures.npy("two_masks_stored.npz"), "a", OptionalDouble.empty()));
        assertEquals(pattern().invert(), MaskFiles.read(Fixtures.npy("two_masks_stored.npz"), "b", OptionalDouble.empty()));
        Map<String, Mask> sd = MaskFiles.readStateDictMasks(Fixtures.npy("state_dict_compressed.npz"), OptionalDouble.empty());
        assertEquals(List.of("fc1.weight_mask", "fc2.weight_mask"), List.copyOf(sd.keySet()));
        assertEquals(pattern(), sd.get("fc1.weight_mask"));
        assertEquals(Mask.full(2, 3), sd.get("fc2.weight_mask"));
    }

    @Test
    void randomMasksRoundTripThroughNpyAndNpz() throws Exception {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            Mask m = new Mask(1 + rnd.nextInt(70), 1 + rnd.nextInt(140));
            for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) m.set(o, i, rnd.nextInt(3) == 0);
            Path npy = dir.resolve("m.npy");
            MaskFiles.writeNpy(npy, m);
            assertEquals(m, MaskFiles.read(npy));
            Map<String, Mask> ms = new LinkedHashMap<>();
            ms.put("fc1.weight_mask", m);
            ms.put("fc2.weight_mask", m.invert());
            Path npz = dir.resolve("m.npz");
            MaskFiles.writeNpz(npz, ms, trial % 2 == 0);
            assertEquals(m.invert(), MaskFiles.read(npz, "fc2.weight_mask", OptionalDouble.empty()));
        }
    }

    @Test
    void integerAndFloatMasksOfZerosAndOnesNeedNoThreshold() throws Exception {
        NpyArray a = NpyArray.ofDoubles(new double[]{0, 1, 1, 0}, 2, 2);
        Mask m = MaskFiles.fromArray("a", a, OptionalDouble.empty());
        assertEquals(2, m.nnz());
        assertEquals("a: element [0, 0]: expected 0 or 1 (give a threshold to binarize other values), found 2",
                assertThrows(FormatException.class,
                        () -> MaskFiles.fromArray("a", NpyArray.ofLongs(new long[]{2, 0}, 1, 2), OptionalDouble.empty())).getMessage());
    }

    @Test
    void shapeCheckSpotsATransposedMask() {
        assertEquals("m.npy: shape: expected [4, 3] (out_features, in_features), found [3, 4] (transposed? masks are [out_features, in_features])",
                assertThrows(FormatException.class, () -> MaskFiles.requireShape("m.npy", pattern(), 4, 3)).getMessage());
    }

    @Test
    void emptyDimensionIsNotAMask() {
        Path p = Fixtures.npy("empty_0x3_f4.npy");
        assertEquals(p + ": shape: expected a 2-D array with at least one row and one column, found shape (0, 3)",
                assertThrows(FormatException.class, () -> MaskFiles.read(p)).getMessage());
    }
}
