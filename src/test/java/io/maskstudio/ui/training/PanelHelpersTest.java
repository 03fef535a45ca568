package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphFile;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small plain-Java pieces of the panel. */
class PanelHelpersTest {

    private static TrainingSnapshot at(int epoch) {
        return new TrainingSnapshot(new EpochMetrics(epoch, 1.0 / (epoch + 1), 0.5, Double.NaN, Double.NaN, 0.1), List.of());
    }

    @Test
    void theMetricsLogKeepsEpochsTheHistoryThinnedOut() {
        EpochMetricsLog log = new EpochMetricsLog();
        assertTrue(log.addAll(List.of(at(0), at(1), at(2), at(3))));
        assertFalse(log.addAll(List.of(at(0), at(2))), "nothing new");
        assertTrue(log.addAll(List.of(at(2), at(4))));
        assertEquals(List.of(1, 2, 3, 4), log.all().stream().map(EpochMetrics::epoch).toList());
    }

    @Test
    void stepRateAveragesOverAboutASecond() {
        StepRate r = new StepRate();
        assertTrue(Double.isNaN(r.update(0, 0)));
        assertTrue(Double.isNaN(r.update(500_000_000L, 50)), "not a full window yet");
        assertEquals(100.0, r.update(1_000_000_000L, 100), 1e-9);
        assertEquals(100.0, r.update(1_200_000_000L, 300), 1e-9, "kept until the next window closes");
        r.reset();
        assertTrue(Double.isNaN(r.update(5_000_000_000L, 0)));
    }

    @Test
    void historyCapacityFitsTheMemoryBudget() throws Exception {
        var digits = GraphFile.read(Path.of("sample-graphs/digits-local.graph.json"));
        assertEquals(TrainingController.MAX_HISTORY, TrainingController.historyCapacity(digits));
        var mnist = GraphFile.read(Path.of("sample-graphs/mnist-local.graph.json"));
        int n = TrainingController.historyCapacity(mnist);
        assertTrue(n >= 8 && n < TrainingController.MAX_HISTORY, "capacity " + n);
        assertTrue((long) n * (196 * 784 + 10 * 196) * 8 <= TrainingController.HISTORY_BYTES);
    }

    @Test
    void epochAxisStepsAreRound() {
        assertEquals(1, MetricsCharts.niceStep(0.6));
        assertEquals(2, MetricsCharts.niceStep(1.5));
        assertEquals(5, MetricsCharts.niceStep(3.75));
        assertEquals(50, MetricsCharts.niceStep(25));
        assertEquals(100, MetricsCharts.niceStep(100));
    }

    @Test
    void statusAndMetricsText() {
        Trainer.Progress p = new Trainer.Progress(Trainer.State.RUNNING, 3, 12, 45, 0.25, "");
        assertEquals("epoch 3/30 · step 12/45 · 850 steps/s · loss 0.2500 · running", StatusText.of(p, 30, 850.2, false));
        assertEquals("train loss 0.5000 · acc 50.0%", StatusText.metrics(at(1).metrics()));
        assertEquals("train loss 0.5000 · acc 90.0% · val loss 0.7000 · acc 80.0%",
                StatusText.metrics(new EpochMetrics(2, 0.5, 0.9, 0.7, 0.8, 1)));
        assertEquals("untrained (initial weights)", StatusText.metrics(at(0).metrics()));
    }

    @Test
    void settingsNumbersReadBackAsTyped() {
        assertEquals("0.001", SettingsForm.format(1e-3));
        assertEquals("32", SettingsForm.format(32));
        assertEquals("1e-5", SettingsForm.format(1e-5));
        assertEquals("1e38", SettingsForm.format(1e38));
        assertEquals("2.5e-7", SettingsForm.format(2.5e-7));
    }

    @Test
    void theWorkerHandsOutOnlyTheNewestResult() throws Exception {
        try (LatestOnlyWorker<String> w = new LatestOnlyWorker<>("test-worker")) {
            CountDownLatch release = new CountDownLatch(1);
            w.submit(() -> {
                await(release);
                return "old";
            });
            w.submit(() -> "new");
            release.countDown();
            String[] got = new String[1];
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> (got[0] = w.take()) != null);
            assertEquals("new", got[0]);
            assertNull(w.take(), "each result is handed out once");
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
