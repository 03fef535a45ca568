package io.maskstudio.engine;

import io.maskstudio.model.OptimizerKind;

/**
 * Weight decay λ as PyTorch applies it: AdamW shrinks the weights directly ({@code w *= 1 - lr·λ}) before the
 * Adam update; every other optimizer adds {@code λ·w} to the gradient (L2). The one place that rule lives: the
 * kernels ask for both coefficients once per step and run their own loops with them.
 */
public record WeightDecay(double lambda, boolean decoupled) {
    /** No decay at all: for steps and benchmarks that leave it out. */
    public static final WeightDecay NONE = new WeightDecay(0, false);

    public static WeightDecay of(OptimizerKind optimizer, double lambda) {
        return new WeightDecay(lambda, optimizer.decoupledWeightDecay());
    }

    /** True when {@code λ·w} is added to the gradient. */
    public boolean inGradient() {
        return lambda > 0 && !decoupled;
    }

    /** True when the weights shrink before the optimizer's update. */
    public boolean shrinks() {
        return lambda > 0 && decoupled;
    }

    /** The coefficient of {@code w} added to the gradient: λ for L2, 0 otherwise. */
    public double gradientCoefficient() {
        return inGradient() ? lambda : 0;
    }

    /** The factor the weights are multiplied by before the update: {@code 1 - lr·λ} when decoupled, 1 otherwise. */
    public double shrinkFactor(double learningRate) {
        return shrinks() ? 1 - learningRate * lambda : 1;
    }
}
