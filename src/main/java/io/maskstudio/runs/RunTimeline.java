package io.maskstudio.runs;

import io.maskstudio.engine.EpochMetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Where a run's epochs end in steps and in seconds, so epoch-level rows, batch rows and events share one x axis.
 * Epoch e ends at the largest step of its batch rows (steps.csv is thinned, so that is exact until thinning starts
 * and short by less than the stride after) and at the sum of metrics.csv's per-epoch seconds up to e. Between
 * those anchors, and from (0, 0, 0), everything is linear: a batch's time is interpolated within its epoch;
 * past the last anchor the last epoch's pace continues (the epoch training now).
 */
final class RunTimeline {
    /** Anchors: epoch, step at its end, seconds at its end; the first is (0, 0, 0). */
    private final double[] epochs, steps, seconds;

    RunTimeline(List<EpochMetrics> metrics, List<CurveSource.Step> stepRows) {
        TreeMap<Integer, Long> lastStep = new TreeMap<>();
        for (CurveSource.Step s : stepRows) lastStep.merge(s.epoch(), s.step(), Math::max);
        List<double[]> anchors = new ArrayList<>();
        anchors.add(new double[]{0, 0, 0});
        double t = 0;
        for (EpochMetrics m : metrics) {
            t += Double.isFinite(m.seconds()) ? m.seconds() : 0;
            Long s = lastStep.get(m.epoch());
            anchors.add(new double[]{m.epoch(), s == null ? Double.NaN : s, t});
        }
        int n = anchors.size();
        epochs = new double[n];
        steps = new double[n];
        seconds = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = anchors.get(i)[0];
            steps[i] = anchors.get(i)[1];
            seconds[i] = anchors.get(i)[2];
        }
        fillSteps();
    }

    /** Epochs without batch rows (thinned away, or none written) get their end step from their neighbours, by epoch. */
    private void fillSteps() {
        int known = 0;
        for (int i = 1; i < steps.length; i++) {
            if (Double.isNaN(steps[i])) continue;
            for (int j = known + 1; j < i; j++) steps[j] = steps[known] + (steps[i] - steps[known]) * (epochs[j] - epochs[known]) / (epochs[i] - epochs[known]);
            known = i;
        }
        // After the last epoch with batch rows: unknown (no pace to continue without guessing).
    }

    /** The maps for many lookups: each is built once (a binary search per point). */
    Piecewise epochToStep() {
        return new Piecewise(epochs, steps);
    }

    Piecewise epochToSeconds() {
        return new Piecewise(epochs, seconds);
    }

    Piecewise stepToEpoch() {
        return new Piecewise(steps, epochs);
    }

    Piecewise stepToSeconds() {
        return new Piecewise(steps, seconds);
    }

    /** Piecewise linear through the anchors where both coordinates are known; past the last, its segment's slope continues. */
    static final class Piecewise {
        private final double[] xs, ys;

        Piecewise(double[] from, double[] to) {
            double[] x = new double[from.length], y = new double[from.length];
            int n = 0;
            for (int i = 0; i < from.length; i++) {
                if (Double.isNaN(from[i]) || Double.isNaN(to[i]) || n > 0 && from[i] <= x[n - 1]) continue;
                x[n] = from[i];
                y[n] = to[i];
                n++;
            }
            xs = Arrays.copyOf(x, n);
            ys = Arrays.copyOf(y, n);
        }

        double at(double v) {
            int n = xs.length;
            if (n == 0 || Double.isNaN(v) || v < xs[0]) return Double.NaN;
            int i = Arrays.binarySearch(xs, v);
            if (i >= 0) return ys[i];
            int hi = -i - 1;
            if (hi == n) {
                if (n < 2) return Double.NaN;
                return ys[n - 1] + (ys[n - 1] - ys[n - 2]) * (v - xs[n - 1]) / (xs[n - 1] - xs[n - 2]);
            }
            int lo = hi - 1;
            return ys[lo] + (ys[hi] - ys[lo]) * (v - xs[lo]) / (xs[hi] - xs[lo]);
        }
    }
}
