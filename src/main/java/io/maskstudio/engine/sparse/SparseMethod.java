package io.maskstudio.engine.sparse;

import io.maskstudio.engine.MaskedNetwork;

import java.util.Optional;

/**
 * A sparse training method: told after every optimizer step, it may change the network's masks there, at a batch
 * boundary. Removed connections lose their weight and optimizer state, grown ones start at exactly 0 with fresh state
 * ({@code MaskedLinear.setMask} with {@code AddedConnectionInit.ZERO}). Implementations are seeded and deterministic.
 */
public interface SparseMethod {
    /** The method's id on the command line and in run.json ({@code static}, {@code set}, {@code rigl}, {@code gmp}). */
    String id();

    /**
     * Called after optimizer step {@code step} (counted from 1 over the whole run).
     *
     * @return what changed, for the run's events, or empty when the masks were left as they were
     */
    Optional<String> afterStep(long step, MaskedNetwork network);

    /** Today's behaviour: the masks never change. */
    SparseMethod STATIC = new SparseMethod() {
        @Override public String id() { return "static"; }
        @Override public Optional<String> afterStep(long step, MaskedNetwork network) { return Optional.empty(); }
    };
}
