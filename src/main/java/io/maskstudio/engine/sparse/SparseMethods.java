package io.maskstudio.engine.sparse;

import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.SparseTraining;

/** Turns the settings' {@link SparseTraining} into the running method, for the trainer and the CLI alike. */
public final class SparseMethods {
    private SparseMethods() {}

    /**
     * The method for a run of {@code epochs} epochs of {@code stepsPerEpoch} steps on {@code net} as it is now (the
     * pairs that are not full now are the ones SET and RigL change).
     *
     * @param seed the run's seed; the method draws from its own stream of it, never from the shuffle's
     */
    public static SparseMethod create(SparseTraining spec, MaskedNetwork net, int epochs, int stepsPerEpoch, long seed) {
        long total = (long) epochs * stepsPerEpoch;
        long methodSeed = seed ^ 0x5DEECE66DL; // a stream apart from the shuffle's and the initialization's
        return switch (spec.method()) {
            case STATIC -> SparseMethod.STATIC;
            case SET -> DropGrowMethod.set(net, spec.dropFraction(), spec.updateEvery(), methodSeed);
            case RIGL -> DropGrowMethod.rigl(net, spec.dropFraction(), spec.updateEvery(), Math.max(1, Math.round(spec.updateEnd() * total)), methodSeed);
            case GMP -> new GmpMethod(net, spec.targetDensity(), (long) spec.pruneStart() * stepsPerEpoch,
                    (long) Math.max(spec.pruneStart() + 1, Math.min(epochs, spec.pruneEndFor(epochs))) * stepsPerEpoch, spec.updateEvery(), spec.scope());
        };
    }
}
