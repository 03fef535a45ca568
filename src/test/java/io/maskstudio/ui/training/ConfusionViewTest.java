package io.maskstudio.ui.training;

import io.maskstudio.data.Dataset;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.Trainer;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.io.GraphFile;
import io.maskstudio.model.Activation;
import io.maskstudio.model.NetworkDesign;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
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

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.maskstudio.ui.training.TrainingPanelTest.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The confusion matrix in the Training tab, on the digits sample (10 classes): what the cells say for the epoch the
 * user scrubbed to, against a naive double-precision forward pass written here; the hover readout; no split.
 */
@ExtendWith(ApplicationExtension.class)
class ConfusionViewTest {
    private static final long WAIT_SECONDS = 60;
    private NetworkDesign design;
    private TrainingPanel panel;

    @Start
    void start(Stage stage) throws Exception {
        design = GraphFile.read(Path.of("sample-graphs/digits-local.graph.json"));
        design.setSettings(design.settings().withEpochs(4));
        panel = new TrainingPanel(design);
        Scene scene = new Scene(panel, 1280, 800);
        scene.getStylesheets().add(ConfusionView.class.getResource("/io/maskstudio/ui/maskstudio.css").toExternalForm());
        stage.setScene(scene);
        // At the screen's corner: Monocle's screen is 1280x800 and a centred stage would put the scroll bar off it.
        stage.setX(0);
        stage.setY(0);
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
    void theCellsOfTheScrubbedEpochAreItsValidationPredictionsAndHoverSpellsOneOut(FxRobot robot) throws Exception {
        robot.clickOn("#start");
        waitUntil(() -> trainer() != null && trainer().progress().state() == Trainer.State.FINISHED);
        List<TrainingSnapshot> history = trainer().history().snapshots();
        TrainingSnapshot newest = history.get(history.size() - 1);
        waitUntil(() -> fx(() -> panel.scrubber().selected() == newest));
        // The user steps the scrubber back one kept epoch.
        robot.clickOn(panel.lookup("#epochScrubber").lookup(".thumb"));
        robot.type(KeyCode.LEFT);
        TrainingSnapshot chosen = history.get(history.size() - 2);
        assertTrue(chosen.epoch() >= 1 && chosen.epoch() < newest.epoch());
        Dataset val = trainer().validation();
        int[][] expected = naiveConfusion(chosen, design.layers().stream().skip(1).map(l -> l.activation()).toList(), val);
        int k = expected.length;
        assertEquals(10, k);
        waitUntil(() -> fx(() -> summaryText().startsWith("Epoch " + chosen.epoch() + ":")));

        long correct = 0;
        for (int t = 0; t < k; t++) {
            long row = 0;
            for (int p = 0; p < k; p++) {
                int tt = t, pp = p;
                assertEquals(Integer.toString(expected[t][p]), fx(() -> cell(tt, pp).getText()), "true " + t + " predicted " + p);
                row += expected[t][p];
            }
            correct += expected[t][t];
            int tt = t;
            String recall = String.format(Locale.ROOT, "%.1f %%", 100.0 * expected[t][t] / row);
            assertEquals(recall, fx(() -> label("#confusion-recall-" + tt).getText()), "accuracy of class " + t);
        }
        String overall = String.format(Locale.ROOT, "Epoch %d: %,d of %,d validation rows correct (%.1f %%)", chosen.epoch(), correct, val.rows(),
                100.0 * correct / val.rows());
        assertEquals(overall, fx(this::summaryText));
        for (int c = 0; c < k; c++) {
            int cc = c;
            assertEquals(val.classNames().get(c), fx(() -> label("#confusion-true-" + cc).getText()), "row label");
            assertEquals(val.classNames().get(c), fx(() -> label("#confusion-predicted-" + cc).getText()), "column label");
        }

        // Hover the most confused off-diagonal cell (or the first one when every row is right).
        int bt = 0, bp = 1;
        for (int t = 0; t < k; t++) for (int p = 0; p < k; p++) if (t != p && expected[t][p] > expected[bt][bp]) { bt = t; bp = p; }
        long rowTotal = 0;
        for (int p = 0; p < k; p++) rowTotal += expected[bt][p];
        int ft = bt, fp = bp;
        Label target = fx(() -> cell(ft, fp));
        scrollIntoView(robot, target);
        robot.moveTo(target);
        String name = val.classNames().get(bt);
        String hover = String.format(Locale.ROOT, "true %s predicted %s: %d (%.1f %% of class %s)", name, val.classNames().get(bp), expected[bt][bp],
                100.0 * expected[bt][bp] / rowTotal, name);
        waitUntil(() -> !fx(() -> label("#confusionReadout").getText()).equals(ConfusionView.HOVER_HINT));
        assertEquals(hover, fx(() -> label("#confusionReadout").getText()));
    }

    @Test
    void withoutAValidationSplitItSaysSo(FxRobot robot) throws Exception {
        fx(() -> {
            design.setSettings(design.settings().withValidationFraction(0));
            return null;
        });
        robot.clickOn("#start");
        waitUntil(() -> trainer() != null && trainer().progress().state() == Trainer.State.FINISHED);
        waitUntil(() -> fx(this::summaryText).startsWith("No validation split"));
        assertTrue(fx(() -> panel.lookup("#confusion-cell-0-0") == null), "no cells");
    }

    /** Rows: true class; columns: the first largest logit of a double-precision pass over the snapshot's weights. */
    static int[][] naiveConfusion(TrainingSnapshot s, List<Activation> acts, Dataset val) {
        int classes = s.layers().get(s.layers().size() - 1).outFeatures();
        int[][] cm = new int[classes][classes];
        for (int r = 0; r < val.rows(); r++) {
            double[] a = new double[val.features()];
            for (int i = 0; i < a.length; i++) a[i] = val.x()[r * val.features() + i];
            for (int k = 0; k < s.layers().size(); k++) {
                LayerSnapshot l = s.layers().get(k);
                double[] z = new double[l.outFeatures()];
                for (int o = 0; o < z.length; o++) {
                    double sum = l.bias()[o];
                    for (int i = 0; i < l.inFeatures(); i++) sum += (double) l.weights()[o * l.inFeatures() + i] * a[i];
                    z[o] = switch (acts.get(k)) {
                        case RELU -> Math.max(0, sum);
                        case TANH -> Math.tanh(sum);
                        case SIGMOID -> 1 / (1 + Math.exp(-sum));
                        case IDENTITY, SOFTMAX -> sum;
                    };
                }
                a = z;
            }
            int best = 0;
            for (int c = 1; c < a.length; c++) if (a[c] > a[best]) best = c;
            cm[val.y()[r]][best]++;
        }
        return cm;
    }

    /** Scrolls the Training tab's pane with the mouse wheel until {@code node} lies inside its viewport. */
    private void scrollIntoView(FxRobot robot, Node node) throws Exception {
        ScrollPane scroll = fx(() -> {
            Node n = node.getParent();
            while (!(n instanceof ScrollPane)) n = n.getParent();
            return (ScrollPane) n;
        });
        // Drags the scroll bar's thumb down a step at a time (Monocle's robot has no mouse wheel).
        // The pane's own bar (a child of the pane's skin), not one of the lists' inside it.
        Node thumb = fx(() -> scroll.lookupAll(".scroll-bar").stream()
                .filter(b -> b.getParent() == scroll && ((ScrollBar) b).getOrientation() == Orientation.VERTICAL)
                .findFirst().orElseThrow().lookup(".thumb"));
        for (int n = 0; n < 40 && !fx(() -> inside(node, scroll)); n++) {
            robot.drag(thumb, MouseButton.PRIMARY).moveBy(0, 40).release(MouseButton.PRIMARY);
        }
        assertTrue(fx(() -> inside(node, scroll)), fx(() -> "the cell came into view: vvalue " + scroll.getVvalue() + " cell "
                + node.localToScreen(node.getBoundsInLocal()) + " viewport " + scroll.localToScreen(scroll.getBoundsInLocal())));
    }

    private static boolean inside(Node node, ScrollPane scroll) {
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        Bounds v = scroll.localToScreen(scroll.getBoundsInLocal());
        return b != null && v != null && b.getMinY() >= v.getMinY() && b.getMaxY() <= v.getMaxY() - 16;
    }

    private String summaryText() {
        return label("#confusionSummary").getText();
    }

    private Label cell(int t, int p) {
        return label("#" + ConfusionView.cellId(t, p));
    }

    private Label label(String selector) {
        return (Label) panel.lookup(selector);
    }

    private Trainer trainer() throws Exception {
        return fx(() -> panel.controller().trainer());
    }

    /** Waits (bounded) for {@code condition}; on timeout fails with what the pane showed. */
    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; the pane says: " + fx(this::summaryText), e);
        }
    }
}
