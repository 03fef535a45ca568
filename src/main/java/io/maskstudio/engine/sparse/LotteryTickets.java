package io.maskstudio.engine.sparse;

import io.maskstudio.engine.MaskedLinear;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.NetworkMasks;
import io.maskstudio.model.SparseTraining.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of a lottery-ticket search between levels (Frankle and Carbin 2019; rewinding: Frankle et al. 2020):
 * the rewind point (level 0's parameters at initialization or after epoch k), the current level's ticket masks, and
 * how each branch of a level starts. A branch starts from a freshly built network of {@link #masks} that
 * {@link #start} then rewinds, so every branch has fresh optimizer state and a step counter at 0.
 *
 * <p>Controls: {@link LotteryBranch#REINIT} keeps the ticket's mask with values drawn the way level 0's were (the
 * graph's masks, another seed), so only the values differ from the ticket; {@link LotteryBranch#RANDOM_MASK} draws
 * each pair's cells uniformly with the ticket's count and takes the rewind point's values there, so only the choice
 * of connections differs.
 */
public final class LotteryTickets {
    private final NetworkDesign original;
    private final double rate;
    private final Scope scope;
    private final long seed;
    private final long[] levelZero;
    private List<LayerParameters> rewindPoint;
    private List<Mask> ticket;
    private int level;

    /** {@code original}: the graph as level 0 trains it (copied); {@code seed}: the run's, from which the controls' seeds derive. */
    public LotteryTickets(NetworkDesign original, double rate, Scope scope, long seed) {
        if (!(rate > 0 && rate < 1)) throw new IllegalArgumentException("the pruning rate must be in (0, 1), was " + rate);
        this.original = original.copy();
        this.rate = rate;
        this.scope = scope;
        this.seed = seed;
        this.ticket = new ArrayList<>();
        this.levelZero = new long[original.pairCount()];
        for (int k = 0; k < levelZero.length; k++) {
            ticket.add(original.mask(k).copy());
            levelZero[k] = original.mask(k).nnz();
        }
    }

    /** Saves {@code net}'s weights and biases as the values survivors rewind to (level 0 at init or after epoch k). */
    public void saveRewindPoint(MaskedNetwork net) {
        rewindPoint = List.copyOf(net.parameters());
    }

    /** The saved rewind point (copies come from {@link MaskedNetwork#parameters}); null before {@link #saveRewindPoint}. */
    public List<LayerParameters> rewindPoint() {
        return rewindPoint;
    }

    public int level() {
        return level;
    }

    /** The current level's ticket masks (copies). */
    public List<Mask> ticketMasks() {
        List<Mask> out = new ArrayList<>();
        for (Mask m : ticket) out.add(m.copy());
        return out;
    }

    /** Level 0's connection count of each pair. */
    public long[] levelZeroConnections() {
        return levelZero.clone();
    }

    /** Moves to the next level: prunes the fraction p of the remaining connections by the |w| {@code trainedTicket} ended with. */
    public void pruneNext(MaskedNetwork trainedTicket) {
        List<float[]> w = new ArrayList<>();
        for (int k = 0; k < trainedTicket.layerCount(); k++) {
            MaskedLinear l = trainedTicket.layer(k);
            if (!l.mask().equals(ticket.get(k))) throw new IllegalArgumentException("pair " + k + ": the network does not have this level's ticket mask");
            w.add(l.presentWeights());
        }
        level++;
        ticket = LotteryPruning.prune(ticket, w, levelZero, rate, level, scope);
    }

    /** The masks {@code branch} trains with at the current level. */
    public List<Mask> masks(LotteryBranch branch) {
        if (branch != LotteryBranch.RANDOM_MASK) return ticketMasks();
        List<Mask> out = new ArrayList<>();
        for (int k = 0; k < ticket.size(); k++) {
            Mask t = ticket.get(k);
            out.add(MaskGenerators.randomCount(t.rows(), t.cols(), t.nnz(), NetworkMasks.pairSeed(controlSeed(LotteryBranch.RANDOM_MASK), k)));
        }
        return out;
    }

    /**
     * Sets the starting values of {@code branch} in {@code fresh}, a network built with {@link #masks}{@code (branch)}:
     * the rewind point's (ticket, random mask) or a fresh draw of level 0's initialization with another seed (reinit).
     * Absent weights are +0.0, the optimizer state is fresh and the step counter 0.
     */
    public void start(LotteryBranch branch, MaskedNetwork fresh) {
        if (rewindPoint == null) throw new IllegalStateException("no rewind point saved yet");
        fresh.rewind(branch == LotteryBranch.REINIT ? freshInitialization(fresh) : rewindPoint);
    }

    /** Level 0's initialization drawn again with the reinit control's seed: same distribution, other values. */
    private List<LayerParameters> freshInitialization(MaskedNetwork like) {
        NetworkDesign d = original.copy();
        d.setSettings(d.settings().withSeed(controlSeed(LotteryBranch.REINIT)));
        return new MaskedNetwork(d, like.dataType()).parameters();
    }

    /** A seed per level and control, unrelated to the run's seed and to each other (the run's data order stays the same). */
    long controlSeed(LotteryBranch branch) {
        return NetworkMasks.pairSeed(seed ^ (0x5DEECE66DL * (branch.ordinal() + 1)), level);
    }
}
