package io.maskstudio.ui.editor;

import io.maskstudio.render.MatrixViewport;
import io.maskstudio.render.PixelRect;
import io.maskstudio.render.Raster;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.List;

/**
 * Index rulers along the matrix's top (columns = sources) and left (rows = targets) edges. Ticks sit on cell
 * centres at a round step (1, 2, 5, 10, 20, 50, …) chosen so labels never crowd, and follow every zoom and pan
 * because they are redrawn with the cells. Bands and ticks go into the raster; the numbers are labels in
 * {@link #labels()} (styled by the stylesheet, reused between redraws).
 */
final class MatrixRulers {
    /** Width of the row ruler and height of the column ruler, in pixels. */
    static final int LEFT = 40, TOP = 18;
    private static final double MIN_COL_SPACING = 44, MIN_ROW_SPACING = 18;

    private final Pane labels = new Pane();
    private final List<Label> colLabels = new ArrayList<>(), rowLabels = new ArrayList<>();

    MatrixRulers() {
        labels.setManaged(false);
        labels.setMouseTransparent(true);
    }

    Pane labels() {
        return labels;
    }

    /** Paints both rulers over whatever cells reach under them; cells lie in {@code [LEFT, w) x [TOP, bottom)}. */
    void draw(Raster r, MatrixViewport vp, int bottom) {
        r.fillRect(0, 0, r.width(), TOP, CanvasPalette.BAND);
        r.fillRect(0, 0, LEFT, r.height(), CanvasPalette.BAND);
        r.fillRect(LEFT, TOP - 1, r.width() - LEFT, 1, CanvasPalette.BAND_EDGE);
        r.fillRect(LEFT - 1, TOP, 1, bottom - TOP, CanvasPalette.BAND_EDGE);
        int used = 0;
        int colStep = step(vp.cellSize(), MIN_COL_SPACING);
        for (int c = roundUp(Math.max(0, vp.colAt(LEFT)), colStep); c < vp.cols() && c <= vp.colAt(r.width() - 1); c += colStep) {
            PixelRect b = vp.cellBounds(0, c);
            int x = b.x() + b.width() / 2;
            if (x < LEFT || x >= r.width()) continue;
            r.fillRect(x, TOP - 5, 1, 4, CanvasPalette.TICK);
            Label l = label(colLabels, used++, "ruler-col-label", Pos.BOTTOM_CENTER);
            l.setText(Integer.toString(c));
            l.resizeRelocate(x + 0.5 - MIN_COL_SPACING / 2, 0, MIN_COL_SPACING, TOP - 5);
        }
        hideFrom(colLabels, used);
        used = 0;
        int rowStep = step(vp.cellSize(), MIN_ROW_SPACING);
        for (int o = roundUp(Math.max(0, vp.rowAt(TOP)), rowStep); o < vp.rows() && o <= vp.rowAt(bottom - 1); o += rowStep) {
            PixelRect b = vp.cellBounds(o, 0);
            int y = b.y() + b.height() / 2;
            if (y < TOP || y >= bottom) continue;
            r.fillRect(LEFT - 5, y, 4, 1, CanvasPalette.TICK);
            Label l = label(rowLabels, used++, "ruler-row-label", Pos.CENTER_RIGHT);
            l.setText(Integer.toString(o));
            l.resizeRelocate(0, y + 0.5 - MIN_ROW_SPACING / 2, LEFT - 7, MIN_ROW_SPACING);
        }
        hideFrom(rowLabels, used);
    }

    /** Hides every number (no mask shown). */
    void clear() {
        hideFrom(colLabels, 0);
        hideFrom(rowLabels, 0);
    }

    /** The smallest round index step whose ticks are at least {@code minPixels} apart. */
    static int step(double cellSize, double minPixels) {
        for (long base = 1; ; base *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                long s = base * m;
                if (s * cellSize >= minPixels || s >= Integer.MAX_VALUE / 10) return (int) s;
            }
        }
    }

    private static int roundUp(int i, int step) {
        return (i + step - 1) / step * step;
    }

    private Label label(List<Label> pool, int i, String styleClass, Pos alignment) {
        if (i == pool.size()) {
            Label l = new Label();
            l.setManaged(false);
            l.getStyleClass().addAll("ruler-label", styleClass);
            l.setAlignment(alignment);
            pool.add(l);
            labels.getChildren().add(l);
        }
        Label l = pool.get(i);
        l.setVisible(true);
        return l;
    }

    private static void hideFrom(List<Label> pool, int from) {
        for (int i = from; i < pool.size(); i++) pool.get(i).setVisible(false);
    }
}
