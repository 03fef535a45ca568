package io.maskstudio.ui;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.render.ColorMap;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.ui.training.HeatmapCanvas;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Training tab's large heatmap viewer on the digits sample (pixels 8x8 → hidden 6x6, a local mask): opened by a
 * click on a tile, zoomed by the scroll wheel, read by hovering, and following the epoch scrubber. Expected values
 * come from the trainer's snapshots, not from the viewer.
 */
class HeatmapViewerTest extends UiTest {
    private static final Pattern READOUT = Pattern.compile("out (\\d+), in (\\d+): w = (\\S+)");
    private static final Pattern ZOOM = Pattern.compile("(\\S+) px per cell · rows (\\d+)–(\\d+), columns (\\d+)–(\\d+) of 36 × 64");

    private Trainer trainer() {
        return window.training().trainer();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the label's text passes {@code ok}; on timeout fails showing the text it had. */
    private void awaitText(String id, Predicate<String> ok, String what) throws Exception {
        try {
            waitUntil(() -> ok.test(text(id)));
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": #" + id + " shows \"" + text(id) + "\"", e);
        }
    }

    private static double cellSize(String zoomText) {
        Matcher m = ZOOM.matcher(zoomText);
        return m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private String text(String id) {
        return lookup("#" + id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private boolean viewerShowing() {
        return lookup("#heatmapViewer").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false);
    }

    private Point2D onScreen(HeatmapCanvas canvas, int row, int col) throws Exception {
        double[] xy = WaitForAsyncUtils.asyncFx(() -> canvas.cellCentre(row, col)).get();
        return canvas.localToScreen(xy[0], xy[1]);
    }

    /** Trains the sample for a few epochs, pauses, and waits until the tiles show the newest snapshot. */
    private TrainingSnapshot trainAFewEpochsAndPause() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        clickOn("#trainingTab");
        clickOn("#start");
        waitUntil(() -> trainer() != null && trainer().progress().epoch() >= 3);
        clickOn("#pause");
        trainer().awaitIdle(60, TimeUnit.SECONDS);
        assertEquals(Trainer.State.PAUSED, trainer().progress().state());
        TrainingSnapshot last = trainer().history().latest();
        waitUntil(() -> text("epochLabel").equals(last.epoch() + " (latest)")
                && lookup("#weightsHeatmapImage").query().isVisible());
        awaitIdle();
        return last;
    }

    private static float weight(TrainingSnapshot s, int out, int in) {
        LayerSnapshot l = s.layers().get(0);
        return l.weights()[out * l.inFeatures() + in];
    }

    private void assertReadout(int out, int in, float expected) throws Exception {
        waitUntil(() -> READOUT.matcher(text("heatmapReadout")).matches());
        Matcher m = READOUT.matcher(text("heatmapReadout"));
        assertTrue(m.matches(), text("heatmapReadout"));
        assertEquals(out, Integer.parseInt(m.group(1)), "hovered row");
        assertEquals(in, Integer.parseInt(m.group(2)), "hovered column");
        assertEquals(expected, Float.parseFloat(m.group(3)), Math.abs(expected) * 1e-3 + 1e-9, "the snapshot's weight");
    }

    @Test
    void aClickedWeightsTileOpensLargeZoomsReadsCellsAndFollowsTheScrubber() throws Exception {
        TrainingSnapshot last = trainAFewEpochsAndPause();
        clickOn("#weightsHeatmapBox");
        waitUntil(this::viewerShowing);
        waitUntil(() -> text("heatmapViewerTitle").endsWith("epoch " + last.epoch()));
        assertEquals("Weights · pixels → hidden (36×64) · epoch " + last.epoch(), text("heatmapViewerTitle"));

        // The colour bar's ends are ± the largest |weight| of a present connection.
        LayerSnapshot l = last.layers().get(0);
        double maxAbs = 0;
        for (int k = 0; k < l.weights().length; k++) {
            if (l.mask().get(k / l.inFeatures(), k % l.inFeatures())) maxAbs = Math.max(maxAbs, Math.abs(l.weights()[k]));
        }
        assertEquals(String.format(Locale.ROOT, "%.3g", maxAbs), text("colorBarMax"));
        assertEquals(String.format(Locale.ROOT, "%.3g", -maxAbs), text("colorBarMin"));

        HeatmapCanvas canvas = (HeatmapCanvas) lookup("#heatmapCanvas").query();
        // The picture arrives from a worker: cell (3, 4) is drawn in the diverging colour of its weight.
        int expectedColour = ColorMap.BLUE_WHITE_RED.map(weight(last, 3, 4), -maxAbs, maxAbs);
        double[] centre34 = WaitForAsyncUtils.asyncFx(() -> canvas.cellCentre(3, 4)).get();
        waitUntil(() -> WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null).getPixelReader()
                .getArgb((int) centre34[0], (int) centre34[1])).get() == expectedColour);
        Bounds canvasOnScreen = canvas.localToScreen(canvas.getBoundsInLocal());
        Matcher before = ZOOM.matcher(text("heatmapZoom"));
        assertTrue(before.matches(), text("heatmapZoom"));
        assertEquals("0", before.group(2), "fitted: the first row is shown");
        assertEquals("35", before.group(3), "fitted: the last row is shown");
        assertEquals("63", before.group(5), "fitted: the last column is shown");

        // Hidden #3 sees pixels 3, 4, 5 in the sample's local mask; pixel 60 it does not see.
        assertTrue(l.mask().get(3, 4));
        assertFalse(l.mask().get(0, 60));
        moveTo(onScreen(canvas, 3, 4));
        assertReadout(3, 4, weight(last, 3, 4));
        Node mark = lookup(".heatmap-hover").query();
        double markBefore = mark.localToScreen(mark.getBoundsInLocal()).getWidth();
        moveTo(onScreen(canvas, 0, 60));
        awaitText("heatmapReadout", "out 0, in 60: no connection"::equals, "an absent connection");

        // The wheel over the centre zooms (Monocle's robot wheels in tiny steps of either sign), then + zooms in.
        moveTo(new Point2D(canvasOnScreen.getCenterX(), canvasOnScreen.getCenterY()));
        scroll(3, VerticalDirection.UP);
        awaitText("heatmapZoom", t -> cellSize(t) != cellSize(before.group(0)), "the wheel zooms");
        clickOn(new Point2D(canvasOnScreen.getCenterX(), canvasOnScreen.getCenterY()));
        double wheeled = cellSize(text("heatmapZoom"));
        type(KeyCode.ADD, 3);
        awaitText("heatmapZoom", t -> cellSize(t) > wheeled * 1.9, "three presses of + zoom in 1.25³ times");
        Matcher after = ZOOM.matcher(text("heatmapZoom"));
        assertTrue(after.matches());
        int columnsAfter = Integer.parseInt(after.group(5)) - Integer.parseInt(after.group(4)) + 1;
        assertTrue(columnsAfter < 64, columnsAfter + " columns shown");
        MatrixViewport vp = canvas.viewport();
        int row = (vp.firstVisibleRow() + vp.lastVisibleRow()) / 2, col = (vp.firstVisibleCol() + vp.lastVisibleCol()) / 2;
        moveTo(onScreen(canvas, row, col));
        awaitText("heatmapReadout", t -> t.startsWith("out " + row + ", in " + col + ":"), "the cell under the mouse after the zoom");
        double markAfter = mark.localToScreen(mark.getBoundsInLocal()).getWidth();
        assertTrue(markAfter > markBefore * 1.5, "the hovered cell's mark grew on screen: " + markBefore + " → " + markAfter);

        // Fit shows the whole matrix again.
        clickOn("#zoomFit");
        awaitText("heatmapZoom", before.group(0)::equals, "Fit");

        // The scrubber back to the oldest snapshot held: the open viewer shows its weights.
        List<TrainingSnapshot> history = trainer().history().snapshots();
        TrainingSnapshot first = history.get(0);
        assertTrue(first.epoch() < last.epoch());
        fx(() -> lookup("#epochScrubber").queryAs(Slider.class).setValue(0));
        waitUntil(() -> text("heatmapViewerTitle").contains("epoch " + first.epoch()) && !text("heatmapViewerTitle").endsWith("epoch " + last.epoch()));
        moveTo(onScreen(canvas, 0, 60));
        moveTo(onScreen(canvas, 3, 4));
        assertReadout(3, 4, weight(first, 3, 4));
        assertTrue(weight(first, 3, 4) != weight(last, 3, 4), "training changed the weight, so the readout tells the epochs apart");
    }

    @Test
    void receptiveFieldsShowOneTilePerHiddenNeuronInTheInputsShape() throws Exception {
        TrainingSnapshot last = trainAFewEpochsAndPause();
        clickOn("#receptiveFieldsLink");
        waitUntil(this::viewerShowing);
        waitUntil(() -> lookup("#receptiveFieldsImage").queryAs(ImageView.class).getImage() != null);
        assertEquals("showing neurons 0–35 of 36 · each tile on its own ±max|w|", text("receptiveFieldsNote"));
        ImageView image = lookup("#receptiveFieldsImage").queryAs(ImageView.class);
        assertTrue(image.isVisible() && image.getImage().getWidth() > 8 * 6, "tiles are drawn at several px per input pixel");

        // The first tile's top-left corner is input pixel (0, 0) of hidden #0: just inside the 2 px border.
        Point2D corner = image.localToScreen(3, 3);
        moveTo(corner);
        waitUntil(() -> text("heatmapReadout").startsWith("out 0 · in 0 = pixel (row 0, col 0): w = "));
        String shown = text("heatmapReadout");
        float w = Float.parseFloat(shown.substring(shown.lastIndexOf(' ') + 1));
        assertEquals(weight(last, 0, 0), w, Math.abs(weight(last, 0, 0)) * 1e-3 + 1e-9);
    }
}
