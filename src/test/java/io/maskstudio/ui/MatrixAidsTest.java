package io.maskstudio.ui;

import io.maskstudio.render.Cell;
import io.maskstudio.render.MatrixViewport;
import io.maskstudio.ui.editor.MatrixTool;
import io.maskstudio.ui.editor.MatrixView;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix view's reading aids, seen on screen: index rulers, the caption band, the brush outline. */
class MatrixAidsTest extends UiTest {

    private MatrixView matrix() {
        return window.editor().matrix();
    }

    private Point2D cell(int row, int col) {
        double[] xy = matrix().cellCentre(row, col);
        return matrix().localToScreen(xy[0], xy[1]);
    }

    private double cellSize() {
        return matrix().viewport().cellSize();
    }

    /**
     * Wheels at the mouse until cells are at least {@code size} pixels. Monocle's robot delivers one unit of
     * delta per notch (a display gives 40) and the opposite sign, so it takes many notches, in the right direction.
     */
    private void zoomIn(double size) {
        double before = cellSize();
        scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        VerticalDirection in = cellSize() > before ? VerticalDirection.UP : VerticalDirection.DOWN;
        for (int i = 0; i < 400 && cellSize() < size; i += 20) {
            scroll(20, in);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private List<Label> visible(String styleClass) {
        return lookup("." + styleClass).queryAllAs(Label.class).stream().filter(Node::isVisible).toList();
    }

    private static Bounds screen(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    /** Every visible ruler number sits on the centre of the column (row) it names; returns the numbers shown. */
    private TreeSet<Integer> checkRulers() {
        WaitForAsyncUtils.waitForFxEvents();
        TreeSet<Integer> cols = new TreeSet<>();
        for (Label l : visible("ruler-col-label")) {
            int c = Integer.parseInt(l.getText());
            cols.add(c);
            assertEquals(cell(0, c).getX(), screen(l).getCenterX(), 1.0, "column label " + c);
        }
        int rows = 0;
        for (Label l : visible("ruler-row-label")) {
            int r = Integer.parseInt(l.getText());
            rows++;
            assertEquals(cell(r, 0).getY(), screen(l).getCenterY(), 1.0, "row label " + r);
        }
        assertTrue(cols.size() >= 3, "column numbers shown: " + cols);
        assertTrue(rows >= 3, "row numbers shown: " + rows);
        return cols;
    }

    @Test
    void rulersNameTheCellsAndFollowZoomAndPan() throws Exception {
        TreeSet<Integer> fitted = checkRulers();
        assertEquals(0, fitted.first(), "the whole matrix shows from column 0");
        double before = cellSize();
        moveTo(cell(18, 40));
        zoomIn(before * 2.5);
        assertTrue(cellSize() > 2.5 * before, "zoomed in: " + before + " -> " + cellSize());
        TreeSet<Integer> zoomed = checkRulers();
        assertNotEquals(fitted, zoomed, "closer cells get denser numbers");
        double x40 = screen(colLabel(40)).getCenterX();
        Point2D from = cell(18, 40);
        drag(from, MouseButton.MIDDLE).moveTo(from.add(-150, 0)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        checkRulers();
        assertEquals(x40 - 150, screen(colLabel(40)).getCenterX(), 1.5, "the numbers move with the cells");
    }

    private Label colLabel(int c) {
        return visible("ruler-col-label").stream().filter(l -> l.getText().equals(Integer.toString(c))).findFirst().orElseThrow();
    }

    @Test
    void theCaptionHasItsOwnBandWhenZoomed() throws Exception {
        Label caption = lookup("#matrixCaption").queryAs(Label.class);
        moveTo(cell(20, 5));
        zoomIn(cellSize() * 1.3);
        MatrixViewport vp = matrix().viewport();
        Bounds cap = caption.getBoundsInParent();
        assertTrue(vp.pixelY(vp.rows()) > cap.getMaxY() + 2, "zoomed so far that the rows reach below the caption");
        WritableImage[] shot = new WritableImage[1];
        fx(() -> shot[0] = matrix().snapshot(null, null));
        PixelReader px = shot[0].getPixelReader();
        int band = px.getArgb(2, (int) shot[0].getHeight() - 2);
        for (int y = (int) Math.ceil(cap.getMinY()); y < (int) cap.getMaxY(); y++) {
            for (int x = (int) cap.getMaxX() + 2; x < (int) shot[0].getWidth() - 1; x++) {
                assertEquals(Integer.toHexString(band), Integer.toHexString(px.getArgb(x, y)), "pixel " + x + "," + y + " beside the caption");
            }
        }
        // Nor does the band act as cells: hovering it names no connection.
        moveTo(matrix().localToScreen(cap.getMaxX() + 40, cap.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", lookup("#statusHover").queryAs(Label.class).getText());
    }

    private Rectangle outline() {
        return lookup(".brush-outline").queryAs(Rectangle.class);
    }

    /** Asserts the outline covers exactly the cells rows r0..r1, columns c0..c1 (inclusive), on screen. */
    private void assertOutline(int r0, int c0, int r1, int c1) {
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle o = outline();
        assertTrue(o.isVisible(), "the brush outline shows");
        Point2D tl = o.localToScreen(o.getX(), o.getY()), br = o.localToScreen(o.getX() + o.getWidth(), o.getY() + o.getHeight());
        double h = cellSize() / 2;
        assertEquals(cell(r0, c0).getX() - h, tl.getX(), 1.0);
        assertEquals(cell(r0, c0).getY() - h, tl.getY(), 1.0);
        assertEquals(cell(r1, c1).getX() + h, br.getX(), 1.0);
        assertEquals(cell(r1, c1).getY() + h, br.getY(), 1.0);
    }

    @Test
    void theBrushOutlineShowsWhatAClickPaints() throws Exception {
        doubleClickOn(lookup("#brushSize .text-field").queryAs(Node.class));
        push(KeyCode.CONTROL, KeyCode.A);
        write("3");
        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, matrix().brushSizeProperty().get());
        moveTo(cell(10, 30));
        assertOutline(9, 29, 11, 31);
        moveTo(cell(20, 50));
        assertOutline(19, 49, 21, 51);
        moveTo(cell(0, 0));
        assertOutline(0, 0, 1, 1);

        var before = window.document().design().mask(0).copy();
        moveTo(cell(20, 50));
        clickOn(cell(20, 50));
        awaitIdle();
        var after = window.document().design().mask(0);
        for (int r = 0; r < after.rows(); r++) {
            for (int c = 0; c < after.cols(); c++) {
                boolean inside = r >= 19 && r <= 21 && c >= 49 && c <= 51;
                assertEquals(inside || before.get(r, c), after.get(r, c), "cell " + r + "," + c);
            }
        }

        moveTo("#statusPair");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(outline().isVisible(), "gone when the mouse leaves the matrix");
        fx(() -> matrix().toolProperty().set(MatrixTool.ROW));
        moveTo(cell(20, 50));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(outline().isVisible(), "only the brush has a footprint");
    }

    @Test
    void anUntouchedMatrixStaysWholeWhenItsPaneShrinks() throws Exception {
        Node divider = from((Node) window.editor()).lookup(".split-pane-divider").query();
        Bounds d = screen(divider);
        drag(new Point2D(d.getCenterX(), d.getCenterY()), MouseButton.PRIMARY).moveTo(new Point2D(d.getCenterX(), d.getCenterY() + 160)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(screen(divider).getCenterY() > d.getCenterY() + 100, "the divider moved down: the matrix got shorter");
        int rows = matrix().viewport().rows(), cols = matrix().viewport().cols();
        for (int[] rc : new int[][] {{0, 0}, {rows - 1, cols - 1}, {rows - 1, 0}, {0, cols - 1}}) {
            Point2D p = cell(rc[0], rc[1]);
            moveTo(p);
            WaitForAsyncUtils.waitForFxEvents();
            Point2D local = matrix().screenToLocal(p);
            assertEquals(new Cell(rc[0], rc[1]), matrix().cellAt(local.getX(), local.getY()),
                    "corner cell " + rc[0] + "," + rc[1] + " is on the cells, not under a band or outside");
            assertTrue(lookup("#statusHover").queryAs(Label.class).getText().contains("connected"), "hovering it names it");
        }
    }
}
