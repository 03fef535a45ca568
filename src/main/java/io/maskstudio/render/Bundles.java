package io.maskstudio.render;

import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;

/**
 * Level of detail for dense pairs: source and target neurons are grouped into at most
 * {@code maxBins} bins per side, and every bin pair holding at least one connection becomes one
 * bundle drawn between the bins' centroids. Vector layers bin by index ranges; image-shaped layers
 * by square-ish spatial tiles per channel, so bundles still show where a receptive field looks.
 */
public final class Bundles {
    private final int sourceBins, targetBins;
    private final int[] counts;          // [targetBin * sourceBins + sourceBin]
    private final double[] sx, sy, tx, ty; // bin centroids
    private final int bundleCount, maxCount;

    private Bundles(int sourceBins, int targetBins, int[] counts, double[] sx, double[] sy, double[] tx, double[] ty) {
        this.sourceBins = sourceBins;
        this.targetBins = targetBins;
        this.counts = counts;
        this.sx = sx;
        this.sy = sy;
        this.tx = tx;
        this.ty = ty;
        int n = 0, max = 0;
        for (int c : counts) {
            if (c > 0) n++;
            max = Math.max(max, c);
        }
        this.bundleCount = n;
        this.maxCount = max;
    }

    public static Bundles of(BipartiteLayout layout, Mask mask, int maxBins) {
        layout.requireShape(mask);
        int[] sBin = binsOf(layout.source().spec(), maxBins), tBin = binsOf(layout.target().spec(), maxBins);
        int sBins = binCount(sBin), tBins = binCount(tBin);
        int[] counts = new int[sBins * tBins];
        for (int o = 0; o < mask.rows(); o++) {
            int base = tBin[o] * sBins;
            mask.forEachInRow(o, i -> counts[base + sBin[i]]++);
        }
        double[][] s = centroids(layout.source(), sBin, sBins), t = centroids(layout.target(), tBin, tBins);
        return new Bundles(sBins, tBins, counts, s[0], s[1], t[0], t[1]);
    }

    /** Bin of every neuron of the layer, bins numbered from 0 without gaps. */
    public static int[] binsOf(LayerSpec layer, int maxBins) {
        if (maxBins <= 0) throw new IllegalArgumentException("maxBins must be positive");
        int n = layer.size();
        int[] bin = new int[n];
        if (!layer.hasShape() || n <= maxBins) {
            int bins = Math.min(n, maxBins);
            for (int i = 0; i < n; i++) bin[i] = (int) ((long) i * bins / n);
            return bin;
        }
        int ch = layer.channels(), h = layer.height(), w = layer.width(), hw = h * w;
        if (ch >= maxBins) {
            for (int i = 0; i < n; i++) bin[i] = (int) ((long) (i / hw) * maxBins / ch);
            return bin;
        }
        // Square-ish tiles: as many per axis as the bin budget per channel allows.
        int perChannel = maxBins / ch;
        int side = Math.max(1, (int) Math.floor(Math.sqrt(perChannel)));
        int th = Math.min(h, side), tw = Math.min(w, Math.max(1, perChannel / th));
        for (int i = 0; i < n; i++) {
            int c = i / hw, r = (i % hw) / w, col = i % w;
            bin[i] = c * th * tw + (r * th / h) * tw + col * tw / w;
        }
        return bin;
    }

    private static int binCount(int[] bin) {
        int max = -1;
        for (int b : bin) max = Math.max(max, b);
        return max + 1;
    }

    private static double[][] centroids(LayerLayout side, int[] bin, int bins) {
        double[] x = new double[bins], y = new double[bins];
        int[] n = new int[bins];
        for (int i = 0; i < bin.length; i++) {
            x[bin[i]] += side.x(i);
            y[bin[i]] += side.y(i);
            n[bin[i]]++;
        }
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) { x[b] /= n[b]; y[b] /= n[b]; }
        }
        return new double[][] {x, y};
    }

    /** Number of non-empty bin pairs = lines drawn. */
    public int count() { return bundleCount; }
    /** Connections in the fullest bundle. */
    public int maxConnections() { return maxCount; }
    public int sourceBins() { return sourceBins; }
    public int targetBins() { return targetBins; }

    /** Connections between source bin {@code s} and target bin {@code t}. */
    public int connections(int s, int t) {
        return counts[t * sourceBins + s];
    }

    public interface BundleConsumer {
        void bundle(double x0, double y0, double x1, double y1, int connections);
    }

    /** Visits every non-empty bundle: from the source bin's centroid to the target bin's. */
    public void forEach(BundleConsumer consumer) {
        for (int t = 0; t < targetBins; t++) {
            for (int s = 0; s < sourceBins; s++) {
                int c = counts[t * sourceBins + s];
                if (c > 0) consumer.bundle(sx[s], sy[s], tx[t], ty[t], c);
            }
        }
    }
}
