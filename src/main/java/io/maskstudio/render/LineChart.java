package io.maskstudio.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of several series (one colour each, a legend, optional min-max bands) drawn once through
 * {@link ChartCanvas}, so the PNG ({@link ChartImages#png}) and the SVG ({@link ChartImages#svg}) come from the same
 * layout. Axis ticks are "nice" numbers (1, 2, 5 x 10^k); a log y axis ticks at powers of ten. Plain Java.
 */
public final class LineChart {
    /** Tableau 10, the palette matplotlib and TensorBoard users know. */
    static final int[] PALETTE = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF};

    /** One curve; {@code low}/{@code high} (same length as {@code y}, or null) draw a band behind it. NaN values are gaps. */
    public record Series(String name, double[] x, double[] y, double[] low, double[] high) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
            if ((low == null) != (high == null) || low != null && (low.length != y.length || high.length != y.length)) {
                throw new IllegalArgumentException(name + ": a band needs low and high values for every point");
            }
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null, null);
        }
    }

    private final String title, xLabel, yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Draws the chart into a {@code width x height} canvas. */
    void draw(ChartCanvas c, int width, int height) {
        double left = 70, right = 20 + legendWidth(), top = 36, bottom = 50;
        double pw = Math.max(40, width - left - right), ph = Math.max(40, height - top - bottom);
        double[] xr = range(true), yr = range(false);
        c.rect(0, 0, width, height, 0xFFFFFF);
        c.text(left + pw / 2, 22, title, ChartCanvas.Anchor.MIDDLE, 15, 0x222222);
        c.text(left + pw / 2, height - 12, xLabel, ChartCanvas.Anchor.MIDDLE, 13, 0x222222);
        c.verticalText(18, top + ph / 2, yLabel, 13, 0x222222);
        for (double t : ticks(xr[0], xr[1], false)) {
            double px = left + (t - xr[0]) / (xr[1] - xr[0]) * pw;
            c.line(px, top, px, top + ph, 0xE5E5E5, 1);
            c.text(px, top + ph + 18, label(t), ChartCanvas.Anchor.MIDDLE, 11, 0x444444);
        }
        for (double t : ticks(yr[0], yr[1], logY)) {
            double py = top + ph - (map(t) - map(yr[0])) / (map(yr[1]) - map(yr[0])) * ph;
            c.line(left, py, left + pw, py, 0xE5E5E5, 1);
            c.text(left - 6, py + 4, label(t), ChartCanvas.Anchor.END, 11, 0x444444);
        }
        c.strokeRect(left, top, pw, ph, 0x888888);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int color = PALETTE[k % PALETTE.length];
            if (s.low() != null) {
                List<double[]> upper = new ArrayList<>(), lower = new ArrayList<>();
                for (int i = 0; i < s.x().length; i++) {
                    if (!finite(s.low()[i]) || !finite(s.high()[i])) continue;
                    upper.add(point(s.x()[i], s.high()[i], xr, yr, left, top, pw, ph));
                    lower.add(0, point(s.x()[i], s.low()[i], xr, yr, left, top, pw, ph));
                }
                upper.addAll(lower);
                if (upper.size() >= 3) c.fillPolygon(upper, color, 0.2);
            }
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= s.x().length; i++) {
                boolean ok = i < s.x().length && finite(s.y()[i]) && finite(s.x()[i]);
                if (ok) run.add(point(s.x()[i], s.y()[i], xr, yr, left, top, pw, ph));
                if (!ok || i == s.x().length) {
                    if (run.size() == 1) c.dot(run.get(0)[0], run.get(0)[1], 2.5, color);
                    if (run.size() > 1) c.polyline(run, color, 2);
                    run = new ArrayList<>();
                }
            }
            double ly = top + 8 + k * 18;
            c.line(left + pw + 12, ly, left + pw + 32, ly, color, 3);
            c.text(left + pw + 38, ly + 4, s.name(), ChartCanvas.Anchor.START, 12, 0x222222);
        }
    }

    private double legendWidth() {
        int longest = 0;
        for (Series s : series) longest = Math.max(longest, s.name().length());
        return Math.min(260, 46 + longest * 7);
    }

    private double[] point(double x, double y, double[] xr, double[] yr, double left, double top, double pw, double ph) {
        return new double[]{left + (x - xr[0]) / (xr[1] - xr[0]) * pw, top + ph - (map(y) - map(yr[0])) / (map(yr[1]) - map(yr[0])) * ph};
    }

    private double map(double v) {
        return logY ? Math.log10(v) : v;
    }

    private boolean finite(double v) {
        return Double.isFinite(v) && (!logY || v > 0);
    }

    /** The data's range, widened to whole ticks; a flat or empty series gets a unit range around it. */
    double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[][] all = xAxis ? new double[][]{s.x()} : s.low() == null ? new double[][]{s.y()} : new double[][]{s.y(), s.low(), s.high()};
            for (double[] vs : all) {
                for (double v : vs) {
                    if (xAxis ? !Double.isFinite(v) : !finite(v)) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) return logY && !xAxis ? new double[]{1, 10} : new double[]{0, 1};
        if (logY && !xAxis) return new double[]{Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi) + 1e-12))};
        if (lo == hi) return new double[]{lo - 0.5, hi + 0.5};
        double step = niceStep(hi - lo);
        return new double[]{Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    static double niceStep(double span) {
        double raw = span / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    static List<Double> ticks(double lo, double hi, boolean log) {
        List<Double> t = new ArrayList<>();
        if (log) {
            for (double v = lo; v <= hi * 1.0000001; v *= 10) t.add(v);
            return t;
        }
        double step = niceStep(hi - lo);
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        return t;
    }

    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
