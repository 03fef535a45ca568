package io.maskstudio.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A line chart of several series (one colour each, a legend, optional min-max bands, event markers) drawn once
 * through {@link ChartCanvas}, so the PNG ({@link ChartImages#png}), the SVG ({@link ChartImages#svg}) and the app's
 * canvas come from the same layout. Axis ticks are "nice" numbers (1, 2, 5 x 10^k); a log y axis ticks at powers of
 * ten. Plain Java.
 */
public final class LineChart {
    /** Tableau 10, the palette matplotlib and TensorBoard users know. */
    static final int[] PALETTE = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF};

    /** Where the legend goes: beside the plot (files), or in rows above it (a narrow chart in the app). */
    public enum Legend { RIGHT, TOP }

    /**
     * One curve; {@code low}/{@code high} (same length as {@code y}, or null) draw a band behind it. NaN values are
     * gaps. {@code color} 0xRRGGBB, or -1 for the palette's colour of the series' index; {@code dashed} tells apart
     * curves of one colour (one run's training and validation values).
     */
    public record Series(String name, double[] x, double[] y, double[] low, double[] high, int color, boolean dashed) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
            if ((low == null) != (high == null) || low != null && (low.length != y.length || high.length != y.length)) {
                throw new IllegalArgumentException(name + ": a band needs low and high values for every point");
            }
        }

        public Series(String name, double[] x, double[] y, double[] low, double[] high) {
            this(name, x, y, low, high, -1, false);
        }

        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null, null);
        }

        /** At most {@code max} points, evenly spaced over the series (first and last kept): a long run draws as fast as a short one. */
        public Series thinned(int max) {
            int n = x.length;
            if (n <= max || max < 2) return this;
            int[] keep = new int[max];
            for (int k = 0; k < max; k++) keep[k] = (int) Math.round((double) k * (n - 1) / (max - 1));
            return new Series(name, pick(x, keep), pick(y, keep), low == null ? null : pick(low, keep), high == null ? null : pick(high, keep), color, dashed);
        }

        private static double[] pick(double[] a, int[] keep) {
            double[] out = new double[keep.length];
            for (int k = 0; k < keep.length; k++) out[k] = a[keep[k]];
            return out;
        }
    }

    /** A vertical mark at {@code x} where something happened: {@code label} is drawn, {@code detail} is what hovering shows. */
    public record Marker(double x, String label, String detail, int color) { }

    /**
     * Where the last {@link #draw} put the plot: its pixel rectangle and the value ranges it spans, so a pointer's
     * pixel can be turned back into a value.
     */
    public record Layout(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax, boolean logY) {
        public double px(double x) {
            return left + (x - xMin) / (xMax - xMin) * width;
        }

        public double py(double y) {
            double v = logY ? Math.log10(y) : y, lo = logY ? Math.log10(yMin) : yMin, hi = logY ? Math.log10(yMax) : yMax;
            return top + height - (v - lo) / (hi - lo) * height;
        }

        public double xAt(double px) {
            return xMin + (px - left) / width * (xMax - xMin);
        }

        public boolean inPlot(double px, double py) {
            return px >= left && px <= left + width && py >= top && py <= top + height;
        }
    }

    private final String title, xLabel, yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private double[] fixedY;
    private double guideX = Double.NaN;
    private Legend legend = Legend.RIGHT;
    private boolean wholeX;
    private boolean showTitle = true;

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

    public LineChart addMarker(Marker m) {
        markers.add(m);
        return this;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    public List<Marker> markers() {
        return List.copyOf(markers);
    }

    /** The same chart with other series (thinned, say), keeping its title, axes, markers and settings. */
    public LineChart withSeries(List<Series> replaced) {
        LineChart c = new LineChart(title, xLabel, yLabel, logY);
        c.series.addAll(replaced);
        c.markers.addAll(markers);
        c.fixedY = fixedY;
        c.guideX = guideX;
        c.legend = legend;
        c.wholeX = wholeX;
        c.showTitle = showTitle;
        return c;
    }

    public String title() {
        return title;
    }

    public String xLabel() {
        return xLabel;
    }

    public boolean logY() {
        return logY;
    }

    /** A fixed y range instead of the data's (the app's "Full range" accuracy axis); null gives the data's back. */
    public LineChart yRange(double[] loHi) {
        fixedY = loHi == null ? null : loHi.clone();
        return this;
    }

    /** A dark vertical line at {@code x} (the epoch the app's scrubber shows); NaN draws none. */
    public LineChart guide(double x) {
        guideX = x;
        return this;
    }

    /** x ticks on whole numbers only (epochs, steps): a tick at epoch 2.5 names nothing. */
    public LineChart wholeX(boolean whole) {
        wholeX = whole;
        return this;
    }

    /** Without its title the plot gets the room (the app's chooser above the chart already names the metric). */
    public LineChart showTitle(boolean show) {
        showTitle = show;
        return this;
    }

    public LineChart legend(Legend where) {
        legend = where;
        return this;
    }

    /** The colour a series drawn with colour -1 at {@code index} gets. */
    public static int paletteColor(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    public int colorOf(int index) {
        int c = series.get(index).color();
        return c >= 0 ? c : paletteColor(index);
    }

    /** Draws the chart into a {@code width x height} canvas; returns where the plot went. */
    public Layout draw(ChartCanvas c, int width, int height) {
        List<double[]> legendAt = new ArrayList<>();
        double titleRoom = showTitle ? 36 : 12;
        double legendRows = legend == Legend.TOP ? topLegend(width - 80, titleRoom, legendAt) : 0;
        double left = 70, right = 20 + (legend == Legend.RIGHT ? legendWidth() : 0), top = titleRoom + legendRows * 18, bottom = 50;
        double pw = Math.max(40, width - left - right), ph = Math.max(40, height - top - bottom);
        double[] xr = range(true), yr = fixedY != null ? fixedY : range(false);
        Layout layout = new Layout(left, top, pw, ph, xr[0], xr[1], yr[0], yr[1], logY);
        c.rect(0, 0, width, height, 0xFFFFFF);
        if (showTitle) c.text(left + pw / 2, 22, title, ChartCanvas.Anchor.MIDDLE, 15, 0x222222);
        c.text(left + pw / 2, height - 12, xLabel, ChartCanvas.Anchor.MIDDLE, 13, 0x222222);
        c.verticalText(18, top + ph / 2, yLabel, 13, 0x222222);
        for (double t : ticks(xr[0], xr[1], false, wholeX)) {
            double px = left + (t - xr[0]) / (xr[1] - xr[0]) * pw;
            c.line(px, top, px, top + ph, 0xE5E5E5, 1);
            c.text(px, top + ph + 18, label(t), ChartCanvas.Anchor.MIDDLE, 11, 0x444444);
        }
        for (double t : ticks(yr[0], yr[1], logY, false)) {
            double py = top + ph - (map(t) - map(yr[0])) / (map(yr[1]) - map(yr[0])) * ph;
            c.line(left, py, left + pw, py, 0xE5E5E5, 1);
            c.text(left - 6, py + 4, label(t), ChartCanvas.Anchor.END, 11, 0x444444);
        }
        c.strokeRect(left, top, pw, ph, 0x888888);
        for (Marker m : markers) {
            if (!(m.x() >= xr[0] && m.x() <= xr[1])) continue;
            c.marker(layout.px(m.x()), top, top + ph, m.color(), m.label(), m.detail());
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int color = colorOf(k);
            if (s.low() != null) {
                List<double[]> upper = new ArrayList<>(), lower = new ArrayList<>();
                for (int i = 0; i < s.x().length; i++) {
                    if (!finite(s.low()[i]) || !finite(s.high()[i]) || !inX(s.x()[i], xr)) continue;
                    upper.add(point(s.x()[i], clampY(s.high()[i], yr), xr, yr, left, top, pw, ph));
                    lower.add(0, point(s.x()[i], clampY(s.low()[i], yr), xr, yr, left, top, pw, ph));
                }
                upper.addAll(lower);
                if (upper.size() >= 3) c.fillPolygon(upper, color, 0.2);
            }
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= s.x().length; i++) {
                boolean ok = i < s.x().length && finite(s.y()[i]) && inX(s.x()[i], xr);
                if (ok) run.add(point(s.x()[i], clampY(s.y()[i], yr), xr, yr, left, top, pw, ph));
                if (!ok || i == s.x().length) {
                    if (run.size() == 1) c.dot(run.get(0)[0], run.get(0)[1], 2.5, color);
                    if (run.size() > 1) c.polyline(run, color, 2, s.dashed());
                    run = new ArrayList<>();
                }
            }
            double lx = legend == Legend.RIGHT ? left + pw + 12 : legendAt.get(k)[0], ly = legend == Legend.RIGHT ? top + 8 + k * 18 : legendAt.get(k)[1];
            if (s.dashed()) {
                c.line(lx, ly, lx + 8, ly, color, 3);
                c.line(lx + 12, ly, lx + 20, ly, color, 3);
            } else {
                c.line(lx, ly, lx + 20, ly, color, 3);
            }
            c.text(lx + 26, ly + 4, s.name(), ChartCanvas.Anchor.START, 12, 0x222222);
        }
        if (guideX >= xr[0] && guideX <= xr[1]) c.line(layout.px(guideX), top, layout.px(guideX), top + ph, 0x333333, 1.5);
        return layout;
    }

    /** Legend entries in rows above the plot, wrapped at {@code width}; returns the number of rows. */
    private double topLegend(double width, double top, List<double[]> at) {
        double x = 70, row = 0;
        for (Series s : series) {
            double w = 26 + s.name().length() * 6.5 + 16;
            if (x > 70 && x + w > 70 + width) {
                x = 70;
                row++;
            }
            at.add(new double[]{x, top + row * 18 + 4});
            x += w;
        }
        return series.isEmpty() ? 0 : row + 1;
    }

    /** A fixed range cuts the curves at its edges rather than letting them run over the axes. */
    private double clampY(double v, double[] yr) {
        return fixedY == null ? v : Math.max(yr[0], Math.min(yr[1], v));
    }

    private boolean inX(double x, double[] xr) {
        return Double.isFinite(x) && x >= xr[0] - 1e-9 * (xr[1] - xr[0]) && x <= xr[1] + 1e-9 * (xr[1] - xr[0]);
    }

    /**
     * The series as CSV, one row per x value of any series (ascending), a column per series (its min and max too,
     * for a band); an empty field where a series has no value at that x.
     */
    public String csv() {
        TreeSet<Double> xs = new TreeSet<>();
        for (Series s : series) for (double x : s.x()) if (Double.isFinite(x)) xs.add(x);
        StringBuilder sb = new StringBuilder(csvField(xLabel));
        for (Series s : series) {
            sb.append(',').append(csvField(s.name()));
            if (s.low() != null) sb.append(',').append(csvField(s.name() + " min")).append(',').append(csvField(s.name() + " max"));
        }
        sb.append('\n');
        List<Map<Double, Integer>> index = new ArrayList<>();
        for (Series s : series) {
            Map<Double, Integer> m = new HashMap<>();
            for (int i = 0; i < s.x().length; i++) m.putIfAbsent(s.x()[i], i);
            index.add(m);
        }
        for (double x : xs) {
            sb.append(number(x));
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                Integer i = index.get(k).get(x);
                sb.append(',').append(i == null ? "" : number(s.y()[i]));
                if (s.low() != null) sb.append(',').append(i == null ? "" : number(s.low()[i])).append(',').append(i == null ? "" : number(s.high()[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) return "";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String csvField(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
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
        if (lo == hi) return xAxis && wholeX ? new double[]{lo - 1, hi + 1} : new double[]{lo - 0.5, hi + 0.5};
        double step = xAxis && wholeX ? Math.max(1, niceStep(hi - lo)) : niceStep(hi - lo);
        return new double[]{Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    static double niceStep(double span) {
        double raw = span / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    static List<Double> ticks(double lo, double hi, boolean log, boolean whole) {
        List<Double> t = new ArrayList<>();
        if (log) {
            for (double v = lo; v <= hi * 1.0000001; v *= 10) t.add(v);
            return t;
        }
        double step = whole ? Math.max(1, niceStep(hi - lo)) : niceStep(hi - lo);
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
