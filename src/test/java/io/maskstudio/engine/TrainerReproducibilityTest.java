package io.maskstudio.engine;

import io.maskstudio.data.Split;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Trainer thread the app uses is as deterministic as a session driven by hand: two trainers
 * with the same seed, running at the same time, with single steps and a mask edit (RANDOM weights for
 * added connections) before running on, hold bit-identical snapshots at every epoch, equal to a
 * session driven directly through the same sequence; another seed gives other weights.
 */
class TrainerReproducibilityTest {
    static final int STEPS_BEFORE_EDIT = 5;

    @Test
    void twoTrainersWithTheSameSeedMatchEachOtherAndADirectSession() throws Exception {
        try (Trainer a = started(7); Trainer b = started(7); Trainer c = started(8)) {
            for (Trainer t : List.of(a, b, c)) assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
            List<TrainingSnapshot> ha = a.history().snapshots();
            List<TrainingSnapshot> hb = b.history().snapshots();
            assertEquals(5, ha.size(), "initial state and four epochs");
            assertEquals(ha.size(), hb.size());
            for (int e = 0; e < ha.size(); e++) assertSameParameters(ha.get(e), hb.get(e), "snapshot " + e);

            TrainingSession direct = session(7);
            for (int k = 0; k < STEPS_BEFORE_EDIT; k++) direct.step();
            direct.setMask(0, edited(direct.network().layer(0).mask()));
            while (direct.completedEpochs() < direct.settings().epochs()) direct.step();
            assertSameParameters(direct.snapshot(), a.history().latest(), "trainer against the direct session");

            assertFalse(Arrays.equals(a.history().latest().layers().get(0).weights(), c.history().latest().layers().get(0).weights()),
                    "seed 8 gives other weights");
        }
    }

    private static Trainer started(long seed) {
        Trainer t = new Trainer(() -> session(seed), 100);
        for (int k = 0; k < STEPS_BEFORE_EDIT; k++) t.step();
        t.setMask(0, edited(TrainingSessionTest.design("adam", 0.01).mask(0)));
        t.start();
        return t;
    }

    private static TrainingSession session(long seed) {
        NetworkDesign d = TrainingSessionTest.design("adam", 0.01);
        d.setSettings(d.settings().withEpochs(4).withSeed(seed));
        TrainingSession s = new TrainingSession(d, Split.of(TrainingSessionTest.blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT);
        s.network().setAddedConnectionInit(AddedConnectionInit.RANDOM);
        return s;
    }

    /** Every third entry flipped, every row keeps an input. */
    static Mask edited(Mask m) {
        Mask e = m.copy();
        for (int o = 0; o < e.rows(); o++) for (int i = 0; i < e.cols(); i++) if ((o * 5 + i) % 3 == 0) e.set(o, i, !e.get(o, i));
        for (int o = 0; o < e.rows(); o++) if (e.fanIn(o) == 0) e.set(o, 0, true);
        return e;
    }

    private static void assertSameParameters(TrainingSnapshot x, TrainingSnapshot y, String what) {
        assertEquals(x.epoch(), y.epoch(), what + ": epoch");
        for (int k = 0; k < x.layers().size(); k++) {
            assertEquals(x.layers().get(k).mask(), y.layers().get(k).mask(), what + ": mask of layer " + k);
            assertArrayEquals(x.layers().get(k).weights(), y.layers().get(k).weights(), what + ": weights of layer " + k);
            assertArrayEquals(x.layers().get(k).bias(), y.layers().get(k).bias(), what + ": biases of layer " + k);
        }
    }
}
