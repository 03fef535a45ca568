package io.maskstudio.engine.sparse;

import io.maskstudio.engine.AddedConnectionInit;
import io.maskstudio.engine.MaskedLinear;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.Mask;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * SET and RigL: at each update, every sparse pair drops its {@code round(ζ_t · nnz)} present connections of smallest
 * |w| and grows as many absent ones, at random (SET, Mocanu et al. 2018) or by the largest |δᵀx| of the batch just
 * trained (RigL, Evci et al. 2020). Each pair keeps its connection count exactly. As in RigL's code, a connection
 * dropped and grown back in one update keeps its weight; the others start at 0.
 */
public final class DropGrowMethod implements SparseMethod {
    /** How absent connections are chosen to grow. */
    public enum Grow { RANDOM, GRADIENT }

    private final String id;
    private final DropSchedule schedule;
    private final Grow grow;
    private final int[] pairs;
    private final SplittableRandom rng;

    private DropGrowMethod(String id, DropSchedule schedule, Grow grow, int[] pairs, long seed) {
        this.id = id;
        this.schedule = schedule;
        this.grow = grow;
        this.pairs = pairs.clone();
        this.rng = new SplittableRandom(seed);
    }

    /** SET: a constant fraction ζ every ΔT steps, random regrowth, over the pairs not full now. */
    public static DropGrowMethod set(MaskedNetwork net, double fraction, long updateEvery, long seed) {
        return new DropGrowMethod("set", new DropSchedule(fraction, updateEvery, Long.MAX_VALUE, false), Grow.RANDOM, SparsePairs.notFull(net), seed);
    }

    /** RigL: ζ decaying by cosine to 0 at {@code endStep}, regrowth by |gradient|, over the pairs not full now. */
    public static DropGrowMethod rigl(MaskedNetwork net, double fraction, long updateEvery, long endStep, long seed) {
        return new DropGrowMethod("rigl", new DropSchedule(fraction, updateEvery, endStep, true), Grow.GRADIENT, SparsePairs.notFull(net), seed);
    }

    @Override
    public String id() {
        return id;
    }

    /** The share of each pair's connections an update after {@code step} replaces. */
    public double dropFractionAt(long step) {
        return schedule.fractionAt(step);
    }

    /** The pairs this method changes. */
    public int[] pairs() {
        return pairs.clone();
    }

    @Override
    public Optional<String> afterStep(long step, MaskedNetwork net) {
        if (!schedule.updatesAfter(step)) return Optional.empty();
        double z = schedule.fractionAt(step);
        long replaced = 0, total = 0;
        for (int k : pairs) {
            MaskedLinear l = net.layer(k);
            Mask mask = l.mask();
            total += mask.nnz();
            int n = (int) Math.round(z * mask.nnz());
            if (n == 0) continue;
            Mask kept = DropGrow.dropWeakest(mask, l.presentWeights(), n);
            Mask grown = switch (grow) {
                case RANDOM -> DropGrow.growRandom(kept, n, rng);
                case GRADIENT -> DropGrow.growStrongest(kept, l.gradientScores(), n);
            };
            l.setMask(kept.union(grown), AddedConnectionInit.ZERO, rng);
            replaced += n;
        }
        if (replaced == 0) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "%s: replaced %d of %d connections in %d pairs (drop fraction %.4f)",
                id, replaced, total, pairs.length, z));
    }
}
