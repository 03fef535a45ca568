package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.io.RunManifest;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import io.maskstudio.render.LineChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The overlay of several runs' curves that {@code runs plot} draws: one series per run, or with seed grouping one
 * mean line and a min-max band per group of runs that differ only in their seed; optional TensorBoard-style
 * smoothing.
 */
public final class RunCurves {
    /** The metrics.csv columns a curve can show, by the name {@code --metric} takes. */
    public enum Metric {
        VAL_ACCURACY("val_accuracy", "validation accuracy", EpochMetrics::valAccuracy),
        VAL_LOSS("val_loss", "validation loss", EpochMetrics::valLoss),
        TRAIN_ACCURACY("train_accuracy", "training accuracy", EpochMetrics::trainAccuracy),
        TRAIN_LOSS("train_loss", "training loss", EpochMetrics::trainLoss);

        private final String id;
        private final String label;
        private final ToDoubleFunction<EpochMetrics> value;

        Metric(String id, String label, ToDoubleFunction<EpochMetrics> value) {
            this.id = id;
            this.label = label;
            this.value = value;
        }

        public String id() {
            return id;
        }

        public static Metric fromId(String id) {
            for (Metric m : values()) if (m.id.equals(id)) return m;
            throw new IllegalArgumentException("unknown metric '" + id + "'; expected one of " + Arrays.stream(values()).map(Metric::id).toList());
        }
    }

    private RunCurves() {}

    /**
     * @param smoothing TensorBoard's weight in [0, 1): 0 draws the raw values
     */
    public static LineChart chart(List<RunFolder> runs, Metric metric, boolean groupSeeds, double smoothing, boolean logY) {
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException("smoothing must be in [0, 1), was " + smoothing);
        LineChart chart = new LineChart(metric.label + " per epoch", "epoch", metric.id, logY);
        if (!groupSeeds) {
            for (RunFolder r : runs) {
                double[][] xy = curve(r, metric);
                chart.add(new LineChart.Series(name(r), xy[0], smooth(xy[1], smoothing)));
            }
            return chart;
        }
        Map<String, List<RunFolder>> groups = new LinkedHashMap<>();
        for (RunFolder r : runs) groups.computeIfAbsent(groupKey(r), k -> new ArrayList<>()).add(r);
        for (List<RunFolder> g : groups.values()) {
            if (g.size() == 1) {
                double[][] xy = curve(g.get(0), metric);
                chart.add(new LineChart.Series(name(g.get(0)), xy[0], smooth(xy[1], smoothing)));
                continue;
            }
            // Epochs every run of the group reached: a mean over fewer runs would jump where one run stops.
            TreeMap<Integer, double[]> byEpoch = new TreeMap<>();
            for (int k = 0; k < g.size(); k++) {
                double[][] xy = curve(g.get(k), metric);
                double[] ys = smooth(xy[1], smoothing);
                for (int i = 0; i < xy[0].length; i++) {
                    byEpoch.computeIfAbsent((int) xy[0][i], e -> filled(g.size()))[k] = ys[i];
                }
            }
            List<double[]> rows = new ArrayList<>();
            byEpoch.forEach((e, vals) -> {
                double sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double v : vals) {
                    if (!Double.isFinite(v)) return;
                    sum += v;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                rows.add(new double[]{e, sum / vals.length, lo, hi});
            });
            double[] x = new double[rows.size()], mean = new double[rows.size()], lo = new double[rows.size()], hi = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i)[0];
                mean[i] = rows.get(i)[1];
                lo[i] = rows.get(i)[2];
                hi[i] = rows.get(i)[3];
            }
            chart.add(new LineChart.Series(name(g.get(0)) + " (mean of " + g.size() + " seeds, min-max band)", x, mean, lo, hi));
        }
        return chart;
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static double[][] curve(RunFolder r, Metric metric) {
        double[] x = new double[r.metrics().size()], y = new double[r.metrics().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.metrics().get(i).epoch();
            y[i] = metric.value.applyAsDouble(r.metrics().get(i));
        }
        return new double[][]{x, y};
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

    /** Runs that differ only in their seed: the same layer sizes, settings other than the seed, method and dataset. */
    static String groupKey(RunFolder r) {
        NetworkDesign d = r.design();
        StringBuilder sb = new StringBuilder();
        if (d != null) {
            for (int k = 0; k < d.layerCount(); k++) sb.append(d.layer(k).size()).append(',');
            TrainingSettings s = d.settings();
            sb.append('|').append(s.dataset()).append('|').append(s.optimizer()).append('|').append(s.learningRate()).append('|')
                    .append(s.batchSize()).append('|').append(s.epochs()).append('|').append(s.weightDecay()).append('|').append(s.validationFraction());
            for (int k = 0; k < d.pairCount(); k++) sb.append('|').append(d.mask(k).nnz());
        } else {
            sb.append(r.dir());
        }
        RunManifest m = r.manifest();
        if (m != null) sb.append('|').append(m.method()).append('|').append(m.methodDetail());
        return sb.toString();
    }

    static String name(RunFolder r) {
        return r.dir().getFileName() == null ? r.dir().toString() : r.dir().getFileName().toString();
    }
}
