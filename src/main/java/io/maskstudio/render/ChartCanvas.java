package io.maskstudio.render;

import java.util.List;

/** The few drawing operations a {@link LineChart} needs, so one layout serves SVG text and PNG pixels alike. Colours are 0xRRGGBB. */
interface ChartCanvas {
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double w, double h, int rgb);

    void strokeRect(double x, double y, double w, double h, int rgb);

    void line(double x0, double y0, double x1, double y1, int rgb, double width);

    void polyline(List<double[]> points, int rgb, double width);

    void fillPolygon(List<double[]> points, int rgb, double opacity);

    void dot(double x, double y, double r, int rgb);

    /** {@code y} is the baseline. */
    void text(double x, double y, String s, Anchor anchor, double size, int rgb);

    /** Text rotated 90 degrees counter-clockwise, centred on (x, y): the y axis label. */
    void verticalText(double x, double y, String s, double size, int rgb);
}
