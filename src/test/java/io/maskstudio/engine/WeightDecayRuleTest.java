package io.maskstudio.engine;

import io.maskstudio.model.OptimizerKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coefficients the kernels use, against PyTorch's documented rules: torch.optim.AdamW multiplies the parameters
 * by {@code 1 - lr·λ} before the Adam step; SGD, Adam and RMSprop add {@code λ·p} to the gradient.
 */
class WeightDecayRuleTest {
    private static final double LR = 0.03;
    private static final double LAMBDA = 0.2;

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void onlyAdamWShrinksTheOthersAddL2ToTheGradient(OptimizerKind kind) {
        WeightDecay d = WeightDecay.of(kind, LAMBDA);
        boolean adamw = kind == OptimizerKind.ADAMW;
        assertEquals(adamw, d.shrinks());
        assertEquals(!adamw, d.inGradient());
        assertEquals(adamw ? 1 - LR * LAMBDA : 1.0, d.shrinkFactor(LR));
        assertEquals(adamw ? 0.0 : LAMBDA, d.gradientCoefficient());
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void zeroLambdaChangesNothing(OptimizerKind kind) {
        WeightDecay d = WeightDecay.of(kind, 0);
        assertFalse(d.shrinks());
        assertFalse(d.inGradient());
        assertEquals(1.0, d.shrinkFactor(LR));
        assertEquals(0.0, d.gradientCoefficient());
        assertTrue(WeightDecay.NONE.shrinkFactor(LR) == 1.0 && WeightDecay.NONE.gradientCoefficient() == 0.0);
    }
}
