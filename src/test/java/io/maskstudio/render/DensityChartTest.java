package io.maskstudio.render;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DensityChartTest {

    @Test
    void curvesAreTheMeanMinAndMaxOverSeedsAtEachDensity() {
        Random rnd = new Random(7);
        double[] densities = {1.0, 0.02, 0.1};
        double[][] values = new double[3][4];
        DensityChart chart = new DensityChart("t", "x", "y");
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 3; i++) {
                values[i][s] = rnd.nextDouble();
                chart.add("set", densities[i], values[i][s]);
            }
        }
        chart.add("set", 0.1, Double.NaN);
        DensityChart.Curve c = chart.curves().get(0);
        assertArrayEquals(new double[]{0.02, 0.1, 1.0}, c.density());
        int[] order = {1, 2, 0};
        for (int j = 0; j < 3; j++) {
            double[] v = values[order[j]];
            double sum = 0, lo = 1, hi = 0;
            for (double x : v) {
                sum += x;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            assertEquals(sum / 4, c.mean()[j], 1e-12);
            assertEquals(lo, c.min()[j]);
            assertEquals(hi, c.max()[j]);
        }
    }

    @Test
    void theDensityAxisIsLogarithmic() {
        DensityChart chart = new DensityChart("t", "density", "accuracy");
        chart.add("rigl", 0.01, 0.5).add("rigl", 0.1, 0.7).add("rigl", 1.0, 0.9).reference("dense", 0.9);
        String svg = ChartImages.svg(chart, 800, 500);
        Matcher m = Pattern.compile("<polyline class=\"series\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"([^\"]+)\"").matcher(svg);
        assertTrue(m.find(), svg);
        List<Double> xs = new ArrayList<>();
        for (String p : m.group(1).split(" ")) xs.add(Double.parseDouble(p.split(",")[0]));
        // 0.01, 0.1 and 1 are one decade apart each: equally spaced
        assertEquals(xs.get(1) - xs.get(0), xs.get(2) - xs.get(1), 0.02);
        assertTrue(svg.contains("stroke-dasharray"), "the dense reference is dashed");
        assertTrue(svg.contains(">dense<") && svg.contains(">rigl<"), "legend");
        assertTrue(svg.contains(">0.02<") && svg.contains(">0.5<"), "1-2-5 ticks within each decade");
    }

    @Test
    void rangesAndTicksCoverWholeDecades() {
        DensityChart.Curve c = new DensityChart.Curve("a", new double[]{0.02, 0.05, 1}, new double[3], new double[3], new double[3]);
        assertArrayEquals(new double[]{0.01, 1}, DensityChart.xRange(List.of(c)), 1e-15);
        DensityChart.Curve dense = new DensityChart.Curve("a", new double[]{1}, new double[1], new double[1], new double[1]);
        assertArrayEquals(new double[]{0.5, 1}, DensityChart.xRange(List.of(dense)), 1e-15);
        DensityChart.Curve five = new DensityChart.Curve("a", new double[]{0.05, 0.2}, new double[2], new double[2], new double[2]);
        assertArrayEquals(new double[]{0.02, 1}, DensityChart.xRange(List.of(five)), 1e-15);
        assertEquals(List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0), DensityChart.logTicks(0.01, 1));
    }

    @Test
    void drawsAsPng() {
        DensityChart chart = new DensityChart("t", "density", "accuracy").add("set", 0.05, 0.8).add("set", 1, 0.9);
        var img = ChartImages.png(chart, 640, 400);
        assertEquals(640, img.getWidth());
        // the white background and something drawn on it
        assertEquals(0xFFFFFFFF, img.getRGB(2, 2));
        boolean coloured = false;
        for (int x = 0; x < 640 && !coloured; x++) for (int y = 0; y < 400; y++) if ((img.getRGB(x, y) & 0xFFFFFF) == 0x1F77B4) coloured = true;
        assertTrue(coloured, "the curve's colour appears");
    }
}
