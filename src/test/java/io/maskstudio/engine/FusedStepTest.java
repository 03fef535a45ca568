package io.maskstudio.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dense kernel's one-pass step against the plain-Java optimizer on float arrays followed by the mask as ND4J
 * applies it ({@code w·M + 0.0}): bit for bit, for every updater, across chunk and thread boundaries and the tail.
 */
class FusedStepTest {
    @Test
    void theFusedStepIsThePlainOptimizerThenTheMaskBitForBit() {
        assertNotNull(FusedStep.BEST, "the test JVM has the Vector API");
        SplittableRandom rnd = new SplittableRandom(9);
        int n = (1 << 17) + 37; // two full chunks and a bit, and a tail that is no whole vector
        for (IUpdater u : List.of(new Sgd(0.1), new Nesterovs(0.05, 0.9), new Adam(1e-3), new RmsProp(1e-2, 0.95, 1e-8))) {
            FloatOptimizer opt = FloatOptimizer.of(u);
            for (boolean masked : new boolean[]{false, true}) {
                float[] w = random(rnd, n), g = random(rnd, n), mask = new float[n];
                float[][] state = opt.newState(n);
                for (float[] s : state) for (int j = 0; j < n; j++) s[j] = Math.abs(random(rnd, 1)[0]);
                for (int j = 0; j < n; j++) mask[j] = rnd.nextInt(3) == 0 ? 0f : 1f;
                ByteBuffer wb = direct(w), gb = direct(g), mb = direct(mask);
                ByteBuffer[] sb = new ByteBuffer[state.length];
                for (int c = 0; c < state.length; c++) sb[c] = direct(state[c]);

                int iteration = 6;
                opt.adamStepSize(iteration);
                FusedStep.BEST.apply(opt, wb, gb, sb, masked ? mb : null, n, iteration);
                opt.apply(w, g, state, n, iteration);
                if (masked) for (int j = 0; j < n; j++) w[j] = w[j] * mask[j] + 0f;

                String what = u.getClass().getSimpleName() + (masked ? " masked" : "");
                assertArrayEquals(w, floats(wb, n), what + ": weights");
                assertArrayEquals(g, floats(gb, n), what + ": the update left in the gradient");
                for (int c = 0; c < state.length; c++) assertArrayEquals(state[c], floats(sb[c], n), what + ": state " + c);
                if (masked) {
                    float[] wf = floats(wb, n);
                    for (int j = 0; j < n; j++) if (mask[j] == 0f) assertEquals(0, Float.floatToRawIntBits(wf[j]), what + ": absent weight is +0.0 at " + j);
                }
            }
        }
    }

    @Test
    void allFiniteFindsOneBadValueAnywhereAndIsNotFooledByHugeFiniteOnes() {
        int n = 1000 + 7; // whole vectors and a tail
        float[] w = new float[n];
        Arrays.fill(w, Float.MAX_VALUE); // a sum of these overflows; each is finite
        w[3] = -Float.MAX_VALUE;
        assertTrue(FusedStep.BEST.allFinite(direct(w), n));
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[]{0, 17, n - 8, n - 1}) {
                float[] v = w.clone();
                v[at] = bad;
                assertFalse(FusedStep.BEST.allFinite(direct(v), n), bad + " at " + at);
                assertTrue(FusedStep.BEST.allFinite(direct(v), at), "only the first " + at + " are read");
            }
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] f = new float[n];
        for (int j = 0; j < n; j++) f[j] = (float) (rnd.nextGaussian() * 0.1);
        return f;
    }

    private static ByteBuffer direct(float[] f) {
        ByteBuffer b = ByteBuffer.allocateDirect(f.length * 4).order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(f);
        return b;
    }

    private static float[] floats(ByteBuffer b, int n) {
        float[] f = new float[n];
        b.asFloatBuffer().get(f);
        return f;
    }
}
