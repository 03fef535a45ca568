package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.engine.TrainingObserver;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live run's curves: what the observer calls leave in the view, thinning, and a reader beside the writer. */
class LiveCurvesTest {

    private static TrainingSnapshot snapshot(int epoch, float add) {
        Mask m = Mask.full(2, 3);
        m.set(0, 0, false);
        float[] w = {1 + add, 2 + add, 3 + add, 4 + add, 5 + add, 6 + add};
        float[] g = {9, 1, 1, 1, 1, 1};
        return new TrainingSnapshot(new EpochMetrics(epoch, 1.0 / epoch, 0.5, 1.1 / epoch, 0.4, 1.5), List.of(new LayerSnapshot(2, 3, w, new float[2], g, m)));
    }

    @Test
    void maskUpdatesAreThinnedEvenlyAndEveryOtherEventIsKeptInOrder() {
        LiveCurves live = new LiveCurves("run", null);
        int updates = 5 * LiveCurves.MAX_MASK_UPDATES + 3;
        for (int k = 1; k <= updates; k++) {
            live.event(TrainingEvent.MASK_UPDATE, "update " + k, 1, 7L * k);
            if (k % 1000 == 0) live.event(TrainingEvent.PAUSE, "pause " + k, 1, 7L * k);
        }
        List<CurveSource.Event> events = live.view().events();
        List<CurveSource.Event> pauses = events.stream().filter(e -> e.kind().equals("pause")).toList();
        List<CurveSource.Event> kept = events.stream().filter(e -> e.kind().equals("mask-update")).toList();
        assertEquals(List.of("pause 1000", "pause 2000", "pause 3000", "pause 4000", "pause 5000"), pauses.stream().map(CurveSource.Event::detail).toList());
        assertTrue(kept.size() <= LiveCurves.MAX_MASK_UPDATES && kept.size() > LiveCurves.MAX_MASK_UPDATES / 2, "kept " + kept.size());
        // Evenly: every 8th update from the first (the stride doubled three times past 1000, 2000 and 4000 kept ones).
        for (int j = 0; j < kept.size(); j++) assertEquals("update " + (1 + 8 * j), kept.get(j).detail());
        // In the order told: each pause sits after the updates before it.
        for (int j = 1; j < events.size(); j++) assertTrue(events.get(j - 1).step() <= events.get(j).step(), "in order at " + j);
    }

    @Test
    void epochsBatchesEventsAndLayerStatsReachTheView() {
        LiveCurves live = new LiveCurves("run", null);
        long v0 = live.version();
        live.batch(1, 1, new MaskedNetwork.BatchResult(2.0, 3, 4));
        live.epoch(snapshot(1, 0).metrics(), snapshot(1, 0));
        live.event(TrainingEvent.MASK_EDIT, "pair 0: 5 connections", 1, 1);
        live.epoch(snapshot(2, 1).metrics(), snapshot(2, 1));
        live.ended(Trainer.State.CLOSED, "", snapshot(2, 1));
        CurveSource v = live.view();
        assertTrue(live.version() > v0);
        assertEquals(List.of(new CurveSource.Step(1, 1, 2.0, 0.75)), v.steps());
        assertEquals(List.of(1, 2), v.metrics().stream().map(EpochMetrics::epoch).toList());
        assertEquals(List.of("mask-edit", "stopped"), v.events().stream().map(CurveSource.Event::kind).toList());
        assertEquals(2, v.events().get(1).epoch());
        // Present connections: all but (0, 0). Epoch 1: ||(2..6)|| = sqrt(90); gradient sqrt(5) (the 9 is absent).
        // Epoch 2 moved every weight by 1: ratio sqrt(5) / sqrt(90).
        LayerStats e1 = v.layers().get(0), e2 = v.layers().get(1);
        assertEquals(Math.sqrt(90), e1.weightNorm(), 1e-6);
        assertEquals(Math.sqrt(5), e1.gradNorm(), 1e-6);
        assertTrue(Double.isNaN(e1.updateRatio()));
        assertEquals(Math.sqrt(4 + 9 + 16 + 25 + 36 + 2 * (2 + 3 + 4 + 5 + 6) + 5), e2.weightNorm(), 1e-5);
        assertEquals(Math.sqrt(5) / Math.sqrt(90), e2.updateRatio(), 1e-6);
        assertEquals(5, e2.connections());
        assertSame(v, live.view(), "no change, no new copy");
        assertThrows(UnsupportedOperationException.class, () -> v.metrics().add(null), "the view is immutable");
    }

    @Test
    void aDivergedRunThatEndsIsNoStop() {
        LiveCurves live = new LiveCurves("run", null);
        live.event(TrainingEvent.DIVERGED, "loss is NaN", 3, 30);
        live.ended(Trainer.State.CLOSED, "", null);
        assertEquals(List.of("diverged"), live.view().events().stream().map(CurveSource.Event::kind).toList());
    }

    @Test
    void batchesAreThinnedEvenlyAndAReaderAlwaysSeesAConsistentView() throws Exception {
        LiveCurves live = new LiveCurves("run", null, 100);
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (long s = 1; s <= 200_000; s++) live.batch((int) (s / 1000) + 1, s, new MaskedNetwork.BatchResult(1.0 / s, 1, 2));
        });
        writer.start();
        long lastVersion = -1;
        while (writer.isAlive() || lastVersion != live.version()) {
            long version = live.version();
            CurveSource v = live.view();
            List<CurveSource.Step> steps = v.steps();
            if (steps.size() > 101) wrong.compareAndSet(null, steps.size() + " rows kept");
            for (int i = 1; i < steps.size(); i++) {
                if (steps.get(i).step() <= steps.get(i - 1).step()) wrong.compareAndSet(null, "steps out of order at " + i);
            }
            if (version < lastVersion) wrong.compareAndSet(null, "the version went back");
            lastVersion = version;
        }
        writer.join();
        assertNull(wrong.get());
        List<CurveSource.Step> steps = live.view().steps();
        long stride = steps.get(1).step() - steps.get(0).step();
        // Every kept row one stride apart, from step 1: evenly spread over the whole run.
        for (int i = 0; i < steps.size(); i++) assertEquals(1 + i * stride, steps.get(i).step());
        assertTrue(steps.get(steps.size() - 1).step() > 200_000 - stride, "up to the end");
        assertTrue(steps.size() >= 50 && steps.size() <= 100, steps.size() + " rows");
    }

    @Test
    void bothTellsTheSecondObserverWhenTheFirstThrows() {
        LiveCurves live = new LiveCurves("run", null);
        TrainingObserver failing = new TrainingObserver() {
            @Override
            public void event(TrainingEvent kind, String detail, int epoch, long step) {
                throw new IllegalStateException("broken");
            }
        };
        assertThrows(IllegalStateException.class, () -> TrainingObserver.both(failing, live).event(TrainingEvent.PAUSE, "", 1, 5));
        assertEquals(1, live.view().events().size());
    }
}
