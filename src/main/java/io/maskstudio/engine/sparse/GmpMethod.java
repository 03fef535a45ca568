package io.maskstudio.engine.sparse;

import io.maskstudio.engine.AddedConnectionInit;
import io.maskstudio.engine.MaskedLinear;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.Mask;
import io.maskstudio.model.SparseTraining.Scope;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Gradual magnitude pruning (Zhu and Gupta 2017): at each pruning step the sparse pairs lose their smallest-|w|
 * connections until their sparsity is {@link GmpSchedule#sparsityAt} — per pair from each pair's own starting
 * sparsity, or with one global ranking over all of them (the total follows the schedule; pairs lose unequally).
 */
public final class GmpMethod implements SparseMethod {
    private final long startStep, endStep, updateEvery;
    private final double finalDensity;
    private final Scope scope;
    private final int[] pairs;
    private final long[] cells;
    private final long[] startConnections;
    private final SplittableRandom rng = new SplittableRandom(0); // unused by ZERO; setMask wants one

    public GmpMethod(MaskedNetwork net, double finalDensity, long startStep, long endStep, long updateEvery, Scope scope) {
        if (!(finalDensity >= 0 && finalDensity <= 1)) throw new IllegalArgumentException("target density must be in [0,1], was " + finalDensity);
        new GmpSchedule(0, 1, startStep, endStep, updateEvery); // checks the steps
        this.finalDensity = finalDensity;
        this.startStep = startStep;
        this.endStep = endStep;
        this.updateEvery = updateEvery;
        this.scope = scope;
        // Dense pairs are pruned too: gradual pruning usually starts from a dense network.
        this.pairs = new int[net.layerCount()];
        this.cells = new long[pairs.length];
        this.startConnections = new long[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            pairs[k] = k;
            cells[k] = (long) net.layer(k).outFeatures() * net.layer(k).inFeatures();
            startConnections[k] = net.layer(k).connections();
        }
    }

    @Override
    public String id() {
        return "gmp";
    }

    /** Pair {@code k}'s schedule: from its starting sparsity to 1 − the target density (never growing it back). */
    GmpSchedule schedule(int k) {
        double si = 1 - (double) startConnections[k] / cells[k];
        return new GmpSchedule(si, Math.max(si, 1 - finalDensity), startStep, endStep, updateEvery);
    }

    /** The whole network's schedule (global scope). */
    GmpSchedule schedule() {
        long c = Arrays.stream(cells).sum(), n = Arrays.stream(startConnections).sum();
        double si = 1 - (double) n / c;
        return new GmpSchedule(si, Math.max(si, 1 - finalDensity), startStep, endStep, updateEvery);
    }

    @Override
    public Optional<String> afterStep(long step, MaskedNetwork net) {
        if (!schedule().prunesAfter(step)) return Optional.empty();
        long[] drop = scope == Scope.PAIR ? perPair(step, net) : global(step, net);
        long removed = 0;
        for (int k = 0; k < pairs.length; k++) {
            if (drop[k] <= 0) continue;
            MaskedLinear l = net.layer(k);
            Mask mask = l.mask();
            l.setMask(DropGrow.dropWeakest(mask, l.presentWeights(), (int) drop[k]), AddedConnectionInit.ZERO, rng);
            removed += drop[k];
        }
        if (removed == 0) return Optional.empty();
        long left = 0, all = 0;
        for (int k = 0; k < pairs.length; k++) {
            left += net.layer(k).connections();
            all += cells[k];
        }
        return Optional.of(String.format(Locale.ROOT, "gmp: pruned %d connections, density now %.4f", removed, (double) left / all));
    }

    private long[] perPair(long step, MaskedNetwork net) {
        long[] drop = new long[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            long target = Math.round((1 - schedule(k).sparsityAt(step)) * cells[k]);
            drop[k] = Math.max(0, net.layer(k).connections() - target);
        }
        return drop;
    }

    /** One ranking by |w| over every pair; each pair then drops its own share of the weakest. */
    private long[] global(long step, MaskedNetwork net) {
        long total = Arrays.stream(cells).sum();
        long target = Math.round((1 - schedule().sparsityAt(step)) * total);
        float[][] w = new float[pairs.length][];
        long present = 0;
        for (int k = 0; k < pairs.length; k++) {
            w[k] = net.layer(k).presentWeights();
            present += w[k].length;
        }
        long[] drop = new long[pairs.length];
        long n = present - target;
        if (n <= 0) return drop;
        // Key: |w| bits high, the index over all pairs low, so ties go to the earlier pair and the lower index.
        long[] keys = new long[Math.toIntExact(present)];
        long[] offsets = new long[pairs.length + 1];
        int at = 0;
        for (int k = 0; k < pairs.length; k++) {
            offsets[k] = at;
            for (float v : w[k]) keys[at] = ((long) Float.floatToIntBits(Math.abs(v)) << 32) | at++;
        }
        offsets[pairs.length] = at;
        Arrays.sort(keys);
        for (int r = 0; r < n; r++) {
            int index = (int) keys[r];
            int k = Arrays.binarySearch(offsets, index);
            // binarySearch finds the pair starting at index, or (-(insertion point) - 1) for an index inside one.
            k = k >= 0 ? k : -k - 2;
            while (k + 1 < offsets.length - 1 && offsets[k + 1] == index) k++; // skip empty pairs that start here
            drop[k]++;
        }
        return drop;
    }
}
