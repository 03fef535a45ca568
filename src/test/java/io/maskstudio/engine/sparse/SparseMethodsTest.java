package io.maskstudio.engine.sparse;

import io.maskstudio.engine.KernelType;
import io.maskstudio.engine.MaskedLinear;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining.Scope;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SET, RigL and gradual pruning on a real network, for each kernel: connection counts exactly kept (SET, RigL) or
 * following the cubic schedule (GMP), absent weights exactly +0.0 and new ones starting at 0, RigL's grown cells the
 * naive top-k of |δᵀx| over the cells left absent by the drop, and seeded runs identical.
 */
class SparseMethodsTest {

    private static MaskedNetwork network(KernelType kernel, long seed) {
        Random r = new Random(seed);
        int[] sizes = {12, 10, 8, 4};
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            layers.add(LayerSpec.vector("l" + k, sizes[k], k == 0 ? Activation.IDENTITY : k == sizes.length - 1 ? Activation.SOFTMAX : Activation.RELU));
        }
        List<Mask> masks = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            Mask m = new Mask(sizes[k + 1], sizes[k]);
            for (int o = 0; o < sizes[k + 1]; o++) for (int i = 0; i < sizes[k]; i++) if (r.nextDouble() < 0.3 || i == o % sizes[k]) m.set(o, i, true);
            masks.add(m);
        }
        return new MaskedNetwork(new NetworkDesign(layers, masks, TrainingSettings.defaults("x")), DataType.FLOAT, "adam", 0.01, 0, seed, kernel);
    }

    private static INDArray inputs(long seed) {
        Random r = new Random(seed);
        float[] x = new float[16 * 12];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        return Nd4j.createFromArray(x).reshape('c', 16, 12);
    }

    private static int[] labels(long seed) {
        Random r = new Random(seed + 1);
        int[] y = new int[16];
        for (int k = 0; k < y.length; k++) y[k] = r.nextInt(4);
        return y;
    }

    private static void assertAbsentArePositiveZero(MaskedNetwork net) {
        for (int k = 0; k < net.layerCount(); k++) {
            MaskedLinear l = net.layer(k);
            Mask m = l.mask();
            float[] w = l.weights();
            for (int o = 0; o < m.rows(); o++) {
                for (int i = 0; i < m.cols(); i++) {
                    float v = w[o * m.cols() + i];
                    if (!m.get(o, i)) assertEquals(0, Float.floatToRawIntBits(v), "pair " + k + " (" + o + "," + i + ") absent but " + v);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"SMALL", "CSR", "DENSE"})
    void setKeepsEveryPairsCountAndStartsNewConnectionsAtZero(KernelType kernel) {
        MaskedNetwork net = network(kernel, 3);
        SparseMethod set = DropGrowMethod.set(net, 0.3, 5, 11);
        long[] counts = new long[net.layerCount()];
        for (int k = 0; k < counts.length; k++) counts[k] = net.layer(k).connections();
        INDArray x = inputs(3);
        int[] y = labels(3);
        int updates = 0;
        for (long step = 1; step <= 40; step++) {
            net.trainBatch(x, y, 0);
            List<Mask> before = net.masks();
            Optional<String> event = set.afterStep(step, net);
            if (event.isEmpty()) continue;
            updates++;
            assertTrue(event.get().startsWith("set: replaced "), event.get());
            for (int k = 0; k < counts.length; k++) {
                assertEquals(counts[k], net.layer(k).connections(), "pair " + k + " after step " + step);
                Mask grown = net.layer(k).mask().difference(before.get(k));
                float[] w = net.layer(k).weights();
                int cols = grown.cols();
                grown.forEachSet((o, i) -> assertEquals(0f, w[o * cols + i], "a grown connection starts at 0"));
            }
            assertAbsentArePositiveZero(net);
        }
        assertEquals(8, updates, "after steps 5, 10, ..., 40");
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"SMALL", "CSR", "DENSE"})
    void rigLGrowsTheNaiveTopKOfTheGradientWhereTheDropLeftGaps(KernelType kernel) {
        MaskedNetwork net = network(kernel, 5);
        SparseMethod rigl = DropGrowMethod.rigl(net, 0.3, 4, 30, 7);
        INDArray x = inputs(5);
        int[] y = labels(5);
        for (long step = 1; step <= 8; step++) {
            net.trainBatch(x, y, 0);
            List<Mask> before = net.masks();
            List<float[]> weights = new ArrayList<>(), grads = new ArrayList<>();
            for (int k = 0; k < net.layerCount(); k++) {
                weights.add(net.layer(k).weights());
                grads.add(rawGradient(net.layer(k), x, net, k));
            }
            if (rigl.afterStep(step, net).isEmpty()) continue;
            double z = 0.15 * (1 + Math.cos(Math.PI * step / 30));
            for (int k = 0; k < net.layerCount(); k++) {
                Mask m = before.get(k);
                int n = (int) Math.round(z * m.nnz());
                int cols = m.cols();
                float[] w = weights.get(k);
                float[] g = grads.get(k);
                List<Integer> present = new ArrayList<>();
                m.forEachSet((o, i) -> present.add(o * cols + i));
                present.sort(Comparator.comparingDouble((Integer c) -> Math.abs(w[c])).thenComparing(c -> c));
                Set<Integer> kept = new HashSet<>(present.subList(n, present.size()));
                List<Integer> absent = new ArrayList<>();
                for (int c = 0; c < m.rows() * cols; c++) if (!kept.contains(c)) absent.add(c);
                absent.sort(Comparator.comparingDouble((Integer c) -> -Math.abs(g[c])).thenComparing(c -> c));
                Set<Integer> expected = new HashSet<>(kept);
                expected.addAll(absent.subList(0, n));
                Set<Integer> actual = new HashSet<>();
                net.layer(k).mask().forEachSet((o, i) -> actual.add(o * cols + i));
                assertEquals(expected, actual, "pair " + k + " at step " + step);
            }
            assertAbsentArePositiveZero(net);
        }
    }

    /** δᵀx of the batch just trained, by the kernel's own dense accessor (finite-difference checked in GrowGradientTest). */
    private static float[] rawGradient(MaskedLinear l, INDArray x, MaskedNetwork net, int k) {
        RowBlockScores s = l.gradientScores();
        float[] g = new float[s.rows() * s.cols()];
        s.fill(0, s.rows(), g);
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"SMALL", "CSR", "DENSE"})
    void seededMethodsRepeatThemselves(KernelType kernel) {
        List<List<Mask>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            MaskedNetwork net = network(kernel, 9);
            SparseMethod set = DropGrowMethod.set(net, 0.4, 2, 13);
            for (long step = 1; step <= 10; step++) {
                net.trainBatch(inputs(9), labels(9), 0);
                set.afterStep(step, net);
            }
            runs.add(net.masks());
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void gradualPruningFollowsTheCubicScheduleToTheTarget(Scope scope) {
        MaskedNetwork net = network(KernelType.SMALL, 4);
        GmpMethod gmp = new GmpMethod(net, 0.1, 10, 50, 5, scope);
        long cells = 0, start = 0;
        for (int k = 0; k < net.layerCount(); k++) {
            cells += (long) net.layer(k).outFeatures() * net.layer(k).inFeatures();
            start += net.layer(k).connections();
        }
        double si = 1 - (double) start / cells;
        for (long step = 1; step <= 60; step++) {
            net.trainBatch(inputs(4), labels(4), 0);
            gmp.afterStep(step, net);
            long now = 0;
            for (int k = 0; k < net.layerCount(); k++) now += net.layer(k).connections();
            if (step == 30) {
                // Midway: (1 - 1/2)^3 of the way from s_i to s_f is still to go.
                double expected = 0.9 + (si - 0.9) / 8;
                assertEquals(expected, 1 - (double) now / cells, 1.5 * net.layerCount() / (double) cells, "sparsity at the midpoint");
            }
            if (step >= 50) assertEquals(0.1, (double) now / cells, 1.5 * net.layerCount() / (double) cells, "density at the end");
            assertAbsentArePositiveZero(net);
        }
    }
}
