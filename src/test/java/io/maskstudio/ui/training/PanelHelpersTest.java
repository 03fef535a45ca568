package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small plain-Java pieces of the panel. */
class PanelHelpersTest {

    private static TrainingSnapshot at(int epoch) {
        return new TrainingSnapshot(new EpochMetrics(epoch, 1.0 / (epoch + 1), 0.5, Double.NaN, Double.NaN, 0.1), List.of());
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
    void statusAndMetricsText() {
        Trainer.Progress p = new Trainer.Progress(Trainer.State.RUNNING, 3, 12, 45, 0.25, "");
        assertEquals("epoch 3/30 · step 12/45 · 850 steps/s · loss 0.2500 · running", StatusText.of(p, 30, 850.2, false));
        assertEquals("train loss 0.5000 · acc 50.0%", StatusText.metrics(at(1).metrics()));
        assertEquals("train loss 0.5000 · acc 90.0% · val loss 0.7000 · acc 80.0%",
                StatusText.metrics(new EpochMetrics(2, 0.5, 0.9, 0.7, 0.8, 1)));
        assertEquals("untrained (initial weights)", StatusText.metrics(at(0).metrics()));
    }

    @Test
    void lossesKeepFourSignificantDigits() {
        assertEquals("2.303", NumberText.loss(2.302585)); // ln 10, an untrained 10-class net
        assertEquals("0.6931", NumberText.loss(0.693147)); // ln 2
        assertEquals("0.2500", NumberText.loss(0.25));
        assertEquals("0.0001235", NumberText.loss(0.00012345), "was 0.0001 with four decimals");
        assertEquals("0.0001000", NumberText.loss(1e-4));
        assertEquals("3.000e-05", NumberText.loss(3e-5), "was 0.0000");
        assertEquals("10.00", NumberText.loss(9.99996), "rounding up adds a digit before the point, not after it");
        assertEquals("12350", NumberText.loss(12345.6));
        assertEquals("1.235e+06", NumberText.loss(1234567));
        assertEquals("-0.5000", NumberText.loss(-0.5));
        assertEquals("0", NumberText.loss(0));
        assertEquals("NaN", NumberText.loss(Double.NaN));
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("0:00", NumberText.duration(0));
        assertEquals("0:59", NumberText.duration(59.4));
        assertEquals("1:00", NumberText.duration(59.6));
        assertEquals("4:05", NumberText.duration(245));
        assertEquals("1:02:03", NumberText.duration(3723));
        assertEquals("25:01:01", NumberText.duration(90061));
        assertEquals("—", NumberText.duration(Double.NaN), "no rate measured yet");
        assertEquals("—", NumberText.duration(Double.POSITIVE_INFINITY));
    }

    @Test
    void theRunClockCountsOnlyRunningTime() {
        RunClock c = new RunClock();
        c.update(0, true, 0);
        assertTrue(Double.isNaN(c.averageRate()), "nothing measured yet");
        c.update(1_000_000_000L, true, 300);
        assertEquals(1.0, c.elapsedSeconds(), 1e-12);
        assertEquals(300.0, c.averageRate(), 1e-9);
        c.update(2_000_000_000L, false, 400); // seen paused: the second since the last frame is not counted
        c.update(3_000_000_000L, false, 401); // a Step while paused
        c.update(5_000_000_000L, false, 401);
        c.update(6_000_000_000L, true, 401); // resumed: counting starts at this frame
        assertEquals(1.0, c.elapsedSeconds(), 1e-12, "the pause did not count");
        c.update(7_000_000_000L, true, 501);
        assertEquals(2.0, c.elapsedSeconds(), 1e-12);
        assertEquals(200.0, c.averageRate(), 1e-9, "400 steps in 2 running seconds (300 + 100)");
        c.reset();
        assertEquals(0.0, c.elapsedSeconds());
        assertTrue(Double.isNaN(c.averageRate()));

        assertEquals(15.0, RunClock.remainingSeconds(250, 1000, 50), 1e-12, "750 steps at 50/s");
        assertEquals(0.0, RunClock.remainingSeconds(1200, 1000, 50), "past the plan (epochs lowered)");
        assertTrue(Double.isNaN(RunClock.remainingSeconds(250, 1000, Double.NaN)), "rate not known yet");
        assertTrue(Double.isNaN(RunClock.remainingSeconds(250, 1000, 0)));
        assertEquals(0.25, RunClock.fraction(250, 1000), 1e-12);
        assertEquals(0.0, RunClock.fraction(0, 0), "nothing planned yet (still loading)");
    }

    @Test
    void stepRateHoldsItsRateThroughAPause() {
        StepRate r = new StepRate();
        r.update(0, 0);
        assertEquals(100.0, r.update(1_000_000_000L, 100), 1e-9);
        assertEquals(100.0, r.hold(), 1e-9);
        // Resumed 10 s later with the same step count: the pause must not enter the next window.
        r.update(11_000_000_000L, 100);
        assertEquals(200.0, r.update(12_000_000_000L, 300), 1e-9);
    }

    @Test
    void accuracyAxisSpansTheData() {
        assertArrayEquals(new double[] {96, 100, 1}, CurvesPanel.accuracyRange(97, 99), 1e-9);
        assertArrayEquals(new double[] {40, 100, 20}, CurvesPanel.accuracyRange(50, 100), 1e-9);
        // One value: at least 0.5 % of room either side, on 0.2 ticks.
        assertArrayEquals(new double[] {99.4, 100, 0.2}, CurvesPanel.accuracyRange(99.9, 99.9), 1e-9);
        assertEquals(1, CurvesPanel.niceStep(0.6), 1e-12);
        assertEquals(0.2, CurvesPanel.niceStep(0.11), 1e-12);
        assertEquals(0.05, CurvesPanel.niceStep(0.05), 1e-12);
        assertEquals(5, CurvesPanel.niceStep(3), 1e-12);
        assertEquals(20, CurvesPanel.niceStep(11), 1e-12);
    }

    @Test
    void theScrubberSaysWhenTheHistoryIsThinned() {
        assertEquals("", EpochScrubber.coverageText(List.of()));
        assertEquals("", EpochScrubber.coverageText(List.of(at(0), at(1), at(2), at(3))), "every epoch held");
        assertEquals("showing 3 of 48 epochs (older ones are thinned out) · ←/→ step one kept epoch",
                EpochScrubber.coverageText(List.of(at(0), at(16), at(32), at(48))));
        assertTrue(EpochScrubber.coverageText(List.of(at(0), at(4096), at(4483))).startsWith("showing 2 of 4,483 epochs"));
    }

    @Test
    void settingsNumbersReadBackAsTyped() {
        assertEquals("0.001", SettingsForm.format(1e-3));
        assertEquals("32", SettingsForm.format(32));
        assertEquals("1e-5", SettingsForm.format(1e-5));
        assertEquals("1e38", SettingsForm.format(1e38));
        assertEquals("2.5e-7", SettingsForm.format(2.5e-7));
    }
}
