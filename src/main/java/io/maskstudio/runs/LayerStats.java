package io.maskstudio.runs;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.model.Mask;

import java.util.Locale;

/**
 * One row of layers.csv for one pair at the end of an epoch. Norms are L2 over present connections; the update
 * ratio is {@code ||W_e - W_(e-1)|| / ||W_(e-1)||} over the epoch (NaN for the first epoch, or when the layer is
 * too large for its weights to be copied).
 */
public record LayerStats(int epoch, int pair, long connections, double density, double weightNorm, double gradNorm, double updateRatio) {

    static LayerStats of(int epoch, int pair, LayerSnapshot l, float[] previousWeights) {
        Mask m = l.mask();
        long cells = (long) l.outFeatures() * l.inFeatures();
        long connections = m.nnz();
        double wNorm = Double.NaN, gNorm = Double.NaN, ratio = Double.NaN;
        if (l.weights() != null) {
            double w2 = 0, g2 = 0, d2 = 0, p2 = 0;
            int in = l.inFeatures();
            for (int o = 0; o < l.outFeatures(); o++) {
                for (int i = 0; i < in; i++) {
                    if (!m.get(o, i)) continue;
                    int k = o * in + i;
                    double w = l.weights()[k];
                    w2 += w * w;
                    if (l.gradient() != null) g2 += (double) l.gradient()[k] * l.gradient()[k];
                    if (previousWeights != null) {
                        double p = previousWeights[k];
                        p2 += p * p;
                        d2 += (w - p) * (w - p);
                    }
                }
            }
            wNorm = Math.sqrt(w2);
            if (l.gradient() != null) gNorm = Math.sqrt(g2);
            if (previousWeights != null && p2 > 0) ratio = Math.sqrt(d2) / Math.sqrt(p2);
        }
        return new LayerStats(epoch, pair, connections, cells == 0 ? 0 : (double) connections / cells, wNorm, gNorm, ratio);
    }

    String csvRow() {
        return epoch + "," + pair + "," + connections + "," + num(density) + "," + num(weightNorm) + "," + num(gradNorm) + "," + num(updateRatio);
    }

    /** Empty for NaN: pandas and NumPy read an empty field as NaN, and no one confuses it with a value. */
    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
