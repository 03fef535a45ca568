package io.maskstudio.engine;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.Split;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weight decay on every kernel and optimizer, judged by PyTorch's documented update rules
 * ({@link TorchOptimizers}) on gradients from the naive double-precision reference
 * ({@link NaiveNetwork}): full-batch steps from the session's initial weights, with the decay set
 * in the {@link TrainingSettings} and changed in mid-run through {@link TrainingSession#updateSettings}.
 */
class WeightDecayTest {
    static final int ROWS = 12, IN = 5, HIDDEN = 4, CLASSES = 3, STEPS = 3;
    static final double WD = 0.1, WD_LATER = 0.3;

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Object[] k : new Object[][]{{KernelType.SMALL, DataType.FLOAT}, {KernelType.CSR, DataType.FLOAT},
                {KernelType.DENSE, DataType.FLOAT}, {KernelType.DENSE, DataType.DOUBLE}}) {
            for (String opt : TrainingSettings.OPTIMIZERS) a.add(Arguments.of(k[0], k[1], opt));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} kernel ({1}), {2}")
    @MethodSource("cases")
    void decayFollowsPyTorchsFormulasAndChangesTheResult(KernelType kernel, DataType dtype, String optimizer) throws Exception {
        double lr = optimizer.equals("sgd") || optimizer.equals("momentum") ? 0.05 : 0.01;
        double tol = dtype == DataType.DOUBLE ? 1e-12 : 2e-6;
        Run decayed = run(kernel, dtype, optimizer, lr, WD, WD_LATER);
        Run plain = run(kernel, dtype, optimizer, lr, 0, 0);
        double vsReference = decayed.maxDifferenceToReference();
        double vsPlain = decayed.maxDifferenceTo(plain);
        assertTrue(vsReference <= tol, "weights follow PyTorch's rule with weight decay: off by " + vsReference);
        assertTrue(plain.maxDifferenceToReference() <= tol, "and without: off by " + plain.maxDifferenceToReference());
        assertTrue(vsPlain > 100 * tol, "decay changes the weights by far more than the tolerance: " + vsPlain);
    }

    /** The engine's session next to the reference, trained in lock step. */
    record Run(TrainingSession session, NaiveNetwork reference) {
        double maxDifferenceToReference() {
            double max = 0;
            MaskedNetwork net = session.network();
            for (int k = 0; k < net.layerCount(); k++) {
                MaskedLinear l = net.layer(k);
                // weight(o,i) and biasArray() in the network's own precision (weights() rounds to float32)
                for (int o = 0; o < l.outFeatures(); o++) {
                    for (int i = 0; i < l.inFeatures(); i++) max = Math.max(max, Math.abs(l.weight(o, i) - reference.w[k][o][i]));
                }
                for (int o = 0; o < l.outFeatures(); o++) max = Math.max(max, Math.abs(l.biasArray().getDouble(0, o) - reference.b[k][o]));
            }
            return max;
        }

        double maxDifferenceTo(Run other) {
            double max = 0;
            for (int k = 0; k < reference.layerCount(); k++) {
                float[] a = session.network().layer(k).weights();
                float[] b = other.session.network().layer(k).weights();
                for (int j = 0; j < a.length; j++) max = Math.max(max, Math.abs(a[j] - b[j]));
                float[] ab = session.network().layer(k).biases();
                float[] bb = other.session.network().layer(k).biases();
                for (int j = 0; j < ab.length; j++) max = Math.max(max, Math.abs(ab[j] - bb[j]));
            }
            return max;
        }
    }

    /** {@code STEPS} full-batch steps with decay {@code wd}, then {@code STEPS} more after changing it to {@code wdLater}. */
    static Run run(KernelType kernel, DataType dtype, String optimizer, double lr, double wd, double wdLater) throws Exception {
        boolean[][][] masks = masks(new Random(17));
        Dataset train = data(new Random(3));
        TrainingSettings settings = new TrainingSettings("test", optimizer, lr, ROWS, 10, wd, 5, 0);
        TrainingSession s = new TrainingSession(design(masks, settings), new Split(train, train.subset(new int[0])), settings, dtype, kernel);
        for (int k = 0; k < s.network().layerCount(); k++) assertEquals(kernel, s.network().layer(k).kernelType());
        NaiveNetwork ref = NaiveNetwork.of(s.network(), masks);
        TorchOptimizers torch = new TorchOptimizers(optimizer, lr, wd, true);
        double[][] x = NaiveNetwork.rows(train.x(), ROWS, IN);
        for (int step = 0; step < 2 * STEPS; step++) {
            if (step == STEPS) {
                s.updateSettings(settings.withWeightDecay(wdLater));
                torch.setWeightDecay(wdLater);
            }
            assertTrue(s.step() != null, "one batch is one epoch");
            torch.step(ref, ref.gradients(x, train.y()));
        }
        return new Run(s, ref);
    }

    /** in 5 -> 4 tanh -> 3: about two thirds of the connections present, at least one absent per layer. */
    static boolean[][][] masks(Random r) {
        int[][] shapes = {{HIDDEN, IN}, {CLASSES, HIDDEN}};
        boolean[][][] m = new boolean[2][][];
        for (int k = 0; k < 2; k++) {
            m[k] = new boolean[shapes[k][0]][shapes[k][1]];
            for (boolean[] row : m[k]) {
                for (int i = 0; i < row.length; i++) row[i] = r.nextDouble() < 0.67;
                row[r.nextInt(row.length)] = true;
            }
            m[k][0][0] = false;
        }
        return m;
    }

    static Mask toMask(boolean[][] m) {
        Mask mask = new Mask(m.length, m[0].length);
        for (int o = 0; o < m.length; o++) for (int i = 0; i < m[o].length; i++) mask.set(o, i, m[o][i]);
        return mask;
    }

    static NetworkDesign design(boolean[][][] m, TrainingSettings s) {
        return new NetworkDesign(List.of(LayerSpec.vector("in", IN, Activation.IDENTITY), LayerSpec.vector("h", HIDDEN, Activation.TANH),
                LayerSpec.vector("out", CLASSES, Activation.SOFTMAX)), List.of(toMask(m[0]), toMask(m[1])), s);
    }

    static Dataset data(Random r) {
        float[] x = new float[ROWS * IN];
        int[] y = new int[ROWS];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        for (int k = 0; k < ROWS; k++) y[k] = k % CLASSES;
        return new Dataset("test", ROWS, IN, x, y, List.of("a", "b", "c"), 0, 0);
    }
}
