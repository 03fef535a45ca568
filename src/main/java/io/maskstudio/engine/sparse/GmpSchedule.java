package io.maskstudio.engine.sparse;

/**
 * Gradual magnitude pruning's target sparsity over training (Zhu and Gupta 2017, eq. 1):
 * {@code s_t = s_f + (s_i − s_f)(1 − (t − t₀)/(nΔt))³} for {@code t₀ ≤ t ≤ t₀ + nΔt}, pruning every ΔT steps in that
 * span. Pruning is fast at first, while many weights are redundant, and slows down as it nears the target.
 *
 * @param initialSparsity s_i, the share of absent connections when pruning starts
 * @param finalSparsity   s_f, the share reached at the end (at least s_i)
 * @param startStep       t₀
 * @param endStep         t₀ + nΔt
 * @param updateEvery     ΔT
 */
public record GmpSchedule(double initialSparsity, double finalSparsity, long startStep, long endStep, long updateEvery) {

    public GmpSchedule {
        if (!(initialSparsity >= 0 && initialSparsity <= 1)) throw new IllegalArgumentException("initial sparsity must be in [0,1], was " + initialSparsity);
        if (!(finalSparsity >= initialSparsity && finalSparsity <= 1)) {
            throw new IllegalArgumentException("final sparsity must be in [" + initialSparsity + ",1], was " + finalSparsity);
        }
        if (startStep < 0 || endStep < startStep) throw new IllegalArgumentException("pruning must end after it starts: steps " + startStep + ".." + endStep);
        if (updateEvery < 1) throw new IllegalArgumentException("steps between pruning must be at least 1, was " + updateEvery);
    }

    /** The sparsity to reach at step {@code t}: s_i before t₀, s_f from t₀ + nΔt on. */
    public double sparsityAt(long t) {
        if (t <= startStep) return initialSparsity;
        if (t >= endStep) return finalSparsity;
        double left = 1 - (double) (t - startStep) / (endStep - startStep);
        return finalSparsity + (initialSparsity - finalSparsity) * left * left * left;
    }

    /** Whether the mask is pruned after step {@code t}: every ΔT steps from t₀ to t₀ + nΔt, the end included. */
    public boolean prunesAfter(long t) {
        if (t < startStep || t > endStep) return false;
        return (t - startStep) % updateEvery == 0 || t == endStep;
    }
}
