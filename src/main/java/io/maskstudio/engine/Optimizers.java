package io.maskstudio.engine;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Maps the optimizer names users know from PyTorch to ND4J's updaters. Weight decay follows PyTorch:
 * L2 added to the gradient for sgd/momentum/adam/rmsprop, decoupled (shrink the weights) for adamw.
 */
public final class Optimizers {
    private Optimizers() {}

    public static IUpdater create(String name, double learningRate) {
        return switch (name) {
            case "sgd" -> new Sgd(learningRate);
            case "momentum" -> new Nesterovs(learningRate, 0.9);
            case "adam", "adamw" -> new Adam(learningRate, 0.9, 0.999, 1e-8);
            // PyTorch's RMSprop defaults: alpha (decay) 0.99, eps 1e-8
            case "rmsprop" -> new RmsProp(learningRate, 0.99, 1e-8);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "', expected one of sgd, momentum, adam, adamw, rmsprop");
        };
    }

    /** True when weight decay shrinks the weights directly instead of entering the gradient. */
    public static boolean decoupledWeightDecay(String name) {
        return name.equals("adamw");
    }
}
