package io.maskstudio.engine;

import io.maskstudio.data.Split;
import io.maskstudio.model.Activation;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining;
import io.maskstudio.model.SparseTraining.Method;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings' sparse-training method runs inside a training session, as the CLI and the app's trainer drive it:
 * updates exactly every ΔT steps until RigL's T_end, each reported once for the run's events; SET and RigL keep each
 * pair's connection count; gradual pruning ends at the target; absent weights stay +0.0; a seed gives one run.
 */
class SparseTrainingSessionTest {
    /** 180 training rows in batches of 16: 12 steps per epoch. */
    private static final int STEPS_PER_EPOCH = 12;

    private static NetworkDesign design(SparseTraining sparse, int epochs, long seed) {
        NetworkDesign d = EngineFixtures.design(6, 12, 3, Activation.RELU, 0.4, 3, "adam", 0);
        d.setSettings(new TrainingSettings("blobs", "adam", 0.01, 16, epochs, 0, seed, 0.25).withSparse(sparse));
        return d;
    }

    private static TrainingSession session(SparseTraining sparse, int epochs, long seed, KernelType kernel) {
        NetworkDesign d = design(sparse, epochs, seed);
        return new TrainingSession(d, Split.of(TrainingSessionTest.blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT, kernel);
    }

    private static long[] counts(TrainingSession s) {
        long[] c = new long[s.network().layerCount()];
        for (int k = 0; k < c.length; k++) c[k] = s.network().layer(k).connections();
        return c;
    }

    private static void assertAbsentArePositiveZero(TrainingSession s, String when) {
        for (int k = 0; k < s.network().layerCount(); k++) {
            MaskedLinear l = s.network().layer(k);
            Mask m = l.mask();
            float[] w = l.weights();
            for (int o = 0; o < m.rows(); o++) {
                for (int i = 0; i < m.cols(); i++) {
                    if (!m.get(o, i)) assertEquals(0, Float.floatToRawIntBits(w[o * m.cols() + i]), "pair " + k + " (" + o + "," + i + ") " + when);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"SMALL", "CSR", "DENSE"})
    void rigLUpdatesEveryDeltaTUntilItsEndAndKeepsEachPairsCount(KernelType kernel) throws Exception {
        SparseTraining rigl = SparseTraining.of(Method.RIGL).withUpdateEvery(5).withDropFraction(0.4).withUpdateEnd(0.5);
        TrainingSession s = session(rigl, 4, 11, kernel);
        assertEquals("rigl", s.methodId());
        long[] before = counts(s);
        List<Mask> start = s.network().masks();
        List<Long> updatedAfter = new ArrayList<>();
        for (long step = 1; step <= 4L * STEPS_PER_EPOCH; step++) {
            s.step();
            String update = s.takeMaskUpdate();
            if (update != null) {
                updatedAfter.add(step);
                assertTrue(update.startsWith("rigl: replaced "), update);
                assertNull(s.takeMaskUpdate(), "an update is handed on once");
            }
            assertArrayEquals(before, counts(s), "connections per pair after step " + step);
            assertAbsentArePositiveZero(s, "after step " + step);
        }
        // T_end = 0.5 x 48 steps = 24: updates after steps 5, 10, 15, 20, none from 24 on.
        assertEquals(List.of(5L, 10L, 15L, 20L), updatedAfter);
        assertEquals(4, s.maskUpdates());
        assertNotEquals(start, s.network().masks(), "the masks moved");
    }

    @Test
    void gradualPruningEndsAtTheTargetDensityOfEachPair() throws Exception {
        SparseTraining gmp = SparseTraining.of(Method.GMP).withUpdateEvery(4).withTargetDensity(0.1).withPruneEpochs(1, 3);
        TrainingSession s = session(gmp, 4, 5, KernelType.AUTO);
        long[] cells = new long[s.network().layerCount()];
        for (int k = 0; k < cells.length; k++) cells[k] = (long) s.network().layer(k).outFeatures() * s.network().layer(k).inFeatures();
        long[] before = counts(s);
        for (int e = 1; e <= 4; e++) {
            s.runEpoch();
            long[] now = counts(s);
            for (int k = 0; k < cells.length; k++) {
                if (e == 1) assertEquals(before[k], now[k], "no pruning before the end of the start epoch");
                if (e >= 3) assertEquals(Math.min(before[k], Math.round(0.1 * cells[k])), now[k], "pair " + k + " at the target after epoch " + e);
            }
            assertAbsentArePositiveZero(s, "after epoch " + e);
        }
    }

    @Test
    void aSeedGivesOneRunAndAnotherSeedAnother() throws Exception {
        SparseTraining set = SparseTraining.of(Method.SET).withUpdateEvery(3);
        TrainingSession a = session(set, 2, 21, KernelType.AUTO), b = session(set, 2, 21, KernelType.AUTO), c = session(set, 2, 22, KernelType.AUTO);
        for (int e = 0; e < 2; e++) {
            a.runEpoch();
            b.runEpoch();
            c.runEpoch();
        }
        assertEquals(a.network().masks(), b.network().masks());
        for (int k = 0; k < a.network().layerCount(); k++) {
            assertArrayEquals(a.network().layer(k).weights(), b.network().layer(k).weights(), "pair " + k + ": bit for bit");
        }
        assertNotEquals(a.network().masks(), c.network().masks());
    }

    @Test
    void theTrainerTellsItsObserverOfEachUpdate() throws Exception {
        SparseTraining set = SparseTraining.of(Method.SET).withUpdateEvery(7);
        List<String> events = new CopyOnWriteArrayList<>();
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void event(TrainingEvent kind, String detail, int epoch, long step) {
                if (kind == TrainingEvent.MASK_UPDATE) events.add(epoch + "@" + step + ":" + detail);
            }
        };
        try (Trainer t = new Trainer(() -> session(set, 3, 9, KernelType.AUTO), 10, observer)) {
            t.start();
            assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
        }
        // 36 steps: after 7, 14, 21, 28, 35 (epochs 1, 2, 2, 3, 3).
        assertEquals(List.of("1@7", "2@14", "2@21", "3@28", "3@35"), events.stream().map(e -> e.substring(0, e.indexOf(':'))).toList());
        assertTrue(events.get(0).contains("set: replaced "), events.get(0));
    }

    @Test
    void staticMasksNeverChange() throws Exception {
        TrainingSession s = session(SparseTraining.STATIC, 2, 3, KernelType.AUTO);
        List<Mask> start = s.network().masks();
        s.runEpoch();
        s.runEpoch();
        assertNull(s.takeMaskUpdate());
        assertEquals(start, s.network().masks());
        assertEquals(0, s.maskUpdates());
        assertNotNull(s.lastMetrics());
    }
}
