package io.maskstudio.engine;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;

/**
 * Plain-Java twins of ND4J's updaters (libnd4j's {@code updaterSgd/Nesterovs/Adam/RmsProp} helpers),
 * in float32 with the same formulas, so that the plain-Java kernels train like the ND4J one:
 * <ul>
 *   <li>sgd: {@code u = lr g}
 *   <li>Nesterov: {@code p = μ v; v = p - lr g; u = p - (1+μ) v}
 *   <li>Adam: {@code m = β1 m + (1-β1) g; v = β2 v + (1-β2) g²; u = m α_t / (√v + ε)},
 *       {@code α_t = lr √(1-β2^t) / (1-β1^t)}, {@code t = iteration + 1}
 *   <li>RMSProp: {@code s = ρ s + (1-ρ) g²; u = lr g / (√s + ε)}; s starts at ε as in ND4J
 * </ul>
 * then {@code param -= u}. State is {@link #stateChunks()} arrays per parameter array, chunk order as
 * ND4J's state view (Adam: m then v).
 */
final class FloatOptimizer {
    enum Kind { SGD, NESTEROV, ADAM, RMSPROP }

    private final Kind kind;
    private final float lr;
    private final float momentum;
    private final double beta1;
    private final double beta2;
    private final float epsilon;
    private final float decay;

    private FloatOptimizer(Kind kind, double lr, double momentum, double beta1, double beta2, double epsilon, double decay) {
        this.kind = kind;
        this.lr = (float) lr;
        this.momentum = (float) momentum;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = (float) epsilon;
        this.decay = (float) decay;
    }

    static FloatOptimizer of(IUpdater c) {
        if (c instanceof Sgd s) return new FloatOptimizer(Kind.SGD, s.getLearningRate(), 0, 0, 0, 0, 0);
        if (c instanceof Nesterovs n) return new FloatOptimizer(Kind.NESTEROV, n.getLearningRate(), n.getMomentum(), 0, 0, 0, 0);
        if (c instanceof Adam a) return new FloatOptimizer(Kind.ADAM, a.getLearningRate(), 0, a.getBeta1(), a.getBeta2(), a.getEpsilon(), 0);
        if (c instanceof RmsProp r) return new FloatOptimizer(Kind.RMSPROP, r.getLearningRate(), 0, 0, 0, r.getEpsilon(), r.getRmsDecay());
        throw new IllegalArgumentException("no plain-Java twin for updater " + c.getClass().getSimpleName());
    }

    Kind kind() { return kind; }
    float learningRate() { return lr; }
    float momentum() { return momentum; }
    double beta1() { return beta1; }
    double beta2() { return beta2; }
    float epsilon() { return epsilon; }
    float rmsDecay() { return decay; }

    int stateChunks() {
        return switch (kind) {
            case SGD -> 0;
            case NESTEROV, RMSPROP -> 1;
            case ADAM -> 2;
        };
    }

    /** The value a fresh (or cleared) state entry holds: ND4J starts RMSProp's average at ε, the rest at 0. */
    float freshValue(int chunk) {
        return kind == Kind.RMSPROP ? epsilon : 0f;
    }

    float[][] newState(int n) {
        float[][] s = new float[stateChunks()][n];
        for (int c = 0; c < s.length; c++) Arrays.fill(s[c], freshValue(c));
        return s;
    }

    private int memoIteration = -1;
    private float memoStepSize;

    /** Per-step scalar of Adam, computed once per step (kernels that call apply per row reuse it). */
    float adamStepSize(int iteration) {
        if (iteration == memoIteration) return memoStepSize;
        memoStepSize = computeAdamStepSize(iteration);
        memoIteration = iteration;
        return memoStepSize;
    }

    private float computeAdamStepSize(int iteration) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float b1t = (float) Math.pow(b1, iteration + 1);
        float b2t = (float) Math.pow(b2, iteration + 1);
        float a = lr * (float) Math.sqrt(1.0f - b2t) / (1.0f - b1t);
        return Float.isNaN(a) || Float.isInfinite(a) || a == 0 ? epsilon : a;
    }

    /**
     * One step on {@code param[0,n)} with gradient {@code grad[0,n)}; {@code grad} is overwritten
     * (it ends up holding the update, as ND4J's updaters leave it).
     */
    void apply(float[] param, float[] grad, float[][] state, int n, int iteration) {
        switch (kind) {
            case SGD -> {
                float a = lr;
                for (int j = 0; j < n; j++) {
                    float u = a * grad[j];
                    grad[j] = u;
                    param[j] -= u;
                }
            }
            case NESTEROV -> {
                float[] v = state[0];
                float mu = momentum;
                float muT = -mu - 1;
                float a = lr;
                for (int j = 0; j < n; j++) {
                    float prev = mu * v[j];
                    float st = prev - a * grad[j];
                    v[j] = st;
                    float u = prev + muT * st;
                    grad[j] = u;
                    param[j] -= u;
                }
            }
            case ADAM -> {
                float[] m = state[0];
                float[] v = state[1];
                float b1 = (float) beta1;
                float b2 = (float) beta2;
                float c1 = 1 - b1;
                float c2 = 1 - b2;
                float step = adamStepSize(iteration);
                float eps = epsilon;
                for (int j = 0; j < n; j++) {
                    float g = grad[j];
                    float mj = b1 * m[j] + g * c1;
                    float vj = b2 * v[j] + g * g * c2;
                    m[j] = mj;
                    v[j] = vj;
                    float u = (mj * step) / ((float) Math.sqrt(vj) + eps);
                    grad[j] = u;
                    param[j] -= u;
                }
            }
            case RMSPROP -> {
                float[] s = state[0];
                float rho = decay;
                float c = 1 - rho;
                float a = lr;
                float eps = epsilon;
                for (int j = 0; j < n; j++) {
                    float g = grad[j];
                    float sj = s[j] * rho + g * g * c;
                    s[j] = sj;
                    float u = (a * g) / ((float) Math.sqrt(sj) + eps);
                    grad[j] = u;
                    param[j] -= u;
                }
            }
        }
    }
}
