package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.render.LineChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The overlay of several runs' curves that {@code runs plot} and the app's Training tab draw: one series per run
 * and metric (and pair, for per-layer metrics), or with seed grouping one mean line and a min-max band per group of
 * runs that differ only in their seed; optional TensorBoard-style smoothing; x as epoch, step or seconds; the runs'
 * events as markers.
 */
public final class RunCurves {
    /** What a curve can show, by the name {@code --metric} takes: metrics.csv's columns and layers.csv's per-pair ones. */
    public enum Metric {
        VAL_ACCURACY("val_accuracy", "validation accuracy", EpochMetrics::valAccuracy, null),
        VAL_LOSS("val_loss", "validation loss", EpochMetrics::valLoss, null),
        TRAIN_ACCURACY("train_accuracy", "training accuracy", EpochMetrics::trainAccuracy, null),
        TRAIN_LOSS("train_loss", "training loss", EpochMetrics::trainLoss, null),
        WEIGHT_NORM("weight_norm", "weight norm", null, LayerStats::weightNorm),
        GRAD_NORM("grad_norm", "gradient norm", null, LayerStats::gradNorm),
        UPDATE_RATIO("update_ratio", "update/weight ratio", null, LayerStats::updateRatio);

        private final String id;
        private final String label;
        private final ToDoubleFunction<EpochMetrics> value;
        private final ToDoubleFunction<LayerStats> layerValue;

        Metric(String id, String label, ToDoubleFunction<EpochMetrics> value, ToDoubleFunction<LayerStats> layerValue) {
            this.id = id;
            this.label = label;
            this.value = value;
            this.layerValue = layerValue;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** One curve per pair of layers (from layers.csv) rather than one per run. */
        public boolean perLayer() {
            return layerValue != null;
        }

        public boolean accuracy() {
            return this == VAL_ACCURACY || this == TRAIN_ACCURACY;
        }

        public static Metric fromId(String id) {
            for (Metric m : values()) if (m.id.equals(id)) return m;
            throw new IllegalArgumentException("unknown metric '" + id + "'; expected one of " + Arrays.stream(values()).map(Metric::id).toList());
        }
    }

    /** The x axis: epochs, batches trained, or seconds of training. */
    public enum XAxis {
        EPOCH("epoch", "epoch"), STEP("step", "step"), TIME("time", "seconds");

        private final String id;
        private final String label;

        XAxis(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public static XAxis fromId(String id) {
            for (XAxis x : values()) if (x.id.equals(id)) return x;
            throw new IllegalArgumentException("unknown x axis '" + id + "'; expected one of " + Arrays.stream(values()).map(XAxis::id).toList());
        }
    }

    /**
     * What to draw.
     *
     * @param smoothing TensorBoard's weight in [0, 1): 0 draws the raw values
     * @param percent   accuracies in % (the app) instead of fractions (metrics.csv's values, what {@code runs plot} draws)
     */
    public record Options(List<Metric> metrics, XAxis x, boolean groupSeeds, double smoothing, boolean logY, boolean percent) {
        public Options {
            metrics = List.copyOf(metrics);
            if (metrics.isEmpty()) throw new IllegalArgumentException("no metric to draw");
            if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("smoothing must be in [0, 1), was " + smoothing);
        }

        public static Options of(Metric... metrics) {
            return new Options(List.of(metrics), XAxis.EPOCH, false, 0, false, false);
        }

        public Options withX(XAxis axis) {
            return new Options(metrics, axis, groupSeeds, smoothing, logY, percent);
        }

        public Options withGroupSeeds(boolean group) {
            return new Options(metrics, x, group, smoothing, logY, percent);
        }

        public Options withSmoothing(double w) {
            return new Options(metrics, x, groupSeeds, w, logY, percent);
        }

        public Options withLogY(boolean log) {
            return new Options(metrics, x, groupSeeds, smoothing, log, percent);
        }

        public Options withPercent(boolean inPercent) {
            return new Options(metrics, x, groupSeeds, smoothing, logY, inPercent);
        }
    }

    /** Colours of the event markers by kind (0xRRGGBB): edits of the mask stand out, the rest are grey. */
    static int markerColor(String kind) {
        return switch (kind) {
            case "mask-edit" -> 0x7B3FA0;
            case "prune" -> 0xC0392B;
            case "grow" -> 0x1E8449;
            case "diverged" -> 0xE67E22;
            default -> 0x8A8A8A;
        };
    }

    /** One curve before it becomes a series: {@code key} (epoch or step) lines up runs of one seed group. */
    private record Curve(String label, double[] key, double[] x, double[] y) { }

    private RunCurves() {}

    public static LineChart chart(List<CurveSource> runs, Options o) {
        LineChart chart = new LineChart(title(o), o.x().label(), yLabel(o), o.logY()).wholeX(o.x() != XAxis.TIME);
        List<List<Curve>> curves = new ArrayList<>();
        for (CurveSource r : runs) curves.add(curves(r, o));
        int perRun = 0;
        for (List<Curve> c : curves) perRun = Math.max(perRun, c.size());
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            groups.computeIfAbsent(o.groupSeeds() ? runs.get(i).groupKey() : "run " + i, k -> new ArrayList<>()).add(i);
        }
        boolean byRun = groups.size() > 1;
        int g = 0;
        for (List<Integer> members : groups.values()) {
            CurveSource first = runs.get(members.get(0));
            List<Curve> firstCurves = curves.get(members.get(0));
            for (int c = 0; c < firstCurves.size(); c++) {
                Curve curve = firstCurves.get(c);
                int color = byRun ? LineChart.paletteColor(g) : -1;
                boolean dashed = byRun && c > 0;
                if (members.size() == 1) {
                    chart.add(new LineChart.Series(name(first.name(), curve.label(), groups.size(), perRun), curve.x(), curve.y(), null, null, color, dashed));
                    continue;
                }
                String name = name(first.name(), curve.label(), groups.size(), perRun) + " (mean of " + members.size() + " seeds, min-max band)";
                List<Curve> same = new ArrayList<>();
                for (int i : members) same.add(find(curves.get(i), curve.label()));
                chart.add(mean(name, same, color, dashed));
            }
            g++;
        }
        for (CurveSource r : runs) markers(chart, r, o.x(), runs.size() > 1);
        return chart;
    }

    /** The curve of that metric (and pair) in the run's; null when it has none (a pair missing from its layers.csv). */
    private static Curve find(List<Curve> cs, String label) {
        for (Curve c : cs) if (c.label().equals(label)) return c;
        return null;
    }

    /** The run's name alone when it has one curve; the metric's alone when there is one run; else both. */
    private static String name(String run, String label, int runs, int perRun) {
        if (perRun <= 1) return run;
        return runs == 1 ? label : run + " · " + label;
    }

    /** Mean and min-max over the runs at the keys every run has (a mean over fewer runs would jump where one run stops). */
    private static LineChart.Series mean(String name, List<Curve> members, int color, boolean dashed) {
        TreeMap<Double, double[]> byKey = new TreeMap<>();
        int n = members.size();
        for (int k = 0; k < n; k++) {
            Curve c = members.get(k);
            if (c == null) continue;
            for (int i = 0; i < c.key().length; i++) {
                double[] slot = byKey.computeIfAbsent(c.key()[i], e -> filled(2 * n));
                slot[k] = c.x()[i];
                slot[n + k] = c.y()[i];
            }
        }
        List<double[]> rows = new ArrayList<>();
        byKey.forEach((key, vals) -> {
            double sx = 0, sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double x = vals[k], v = vals[n + k];
                if (!Double.isFinite(v) || Double.isNaN(x)) return;
                sx += x;
                sum += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            rows.add(new double[]{sx / n, sum / n, lo, hi});
        });
        double[][] cols = new double[4][rows.size()];
        for (int i = 0; i < rows.size(); i++) for (int j = 0; j < 4; j++) cols[j][i] = rows.get(i)[j];
        return new LineChart.Series(name, cols[0], cols[1], cols[2], cols[3], color, dashed);
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** The run's curves for the options, in the order of the metrics (per-layer ones by pair), smoothed. */
    private static List<Curve> curves(CurveSource r, Options o) {
        RunTimeline t = new RunTimeline(r.metrics(), r.steps());
        RunTimeline.Piecewise epochX = switch (o.x()) {
            case EPOCH -> null;
            case STEP -> t.epochToStep();
            case TIME -> t.epochToSeconds();
        };
        List<Curve> out = new ArrayList<>();
        for (Metric m : o.metrics()) {
            double scale = o.percent() && m.accuracy() ? 100 : 1;
            if (m.perLayer()) {
                TreeMap<Integer, List<LayerStats>> byPair = new TreeMap<>();
                for (LayerStats l : r.layers()) byPair.computeIfAbsent(l.pair(), p -> new ArrayList<>()).add(l);
                byPair.forEach((pair, rows) -> {
                    double[] key = new double[rows.size()], y = new double[rows.size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = rows.get(i).epoch();
                        y[i] = m.layerValue.applyAsDouble(rows.get(i));
                    }
                    out.add(curve(m.label + ", pair " + pair, key, map(key, epochX), y, o.smoothing()));
                });
            } else if (o.x() != XAxis.EPOCH && (m == Metric.TRAIN_LOSS || m == Metric.TRAIN_ACCURACY)) {
                // Training values per batch: what step and time axes are for.
                List<CurveSource.Step> rows = r.steps();
                double[] key = new double[rows.size()], y = new double[rows.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = rows.get(i).step();
                    y[i] = scale * (m == Metric.TRAIN_LOSS ? rows.get(i).loss() : rows.get(i).accuracy());
                }
                out.add(curve(m.label, key, o.x() == XAxis.STEP ? key : map(key, t.stepToSeconds()), y, o.smoothing()));
            } else {
                List<EpochMetrics> rows = r.metrics();
                double[] key = new double[rows.size()], y = new double[rows.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = rows.get(i).epoch();
                    y[i] = scale * m.value.applyAsDouble(rows.get(i));
                }
                out.add(curve(m.label, key, map(key, epochX), y, o.smoothing()));
            }
        }
        return out;
    }

    private static Curve curve(String label, double[] key, double[] x, double[] y, double smoothing) {
        return new Curve(label, key, x, smooth(y, smoothing));
    }

    private static double[] map(double[] v, RunTimeline.Piecewise f) {
        if (f == null) return v;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = f.at(v[i]);
        return out;
    }

    /**
     * Where the run's events go on the x axis: an event counts completed epochs and trained steps, so after epoch 3
     * with its steps known it sits at epoch 3 plus the fraction of epoch 4 trained (a step of 0 means "at the end of
     * the epoch").
     */
    private static void markers(LineChart chart, CurveSource r, XAxis axis, boolean nameRun) {
        if (r.events().isEmpty()) return;
        RunTimeline t = new RunTimeline(r.metrics(), r.steps());
        RunTimeline.Piecewise stepToEpoch = t.stepToEpoch(), stepToSeconds = t.stepToSeconds(), epochToStep = t.epochToStep(),
                epochToSeconds = t.epochToSeconds();
        for (CurveSource.Event e : r.events()) {
            double x;
            if (e.step() > 0) {
                x = switch (axis) {
                    case EPOCH -> Double.isNaN(stepToEpoch.at(e.step())) ? e.epoch() : stepToEpoch.at(e.step());
                    case STEP -> e.step();
                    case TIME -> stepToSeconds.at(e.step());
                };
            } else {
                x = switch (axis) {
                    case EPOCH -> e.epoch();
                    case STEP -> epochToStep.at(e.epoch());
                    case TIME -> epochToSeconds.at(e.epoch());
                };
            }
            if (Double.isNaN(x)) continue;
            String where = "epoch " + e.epoch() + (e.step() > 0 ? ", step " + e.step() : "");
            String detail = (nameRun ? r.name() + ": " : "") + e.kind() + " (" + where + ")" + (e.detail().isEmpty() ? "" : ": " + e.detail());
            chart.addMarker(new LineChart.Marker(x, e.kind(), detail, markerColor(e.kind())));
        }
    }

    /** Where the end of {@code epoch} of the run lies on the x axis (the app's scrubber marks it); NaN when unknown. */
    public static double xOfEpoch(CurveSource r, XAxis axis, int epoch) {
        if (axis == XAxis.EPOCH) return epoch;
        RunTimeline t = new RunTimeline(r.metrics(), r.steps());
        return (axis == XAxis.STEP ? t.epochToStep() : t.epochToSeconds()).at(epoch);
    }

    private static String title(Options o) {
        List<String> labels = new ArrayList<>();
        for (Metric m : o.metrics()) labels.add(m.label);
        return String.join(" and ", labels) + " per " + (o.x() == XAxis.TIME ? "second" : o.x().label());
    }

    private static String yLabel(Options o) {
        if (o.metrics().size() == 1) return o.percent() && o.metrics().get(0).accuracy() ? "%" : o.metrics().get(0).id;
        if (o.metrics().stream().allMatch(Metric::accuracy)) return o.percent() ? "%" : "accuracy";
        if (o.metrics().stream().allMatch(m -> m == Metric.TRAIN_LOSS || m == Metric.VAL_LOSS)) return "cross-entropy";
        return String.join(", ", o.metrics().stream().map(Metric::id).toList());
    }

    /**
     * TensorBoard's debiased exponential moving average: {@code last = last*w + (1-w)*y}, divided by
     * {@code 1 - w^n} so the first points are not pulled towards 0. NaN points stay NaN and do not count.
     */
    public static double[] smooth(double[] y, double w) {
        double[] out = new double[y.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            last = last * w + (1 - w) * y[i];
            n++;
            out[i] = w == 0 ? y[i] : last / (1 - Math.pow(w, n));
        }
        return out;
    }
}
