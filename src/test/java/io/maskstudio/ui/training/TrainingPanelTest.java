package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.render.LineChart;
import io.maskstudio.render.Raster;
import io.maskstudio.runs.CurveSource;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panel driven through its controls on the xor sample, headless (Monocle); every wait is bounded. */
@ExtendWith(ApplicationExtension.class)
class TrainingPanelTest {
    private static final long WAIT_SECONDS = 60;
    private NetworkDesign design;
    private TrainingPanel panel;

    @Start
    void start(Stage stage) throws Exception {
        design = GraphFile.read(Path.of("sample-graphs/xor.graph.json"));
        // Many epochs, so a test that pauses is not beaten by the run finishing on its own.
        design.setSettings(design.settings().withEpochs(100_000));
        panel = new TrainingPanel(design);
        // Monocle's headless screen is 1280x800: a larger stage overflows its frame buffer.
        stage.setScene(new Scene(panel, 1280, 800));
        stage.show();
    }

    @AfterEach
    void dispose() throws Exception {
        fx(() -> {
            panel.dispose();
            return null;
        });
    }

    @Test
    void startTrainsAndDrawsCurvesAndHeatmaps(FxRobot robot) throws Exception {
        removeConnection(0, 0, 0); // xor is fully connected: give the growth map an absent connection to show
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 2);
        waitUntil(() -> fx(() -> panel.charts().points() >= 2));
        waitUntil(() -> fx(() -> notBlank(panel.heatmaps().weightsTile().image())));
        waitUntil(() -> fx(() -> notBlank(panel.heatmaps().growthTile().image())));
        assertTrue(fx(() -> panel.status().getText()).contains("running"), "status shows the state");
    }

    @Test
    void pauseStopsTheEpochsAdvancing(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 1);
        robot.clickOn("#pause");
        waitUntil(() -> progress().state() == Trainer.State.PAUSED);
        Trainer.Progress paused = trainer().awaitIdle(WAIT_SECONDS, TimeUnit.SECONDS);
        Trainer.Progress later = afterAnotherCommand();
        assertEquals(paused.epoch(), later.epoch());
        assertEquals(paused.step(), later.step());
        waitUntil(() -> fx(() -> !button("start").isDisabled() && button("pause").isDisabled()));
    }

    @Test
    void stepTrainsExactlyOneBatch(FxRobot robot) throws Exception {
        robot.clickOn("#step");
        waitUntil(() -> progress().step() == 1 && progress().state() == Trainer.State.PAUSED);
        // the trainer pauses before the panel re-enables Step: a click on the disabled button would be lost
        waitUntil(() -> fx(() -> !button("step").isDisabled()));
        robot.clickOn("#step");
        waitUntil(() -> progress().step() == 2);
        assertEquals(2, afterAnotherCommand().step(), "no batch after the second step");
        assertEquals(0, progress().epoch());
        // The history holds only the untrained epoch 0, without a gradient; Step shows the network after the batch.
        waitUntil(() -> fx(() -> notBlank(panel.heatmaps().gradientTile().image())));
        assertEquals("epoch 0 + 2 steps", fx(() -> label("epochLabel").getText()));
    }

    @Test
    void scrubbingToEpochOneShowsItsMetricsAndWeights(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 3);
        robot.clickOn("#pause");
        waitUntil(() -> fx(() -> panel.scrubber().selected() != null && panel.scrubber().selected().epoch() >= 3));
        List<TrainingSnapshot> history = trainer().history().snapshots();
        // The earliest trained epoch still held: a fast run may already have thinned the history past epoch 1.
        int index = 1;
        TrainingSnapshot epoch1 = history.get(index);
        assertTrue(epoch1.epoch() >= 1 && epoch1.epoch() < history.get(history.size() - 1).epoch());

        fx(() -> {
            robot.lookup("#epochScrubber").queryAs(Slider.class).setValue(index);
            return null;
        });

        assertEquals(StatusText.metrics(epoch1.metrics()), fx(() -> label("epochMetrics").getText()));
        assertTrue(fx(() -> label("epochLabel").getText()).startsWith(String.valueOf(epoch1.epoch())));
        Raster expected = LayerImages.render(epoch1.layers().get(0), LayerHeatmaps.IMAGE_WIDTH, LayerHeatmaps.IMAGE_HEIGHT).weights();
        waitUntil(() -> fx(() -> samePixels(expected, panel.heatmaps().weightsTile().image())));
    }

    @Test
    void aMaskEditWhilePausedReachesTheTrainer(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 1);
        robot.clickOn("#pause");
        waitUntil(() -> progress().state() == Trainer.State.PAUSED);
        int pausedEpoch = progress().epoch();
        LayerSnapshot before = trainer().history().latest().layers().get(0);
        assertTrue(before.weights()[0] != 0f, "the connection had a trained weight");

        removeConnection(0, 0, 0);
        waitUntil(() -> trainer().pausedSnapshot() != null && !trainer().pausedSnapshot().layers().get(0).mask().get(0, 0));
        assertEquals(0f, trainer().pausedSnapshot().layers().get(0).weights()[0], "applied while paused");
        robot.clickOn("#start");
        waitUntil(() -> trainer().history().latest().epoch() > pausedEpoch);

        LayerSnapshot after = trainer().history().latest().layers().get(0);
        assertFalse(after.mask().get(0, 0));
        assertEquals(0f, after.weights()[0]);
        assertTrue(after.weights()[1] != 0f, "the other connections keep training");
    }

    @Test
    void aHugeLearningRateShowsTheDivergenceAndKeepsTheLastGoodEpoch(FxRobot robot) throws Exception {
        fx(() -> {
            robot.lookup("#optimizer").queryAs(ComboBox.class).getSelectionModel().select("sgd");
            return null;
        });
        robot.doubleClickOn("#learningRate").eraseText(12).write("1e38").type(KeyCode.ENTER);
        assertEquals(1e38, fx(() -> design.settings().learningRate()));

        robot.clickOn("#start");
        waitUntil(() -> progress().state() == Trainer.State.DIVERGED);
        waitUntil(() -> fx(() -> panel.message().isVisible()));
        String shown = fx(() -> panel.message().getText());
        assertTrue(shown.contains("diverged"), shown);
        assertEquals(progress().message(), shown);
        TrainingSnapshot kept = trainer().history().latest();
        assertTrue(shown.contains("kept the state of epoch " + kept.epoch()), shown);
        for (float w : kept.layers().get(0).weights()) assertTrue(Float.isFinite(w));
        waitUntil(() -> fx(() -> !button("start").isDisabled()));
    }

    @Test
    void stopThenStartBeginsAFreshRun(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 2);
        Trainer first = trainer();
        robot.clickOn("#stop");
        waitUntil(() -> first.progress().state() == Trainer.State.CLOSED);
        assertTrue(fx(() -> panel.charts().points()) >= 2, "the stopped run stays on screen");

        robot.clickOn("#start");
        waitUntil(() -> trainer() != first && progress().epoch() >= 1);
        assertNotSame(first, trainer());
        waitUntil(() -> fx(() -> panel.charts().points() >= 1));
        assertTrue(fx(() -> panel.charts().points()) <= progress().epoch(), "the curves started over");
    }

    @Test
    void loweringEpochsWhileTrainingFinishesTheRun(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 1);
        fx(() -> {
            design.setSettings(design.settings().withEpochs(progress().epoch() + 1));
            return null;
        });
        waitUntil(() -> progress().state() == Trainer.State.FINISHED);
        waitUntil(() -> fx(() -> button("start").isDisabled() && !button("stop").isDisabled()));
    }

    @Test
    void anInvalidSettingIsRefusedWithTheReason(FxRobot robot) throws Exception {
        double before = design.settings().learningRate();
        robot.doubleClickOn("#learningRate").eraseText(12).write("-1").type(KeyCode.ENTER);
        assertEquals(before, fx(() -> design.settings().learningRate()));
        assertTrue(fx(() -> label("settingsError").getText()).startsWith("Learning rate must be"), "the reason is shown");
        robot.doubleClickOn("#batchSize").eraseText(12).write("8").type(KeyCode.ENTER);
        assertEquals(8, fx(() -> design.settings().batchSize()));
        assertEquals("", fx(() -> label("settingsError").getText()));
    }

    @Test
    void anotherDesignStopsTheRunAndShowsItsSettingsAndLayers(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 1);
        Trainer first = trainer();
        NetworkDesign digits = GraphFile.read(Path.of("sample-graphs/digits-local.graph.json"));
        fx(() -> {
            panel.setDesign(digits);
            return null;
        });
        waitUntil(() -> first.progress().state() == Trainer.State.CLOSED);
        assertEquals("digits", fx(() -> robot.lookup("#dataset").queryAs(ComboBox.class).getValue()));
        removeConnection(0, 0, 0); // edits of the old design no longer matter
        fx(() -> {
            digits.setSettings(digits.settings().withEpochs(1));
            return null;
        });
        robot.clickOn("#start");
        waitUntil(() -> trainer() != first && progress().state() == Trainer.State.FINISHED);
        assertEquals(64, trainer().history().latest().layers().get(0).inFeatures());
    }

    @Test
    void whileRunningTheChartsAreUpdatedInBatchesAFewTimesASecond(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 1);
        int updates0 = fx(() -> panel.charts().updates());
        int epoch0 = progress().epoch();
        long t0 = System.nanoTime();
        // xor trains hundreds of epochs a second: 60 of them and a second at the least.
        waitUntil(() -> progress().epoch() >= epoch0 + 60 && System.nanoTime() - t0 >= 1_000_000_000L);
        int updates = fx(() -> panel.charts().updates()) - updates0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        // At most one batch per 250 ms, plus the first one and one in flight at each end.
        assertTrue(updates <= seconds * 4 + 3, updates + " chart updates in " + seconds + " s");
        assertTrue(updates >= 1, "the curves followed the run");
    }

    @Test
    void pausingPutsEveryEpochOnTheChartsAtOnce(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 3);
        AtomicReference<Boolean> complete = allEpochsShownWhenTheStatusFirstSays("paused");
        robot.clickOn("#pause");
        waitUntil(() -> complete.get() != null);
        assertTrue(complete.get(), "the frame that first said paused showed every epoch");
        assertEquals(Trainer.State.PAUSED, progress().state());
    }

    @Test
    void finishingPutsEveryEpochOnTheChartsAtOnce(FxRobot robot) throws Exception {
        fx(() -> {
            design.setSettings(design.settings().withEpochs(40));
            return null;
        });
        AtomicReference<Boolean> complete = allEpochsShownWhenTheStatusFirstSays("finished");
        robot.clickOn("#start");
        waitUntil(() -> complete.get() != null);
        assertTrue(complete.get(), "the frame that first said finished showed every epoch");
        assertEquals(40, fx(() -> panel.charts().points()), "one point per epoch");
        assertEquals(40, fx(() -> panel.charts().lastEpoch()));
    }

    /**
     * Whether, in the frame where the status line first contains {@code state}, the charts end at the history's
     * newest epoch and the scrubber follows it (null until then). The status is set after the curves in the same
     * frame; with curve updates held back although the trainer has stopped, it would say so while they lag behind.
     */
    private AtomicReference<Boolean> allEpochsShownWhenTheStatusFirstSays(String state) throws Exception {
        AtomicReference<Boolean> result = new AtomicReference<>();
        fx(() -> {
            panel.status().textProperty().addListener((o, was, now) -> {
                if (result.get() == null && now.contains(state)) result.set(allEpochsShown());
            });
            return null;
        });
        return result;
    }

    private boolean allEpochsShown() {
        TrainingSnapshot latest = panel.trainer().history().latest();
        return panel.charts().lastEpoch() == latest.epoch() && panel.scrubber().selected() == latest;
    }

    @Test
    void longRunsAreThinnedOnTheCharts() throws Exception {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= 1300; e++) epochs.add(new EpochMetrics(e, 1.0 / e, 0.5, 1.0 / e, 0.5, 0.01));
        int[] points = fx(() -> {
            CurvesPanel charts = new CurvesPanel();
            charts.resize(900, 400);
            charts.layout();
            charts.show(List.of(new CurveSource("short", null, null, epochs.subList(0, 700), List.of(), List.of(), List.of())));
            charts.show(List.of(new CurveSource("long", null, null, epochs, List.of(), List.of(), List.of())));
            return new int[] {charts.points(), charts.lastEpoch()};
        });
        assertTrue(points[0] <= CurvesPanel.MAX_POINTS && points[0] >= CurvesPanel.MAX_POINTS / 2, points[0] + " points");
        assertEquals(1300, points[1], "the whole run is shown, thinned");
    }

    @Test
    void theProgressBarAndTimesFollowTheRunAndPausedTimeDoesNotCount(FxRobot robot) throws Exception {
        int epochs = fx(() -> design.settings().epochs());
        robot.clickOn("#step");
        waitUntil(() -> progress().step() == 1 && progress().state() == Trainer.State.PAUSED);
        int spe = progress().stepsPerEpoch();
        assertTrue(spe > 0);
        waitUntil(() -> fx(() -> panel.status().getText()).contains("step 1/"));
        assertEquals(1.0 / ((long) epochs * spe), fx(() -> panel.runProgress().getProgress()), 1e-12, "one step of the planned ones");
        assertEquals("elapsed 0:00 · remaining —", fx(() -> panel.runTime().getText()), "no rate measured: no guess");

        long started = System.nanoTime();
        robot.clickOn("#start");
        // After a second of running the remaining time appears; wait for five, so whole seconds are precise enough.
        waitUntil(() -> progress().epoch() >= 3 && elapsedShown(fx(() -> panel.runTime().getText())) >= 5);
        // Status and times come from the same frame: remaining = steps left at the run's average rate so far.
        String[] shown = fx(() -> new String[] {panel.status().getText(), panel.runTime().getText()});
        Matcher st = Pattern.compile("epoch (\\d+)/(\\d+) · step (\\d+)/(\\d+)").matcher(shown[0]);
        assertTrue(st.find(), shown[0]);
        long done = Long.parseLong(st.group(1)) * spe + Long.parseLong(st.group(3));
        double elapsedSeconds = elapsedShown(shown[1]);
        double expected = ((long) epochs * spe - done) * elapsedSeconds / (done - 1); // the Step's batch was not trained running
        double remaining = clockSeconds(shown[1].substring(shown[1].indexOf("remaining ") + "remaining ".length()));
        // The elapsed time is shown to whole seconds (±0.5 s), the remaining one too.
        assertEquals(expected, remaining, 1 + expected * 0.6 / elapsedSeconds, shown[1] + " at " + shown[0]);

        robot.clickOn("#pause");
        waitUntil(() -> progress().state() == Trainer.State.PAUSED && fx(() -> panel.status().getText()).contains("paused"));
        double ranFor = (System.nanoTime() - started) / 1e9;
        Trainer.Progress p = trainer().awaitIdle(WAIT_SECONDS, TimeUnit.SECONDS);
        long doneSteps = (long) p.epoch() * spe + p.step();
        waitUntil(() -> Math.abs(fx(() -> panel.runProgress().getProgress()) - (double) doneSteps / ((long) epochs * spe)) < 1e-12);
        // Three seconds paused (a dozen status refreshes): the elapsed time still is at most the time it ran.
        long pausedAt = System.nanoTime();
        waitUntil(() -> System.nanoTime() - pausedAt > 3_000_000_000L);
        WaitForAsyncUtils.waitForFxEvents();
        String times = fx(() -> panel.runTime().getText());
        double elapsed = elapsedShown(times);
        assertTrue(elapsed <= ranFor + 1, times + " after running " + ranFor + " s and 3 s paused");
        assertTrue(elapsed >= 5, times + ": it ran for five seconds at least");
    }

    private static double elapsedShown(String times) {
        String clock = times.substring("elapsed ".length(), times.indexOf(" ·"));
        return clock.equals("—") ? 0 : clockSeconds(clock);
    }

    /** "4:05" or "1:02:03" in seconds, parsed here independently of the panel's formatter. */
    private static double clockSeconds(String clock) {
        double s = 0;
        for (String part : clock.trim().split(":")) s = s * 60 + Integer.parseInt(part);
        return s;
    }

    @Test
    void theAccuracyAxisSpansTheCurvesUnlessFullRangeIsTicked(FxRobot robot) throws Exception {
        NetworkDesign digits = GraphFile.read(Path.of("sample-graphs/digits-local.graph.json"));
        fx(() -> {
            digits.setSettings(digits.settings().withEpochs(100_000));
            panel.setDesign(digits);
            return null;
        });
        robot.clickOn("#start");
        // Past the first epochs digits is well above 70 %: 0..100 would squeeze the curves into the top third.
        waitUntil(() -> progress().epoch() >= 6);
        robot.clickOn("#pause");
        waitUntil(() -> progress().state() == Trainer.State.PAUSED && fx(() -> panel.status().getText()).contains("paused"));
        double[] plotted = fx(() -> plottedRange(panel.charts().accuracyChart().chart()));
        LineChart.Layout y = fx(() -> panel.charts().accuracyChart().plotLayout());
        double[] bounds = {y.yMin(), y.yMax()};
        assertTrue(bounds[0] <= plotted[0] && bounds[1] >= plotted[1], Arrays.toString(bounds) + " holds " + Arrays.toString(plotted));
        assertTrue(bounds[0] >= 0 && bounds[1] <= 100);
        // On screen: the curves use most of the plot's height.
        double used = (y.py(plotted[0]) - y.py(plotted[1])) / y.height();
        assertTrue(used > 0.6, "the curves span " + used + " of the height; plotted " + Arrays.toString(plotted)
                + " on " + Arrays.toString(bounds));

        robot.clickOn("#accuracyFullRange");
        assertEquals(0, fx(() -> panel.charts().accuracyChart().plotLayout().yMin()));
        assertEquals(100, fx(() -> panel.charts().accuracyChart().plotLayout().yMax()));
        robot.clickOn("#accuracyFullRange");
        assertEquals(bounds[0], fx(() -> panel.charts().accuracyChart().plotLayout().yMin()), "back to the data's range");
        assertEquals(bounds[1], fx(() -> panel.charts().accuracyChart().plotLayout().yMax()));
    }

    /** {min, max} of the y values of every point plotted in {@code chart}. */
    private static double[] plottedRange(LineChart chart) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (var series : chart.series()) {
            for (double v : series.y()) {
                if (!Double.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {min, max};
    }

    @Test
    void aFreshRunClearsTheOldCurvesAtOnce(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 3 && fx(() -> panel.charts().points() >= 3));
        Trainer first = trainer();
        robot.clickOn("#stop");
        waitUntil(() -> first.progress().state() == Trainer.State.CLOSED);
        assertTrue(fx(() -> panel.charts().lossChart().drawnPoints()) >= 3, "the stopped run stays on screen");

        // A fresh run that stays inside its first epoch: Step trains one batch and pauses.
        robot.clickOn("#step");
        waitUntil(() -> trainer() != first && progress().step() == 1 && progress().state() == Trainer.State.PAUSED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, fx(() -> panel.charts().points()));
        assertEquals(0, fx(() -> panel.charts().lossChart().drawnPoints()), "no old loss curve drawn");
        assertEquals(0, fx(() -> panel.charts().accuracyChart().drawnPoints()), "no old accuracy curve drawn");
        assertTrue(fx(() -> panel.charts().lossChart().plotLayout().xMax()) < 3, "the new run's axis, not the old one's epochs");
    }

    @Test
    void resumeFollowsTheLatestEpochAgainAfterScrubbingBack(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 5);
        robot.clickOn("#pause");
        waitUntil(() -> progress().state() == Trainer.State.PAUSED && fx(() -> panel.status().getText()).contains("paused"));
        assertTrue(fx(() -> toggle("followLatest").isSelected()), "following by default");
        List<TrainingSnapshot> history = trainer().history().snapshots();
        int pausedEpoch = history.get(history.size() - 1).epoch();

        robot.clickOn(knob()); // focuses the slider without moving it
        robot.type(KeyCode.LEFT, 2);
        int back = history.get(history.size() - 3).epoch();
        assertEquals(back + " of " + pausedEpoch, fx(() -> label("epochLabel").getText()));
        assertFalse(fx(() -> toggle("followLatest").isSelected()), "scrubbing back turned following off");

        robot.clickOn("#start");
        waitUntil(() -> fx(() -> panel.scrubber().selected() != null && panel.scrubber().selected().epoch() > pausedEpoch
                && label("epochLabel").getText().endsWith("(latest)")));
        assertTrue(fx(() -> toggle("followLatest").isSelected()));
    }

    @Test
    void arrowKeysStepOneKeptEpochAndTheThinningIsShown(FxRobot robot) throws Exception {
        int capacity = TrainingController.historyCapacity(design);
        robot.clickOn("#start");
        // Past the history's capacity it keeps every second epoch (then every fourth, ...).
        waitUntil(() -> progress().epoch() > 2 * capacity);
        robot.clickOn("#pause");
        waitUntil(() -> progress().state() == Trainer.State.PAUSED && fx(() -> panel.status().getText()).contains("paused"));
        List<TrainingSnapshot> history = trainer().history().snapshots();
        TrainingSnapshot newest = history.get(history.size() - 1);
        waitUntil(() -> fx(() -> panel.scrubber().selected() == newest));
        long kept = history.stream().filter(h -> h.epoch() > 0).count();
        String expected = String.format(Locale.ROOT, "showing %,d of %,d epochs", kept, newest.epoch());
        String coverage = fx(() -> label("epochCoverage").getText());
        assertTrue(coverage.startsWith(expected), coverage + " vs " + expected);

        robot.clickOn(knob());
        robot.type(KeyCode.LEFT);
        assertEquals(history.get(history.size() - 2).epoch() + " of " + newest.epoch(), fx(() -> label("epochLabel").getText()));
        robot.type(KeyCode.LEFT);
        int twoBack = history.get(history.size() - 3).epoch();
        assertEquals(twoBack + " of " + newest.epoch(), fx(() -> label("epochLabel").getText()));
        assertTrue(history.get(history.size() - 2).epoch() - twoBack > 1, "kept epochs are apart: one key skips several epochs");
        robot.type(KeyCode.RIGHT, 2);
        assertEquals(newest.epoch() + " (latest)", fx(() -> label("epochLabel").getText()));
        assertTrue(fx(() -> toggle("followLatest").isSelected()), "back at the end: following again");
    }

    @Test
    void theKnobStaysUnderThePointerWhileEpochsArrive(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 20 && fx(() -> panel.scrubber().selected() != null && panel.scrubber().selected().epoch() >= 20));
        Slider slider = robot.lookup("#epochScrubber").queryAs(Slider.class);
        double trackWidth = fx(slider::getWidth);
        Bounds track = fx(() -> slider.lookup(".track").localToScreen(slider.lookup(".track").getBoundsInLocal()));
        Point2D target = new Point2D(track.getMinX() + track.getWidth() * 0.4, track.getCenterY());
        robot.moveTo(knob()).press(MouseButton.PRIMARY).moveTo(target);
        try {
            // Hold the knob while the run goes on: dozens of epochs and several redraw periods.
            int heldAt = progress().epoch();
            long t0 = System.nanoTime();
            waitUntil(() -> progress().epoch() >= heldAt + 50 && System.nanoTime() - t0 > 1_000_000_000L);
            WaitForAsyncUtils.waitForFxEvents();
            double max = fx(slider::getMax);
            double knobX = fx(() -> knobCentreX());
            // Snapping to a kept snapshot puts the knob up to half a position away from the pointer.
            assertEquals(target.getX(), knobX, track.getWidth() / max / 2 + 3, "knob at " + knobX + ", pointer at " + target.getX());
            assertEquals(trackWidth, fx(slider::getWidth), "the track kept its width");
        } finally {
            robot.release(MouseButton.PRIMARY);
        }
        assertFalse(fx(() -> toggle("followLatest").isSelected()), "let go in the middle: not following");
        int chosen = fx(() -> panel.scrubber().selected().epoch());
        String chosenLabel = fx(() -> label("epochLabel").getText());
        assertTrue(chosenLabel.startsWith(chosen + " of "), chosenLabel);
        robot.clickOn("#followLatest");
        waitUntil(() -> fx(() -> label("epochLabel").getText().endsWith("(latest)") && panel.scrubber().selected().epoch() > chosen));
    }

    private Node knob() {
        return panel.lookup("#epochScrubber").lookup(".thumb");
    }

    private double knobCentreX() {
        Node k = knob();
        return k.localToScreen(k.getBoundsInLocal()).getCenterX();
    }

    private ToggleButton toggle(String id) {
        return (ToggleButton) panel.lookup("#" + id);
    }

    /**
     * The progress once the trainer has handled one more (harmless) command after all earlier ones: its loop ran
     * again, so a batch it was going to train on its own would have been trained by now. No sleeping on a guess.
     */
    private Trainer.Progress afterAnotherCommand() throws Exception {
        Trainer t = trainer();
        t.awaitIdle(WAIT_SECONDS, TimeUnit.SECONDS);
        t.pause();
        return t.awaitIdle(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aDatasetThatCannotBeReadShowsWhyAndStopsTheSpinner(FxRobot robot) throws Exception {
        Path csv = Files.createTempFile("broken", ".csv");
        Files.writeString(csv, "x1,x2,label\n0.5,0.25,1\n0.5,abc,0\n");
        fx(() -> {
            design.setSettings(design.settings().withDataset(csv.toString()));
            return null;
        });
        robot.clickOn("#start");
        waitUntil(() -> progress().state() == Trainer.State.FAILED);
        waitUntil(() -> fx(() -> panel.message().isVisible()));
        String shown = fx(() -> panel.message().getText());
        assertEquals(progress().message(), shown);
        assertTrue(shown.contains(csv.getFileName().toString()) && shown.contains("abc"), shown);
        waitUntil(() -> fx(() -> !robot.lookup("#loadingIndicator").query().isVisible()));
        assertTrue(fx(() -> panel.status().getText()).contains("failed"), fx(() -> panel.status().getText()));
        assertFalse(fx(() -> button("start").isDisabled()), "Start can try again");
        Files.delete(csv);
    }

    @Test
    void aFailureDuringTrainingShowsTheMessageAndKeepsTheLastGoodEpoch(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> progress().epoch() >= 2);
        Trainer t = trainer();
        // A mask of a shape the network does not have makes the trainer thread throw (the panel itself never sends one).
        t.setMask(0, new Mask(3, 3));
        waitUntil(() -> progress().state() == Trainer.State.FAILED);
        TrainingSnapshot last = t.history().latest();
        assertTrue(last.epoch() >= 2);
        waitUntil(() -> fx(() -> panel.message().isVisible()));
        String shown = fx(() -> panel.message().getText());
        assertEquals(progress().message(), shown);
        assertTrue(shown.startsWith("training failed") && shown.contains("mask must be [4,2], was [3,3]"), shown);
        assertFalse(fx(() -> robot.lookup("#loadingIndicator").query().isVisible()), "no spinner");
        waitUntil(() -> fx(() -> panel.status().getText()).contains("failed"));
        // The last good epoch stays on screen: curves, the scrubber on it, its weights in the heatmap.
        waitUntil(() -> fx(() -> panel.scrubber().selected() != null && panel.scrubber().selected().epoch() == last.epoch()));
        assertTrue(fx(() -> panel.charts().points()) >= 2);
        assertTrue(fx(() -> label("epochLabel").getText()).startsWith(String.valueOf(last.epoch())), fx(() -> label("epochLabel").getText()));
        Raster expected = LayerImages.render(last.layers().get(0), LayerHeatmaps.IMAGE_WIDTH, LayerHeatmaps.IMAGE_HEIGHT).weights();
        waitUntil(() -> fx(() -> samePixels(expected, panel.heatmaps().weightsTile().image())));
        assertFalse(fx(() -> button("start").isDisabled()), "Start begins a fresh run");
    }

    private void removeConnection(int pair, int out, int in) throws Exception {
        fx(() -> {
            Mask m = design.mask(pair).copy();
            m.set(out, in, false);
            design.setMask(pair, m);
            return null;
        });
    }

    private Trainer trainer() throws Exception {
        return fx(() -> panel.controller().trainer());
    }

    private Trainer.Progress progress() throws Exception {
        Trainer t = trainer();
        return t == null ? new Trainer.Progress(Trainer.State.PAUSED, 0, 0, 0, Double.NaN, "") : t.progress();
    }

    private Button button(String id) {
        return (Button) panel.lookup("#" + id);
    }

    private Label label(String id) {
        return (Label) panel.lookup("#" + id);
    }

    private static int indexOfEpoch(List<TrainingSnapshot> history, int epoch) {
        for (int i = 0; i < history.size(); i++) if (history.get(i).epoch() == epoch) return i;
        throw new AssertionError("no snapshot of epoch " + epoch + " in " + history.stream().map(TrainingSnapshot::epoch).toList());
    }

    static boolean notBlank(WritableImage image) {
        if (image == null) return false;
        PixelReader r = image.getPixelReader();
        int first = r.getArgb(0, 0);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (r.getArgb(x, y) != first) return true;
            }
        }
        return false;
    }

    static boolean samePixels(Raster expected, WritableImage image) {
        if (image == null || image.getWidth() != expected.width() || image.getHeight() != expected.height()) return false;
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                if (r.getArgb(x, y) != expected.getPixel(x, y)) return false;
            }
        }
        return true;
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for {@code condition}; on timeout fails with what the panel showed. */
    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            Trainer t = trainer();
            throw new AssertionError("timed out; status: " + fx(() -> panel.status().getText())
                    + "; message: " + fx(() -> panel.message().getText())
                    + "; progress: " + (t == null ? "no trainer" : t.progress()), e);
        }
    }
}
