package io.maskstudio.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a network-wide density D is shared among the layer pairs: {@link #UNIFORM} gives every pair D; {@link #ERK}
 * follows the Erdős–Rényi rule for dense layers (Evci et al. 2020, "Rigging the Lottery"), giving small pairs more.
 */
public enum DensityAllocation {
    UNIFORM("uniform"),
    ERK("erk");

    private final String id;

    DensityAllocation(String id) {
        this.id = id;
    }

    /** The name on the command line ({@code --allocation ID}). */
    public String id() { return id; }

    public static Optional<DensityAllocation> byId(String id) {
        for (DensityAllocation a : values()) if (a.id.equals(id)) return Optional.of(a);
        return Optional.empty();
    }

    /**
     * The density of each pair {@code [outs[k], ins[k]]} such that {@code sum(d_k * outs[k] * ins[k]) = density * total}.
     *
     * <p>ERK: {@code d_k = eps * (n_in + n_out) / (n_in * n_out)}, {@code eps} solving that sum. A pair whose
     * density would exceed 1 is made dense and {@code eps} is solved again over the others, counting the dense pairs'
     * connections against the target; each round makes dense the pairs with the largest ratio, as RigL's
     * {@code get_sparsities_erdos_renyi} does, until no density exceeds 1. Unlike RigL no count is rounded here
     * (RigL floors each layer's zeros); whole counts are {@link NetworkMasks#counts}'s job.
     */
    public double[] densities(int[] outs, int[] ins, double density) {
        if (outs.length != ins.length || outs.length == 0) {
            throw new IllegalArgumentException("expected one output and one input size per pair, got " + outs.length + " and " + ins.length);
        }
        if (!(density >= 0 && density <= 1)) throw new IllegalArgumentException("density must be in [0,1], was " + density);
        for (int k = 0; k < outs.length; k++) {
            if (outs[k] <= 0 || ins[k] <= 0) {
                throw new IllegalArgumentException("pair " + k + " must have a positive shape, was [" + outs[k] + "," + ins[k] + "]");
            }
        }
        double[] d = new double[outs.length];
        if (this == UNIFORM) {
            Arrays.fill(d, density);
            return d;
        }
        boolean[] dense = new boolean[outs.length];
        double total = 0;
        for (int k = 0; k < outs.length; k++) total += (double) outs[k] * ins[k];
        double eps = 0;
        while (true) {
            double rhs = density * total, divisor = 0, maxRatio = 0;
            for (int k = 0; k < outs.length; k++) {
                double cells = (double) outs[k] * ins[k];
                if (dense[k]) {
                    rhs -= cells;
                } else {
                    // ratio * cells = n_in + n_out
                    divisor += (double) outs[k] + ins[k];
                    maxRatio = Math.max(maxRatio, ratio(outs[k], ins[k]));
                }
            }
            if (divisor == 0) break; // every pair dense: only at density 1
            eps = Math.max(0, rhs) / divisor;
            if (maxRatio * eps <= 1) break;
            for (int k = 0; k < outs.length; k++) if (!dense[k] && ratio(outs[k], ins[k]) == maxRatio) dense[k] = true;
        }
        for (int k = 0; k < outs.length; k++) d[k] = dense[k] ? 1 : Math.min(1, eps * ratio(outs[k], ins[k]));
        return d;
    }

    private static double ratio(int out, int in) {
        return ((double) in + out) / ((double) in * out);
    }
}
