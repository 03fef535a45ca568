package io.maskstudio.render;

import io.maskstudio.model.LayerSpec;

import java.util.BitSet;

/**
 * Where one layer's neurons sit on a canvas. A vector layer is a vertical column of dots; an
 * image-shaped layer is a grid of square cells per channel, neuron {@code ch*h*w + row*w + col} at
 * grid position (row, col) of channel block ch, so a local receptive field shows as a patch.
 * Channel blocks stack vertically, wrapping into several block columns when that gives bigger cells.
 */
public final class LayerLayout {
    /** Gap between channel blocks, in cells. */
    private static final double BLOCK_GAP = 0.5;
    private static final double MAX_CELL = 48;
    private static final double MAX_PITCH = 28;
    private static final double MAX_RADIUS = 8;

    private final LayerSpec spec;
    private final boolean grid;
    // Column geometry: dot i at (left + radius, top + (i + 0.5) * pitch).
    // Grid geometry: cell (block bx,by; row r, col c) at left + (bx*(w+gap) + c) * cell, top + (by*(h+gap) + r) * cell.
    private final double left, top, pitch, radius, cell;
    private final int blocksPerRow;
    private final double[] xs, ys;

    private LayerLayout(LayerSpec spec, boolean grid, double left, double top, double pitch, double radius, double cell, int blocksPerRow) {
        this.spec = spec;
        this.grid = grid;
        this.left = left;
        this.top = top;
        this.pitch = pitch;
        this.radius = radius;
        this.cell = cell;
        this.blocksPerRow = blocksPerRow;
        this.xs = new double[spec.size()];
        this.ys = new double[spec.size()];
        for (int i = 0; i < spec.size(); i++) {
            xs[i] = computeX(i);
            ys[i] = computeY(i);
        }
    }

    /**
     * Lays the layer out in the box {@code (x, y, maxWidth, height)}, vertically centred and pushed
     * against the box's left edge ({@code alignRight} false) or right edge (true).
     */
    public static LayerLayout fit(LayerSpec spec, double x, double y, double maxWidth, double height, boolean alignRight) {
        if (spec.hasShape()) {
            int ch = spec.channels(), h = spec.height(), w = spec.width();
            double bestCell = 0;
            int bestK = 1;
            for (int k = 1; k <= ch; k++) {
                int rowsOfBlocks = (ch + k - 1) / k;
                double c = Math.min(maxWidth / (k * w + (k - 1) * BLOCK_GAP), height / (rowsOfBlocks * h + (rowsOfBlocks - 1) * BLOCK_GAP));
                if (c > bestCell * 1.0001) { bestCell = c; bestK = k; }
            }
            double cell = Math.min(bestCell, MAX_CELL);
            int rowsOfBlocks = (ch + bestK - 1) / bestK;
            double gw = (bestK * w + (bestK - 1) * BLOCK_GAP) * cell, gh = (rowsOfBlocks * h + (rowsOfBlocks - 1) * BLOCK_GAP) * cell;
            double left = alignRight ? x + maxWidth - gw : x;
            return new LayerLayout(spec, true, left, y + (height - gh) / 2, 0, cell / 2, cell, bestK);
        }
        int n = spec.size();
        double pitch = Math.min(height / n, MAX_PITCH);
        double radius = Math.max(0.5, Math.min(pitch * 0.4, MAX_RADIUS));
        double left = alignRight ? x + maxWidth - 2 * radius : x;
        return new LayerLayout(spec, false, left, y + (height - pitch * n) / 2, pitch, radius, 0, 1);
    }

    /** Width the layer would take in a box of the given height when placed with {@link #fit}. */
    public static double preferredWidth(LayerSpec spec, double maxWidth, double height) {
        LayerLayout l = fit(spec, 0, 0, maxWidth, height, false);
        return l.boxWidth();
    }

    public LayerSpec spec() { return spec; }
    public int size() { return spec.size(); }
    public boolean isGrid() { return grid; }
    /** Grid cell side in pixels (0 for a column). */
    public double cellSize() { return cell; }
    /** Dot radius of a column; half a cell for a grid. */
    public double radius() { return radius; }
    /** Centre x of neuron i. */
    public double x(int i) { return xs[i]; }
    /** Centre y of neuron i. */
    public double y(int i) { return ys[i]; }
    double[] xs() { return xs; }
    double[] ys() { return ys; }

    /** Left, top, width and height of everything this layer draws. */
    public double[] bounds() {
        if (!grid) return new double[] {left, top, 2 * radius, pitch * size()};
        int rowsOfBlocks = (spec.channels() + blocksPerRow - 1) / blocksPerRow;
        return new double[] {left, top, boxWidth(), (rowsOfBlocks * spec.height() + (rowsOfBlocks - 1) * BLOCK_GAP) * cell};
    }

    private double boxWidth() {
        return grid ? (blocksPerRow * spec.width() + (blocksPerRow - 1) * BLOCK_GAP) * cell : 2 * radius;
    }

    /** Number of channel blocks per block row (1 = stacked vertically). */
    public int blocksPerRow() { return blocksPerRow; }

    /** Top-left corner of channel block {@code ch}: {@code {x, y}}. */
    public double[] blockOrigin(int ch) {
        int bx = ch % blocksPerRow, by = ch / blocksPerRow;
        return new double[] {left + bx * (spec.width() + BLOCK_GAP) * cell, top + by * (spec.height() + BLOCK_GAP) * cell};
    }

    private double computeX(int i) {
        if (!grid) return left + radius;
        int hw = spec.height() * spec.width();
        int ch = i / hw, c = (i % hw) % spec.width();
        return blockOrigin(ch)[0] + (c + 0.5) * cell;
    }

    private double computeY(int i) {
        if (!grid) return top + (i + 0.5) * pitch;
        int hw = spec.height() * spec.width();
        int ch = i / hw, r = (i % hw) / spec.width();
        return blockOrigin(ch)[1] + (r + 0.5) * cell;
    }

    /**
     * The neuron drawn at {@code (px, py)}: the grid cell containing the point, or the nearest dot
     * within {@code max(radius, tolerance)} of it; -1 when none.
     */
    public int neuronAt(double px, double py, double tolerance) {
        if (grid) {
            int w = spec.width(), h = spec.height();
            double bw = (w + BLOCK_GAP) * cell, bh = (h + BLOCK_GAP) * cell;
            double rx = px - left, ry = py - top;
            if (rx < 0 || ry < 0) return -1;
            int bx = (int) (rx / bw), by = (int) (ry / bh);
            if (bx >= blocksPerRow) return -1;
            int c = (int) Math.floor((rx - bx * bw) / cell), r = (int) Math.floor((ry - by * bh) / cell);
            int ch = by * blocksPerRow + bx;
            if (c >= w || r >= h || ch >= spec.channels()) return -1;
            return ch * h * w + r * w + c;
        }
        int i = (int) Math.floor((py - top) / pitch);
        i = Math.max(0, Math.min(size() - 1, i));
        double dx = px - xs[i], dy = py - ys[i], reach = Math.max(radius, tolerance);
        return dx * dx + dy * dy <= reach * reach ? i : -1;
    }

    /** Neurons whose centres lie in the rectangle spanned by the two corners (rubber-band selection). */
    public BitSet neuronsIn(double x0, double y0, double x1, double y1) {
        double xa = Math.min(x0, x1), xb = Math.max(x0, x1), ya = Math.min(y0, y1), yb = Math.max(y0, y1);
        BitSet s = new BitSet(size());
        for (int i = 0; i < size(); i++) {
            if (xs[i] >= xa && xs[i] <= xb && ys[i] >= ya && ys[i] <= yb) s.set(i);
        }
        return s;
    }
}
