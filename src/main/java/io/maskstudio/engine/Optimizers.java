package io.maskstudio.engine;

import io.maskstudio.model.OptimizerKind;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Maps each {@link OptimizerKind} to ND4J's updater. The switch is exhaustive: a new kind does not compile until it
 * has an updater here (and {@link FloatOptimizer} follows the updater's type for the plain-Java kernels).
 */
public final class Optimizers {
    private Optimizers() {}

    public static IUpdater create(OptimizerKind kind, double learningRate) {
        return switch (kind) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Nesterovs(learningRate, 0.9);
            case ADAM, ADAMW -> new Adam(learningRate, 0.9, 0.999, 1e-8);
            // PyTorch's RMSprop defaults: alpha (decay) 0.99, eps 1e-8
            case RMSPROP -> new RmsProp(learningRate, 0.99, 1e-8);
        };
    }

    /** By name, as settings and the CLI spell it. */
    public static IUpdater create(String name, double learningRate) {
        return create(OptimizerKind.fromId(name), learningRate);
    }
}
