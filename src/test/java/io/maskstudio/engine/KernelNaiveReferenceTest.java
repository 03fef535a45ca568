package io.maskstudio.engine;

import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel against the naive double-precision layer ({@link NaiveNetwork#forward},
 * {@link NaiveNetwork#backward}): forward outputs, dW on present connections (exactly 0 on absent
 * ones), the raw δᵀx everywhere, db and dx, over shapes from a single neuron to a dense-ish block,
 * densities from 10% to full, batches of 1 to 13 and every hidden activation. The mask is the
 * test's own boolean matrix.
 */
class KernelNaiveReferenceTest {
    /** out, in, density, batch */
    static final double[][] SHAPES = {{7, 5, 0.5, 5}, {1, 9, 1.0, 3}, {9, 1, 1.0, 1}, {40, 30, 0.1, 13}, {24, 64, 0.9, 8}, {16, 16, 1.0, 4}};
    static final List<Activation> ACTIVATIONS = List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.IDENTITY);

    static Stream<Arguments> kernels() {
        return Stream.of(Arguments.of(KernelType.SMALL, DataType.FLOAT), Arguments.of(KernelType.CSR, DataType.FLOAT),
                Arguments.of(KernelType.DENSE, DataType.FLOAT), Arguments.of(KernelType.DENSE, DataType.DOUBLE));
    }

    @ParameterizedTest(name = "{0} kernel ({1})")
    @MethodSource("kernels")
    void forwardAndBackwardEqualTheNaiveLoops(KernelType kernel, DataType dtype) {
        double tol = dtype == DataType.DOUBLE ? 1e-12 : 1e-5;
        Random r = new Random(11);
        int cases = 0;
        for (double[] shape : SHAPES) {
            int out = (int) shape[0], in = (int) shape[1], batch = (int) shape[3];
            for (Activation act : ACTIVATIONS) {
                String what = kernel + " " + out + "x" + in + " at " + shape[2] + ", batch " + batch + ", " + act;
                boolean[][] present = randomPresence(out, in, shape[2], r);
                MaskedLinear l = new MaskedLinear(toMask(present), act, dtype, Optimizers.create("sgd", 0.1), new SplittableRandom(r.nextLong()), kernel);
                assertEquals(kernel, l.kernelType());
                // one step first, so the biases are not all 0 and weights not fresh from initialization
                l.forward(random(batch, in, dtype, r));
                l.backward(random(batch, out, dtype, r), true);
                l.step(0.1, WeightDecay.NONE, 0, 0);

                double[][] w = new double[out][in];
                for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) w[o][i] = l.weight(o, i);
                double[] b = l.biasArray().reshape(-1).toDoubleVector();
                INDArray x = random(batch, in, dtype, r);
                INDArray dOut = random(batch, out, dtype, r);
                double[][] xs = x.toDoubleMatrix();
                double[][] expectedY = NaiveNetwork.forward(xs, w, present, b, act);
                NaiveNetwork.LayerGradient g = NaiveNetwork.backward(xs, expectedY, dOut.toDoubleMatrix(), w, present, act);

                assertClose(expectedY, l.forward(x).toDoubleMatrix(), tol, what + ": forward");
                assertClose(g.dx(), l.backward(dOut, true).toDoubleMatrix(), tol, what + ": dx");
                double[][] dW = l.weightGradient().toDoubleMatrix();
                assertClose(g.dW(), dW, tol, what + ": dW");
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        if (!present[o][i]) assertEquals(0.0, dW[o][i], what + ": dW of absent [" + o + "," + i + "] is exactly 0");
                    }
                }
                assertClose(new double[][]{g.db()}, l.biasGradient().reshape(1, out).toDoubleMatrix(), tol, what + ": db");
                float[] raw = l.rawWeightGradient();
                assertNotNull(raw, what + ": raw gradient");
                assertClose(g.raw(), NaiveNetwork.matrix(raw, out, in), Math.max(tol, 1e-5), what + ": raw δᵀx");
                cases++;
            }
        }
        assertEquals(SHAPES.length * ACTIVATIONS.size(), cases);
    }

    static boolean[][] randomPresence(int out, int in, double density, Random r) {
        boolean[][] p = new boolean[out][in];
        for (boolean[] row : p) for (int i = 0; i < in; i++) row[i] = density >= 1 || r.nextDouble() < density;
        return p;
    }

    static Mask toMask(boolean[][] p) {
        Mask m = new Mask(p.length, p[0].length);
        for (int o = 0; o < p.length; o++) for (int i = 0; i < p[o].length; i++) m.set(o, i, p[o][i]);
        return m;
    }

    static INDArray random(int rows, int cols, DataType dtype, Random r) {
        double[] d = new double[rows * cols];
        for (int k = 0; k < d.length; k++) d[k] = r.nextGaussian();
        // rounded to float32 first, so the reference sees exactly the values a float kernel gets
        for (int k = 0; k < d.length; k++) d[k] = (float) d[k];
        return Nd4j.createFromArray(d).reshape('c', rows, cols).castTo(dtype);
    }

    static void assertClose(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        int checked = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": columns");
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual[r][c], tol * Math.max(1, Math.abs(expected[r][c])), what + " [" + r + "," + c + "]");
                checked++;
            }
        }
        assertTrue(checked > 0, what + ": something to check");
    }
}
