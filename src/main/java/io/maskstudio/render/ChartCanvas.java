package io.maskstudio.render;

import java.util.List;

/**
 * The few drawing operations a {@link LineChart} needs, so one layout serves SVG text, PNG pixels and the app's
 * canvas alike. Colours are 0xRRGGBB.
 */
public interface ChartCanvas {
    /** Where a text's x is: its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double w, double h, int rgb);

    void strokeRect(double x, double y, double w, double h, int rgb);

    void line(double x0, double y0, double x1, double y1, int rgb, double width);

    void polyline(List<double[]> points, int rgb, double width, boolean dashed);

    void fillPolygon(List<double[]> points, int rgb, double opacity);

    void dot(double x, double y, double r, int rgb);

    /** {@code y} is the baseline. */
    void text(double x, double y, String s, Anchor anchor, double size, int rgb);

    /** Text rotated 90 degrees counter-clockwise, centred on (x, y): the y axis label. */
    void verticalText(double x, double y, String s, double size, int rgb);

    /**
     * An event marker: a thin vertical line at {@code x} from {@code top} to {@code bottom} with a small flag at the
     * top. {@code detail} is for canvases that can show it on hover (SVG's title); the others ignore it.
     */
    default void marker(double x, double top, double bottom, int rgb, String label, String detail) {
        line(x, top, x, bottom, rgb, 1);
        fillPolygon(List.of(new double[]{x - 4, top}, new double[]{x + 4, top}, new double[]{x, top + 6}), rgb, 1);
    }
}
