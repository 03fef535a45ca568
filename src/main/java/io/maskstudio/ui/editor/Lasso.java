package io.maskstudio.ui.editor;

import io.maskstudio.render.LayerLayout;

import java.util.Arrays;
import java.util.BitSet;

/** A free-hand polygon (the lasso) and which neurons' centres it encloses. */
final class Lasso {
    private double[] xs = new double[64], ys = new double[64];
    private int n;

    void add(double x, double y) {
        if (n == xs.length) {
            xs = Arrays.copyOf(xs, n * 2);
            ys = Arrays.copyOf(ys, n * 2);
        }
        xs[n] = x;
        ys[n++] = y;
    }

    int size() { return n; }

    /** Flat {x0, y0, x1, y1, ...} for a JavaFX Polygon. */
    Double[] points() {
        Double[] p = new Double[2 * n];
        for (int k = 0; k < n; k++) {
            p[2 * k] = xs[k];
            p[2 * k + 1] = ys[k];
        }
        return p;
    }

    BitSet neuronsIn(LayerLayout layer) {
        BitSet s = new BitSet();
        if (n < 3) return s;
        for (int i = 0; i < layer.size(); i++) if (contains(layer.x(i), layer.y(i))) s.set(i);
        return s;
    }

    /** Even-odd rule ray casting. */
    boolean contains(double x, double y) {
        boolean inside = false;
        for (int a = 0, b = n - 1; a < n; b = a++) {
            if ((ys[a] > y) != (ys[b] > y) && x < (xs[b] - xs[a]) * (y - ys[a]) / (ys[b] - ys[a]) + xs[a]) inside = !inside;
        }
        return inside;
    }
}
