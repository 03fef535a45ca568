package io.maskstudio.runs;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One training run of a sweep: a method at a density with a seed, trained into {@code dir} (relative to the sweep
 * folder, {@code cells/<method>-d<density>-s<seed>}). For gmp the density is the target the run prunes to from dense.
 */
public record SweepCell(int cell, String method, double density, int seed, String dir) {

    public SweepCell(int cell, String method, double density, int seed) {
        this(cell, method, density, seed, SweepLayout.CELLS + "/" + method + "-d" + densityText(density) + "-s" + seed);
    }

    /** The run's label in the runs list, e.g. {@code rigl d0.02 s1}. */
    public String label() {
        return method + " d" + densityText(density) + " s" + seed;
    }

    /** A density as short as it can be written exactly: {@code 0.02}, {@code 0.1}, {@code 1}. */
    public static String densityText(double density) {
        return BigDecimal.valueOf(density).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
