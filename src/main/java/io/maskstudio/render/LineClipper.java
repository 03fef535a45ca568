package io.maskstudio.render;

/**
 * Clips a segment to a {@code width x height} pixel grid (Liang-Barsky) and rounds it to integer
 * end points inside the grid, so the line loops need no per-pixel bounds checks.
 */
final class LineClipper {
    int x0, y0, x1, y1;
    /** The clipped end points before rounding. */
    double fx0, fy0, fx1, fy1;

    /** @return false when nothing of the segment is inside the grid */
    boolean clip(double ax, double ay, double bx, double by, int width, int height) {
        if (width <= 0 || height <= 0 || !Double.isFinite(ax + ay + bx + by)) return false;
        double xmin = -0.5, ymin = -0.5, xmax = width - 0.5, ymax = height - 0.5;
        double dx = bx - ax, dy = by - ay;
        double t0 = 0, t1 = 1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {ax - xmin, xmax - ax, ay - ymin, ymax - ay};
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) return false;
            } else {
                double r = q[k] / p[k];
                if (p[k] < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
                else { if (r < t0) return false; if (r < t1) t1 = r; }
            }
        }
        fx0 = ax + t0 * dx;
        fy0 = ay + t0 * dy;
        fx1 = ax + t1 * dx;
        fy1 = ay + t1 * dy;
        x0 = clampRound(fx0, width);
        y0 = clampRound(fy0, height);
        x1 = clampRound(fx1, width);
        y1 = clampRound(fy1, height);
        return true;
    }

    private static int clampRound(double v, int n) {
        long r = Math.round(v);
        return (int) Math.max(0, Math.min(n - 1, r));
    }
}
