package io.maskstudio.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The update rules as PyTorch documents them (torch.optim.SGD, Adam, AdamW, RMSprop), in double
 * precision, with the hyper-parameters {@link Optimizers} promises: {@code momentum} is SGD with
 * momentum 0.9 and Nesterov, Adam/AdamW use betas (0.9, 0.999) and eps 1e-8, RMSprop alpha 0.99
 * and eps 1e-8. Weight decay λ is L2 ({@code g + λθ} before the update) for sgd, momentum, adam and
 * rmsprop, and decoupled for adamw ({@code θ -= lr λ θ}, then the Adam step on the plain gradient).
 * Absent connections (weight 0, gradient 0) are left at 0.
 *
 * <p>With {@code nd4jEpsilons} two places where ND4J's updaters (and so the engine) knowingly differ
 * from PyTorch are followed instead, so the rest can be checked tightly: RMSprop's running average
 * starts at ε instead of 0 (docs/decisions/kernels-and-sparse-masks.md), and Adam adds ε to √v
 * rather than to √v̂ (in PyTorch's terms: ε/√(1-β2^t) added to √v̂). Both matter only while a gradient is
 * within a few orders of magnitude of √ε; weight decay is handled the same either way.
 */
final class TorchOptimizers {
    private static final double MOMENTUM = 0.9, BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8, ALPHA = 0.99;

    private final String name;
    private final boolean nd4jEpsilons;
    private double lr;
    private double weightDecay;
    private int t;
    private final Map<String, double[][]> state = new HashMap<>();

    TorchOptimizers(String name, double lr, double weightDecay, boolean nd4jEpsilons) {
        this.name = name;
        this.nd4jEpsilons = nd4jEpsilons;
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    void setWeightDecay(double wd) { this.weightDecay = wd; }

    /** One step of every parameter of {@code net} with the gradients {@code g}. */
    void step(NaiveNetwork net, List<NaiveNetwork.LayerGradient> g) {
        t++;
        for (int k = 0; k < net.layerCount(); k++) {
            for (int o = 0; o < net.w[k].length; o++) update("w" + k + "." + o, net.w[k][o], g.get(k).dW()[o], net.present[k][o]);
            update("b" + k, net.b[k], g.get(k).db(), null);
        }
    }

    private void update(String key, double[] p, double[] grad, boolean[] present) {
        double[][] s = state.computeIfAbsent(key, x -> {
            double[][] fresh = new double[2][p.length];
            if (nd4jEpsilons && name.equals("rmsprop")) Arrays.fill(fresh[0], EPS);
            return fresh;
        });
        for (int j = 0; j < p.length; j++) {
            if (present != null && !present[j]) {
                if (p[j] != 0) throw new AssertionError("absent weight is not 0 in the reference");
                continue;
            }
            double g = grad[j];
            switch (name) {
                case "sgd" -> p[j] -= lr * (g + weightDecay * p[j]);
                case "momentum" -> {
                    g += weightDecay * p[j];
                    s[0][j] = t == 1 ? g : MOMENTUM * s[0][j] + g; // buffer b_t (dampening 0)
                    p[j] -= lr * (g + MOMENTUM * s[0][j]);         // nesterov: g + μ b_t
                }
                case "adam", "adamw" -> {
                    if (name.equals("adamw")) p[j] *= 1 - lr * weightDecay;
                    else g += weightDecay * p[j];
                    s[0][j] = BETA1 * s[0][j] + (1 - BETA1) * g;
                    s[1][j] = BETA2 * s[1][j] + (1 - BETA2) * g * g;
                    double mHat = s[0][j] / (1 - Math.pow(BETA1, t));
                    double vHat = s[1][j] / (1 - Math.pow(BETA2, t));
                    double eps = nd4jEpsilons ? EPS / Math.sqrt(1 - Math.pow(BETA2, t)) : EPS;
                    p[j] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
                case "rmsprop" -> {
                    g += weightDecay * p[j];
                    s[0][j] = ALPHA * s[0][j] + (1 - ALPHA) * g * g;
                    p[j] -= lr * g / (Math.sqrt(s[0][j]) + EPS);
                }
                default -> throw new IllegalArgumentException(name);
            }
        }
    }
}
