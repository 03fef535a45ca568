package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Mask;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Training tab's mask-action tests (Prune, Grow, N:M) do as a user: scroll the action into view, read the design. */
abstract class TrainingHintsUi extends UiTest {

    Trainer trainer() {
        return window.training().trainer();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    Mask designMask() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.document().design().mask(0).copy()).get();
    }

    /**
     * Pages the Training tab's scrolling part down (clicks on its scroll bar's track below the thumb, as a user does)
     * until {@code node} and the k spinner lie fully inside its viewport.
     */
    void scrollIntoView(Node node) throws Exception {
        Node spinner = lookup("#hintCount").query();
        ScrollPane scroll = null;
        for (Node p = node.getParent(); p != null && scroll == null; p = p.getParent()) if (p instanceof ScrollPane s) scroll = s;
        ScrollPane pane = scroll;
        ScrollBar bar = (ScrollBar) from(pane).lookup((ScrollBar b) -> b.getParent() == pane && b.getOrientation() == Orientation.VERTICAL).query();
        Node track = from(bar).lookup(".track").query();
        for (int k = 0; k < 20 && !(inside(node, pane) && inside(spinner, pane)) && bar.isVisible() && bar.getValue() < bar.getMax(); k++) {
            Bounds t = track.localToScreen(track.getBoundsInLocal());
            clickOn(new Point2D(t.getCenterX(), t.getMaxY() - 3));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(inside(node, pane) && inside(spinner, pane), node.getId() + " and k scrolled into view: " + node.localToScreen(node.getBoundsInLocal())
                + " viewport " + pane.localToScreen(pane.getBoundsInLocal()));
    }

    static boolean inside(Node node, ScrollPane scroll) {
        Bounds n = node.localToScreen(node.getBoundsInLocal());
        Bounds v = scroll.localToScreen(scroll.getBoundsInLocal());
        return n != null && v != null && v.contains(n.getMinX(), n.getMinY()) && v.contains(n.getMaxX(), n.getMaxY());
    }

    /** The shown epoch's snapshot once the action {@code buttonId} is enabled for it (its mask is the design's). */
    TrainingSnapshot shownAndActionable(String buttonId) throws Exception {
        Button b = lookup("#" + buttonId).queryButton();
        waitUntil(() -> {
            TrainingSnapshot s = window.training().heatmapSnapshot();
            return s != null && !b.isDisabled() && s.layers().get(0).mask().equals(window.document().design().mask(0));
        });
        return window.training().heatmapSnapshot();
    }

    /** Start from the Training tab, let two epochs pass, Pause, and wait for the trainer to be idle. */
    void trainAndPause() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        clickOn("#trainingTab");
        clickOn("#start");
        waitUntil(() -> trainer() != null && trainer().progress().epoch() >= 2);
        clickOn("#pause");
        trainer().awaitIdle(60, TimeUnit.SECONDS);
        assertEquals(Trainer.State.PAUSED, trainer().progress().state());
    }
}
