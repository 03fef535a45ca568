package io.maskstudio.ui;

import io.maskstudio.model.Mask;
import io.maskstudio.model.edit.MaskEdit;
import io.maskstudio.render.Cell;
import io.maskstudio.render.Side;
import io.maskstudio.ui.editor.BipartiteView;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.editor.MatrixView;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real mouse gestures on the views of the digits sample (pixels 8x8 -> hidden 6x6 with 3x3 fields). */
class EditorGestureTest extends UiTest {

    private Mask mask() {
        return window.document().design().mask(window.document().pair());
    }

    private BipartiteView bipartite() {
        return window.editor().bipartite();
    }

    private MatrixView matrix() {
        return window.editor().matrix();
    }

    private Point2D neuron(Side side, int i) {
        return onScreen(bipartite(), bipartite().neuronCentre(side, i));
    }

    private static Point2D onScreen(Node n, double[] xy) {
        return n.localToScreen(xy[0], xy[1]);
    }

    @Test
    void dragFromSourceToTargetConnectsThemAsOneUndoStep() throws Exception {
        assertFalse(mask().get(0, 63), "hidden #0 does not see the bottom-right pixel in the sample");
        long before = mask().nnz();
        drag(neuron(Side.SOURCE, 63), MouseButton.PRIMARY).moveTo(neuron(Side.TARGET, 0)).drop();
        awaitIdle();
        assertTrue(mask().get(0, 63));
        assertEquals(before + 1, mask().nnz());
        assertTrue(stage.getTitle().startsWith("*"), "the title marks unsaved changes: " + stage.getTitle());
        fx(() -> window.undo());
        assertFalse(mask().get(0, 63));
        assertEquals(before, mask().nnz());
        assertFalse(stage.getTitle().startsWith("*"), "undo back to the opened state is unmodified: " + stage.getTitle());
    }

    @Test
    void dragFromTargetToSourceConnectsToo() throws Exception {
        drag(neuron(Side.TARGET, 35), MouseButton.PRIMARY).moveTo(neuron(Side.SOURCE, 0)).drop();
        awaitIdle();
        assertTrue(mask().get(35, 0));
    }

    @Test
    void shiftDragDisconnects() throws Exception {
        assertTrue(mask().get(0, 0));
        press(KeyCode.SHIFT);
        drag(neuron(Side.SOURCE, 0), MouseButton.PRIMARY).moveTo(neuron(Side.TARGET, 0)).drop();
        release(KeyCode.SHIFT);
        awaitIdle();
        assertFalse(mask().get(0, 0));
    }

    @Test
    void dragFromASelectedNeuronConnectsTheWholeSelection() throws Exception {
        // Select two source pixels (click, Ctrl+click), then drag one of them onto a target.
        clickOn(neuron(Side.SOURCE, 60));
        press(KeyCode.CONTROL);
        clickOn(neuron(Side.SOURCE, 61));
        release(KeyCode.CONTROL);
        awaitIdle();
        assertEquals(2, window.document().selection().sourceCount());
        drag(neuron(Side.SOURCE, 61), MouseButton.PRIMARY).moveTo(neuron(Side.TARGET, 1)).drop();
        awaitIdle();
        assertTrue(mask().get(1, 60));
        assertTrue(mask().get(1, 61));
        fx(() -> window.undo());
        assertFalse(mask().get(1, 60), "both connections were one step");
        assertFalse(mask().get(1, 61));
    }

    @Test
    void rectangleSelectionOnEmptySpaceSelectsTheNeuronsInside() throws Exception {
        // A band that starts right of the source grid (among the lines, not on a neuron) and ends left of its
        // first column, spanning the centres of its top two rows.
        double[] a = bipartite().neuronCentre(Side.SOURCE, 0);
        double[] b = bipartite().neuronCentre(Side.SOURCE, 8);
        double pitch = b[1] - a[1];
        double[] grid = bipartite().pairLayout().source().bounds();
        Point2D from = onScreen(bipartite(), new double[] {grid[0] + grid[2] + 6, a[1] - 0.4 * pitch});
        Point2D to = onScreen(bipartite(), new double[] {a[0] - 0.4 * pitch, b[1] + 0.3 * pitch});
        drag(from, MouseButton.PRIMARY).moveTo(to).drop();
        awaitIdle();
        BitSet expected = new BitSet();
        expected.set(0, 16);
        assertEquals(expected, window.document().selection().sources());
        assertTrue(window.document().selection().targets().isEmpty());
    }

    @Test
    void brushStrokeInTheMatrixPaintsCellsAsOneStepAndShiftErases() throws Exception {
        fx(() -> matrix().toolProperty().set(MatrixTool.BRUSH));
        int row = 0;
        for (int c = 30; c <= 40; c++) assertFalse(mask().get(row, c));
        drag(onScreen(matrix(), matrix().cellCentre(row, 30)), MouseButton.PRIMARY).moveTo(onScreen(matrix(), matrix().cellCentre(row, 40))).drop();
        awaitIdle();
        for (int c = 30; c <= 40; c++) assertTrue(mask().get(row, c), "cell " + c);
        assertTrue(window.document().history().undoDescription().orElse("").startsWith("Paint 11 cells"),
                window.document().history().undoDescription().toString());

        press(KeyCode.SHIFT);
        drag(onScreen(matrix(), matrix().cellCentre(row, 34)), MouseButton.PRIMARY).moveTo(onScreen(matrix(), matrix().cellCentre(row, 36))).drop();
        release(KeyCode.SHIFT);
        awaitIdle();
        assertFalse(mask().get(row, 35));
        assertTrue(mask().get(row, 33));

        // Undo via the keyboard: the erase, then the whole paint stroke.
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        assertTrue(mask().get(row, 35));
        push(KeyCode.CONTROL, KeyCode.Z);
        awaitIdle();
        for (int c = 30; c <= 40; c++) assertFalse(mask().get(row, c), "cell " + c);
        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        awaitIdle();
        for (int c = 30; c <= 40; c++) assertTrue(mask().get(row, c), "redo, cell " + c);
    }

    @Test
    void rectangleToolFillsAndSecondaryButtonClears() throws Exception {
        fx(() -> matrix().toolProperty().set(MatrixTool.RECTANGLE));
        drag(onScreen(matrix(), matrix().cellCentre(30, 10)), MouseButton.PRIMARY).moveTo(onScreen(matrix(), matrix().cellCentre(33, 14))).drop();
        awaitIdle();
        for (int r = 30; r <= 33; r++) for (int c = 10; c <= 14; c++) assertTrue(mask().get(r, c));
        drag(onScreen(matrix(), matrix().cellCentre(30, 10)), MouseButton.SECONDARY).moveTo(onScreen(matrix(), matrix().cellCentre(35, 63))).drop();
        awaitIdle();
        for (int r = 30; r <= 35; r++) assertEquals(0, countRow(r, 10, 64));
    }

    private int countRow(int r, int from, int to) {
        int n = 0;
        for (int c = from; c < to; c++) if (mask().get(r, c)) n++;
        return n;
    }

    @Test
    void rowToolTogglesAWholeRow() throws Exception {
        fx(() -> matrix().toolProperty().set(MatrixTool.ROW));
        clickOn(onScreen(matrix(), matrix().cellCentre(3, 30)));
        awaitIdle();
        assertEquals(64, mask().fanIn(3));
        clickOn(onScreen(matrix(), matrix().cellCentre(3, 30)));
        awaitIdle();
        assertEquals(0, mask().fanIn(3));
    }

    @Test
    void lassoSelectsTheNeuronsInsideItsOutline() throws Exception {
        clickOn("#bipartiteLasso");
        // A triangle around source pixels 0, 1 and 8 (top-left corner of the grid), drawn from the lines area.
        double[] p0 = bipartite().neuronCentre(Side.SOURCE, 0);
        double[] p9 = bipartite().neuronCentre(Side.SOURCE, 9);
        double pitch = p9[0] - p0[0];
        double[] grid = bipartite().pairLayout().source().bounds();
        double top = p0[1] - 0.45 * pitch, left = p0[0] - 0.45 * pitch;
        drag(onScreen(bipartite(), new double[] {grid[0] + grid[2] + 6, top}), MouseButton.PRIMARY)
                .moveTo(onScreen(bipartite(), new double[] {p0[0] + 1.6 * pitch, top}))
                .moveTo(onScreen(bipartite(), new double[] {left, p0[1] + 1.6 * pitch}))
                .moveTo(onScreen(bipartite(), new double[] {left, top}))
                .drop();
        awaitIdle();
        BitSet expected = new BitSet();
        expected.set(0);
        expected.set(1);
        expected.set(8);
        assertEquals(expected, window.document().selection().sources());
    }

    @Test
    void hoveringANeuronNamesItInTheStatusBarAndHighlightsItsFanIn() throws Exception {
        moveTo(neuron(Side.TARGET, 8));
        awaitIdle();
        String text = lookup("#statusHover").queryAs(Label.class).getText();
        assertEquals("target hidden #8 (row 1, col 2): fan-in 9", text);
        // The source pixels of its 3x3 field are drawn in the partner colour.
        double[] c = bipartite().neuronCentre(Side.SOURCE, 10);
        int argb = bipartite().raster().getPixel((int) c[0], (int) c[1]);
        assertEquals(0xFFF4A261, argb, "pixel (1,2) is in the field of hidden (1,2)");
    }

    @Test
    void scrollingZoomsTheMatrixDownToSingleCells() throws Exception {
        double before = matrix().viewport().cellSize();
        Point2D mouse = onScreen(matrix(), matrix().cellCentre(10, 20));
        moveTo(mouse);
        scroll(10, VerticalDirection.UP);
        awaitIdle();
        if (matrix().viewport().cellSize() < before) {
            // Monocle's robot delivers the wheel with the opposite sign of a real display's: wheel the other way.
            scroll(20, VerticalDirection.DOWN);
            awaitIdle();
        }
        double after = matrix().viewport().cellSize();
        assertTrue(after > before, before + " -> " + after);
        Point2D local = matrix().screenToLocal(mouse);
        assertEquals(new Cell(10, 20), matrix().cellAt(local.getX(), local.getY()), "zoom keeps the cell under the mouse");
    }

    @Test
    void clickingAConnectionSelectsItAndDeleteRemovesIt() throws Exception {
        // Only pixel 0 -> hidden 0 and pixel 63 -> hidden 35 are left, so the click is unambiguous whatever the view's size.
        Mask two = new Mask(mask().rows(), mask().cols());
        two.set(0, 0, true);
        two.set(35, 63, true);
        fx(() -> window.document().history().perform(MaskEdit.replace(window.document().design(), 0, two, "test setup")));
        awaitIdle();
        Cell expected = new Cell(0, 0);
        double[] a = bipartite().neuronCentre(Side.SOURCE, 0), b = bipartite().neuronCentre(Side.TARGET, 0);
        double t = 0.5;
        double[] mid = {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])};
        assertEquals(expected, bipartite().pairLayout().connectionAt(mask(), mid[0], mid[1], 3));
        clickOn(onScreen(bipartite(), mid));
        awaitIdle();
        assertEquals(expected, window.document().selection().connection());
        type(KeyCode.DELETE);
        awaitIdle();
        assertFalse(mask().get(expected.row(), expected.col()));
        fx(() -> window.undo());
        assertTrue(mask().get(expected.row(), expected.col()));
    }
}
