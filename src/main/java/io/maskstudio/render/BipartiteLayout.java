package io.maskstudio.render;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;

/**
 * Positions of a layer pair on a canvas: the source layer (mask columns) on the left, the target
 * layer (mask rows) on the right, each fitted with {@link LayerLayout}. Immutable; recompute on resize.
 */
public final class BipartiteLayout {
    /** Share of the width an image-shaped layer may take. */
    private static final double GRID_SHARE = 0.3;
    private static final double PADDING = 8;
    public static final double DEFAULT_TOLERANCE = 3;

    private final LayerLayout source, target;
    private final double x, y, width, height;

    private BipartiteLayout(LayerLayout source, LayerLayout target, double x, double y, double width, double height) {
        this.source = source;
        this.target = target;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    public static BipartiteLayout of(LayerSpec source, LayerSpec target, int width, int height) {
        return of(source, target, 0, 0, width, height);
    }

    /** Lays the pair out inside the box {@code (x, y, width, height)} of a larger canvas. */
    public static BipartiteLayout of(LayerSpec source, LayerSpec target, double x, double y, double width, double height) {
        double innerW = Math.max(1, width - 2 * PADDING), innerH = Math.max(1, height - 2 * PADDING);
        double side = innerW * GRID_SHARE;
        LayerLayout s = LayerLayout.fit(source, x + PADDING, y + PADDING, side, innerH, false);
        LayerLayout t = LayerLayout.fit(target, x + width - PADDING - side, y + PADDING, side, innerH, true);
        return new BipartiteLayout(s, t, x, y, width, height);
    }

    public LayerLayout source() { return source; }
    public LayerLayout target() { return target; }
    public LayerLayout side(Side s) { return s == Side.SOURCE ? source : target; }
    public double x() { return x; }
    public double y() { return y; }
    public double width() { return width; }
    public double height() { return height; }

    /** The neuron at the point on either side, or null. */
    public NeuronHit neuronAt(double px, double py) {
        return neuronAt(px, py, DEFAULT_TOLERANCE);
    }

    public NeuronHit neuronAt(double px, double py, double tolerance) {
        int i = source.neuronAt(px, py, tolerance);
        if (i >= 0) return new NeuronHit(Side.SOURCE, i);
        int o = target.neuronAt(px, py, tolerance);
        return o >= 0 ? new NeuronHit(Side.TARGET, o) : null;
    }

    /**
     * The connection whose line passes nearest to the point, if within {@code maxDistance} pixels:
     * {@code row} = output (target) neuron, {@code col} = input (source) neuron. Null when none.
     * Scans all connections (about a millisecond per 10^5).
     */
    public Cell connectionAt(Mask mask, double px, double py, double maxDistance) {
        requireShape(mask);
        double[] sx = source.xs(), sy = source.ys(), tx = target.xs(), ty = target.ys();
        int[] found = {-1, -1};
        double[] bestHolder = {maxDistance * maxDistance};
        for (int o = 0; o < mask.rows(); o++) {
            final int out = o;
            final double bx = tx[o], by = ty[o];
            mask.forEachInRow(o, i -> {
                double ax = sx[i], ay = sy[i];
                // Cheap reject by bounding box before the exact distance.
                if (px < Math.min(ax, bx) - maxDistance || px > Math.max(ax, bx) + maxDistance
                        || py < Math.min(ay, by) - maxDistance || py > Math.max(ay, by) + maxDistance) return;
                double d = segmentDistanceSquared(px, py, ax, ay, bx, by);
                if (d <= bestHolder[0]) {
                    bestHolder[0] = d;
                    found[0] = out;
                    found[1] = i;
                }
            });
        }
        return found[0] < 0 ? null : new Cell(found[0], found[1]);
    }

    void requireShape(Mask mask) {
        if (mask.rows() != target.size() || mask.cols() != source.size()) {
            throw new IllegalArgumentException("mask [" + mask.rows() + "," + mask.cols() + "] does not match layers "
                    + source.size() + " -> " + target.size() + " (expected [" + target.size() + "," + source.size() + "])");
        }
    }

    static double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        double ex = ax + t * dx - px, ey = ay + t * dy - py;
        return ex * ex + ey * ey;
    }
}
