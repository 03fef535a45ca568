package io.maskstudio.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy against density, the figure of the sparse-training papers: one curve per method through the mean over
 * seeds at each density, a min-max band behind it, the density axis log-scaled (2% and 20% as far apart as 10% and
 * 100%), and the dense network's mean as a dashed horizontal reference line. Samples go in one at a time; drawn
 * through {@link ChartCanvas}, so {@link ChartImages} writes it as PNG or SVG. Plain Java.
 */
public final class DensityChart implements ChartImages.Drawing {
    /** One curve: at each density (ascending) the mean, least and greatest of the samples. */
    public record Curve(String name, double[] density, double[] mean, double[] min, double[] max) { }

    private final String title, xLabel, yLabel;
    /** Per curve name (in the order first seen): density to its samples. */
    private final Map<String, TreeMap<Double, List<Double>>> samples = new LinkedHashMap<>();
    private String referenceName;
    private double reference = Double.NaN;

    public DensityChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** One run's value; NaN values (a run without validation data) are left out, densities must be in (0, 1]. */
    public DensityChart add(String curve, double density, double value) {
        if (!(density > 0 && density <= 1)) throw new IllegalArgumentException(curve + ": density must be in (0, 1], was " + density);
        List<Double> at = samples.computeIfAbsent(curve, k -> new TreeMap<>()).computeIfAbsent(density, k -> new ArrayList<>());
        if (Double.isFinite(value)) at.add(value);
        return this;
    }

    /** A dashed horizontal line at {@code value} (the dense mean), named in the legend; NaN draws none. */
    public DensityChart reference(String name, double value) {
        referenceName = name;
        reference = value;
        return this;
    }

    public double reference() {
        return reference;
    }

    public List<Curve> curves() {
        List<Curve> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> e : samples.entrySet()) {
            List<double[]> points = new ArrayList<>();
            for (Map.Entry<Double, List<Double>> p : e.getValue().entrySet()) {
                if (p.getValue().isEmpty()) continue;
                double sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double v : p.getValue()) {
                    sum += v;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                points.add(new double[]{p.getKey(), sum / p.getValue().size(), lo, hi});
            }
            double[][] cols = new double[4][points.size()];
            for (int i = 0; i < points.size(); i++) for (int c = 0; c < 4; c++) cols[c][i] = points.get(i)[c];
            out.add(new Curve(e.getKey(), cols[0], cols[1], cols[2], cols[3]));
        }
        return out;
    }

    public void write(Path file, int width, int height) throws IOException {
        ChartImages.write(this, file, width, height);
    }

    @Override
    public void draw(ChartCanvas c, int width, int height) {
        List<Curve> curves = curves();
        double left = 70, right = 20 + legendWidth(), top = 36, bottom = 50;
        double pw = Math.max(40, width - left - right), ph = Math.max(40, height - top - bottom);
        double[] xr = xRange(curves), yr = yRange(curves);
        Axes a = new Axes(left, top, pw, ph, xr, yr);
        c.rect(0, 0, width, height, 0xFFFFFF);
        c.text(left + pw / 2, 22, title, ChartCanvas.Anchor.MIDDLE, 15, 0x222222);
        c.text(left + pw / 2, height - 12, xLabel, ChartCanvas.Anchor.MIDDLE, 13, 0x222222);
        c.verticalText(18, top + ph / 2, yLabel, 13, 0x222222);
        for (double t : logTicks(xr[0], xr[1])) {
            c.line(a.px(t), top, a.px(t), top + ph, 0xE5E5E5, 1);
            c.text(a.px(t), top + ph + 18, LineChart.label(t), ChartCanvas.Anchor.MIDDLE, 11, 0x444444);
        }
        for (double t : LineChart.ticks(yr[0], yr[1], false, false)) {
            c.line(left, a.py(t), left + pw, a.py(t), 0xE5E5E5, 1);
            c.text(left - 6, a.py(t) + 4, LineChart.label(t), ChartCanvas.Anchor.END, 11, 0x444444);
        }
        c.strokeRect(left, top, pw, ph, 0x888888);
        int row = 0;
        for (int k = 0; k < curves.size(); k++) {
            Curve cv = curves.get(k);
            int color = LineChart.paletteColor(k);
            List<double[]> band = new ArrayList<>(), line = new ArrayList<>();
            for (int i = 0; i < cv.density().length; i++) band.add(new double[]{a.px(cv.density()[i]), a.py(cv.max()[i])});
            for (int i = cv.density().length - 1; i >= 0; i--) band.add(new double[]{a.px(cv.density()[i]), a.py(cv.min()[i])});
            for (int i = 0; i < cv.density().length; i++) line.add(new double[]{a.px(cv.density()[i]), a.py(cv.mean()[i])});
            if (band.size() >= 4) c.fillPolygon(band, color, 0.2);
            if (line.size() > 1) c.polyline(line, color, 2, false);
            for (double[] p : line) c.dot(p[0], p[1], 3, color);
            legendEntry(c, left + pw + 12, top + 8 + row++ * 18, cv.name(), color, false);
        }
        if (Double.isFinite(reference)) {
            c.polyline(List.of(new double[]{left, a.py(reference)}, new double[]{left + pw, a.py(reference)}), 0x555555, 1.5, true);
            legendEntry(c, left + pw + 12, top + 8 + row * 18, referenceName, 0x555555, true);
        }
    }

    private static void legendEntry(ChartCanvas c, double x, double y, String name, int color, boolean dashed) {
        if (dashed) {
            c.line(x, y, x + 8, y, color, 2);
            c.line(x + 12, y, x + 20, y, color, 2);
        } else {
            c.line(x, y, x + 20, y, color, 3);
        }
        c.text(x + 26, y + 4, name, ChartCanvas.Anchor.START, 12, 0x222222);
    }

    /** Pixel positions of values: log10 on x, linear on y. */
    private record Axes(double left, double top, double width, double height, double[] xr, double[] yr) {
        double px(double d) {
            return left + (Math.log10(d) - Math.log10(xr[0])) / (Math.log10(xr[1]) - Math.log10(xr[0])) * width;
        }

        double py(double v) {
            return top + height - (v - yr[0]) / (yr[1] - yr[0]) * height;
        }
    }

    /**
     * From one 1-2-5 tick below the least density to the decade above the greatest, so both ends are ticks and the
     * first points sit off the axis: 0.02..1 spans 0.01..1, 0.05..1 spans 0.02..1.
     */
    static double[] xRange(List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Curve cv : curves) {
            for (double d : cv.density()) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (lo > hi) return new double[]{0.01, 1};
        double b = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9)), a = b;
        List<Double> below = logTicks(Math.pow(10, Math.floor(Math.log10(lo) + 1e-9) - 1), b);
        for (double t : below) if (t < lo * (1 - 1e-9)) a = t;
        return new double[]{a, b};
    }

    /** 1, 2 and 5 in every decade of the range. */
    static List<Double> logTicks(double lo, double hi) {
        List<Double> t = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lo) + 1e-9); e <= (int) Math.ceil(Math.log10(hi) - 1e-9); e++) {
            for (int m : new int[]{1, 2, 5}) {
                double v = Double.parseDouble(m + "e" + e);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) t.add(v);
            }
        }
        return t;
    }

    /** The values' range (bands and the reference line included) widened to nice ticks; a flat range gets ±0.05. */
    private double[] yRange(List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Curve cv : curves) {
            for (double v : cv.min()) lo = Math.min(lo, v);
            for (double v : cv.max()) hi = Math.max(hi, v);
        }
        if (Double.isFinite(reference)) {
            lo = Math.min(lo, reference);
            hi = Math.max(hi, reference);
        }
        if (lo > hi) return new double[]{0, 1};
        if (hi - lo < 1e-9) return new double[]{lo - 0.05, hi + 0.05};
        double step = LineChart.niceStep(hi - lo);
        return new double[]{Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    private double legendWidth() {
        int longest = referenceName == null ? 0 : referenceName.length();
        for (String name : samples.keySet()) longest = Math.max(longest, name.length());
        return Math.min(260, 46 + longest * 7);
    }
}
