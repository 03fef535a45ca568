package io.maskstudio.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Random masks for every pair of a network at once, with the overall density shared by a {@link DensityAllocation}.
 * The callers set the masks on the design themselves (the app as one undoable edit, the CLI before saving).
 */
public final class NetworkMasks {

    private NetworkMasks() {
    }

    /**
     * One random mask per pair of {@code design} (same order), with exactly {@code round(density * total)} connections
     * over the whole network, {@code total} being the sum of the pairs' cells. Each pair's count is its allocated
     * density times its cells, rounded by {@link #counts} so that the counts add up to that total; the cells are then
     * drawn by {@link MaskGenerators#randomCount} with seed {@link #pairSeed(long, int)}. No minimum fan-in is imposed,
     * since that would break the exact total.
     */
    public static List<Mask> random(NetworkDesign design, DensityAllocation allocation, double density, long seed) {
        int pairs = design.pairCount();
        int[] outs = new int[pairs], ins = new int[pairs];
        long[] cells = new long[pairs];
        long total = 0;
        for (int k = 0; k < pairs; k++) {
            outs[k] = design.layer(k + 1).size();
            ins[k] = design.layer(k).size();
            cells[k] = (long) outs[k] * ins[k];
            total += cells[k];
        }
        double[] d = allocation.densities(outs, ins, density);
        long[] n = counts(cells, d, Math.round(density * total));
        List<Mask> masks = new ArrayList<>(pairs);
        for (int k = 0; k < pairs; k++) masks.add(MaskGenerators.randomCount(outs[k], ins[k], n[k], pairSeed(seed, k)));
        return masks;
    }

    /**
     * Whole connection counts near {@code densities[k] * cells[k]} that add up to exactly {@code target}: every pair
     * gets the floor of its share, and the connections still missing go one each to the pairs with the largest
     * fractional parts (lower index first on ties), never past a pair's cells (largest-remainder rounding). Should
     * the shares not add up to the target (rounding of the target, floating point) the same order settles the rest.
     */
    public static long[] counts(long[] cells, double[] densities, long target) {
        if (cells.length != densities.length) {
            throw new IllegalArgumentException("expected one density per pair, got " + densities.length + " for " + cells.length);
        }
        long capacity = 0;
        for (long c : cells) capacity += c;
        if (target < 0 || target > capacity) throw new IllegalArgumentException("target must be in 0.." + capacity + ", was " + target);
        int pairs = cells.length;
        long[] n = new long[pairs];
        double[] remainder = new double[pairs];
        long sum = 0;
        for (int k = 0; k < pairs; k++) {
            double share = Math.max(0, Math.min(1, densities[k])) * cells[k];
            n[k] = Math.min(cells[k], (long) Math.floor(share));
            remainder[k] = share - n[k];
            sum += n[k];
        }
        Integer[] order = IntStream.range(0, pairs).boxed()
                .sorted(Comparator.<Integer>comparingDouble(k -> -remainder[k]).thenComparingInt(k -> k)).toArray(Integer[]::new);
        while (sum < target) {
            for (int k : order) {
                if (sum < target && n[k] < cells[k]) {
                    n[k]++;
                    sum++;
                }
            }
        }
        while (sum > target) {
            for (int i = pairs - 1; i >= 0; i--) {
                int k = order[i];
                if (sum > target && n[k] > 0) {
                    n[k]--;
                    sum--;
                }
            }
        }
        return n;
    }

    /** The seed of pair {@code k}: {@code seed} and {@code k} mixed (SplitMix64's finalizer), so pairs draw unrelated cells. */
    public static long pairSeed(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
