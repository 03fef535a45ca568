package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training the sample, then back in the editor: its tab says that a run trains the design, with the run's accuracy. */
class EditorTrainingIndicatorTest extends UiTest {
    private static final Pattern SUMMARY = Pattern.compile("Training · epoch (\\d+) · acc (\\d+\\.\\d)%");
    private static final Pattern PAUSED = Pattern.compile("Paused · epoch (\\d+) · acc (\\d+\\.\\d)%");

    private static int epochIn(String text, Pattern p) {
        Matcher m = p.matcher(text);
        assertTrue(m.matches(), text);
        return Integer.parseInt(m.group(1));
    }

    private Trainer trainer() {
        return window.training().trainer();
    }

    @Test
    void theEditorTabShowsTheRunningTrainingAndItsAccuracy() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        Label indicator = lookup("#trainingIndicator").queryAs(Label.class);
        assertFalse(indicator.isVisible(), "no run, no indicator");

        clickOn("#trainingTab");
        clickOn(lookup("#start").queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> trainer() != null && trainer().progress().epoch() >= 2);
        clickOn("#editorTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.modes().getSelectionModel().getSelectedIndex(), "the Editor tab is shown");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> indicator.isVisible() && SUMMARY.matcher(indicator.getText()).matches());

        // It sits in the Editor tab's header, on screen.
        Node header = lookup("#editorTab").query();
        Bounds tab = header.localToScreen(header.getBoundsInLocal());
        Bounds badge = indicator.localToScreen(indicator.getBoundsInLocal());
        assertTrue(badge.getWidth() > 0 && tab.contains(badge.getCenterX(), badge.getCenterY()), badge + " in " + tab);

        // Further epochs reach it while the editor is shown.
        int first = epochIn(WaitForAsyncUtils.asyncFx(indicator::getText).get(10, TimeUnit.SECONDS), SUMMARY);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            Matcher later = SUMMARY.matcher(indicator.getText());
            return later.matches() && Integer.parseInt(later.group(1)) > first;
        });

        // Paused, it names the run's latest epoch and that epoch's accuracy (the sample has a validation split). Only
        // once the run holds still can the two be compared: an epoch of this sample takes about a millisecond, and
        // the history thins older snapshots as new ones come.
        clickOn("#trainingTab");
        clickOn(lookup("#pause").queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> trainer().progress().state() == Trainer.State.PAUSED);
        clickOn("#editorTab");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> PAUSED.matcher(indicator.getText()).matches());
        String text = WaitForAsyncUtils.asyncFx(indicator::getText).get(10, TimeUnit.SECONDS);
        Matcher m = PAUSED.matcher(text);
        assertTrue(m.matches(), text);
        TrainingSnapshot latest = trainer().history().latest();
        assertEquals(latest.epoch(), Integer.parseInt(m.group(1)), text);
        assertEquals(String.format(Locale.ROOT, "%.1f", 100 * latest.metrics().valAccuracy()), m.group(2), text);

        clickOn("#trainingTab");
        clickOn(lookup("#stop").queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> trainer().progress().state() == Trainer.State.CLOSED);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !indicator.isVisible());
    }
}
