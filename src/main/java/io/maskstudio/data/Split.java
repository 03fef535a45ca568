package io.maskstudio.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A train/validation split of one dataset, drawn with a seeded shuffle. */
public record Split(Dataset train, Dataset validation) {

    /** Shuffles row indices with {@code seed} and puts the first {@code round(rows*valFraction)} into validation. */
    public static Split of(Dataset d, double valFraction, long seed) {
        if (!(valFraction >= 0 && valFraction < 1)) throw new IllegalArgumentException("validation fraction must be in [0,1), was " + valFraction);
        int[] idx = permutation(d.rows(), seed);
        int nVal = (int) Math.round(d.rows() * valFraction);
        int[] val = Arrays.copyOfRange(idx, 0, nVal);
        int[] train = Arrays.copyOfRange(idx, nVal, idx.length);
        return new Split(d.subset(train), d.subset(val));
    }

    /** Fisher-Yates permutation of 0..n-1, reproducible for a seed. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }
}
