package io.maskstudio.engine;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.Split;
import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSessionTest {

    /** Three Gaussian blobs in 6-D: learnable to near 100% by a small masked net. */
    static Dataset blobs(int rows, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * 6];
        int[] y = new int[rows];
        for (int k = 0; k < rows; k++) {
            y[k] = k % 3;
            for (int f = 0; f < 6; f++) x[k * 6 + f] = (float) (r.nextGaussian() * 0.5 + (f % 3 == y[k] ? 2 : 0));
        }
        return new Dataset("blobs", rows, 6, x, y, List.of("a", "b", "c"), 0, 0);
    }

    static NetworkDesign design(String optimizer, double lr) {
        NetworkDesign d = EngineFixtures.design(6, 8, 3, Activation.RELU, 0.5, 3, optimizer, 0);
        d.setSettings(new TrainingSettings("blobs", optimizer, lr, 16, 5, 0, 7, 0.25));
        return d;
    }

    static TrainingSession session(String optimizer, double lr) {
        NetworkDesign d = design(optimizer, lr);
        return new TrainingSession(d, Split.of(blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT);
    }

    @Test
    void learnsASeparableProblem() throws Exception {
        TrainingSession s = session("adam", 0.02);
        EpochMetrics m = null;
        for (int e = 0; e < 15; e++) m = s.runEpoch();
        assertTrue(m.valAccuracy() > 0.9, "validation accuracy " + m.valAccuracy());
        assertEquals(15, m.epoch());
        assertEquals(60, s.validation().rows());
    }

    @Test
    void aSeededRunIsReproducibleBitForBit() throws Exception {
        TrainingSession a = session("momentum", 0.05);
        TrainingSession b = session("momentum", 0.05);
        for (int e = 0; e < 3; e++) assertEquals(a.runEpoch(), withSeconds(b.runEpoch(), a.lastMetrics().seconds()));
        for (int k = 0; k < a.network().layerCount(); k++) {
            assertArrayEquals(a.network().layer(k).weights(), b.network().layer(k).weights());
            assertArrayEquals(a.network().layer(k).biases(), b.network().layer(k).biases());
        }
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"DENSE", "SMALL", "CSR"})
    void everyKernelIsReproducibleBitForBit(KernelType kernel) throws Exception {
        NetworkDesign d = design("adam", 0.02);
        TrainingSession a = new TrainingSession(d, Split.of(blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT, kernel);
        TrainingSession b = new TrainingSession(d, Split.of(blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT, kernel);
        for (int e = 0; e < 3; e++) assertEquals(a.runEpoch(), withSeconds(b.runEpoch(), a.lastMetrics().seconds()));
        for (int k = 0; k < a.network().layerCount(); k++) {
            assertEquals(kernel, a.network().layer(k).kernelType());
            assertArrayEquals(a.network().layer(k).weights(), b.network().layer(k).weights());
            assertArrayEquals(a.network().layer(k).biases(), b.network().layer(k).biases());
        }
        assertTrue(a.lastMetrics().valAccuracy() > 0.8, "learns on the " + kernel + " kernel: " + a.lastMetrics().valAccuracy());
    }

    private static EpochMetrics withSeconds(EpochMetrics m, double seconds) {
        return new EpochMetrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(), seconds);
    }

    @Test
    void divergenceStopsWithEpochAndStepAndKeepsTheLastGoodEpoch() throws Exception {
        TrainingSession s = session("sgd", 0.01);
        s.runEpoch();
        float[] goodWeights = s.network().layer(0).weights();
        s.updateSettings(s.settings().withLearningRate(1e30));
        DivergedException e = assertThrows(DivergedException.class, () -> { for (int k = 0; k < 100; k++) s.runEpoch(); });
        assertEquals(2, e.epoch());
        assertTrue(e.step() >= 1);
        assertEquals(1, e.lastGoodEpoch());
        assertTrue(e.getMessage().startsWith("training diverged at epoch 2, step "), e.getMessage());
        assertArrayEquals(goodWeights, s.network().layer(0).weights(), "restored to the end of epoch 1");
        assertTrue(s.network().parametersFinite());
    }

    @Test
    void aWeightBrokenOnAnEpochsLastStepIsCaughtBeforeThatEpochIsKept() throws Exception {
        TrainingSession s = session("adam", 0.01);
        s.runEpoch();
        float[] good = s.network().layer(0).weights();
        int steps = s.stepsPerEpoch();
        assertTrue(steps % TrainingSession.FINITE_CHECK_EVERY != 0, "the last step is not one the periodic check visits: " + steps);
        int[] batch = {0};
        s.beforeEachBatch(() -> {
            if (batch[0]++ != steps - 1) return;
            MaskedLinear l = s.network().layer(0);
            float[] w = l.weights();
            for (int k = 0; k < w.length; k++) {
                if (l.mask().get(k / l.inFeatures(), k % l.inFeatures())) {
                    w[k] = Float.NaN;
                    break;
                }
            }
            l.setParameters(w, l.biases());
        });
        DivergedException e = assertThrows(DivergedException.class, s::runEpoch);
        assertEquals(2, e.epoch());
        assertEquals(1, e.lastGoodEpoch());
        assertArrayEquals(good, s.network().layer(0).weights(), "restored to the end of epoch 1");
        assertTrue(s.network().parametersFinite());
    }

    @Test
    void pruningRemovesTheSmallestWeightsAndKeepsThemZero() throws Exception {
        TrainingSession s = session("adam", 0.01);
        s.runEpoch();
        Mask before = s.network().layer(0).mask();
        float[] w = s.network().layer(0).weights();
        s.prune(0.5);
        Mask after = s.network().layer(0).mask();
        assertEquals(before.nnz() - before.nnz() / 2, after.nnz());
        float maxRemoved = 0, minKept = Float.MAX_VALUE;
        for (int o = 0; o < before.rows(); o++) {
            for (int i = 0; i < before.cols(); i++) {
                float a = Math.abs(w[o * before.cols() + i]);
                if (before.get(o, i) && !after.get(o, i)) maxRemoved = Math.max(maxRemoved, a);
                if (after.get(o, i)) minKept = Math.min(minKept, a);
            }
        }
        assertTrue(maxRemoved <= minKept, "removed |w| <= kept |w|");
        s.runEpoch();
        MaskedWeightsStayZeroTest.assertAbsentExactlyZero(s.network());
    }

    @Test
    void trainerThreadStartsPausesStepsAndAppliesMaskEdits() throws Exception {
        NetworkDesign d = design("adam", 0.01);
        d.setSettings(d.settings().withEpochs(4));
        try (Trainer t = new Trainer(() -> new TrainingSession(d.copy(), Split.of(blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT), 100)) {
            Trainer.Progress p = t.awaitIdle(30, TimeUnit.SECONDS);
            assertEquals(Trainer.State.PAUSED, p.state());
            t.step();
            p = t.awaitIdle(30, TimeUnit.SECONDS);
            assertEquals(1, p.step());
            assertEquals(0, p.epoch());

            Mask empty = new Mask(8, 6);
            empty.set(0, 0, true);
            t.setMask(0, empty);
            t.start();
            p = t.awaitIdle(60, TimeUnit.SECONDS);
            assertEquals(Trainer.State.FINISHED, p.state());
            assertEquals(4, p.epoch());
            TrainingSnapshot last = t.history().latest();
            assertNotNull(last);
            assertEquals(4, last.epoch());
            assertEquals(empty, last.layers().get(0).mask(), "mask edit applied at a batch boundary");
            float[] w = last.layers().get(0).weights();
            for (int k = 1; k < w.length; k++) assertEquals(0f, w[k]);
            assertEquals(5, t.history().snapshots().size(), "initial state plus one snapshot per epoch");
            assertFalse(Double.isNaN(last.metrics().valAccuracy()));
        }
    }
}
