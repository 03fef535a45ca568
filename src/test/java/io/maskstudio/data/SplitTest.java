package io.maskstudio.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SplitTest {

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() throws DataException {
        Dataset iris = BuiltinDatasets.load("iris");
        Split a = Split.of(iris, 0.2, 7), b = Split.of(iris, 0.2, 7), c = Split.of(iris, 0.2, 8);
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.validation().y(), b.validation().y());
        assertFalse(Arrays.equals(a.validation().x(), c.validation().x()));
        assertEquals(30, a.validation().rows());
        assertEquals(120, a.train().rows());
    }

    @Test
    void permutationsAreDeterministicAndComplete() {
        Random random = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            int n = random.nextInt(200);
            long seed = random.nextLong();
            int[] p = Split.permutation(n, seed);
            assertArrayEquals(p, Split.permutation(n, seed));
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) assertEquals(i, sorted[i]);
        }
    }

    @Test
    void trainAndValidationPartitionTheRows() {
        // each row's single feature is its own index, so we can see where every row went
        int rows = 101;
        float[] x = new float[rows];
        for (int r = 0; r < rows; r++) x[r] = r;
        Dataset d = new Dataset("ids", rows, 1, x, new int[rows], List.of("only"), 0, 0);
        Split s = Split.of(d, 0.25, 3);
        assertEquals(25, s.validation().rows());
        float[] all = new float[rows];
        System.arraycopy(s.train().x(), 0, all, 0, s.train().rows());
        System.arraycopy(s.validation().x(), 0, all, s.train().rows(), s.validation().rows());
        Arrays.sort(all);
        assertArrayEquals(x, all);
    }

    @Test
    void refusesAValidationFractionOutsideZeroToOne() {
        Dataset d = new Dataset("d", 2, 1, new float[2], new int[2], List.of("a"), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, -0.1, 0));
        assertEquals(0, Split.of(d, 0, 0).validation().rows());
    }
}
