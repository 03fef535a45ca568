package io.maskstudio.ui;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Training tab's "Prune k weakest" and "Grow k strongest" on the digits sample: train, pause, type k, press the
 * button. The design loses (gains) exactly the k cells a full sort of the shown snapshot picks, as one step that the
 * Edit menu's Undo (or Ctrl+Z) takes back; the paused trainer gets the mask at once and the run's events.csv records
 * the edit as {@code prune} / {@code grow}; grown connections start at weight +0.0.
 */
class HintActionsTest extends TrainingHintsUi {

    /** Replaces the k spinner's text by typing, as a user does. */
    private void typeK(int k) {
        Node editor = lookup("#hintCount .text-field").query();
        doubleClickOn(editor);
        push(KeyCode.CONTROL, KeyCode.A);
        write(Integer.toString(k));
    }

    /** The paused run's shown snapshot, once the buttons may act on it (its mask is the design's). */
    private List<String> eventRows(String kind) throws Exception {
        Path root = home.resolve("runs");
        List<String> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) return rows;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("events.csv")).toList()) {
                for (String line : Files.readAllLines(p)) if (line.split(",", 4).length == 4 && line.split(",", 4)[2].equals(kind)) rows.add(line);
            }
        }
        return rows;
    }

    @Test
    void pruneKWeakestRemovesExactlyThoseOneUndoStepAndReachesTheTrainer() throws Exception {
        trainAndPause();
        Button prune = lookup("#pruneWeakest").queryButton();
        scrollIntoView(prune);
        TrainingSnapshot shown = shownAndActionable("pruneWeakest");
        LayerSnapshot l = shown.layers().get(0);
        Mask before = designMask();
        int undoSteps = window.document().history().undoDescriptions().size();

        typeK(5);
        clickOn(prune);
        awaitIdle();

        // Independently: every present cell sorted by |w|, then by index; the first five go.
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < l.weights().length; c++) if (l.mask().get(c / l.inFeatures(), c % l.inFeatures())) present.add(c);
        present.sort(Comparator.<Integer>comparingDouble(c -> Math.abs(l.weights()[c])).thenComparingInt(c -> c));
        Mask expected = before.copy();
        for (int c : present.subList(0, 5)) expected.set(c / l.inFeatures(), c % l.inFeatures(), false);
        Mask after = designMask();
        assertEquals(before.nnz() - 5, after.nnz(), "five connections fewer");
        assertEquals(expected, after, "exactly the five smallest |w| of the shown snapshot");
        assertEquals(undoSteps + 1, window.document().history().undoDescriptions().size(), "one undo step");
        assertEquals("Prune 5 weakest", prune.getText(), "the button says the typed k");

        // The paused trainer applies it at once; the run folder records it as a prune.
        waitUntil(() -> trainer().pausedSnapshot() != null && trainer().pausedSnapshot().layers().get(0).mask().equals(expected));
        waitUntil(() -> eventRows("prune").size() == 1);
        assertTrue(eventRows("prune").get(0).contains("Prune 5 weakest (pixels → hidden)"), eventRows("prune").toString());
        assertTrue(eventRows("mask-edit").isEmpty(), "not recorded as a plain mask edit: " + eventRows("mask-edit"));

        // Edit > Undo names the step and restores the mask, here and in the trainer.
        clickOn("Edit");
        WaitForAsyncUtils.waitForFxEvents();
        Menu edit = ((MenuBar) lookup("#menuBar").query()).getMenus().get(1);
        assertEquals("Undo Prune 5 weakest (pixels → hidden)", edit.getItems().get(0).getText());
        // Straight down into the menu first: a diagonal path would cross "Layer" and open that menu instead.
        moveBy(0, 30);
        clickOn("Undo Prune 5 weakest (pixels → hidden)");
        awaitIdle();
        assertEquals(before, designMask(), "one undo restores all five");
        waitUntil(() -> trainer().pausedSnapshot().layers().get(0).mask().equals(before));
    }

    @Test
    void growKStrongestAddsExactlyThoseAtZeroWeightOneUndoStepAndReachesTheTrainer() throws Exception {
        trainAndPause();
        Button grow = lookup("#growStrongest").queryButton();
        scrollIntoView(grow);
        TrainingSnapshot shown = shownAndActionable("growStrongest");
        LayerSnapshot l = shown.layers().get(0);
        Mask before = designMask();

        typeK(7);
        clickOn(grow);
        awaitIdle();

        // Independently: absent cells with a nonzero gradient, sorted by |δᵀx| descending, then by index; the first seven.
        List<Integer> absent = new ArrayList<>();
        for (int c = 0; c < l.gradient().length; c++) {
            if (!l.mask().get(c / l.inFeatures(), c % l.inFeatures()) && l.gradient()[c] != 0f) absent.add(c);
        }
        assertTrue(absent.size() >= 7, "the sample's local mask leaves absent cells with a gradient");
        absent.sort(Comparator.<Integer>comparingDouble(c -> -Math.abs(l.gradient()[c])).thenComparingInt(c -> c));
        Mask expected = before.copy();
        for (int c : absent.subList(0, 7)) expected.set(c / l.inFeatures(), c % l.inFeatures(), true);
        assertEquals(expected, designMask(), "exactly the seven largest |grad| absent cells of the shown snapshot");
        assertEquals("Grow 7 strongest (pixels → hidden)", window.document().history().undoDescription().orElseThrow());

        waitUntil(() -> trainer().pausedSnapshot() != null && trainer().pausedSnapshot().layers().get(0).mask().equals(expected));
        LayerSnapshot now = trainer().pausedSnapshot().layers().get(0);
        for (int c : absent.subList(0, 7)) assertEquals(0, Float.floatToRawIntBits(now.weights()[c]), "grown cell " + c + " starts at +0.0");
        waitUntil(() -> eventRows("grow").size() == 1);
        assertTrue(eventRows("grow").get(0).contains("Grow 7 strongest (pixels → hidden)"), eventRows("grow").toString());

        // Ctrl+Z (focus is on the button, not in a text field) takes the whole step back.
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertEquals(before, designMask());
        waitUntil(() -> trainer().pausedSnapshot().layers().get(0).mask().equals(before));
        assertFalse(window.document().history().undoDescription().orElse("").startsWith("Grow"), "the grow step is undone");
    }
}
