package io.maskstudio.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetsTest {

    @Test
    void builtinNamesAreShippedThenSynthetic() {
        assertEquals(List.of("digits", "iris", "wine", "breast-cancer", "mnist-10k", "circle", "xor", "gauss", "spiral", "moons"),
                Datasets.builtinNames());
    }

    @Test
    void loadsShippedSetsByNameIgnoringCase() throws DataException {
        assertSame(BuiltinDatasets.load("iris"), Datasets.load(" Iris ", 1));
    }

    @Test
    void syntheticSetsUseTheSeed() throws DataException {
        assertArrayEquals(Datasets.load("moons", 5).x(), SyntheticDatasets.generate("moons", 5).x());
        assertFalse(Arrays.equals(Datasets.load("moons", 5).x(), Datasets.load("moons", 6).x()));
    }

    @Test
    void csvPathsAreImported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.CSV");
        Files.writeString(file, "a,b,label\n1,2,x\n3,4,y\n");
        Dataset d = Datasets.load(file.toString(), 0);
        assertEquals("mine", d.name());
        assertEquals(2, d.rows());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        DataException e = assertThrows(DataException.class, () -> Datasets.load("cifar10", 0));
        assertEquals("unknown dataset 'cifar10': expected one of digits, iris, wine, breast-cancer, mnist-10k, "
                + "circle, xor, gauss, spiral, moons, a path to a .csv file, "
                + "or IDX files (an *-images-idx3-ubyte[.gz] file or a folder of them)", e.getMessage());
    }
}
