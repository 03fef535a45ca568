package io.maskstudio.ui;

import io.maskstudio.engine.Trainer;
import io.maskstudio.model.Mask;
import io.maskstudio.model.SparseTraining;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Training tab's sparse-training method: the chooser shows only the chosen method's parameters, refuses bad values
 * with the reason as the form's other fields do, puts good ones into the design's settings, and a method chosen while a
 * run trains reaches its trainer (a static run starts changing its mask once RigL is chosen).
 */
class SparseMethodSettingsTest extends UiTest {
    private static final List<String> DROP_GROW = List.of("updateEvery", "dropFraction");
    private static final List<String> GMP = List.of("targetDensity", "pruneStart", "pruneEnd", "pruneScope");

    private SparseTraining sparse() {
        return window.document().design().settings().sparse();
    }

    private boolean shown(String id) {
        return lookup("#" + id).tryQuery().map(n -> n.getScene() != null && n.isVisible()).orElse(false);
    }

    private String error() {
        return lookup("#settingsError").queryAs(Label.class).getText();
    }

    private void choose(String method) throws Exception {
        choose("sparseMethod", method);
    }

    /** Scrolls the settings with the wheel, as a user does, until {@code n} is inside their viewport. */
    private void reveal(Node n) {
        ScrollPane scroll = lookup("#settingsScroll").queryAs(ScrollPane.class);
        for (int tries = 0; tries < 30; tries++) {
            Bounds view = scroll.localToScreen(scroll.getLayoutBounds());
            Bounds b = n.localToScreen(n.getLayoutBounds());
            if (b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY()) return;
            // Over the labels' column, which takes no wheel events itself.
            moveTo(new Point2D(view.getMinX() + 20, view.getMinY() + view.getHeight() / 2));
            // TestFX's UP turns the wheel the way that moves the content up (under Monocle as on a display).
            scroll(10, b.getMinY() < view.getMinY() ? VerticalDirection.DOWN : VerticalDirection.UP);
            WaitForAsyncUtils.waitForFxEvents();
        }
        throw new AssertionError(n.getId() + " does not scroll into view: " + n.localToScreen(n.getLayoutBounds()) + " in "
                + scroll.localToScreen(scroll.getLayoutBounds()) + ", vvalue " + scroll.getVvalue() + ", window " + scroll.getScene().getWindow().getHeight());
    }

    private void type(String id, String text) {
        TextField f = lookup("#" + id).queryAs(TextField.class);
        reveal(f);
        clickOn(f);
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean invalid(String id) {
        return lookup("#" + id).query().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("invalid"));
    }

    @Test
    void eachMethodShowsItsParametersAndBadValuesAreRefused() throws Exception {
        clickOn("#trainingTab");
        assertEquals(SparseTraining.Method.STATIC, sparse().method(), "the sample trains with static masks");
        for (String id : DROP_GROW) assertFalse(shown(id), id + " is not a parameter of static");
        for (String id : GMP) assertFalse(shown(id), id + " is not a parameter of static");

        choose("rigl");
        assertEquals(SparseTraining.Method.RIGL, sparse().method());
        assertEquals(SparseTraining.Method.RIGL.description(), lookup("#methodDescription").queryAs(Label.class).getText());
        for (String id : DROP_GROW) assertTrue(shown(id), id + " is shown for rigl");
        assertTrue(shown("updateEnd"), "rigl's update end");
        for (String id : GMP) assertFalse(shown(id), id + " is gmp's");
        assertEquals("100", lookup("#updateEvery").queryAs(TextField.class).getText(), "RigL's default ΔT");

        type("updateEvery", "0");
        assertEquals("Steps between mask updates must be at least 1, was 0", error());
        assertTrue(invalid("updateEvery"), "outlined as invalid");
        assertEquals(100, sparse().updateEvery(), "a refused value changes nothing");
        type("updateEvery", "25");
        assertEquals("", error());
        assertFalse(invalid("updateEvery"));
        assertEquals(25, sparse().updateEvery());
        type("dropFraction", "1.5");
        assertEquals("Drop fraction must be in [0,1], was 1.5", error());
        type("dropFraction", "0.4");
        type("updateEnd", "0.5");
        assertEquals(SparseTraining.of(SparseTraining.Method.RIGL).withUpdateEvery(25).withDropFraction(0.4).withUpdateEnd(0.5), sparse());

        choose("set");
        for (String id : DROP_GROW) assertTrue(shown(id), id + " is shown for set");
        assertFalse(shown("updateEnd"), "SET has no update end");

        choose("gmp");
        for (String id : GMP) assertTrue(shown(id), id + " is shown for gmp");
        assertTrue(shown("updateEvery"), "gmp prunes every ΔT steps");
        assertFalse(shown("dropFraction"), "gmp drops no fraction");
        type("targetDensity", "0");
        assertEquals("Target density must be in (0,1], was 0.0", error());
        type("targetDensity", "0.05");
        type("pruneStart", "3");
        type("pruneEnd", "2");
        assertEquals("Pruning must end after it starts: epochs 3 to 2", error());
        assertEquals(0, sparse().pruneEnd(), "refused");
        type("pruneEnd", "8");
        choose("pruneScope", "global");
        assertEquals(new SparseTraining(SparseTraining.Method.GMP, 25, 0.4, 0.5, 0.05, 3, 8, SparseTraining.Scope.GLOBAL), sparse());
        assertEquals("", error());
    }

    private void choose(String id, String text) throws Exception {
        ComboBox<?> combo = lookup("#" + id).queryAs(ComboBox.class);
        reveal(combo);
        clickOn(combo);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, combo::isShowing);
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = lookup((ListCell<?> c) -> text.equals(c.getText()) && c.isVisible() && !c.isEmpty() && c.getScene() != null
                && c.getScene().getWindow() != combo.getScene().getWindow()).query();
        clickOn(cell);
        // Not awaitIdle: while a run trains, the heatmaps keep the background busy.
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aMethodChosenWhileTrainingReachesTheTrainer() throws Exception {
        fx(() -> window.document().design().setSettings(window.document().design().settings().withEpochs(100_000)));
        Mask drawn = window.document().design().mask(0).copy();
        clickOn("#trainingTab");
        clickOn("#start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.training().trainer() != null
                && window.training().trainer().progress().step() >= 5);
        Trainer t = window.training().trainer();
        choose("rigl");
        // The sample trains tens of thousands of steps a second: RigL's default ΔT of 100 changes the mask at once.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.document().design().mask(0).equals(drawn));
        clickOn("#pause");
        t.awaitIdle(30, TimeUnit.SECONDS);
        clickOn("#step");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> t.pausedSnapshot() != null);
        t.awaitIdle(30, TimeUnit.SECONDS);
        assertNotEquals(drawn, t.pausedSnapshot().layers().get(0).mask(), "the running trainer changes the mask with RigL");
        assertEquals(drawn.nnz(), t.pausedSnapshot().layers().get(0).mask().nnz(), "with a constant count");
    }
}
