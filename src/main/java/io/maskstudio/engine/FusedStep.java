package io.maskstudio.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * The dense kernel's whole element-wise step in one pass over native memory: the optimizer's update
 * ({@link FloatOptimizer}'s formulas), {@code w -= u} and, for a masked layer, {@code w := w∘M} stored as +0.0 — where
 * ND4J makes three to five passes (its updater op, {@code subi}, {@code muli}, {@code addi}), each reading and writing
 * all out·in floats. On the 4096² layer that took about as long as one of the step's three GEMMs.
 * Only with the Vector API ({@link VectorModule}); otherwise the kernel keeps ND4J's passes.
 */
interface FusedStep {
    /**
     * One step on {@code n} floats: {@code w}, {@code g} (left holding the update, as ND4J's updaters leave it) and the
     * optimizer's state chunks (each {@code n} floats, in ND4J's order), all native-order {@link ByteBuffer}s
     * over the arrays' memory; {@code mask} null for a full layer.
     */
    void apply(FloatOptimizer optimizer, ByteBuffer w, ByteBuffer g, ByteBuffer[] state, ByteBuffer mask, int n, int iteration);

    /**
     * Whether all {@code n} floats of {@code w} (a native-order buffer) are finite: one vector pass of {@code v - v},
     * which is 0 for every finite value and NaN for an infinity or a NaN, so nothing a sum could overflow.
     */
    boolean allFinite(ByteBuffer w, int n);

    /** The fused step, or null where the Vector API is not loaded. */
    FusedStep BEST = Choice.choose();

    /** Picks once per JVM, by name: the class links against jdk.incubator.vector. */
    final class Choice {
        private static final Logger LOG = LoggerFactory.getLogger(FusedStep.class);

        private Choice() {}

        static FusedStep choose() {
            if (!(ConnectionLoops.BEST instanceof VectorConnectionLoops)) return null;
            try {
                return (FusedStep) Class.forName(FusedStep.class.getPackageName() + ".VectorFusedStep").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.warn("the fused dense step could not start; using ND4J's passes", e);
                return null;
            }
        }
    }
}
