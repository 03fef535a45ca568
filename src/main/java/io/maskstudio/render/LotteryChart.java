package io.maskstudio.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lottery's accuracy-vs-density chart: the validation accuracy of the ticket and its two controls at each level's
 * density. {@link LineChart} has no logarithmic x axis, so x is log10 of the density (-1 is 10%, -2 is 1%); every
 * level multiplies the density by the same factor, so the levels fall evenly spaced.
 */
public final class LotteryChart {
    private LotteryChart() {}

    /**
     * @param density  each level's density, level 0 first
     * @param accuracy one array per series, NaN where a branch was not run; {@code names} names them
     */
    public static LineChart of(double[] density, List<String> names, List<double[]> accuracy) {
        LineChart chart = new LineChart("Lottery tickets: validation accuracy against density", "density (log10: 0 = 100%, -1 = 10%)",
                "validation accuracy", false);
        for (int s = 0; s < names.size(); s++) {
            List<double[]> points = new ArrayList<>();
            for (int l = 0; l < density.length; l++) {
                double a = accuracy.get(s)[l];
                if (!Double.isNaN(a) && density[l] > 0) points.add(new double[]{Math.log10(density[l]), a});
            }
            if (points.isEmpty()) continue;
            double[] x = new double[points.size()], y = new double[points.size()];
            for (int k = 0; k < x.length; k++) {
                x[k] = points.get(k)[0];
                y[k] = points.get(k)[1];
            }
            chart.add(new LineChart.Series(names.get(s), x, y));
        }
        return chart;
    }

    /** Writes {@code stem}.png and {@code stem}.svg. */
    public static void write(LineChart chart, Path dir, String stem) throws IOException {
        ChartImages.write(chart, dir.resolve(stem + ".png"), 900, 560);
        ChartImages.write(chart, dir.resolve(stem + ".svg"), 900, 560);
    }
}
