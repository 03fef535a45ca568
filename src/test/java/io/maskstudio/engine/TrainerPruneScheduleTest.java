package io.maskstudio.engine;

import io.maskstudio.data.Split;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.PruneSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app's trainer applies the settings' prune schedule as {@code train --prune} always has: after the last batch of
 * epoch E, before its metrics are taken, each layer loses floor(F x nnz) of its smallest-|w| connections (ties: the
 * lower flat index), validation is re-evaluated, and a {@code prune} event names the epoch. The reference is a session
 * driven by hand the way the CLI's loop drove it, pruning with a naive sort instead of {@link MagnitudePruning}.
 */
class TrainerPruneScheduleTest {
    private static final PruneSchedule SCHEDULE = PruneSchedule.parse("0.5@2,0.25@3");

    private record Event(TrainingEvent kind, String detail, int epoch) {}

    private static NetworkDesign design() {
        NetworkDesign d = TrainingSessionTest.design("adam", 0.01);
        d.setSettings(d.settings().withEpochs(4).withPruneSchedule(SCHEDULE));
        return d;
    }

    private static TrainingSession session() {
        NetworkDesign d = design();
        return new TrainingSession(d, Split.of(TrainingSessionTest.blobs(240, 1), 0.25, 7), d.settings(), DataType.FLOAT);
    }

    @Test
    void theSettingsSchedulePrunesAtTheEndOfTheNamedEpochsLikeTheCli() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void event(TrainingEvent kind, String detail, int epoch, long step) {
                events.add(new Event(kind, detail, epoch));
            }
        };
        List<TrainingSnapshot> history;
        try (Trainer t = new Trainer(TrainerPruneScheduleTest::session, 100, observer)) {
            t.start();
            assertEquals(Trainer.State.FINISHED, t.awaitIdle(60, TimeUnit.SECONDS).state());
            history = t.history().snapshots();
        }
        assertEquals(5, history.size(), "initial state and four epochs");

        // By hand, as the CLI's loop: train an epoch; if the schedule names it, prune and re-evaluate validation.
        TrainingSession direct = session();
        List<TrainingSnapshot> expected = new ArrayList<>(List.of(direct.snapshot()));
        List<Event> expectedEvents = new ArrayList<>();
        for (int e = 1; e <= 4; e++) {
            while (direct.step() == null) { /* the epoch's batches */ }
            double f = SCHEDULE.fractionAfter(e);
            if (f > 0) {
                long left = 0;
                for (int k = 0; k < direct.network().layerCount(); k++) {
                    MaskedLinear l = direct.network().layer(k);
                    Mask pruned = naivePrune(l.mask(), l.weights(), f);
                    direct.setMask(k, pruned);
                    left += pruned.nnz();
                }
                direct.refreshValidation();
                expectedEvents.add(new Event(TrainingEvent.PRUNE, String.format(Locale.ROOT, "fraction %s of each layer; %d connections left", f, left), e));
            }
            expected.add(direct.snapshot());
        }
        assertEquals(expectedEvents, events.stream().filter(ev -> ev.kind() == TrainingEvent.PRUNE).toList());
        for (int e = 0; e <= 4; e++) {
            TrainingSnapshot want = expected.get(e);
            TrainingSnapshot got = history.get(e);
            EpochMetrics wm = want.metrics(), gm = got.metrics();
            assertEquals(List.of(wm.epoch(), wm.trainLoss(), wm.valLoss(), wm.valAccuracy()),
                    List.of(gm.epoch(), gm.trainLoss(), gm.valLoss(), gm.valAccuracy()),
                    "metrics of epoch " + e + " (validation after pruning)");
            for (int k = 0; k < want.layers().size(); k++) {
                assertEquals(want.layers().get(k).mask(), got.layers().get(k).mask(), "mask of layer " + k + " after epoch " + e);
                assertArrayEquals(want.layers().get(k).weights(), got.layers().get(k).weights(), "weights of layer " + k + " after epoch " + e);
            }
        }
        long start = history.get(0).layers().get(0).mask().nnz();
        long afterTwo = history.get(2).layers().get(0).mask().nnz();
        assertEquals(start - start / 2, afterTwo, "epoch 2 removes half of layer 0");
        assertEquals(afterTwo - afterTwo / 4, history.get(3).layers().get(0).mask().nnz(), "epoch 3 a quarter of what is left");
        assertEquals(history.get(3).layers().get(0).mask(), history.get(4).layers().get(0).mask(), "epoch 4 prunes nothing");
    }

    /** Removes floor(f x nnz) present cells, smallest |w| first, ties by the lower flat index: sorted in full. */
    private static Mask naivePrune(Mask m, float[] w, double f) {
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < w.length; c++) if (m.get(c / m.cols(), c % m.cols())) present.add(c);
        present.sort(Comparator.<Integer>comparingDouble(c -> Math.abs(w[c])).thenComparingInt(c -> c));
        Mask out = m.copy();
        int remove = (int) Math.floor(f * present.size());
        for (int r = 0; r < remove; r++) out.set(present.get(r) / m.cols(), present.get(r) % m.cols(), false);
        return out;
    }
}
