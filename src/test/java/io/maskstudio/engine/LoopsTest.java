package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain kernels' element-wise loops, written branch-free so that C2 vectorizes them, against their textbook
 * definitions, bit for bit, at the values where a branch-free form could go wrong: zero, negative zero, the smallest
 * subnormal, the largest float, infinity.
 */
class LoopsTest {
    private static final float[] EDGES = {0f, -0f, Float.MIN_VALUE, 2 * Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-7f, 0.5f, 1f, 3e38f,
        Float.MAX_VALUE, Float.POSITIVE_INFINITY, -Float.MIN_VALUE, -1f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY};

    @Test
    void reluIsMaxWithZero() {
        float[] z = EDGES.clone();
        Loops.activate(Activation.RELU, z, z.length);
        for (int j = 0; j < z.length; j++) {
            float expected = EDGES[j] > 0 ? EDGES[j] : 0f;
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(z[j]), "relu(" + EDGES[j] + ") = " + z[j]);
        }
    }

    @Test
    void reluGradientPassesTheIncomingGradientExactlyWhereTheOutputIsPositive() {
        // a is a relu output: zero or positive (the loop may assume that)
        float[] outputs = {0f, Float.MIN_VALUE, 2 * Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1e-7f, 1f, 3e38f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY};
        float[] incoming = {-2.5f, 1f, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 0f, -0f, 1e-38f, 7f};
        for (float d : incoming) {
            float[] a = outputs.clone();
            float[] dOut = new float[a.length];
            Arrays.fill(dOut, d);
            float[] dz = Loops.activationGradient(Activation.RELU, a, dOut, new float[a.length], a.length);
            for (int j = 0; j < a.length; j++) {
                float expected = a[j] > 0 ? d : 0f;
                // the sign of a zero gradient is immaterial; every other value must be d itself, not d times ~1
                assertTrue(expected == dz[j], "relu'(" + a[j] + ") * " + d + " = " + dz[j]);
            }
        }
    }

    @Test
    void sumMatchesADoubleSumForEveryLengthAndTail() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n = 0; n <= 37; n++) {
            float[] a = new float[n + 3]; // buffers may be longer than the batch
            for (int j = 0; j < a.length; j++) a[j] = (float) (rnd.nextDouble() * 200 - 100);
            double expected = 0;
            for (int j = 0; j < n; j++) expected += a[j];
            assertEquals((float) expected, Loops.sum(a, n), 1e-5f * (1 + Math.abs((float) expected)), "n=" + n);
        }
    }
}
