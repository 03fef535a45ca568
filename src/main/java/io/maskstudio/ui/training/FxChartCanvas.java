package io.maskstudio.ui.training;

import io.maskstudio.render.ChartCanvas;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * A {@link io.maskstudio.render.LineChart} drawn on a JavaFX canvas: the same layout as the PNG and SVG files,
 * so what the Training tab shows is what its export writes. Counts the curve points it draws (for tests).
 */
final class FxChartCanvas implements ChartCanvas {
    private final GraphicsContext g;
    private int points;

    FxChartCanvas(GraphicsContext g) {
        this.g = g;
        g.setTextBaseline(VPos.BASELINE);
    }

    /** Points of curves (polylines and lone dots) drawn so far. */
    int points() {
        return points;
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb) {
        g.setFill(color(rgb, 1));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        g.setStroke(color(rgb, 1));
        g.setLineWidth(1);
        g.setLineDashes();
        // Half-pixel offsets: a 1 px line on whole coordinates is smeared over two pixel rows.
        g.strokeRect(Math.round(x) + 0.5, Math.round(y) + 0.5, Math.round(w), Math.round(h));
    }

    @Override
    public void line(double x0, double y0, double x1, double y1, int rgb, double width) {
        g.setStroke(color(rgb, 1));
        g.setLineWidth(width);
        g.setLineDashes();
        g.strokeLine(x0, y0, x1, y1);
    }

    @Override
    public void polyline(List<double[]> pts, int rgb, double width, boolean dashed) {
        g.setStroke(color(rgb, 1));
        g.setLineWidth(width);
        g.setLineCap(dashed ? StrokeLineCap.BUTT : StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        if (dashed) g.setLineDashes(6, 4);
        else g.setLineDashes();
        g.beginPath();
        for (int k = 0; k < pts.size(); k++) {
            if (k == 0) g.moveTo(pts.get(k)[0], pts.get(k)[1]);
            else g.lineTo(pts.get(k)[0], pts.get(k)[1]);
        }
        g.stroke();
        g.setLineDashes();
        points += pts.size();
    }

    @Override
    public void fillPolygon(List<double[]> pts, int rgb, double opacity) {
        double[] xs = new double[pts.size()], ys = new double[pts.size()];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = pts.get(k)[0];
            ys[k] = pts.get(k)[1];
        }
        g.setFill(color(rgb, opacity));
        g.fillPolygon(xs, ys, xs.length);
    }

    @Override
    public void dot(double x, double y, double r, int rgb) {
        g.setFill(color(rgb, 1));
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        points++;
    }

    @Override
    public void text(double x, double y, String s, Anchor anchor, double size, int rgb) {
        g.setFill(color(rgb, 1));
        g.setFont(Font.font(size));
        g.setTextAlign(anchor == Anchor.START ? TextAlignment.LEFT : anchor == Anchor.MIDDLE ? TextAlignment.CENTER : TextAlignment.RIGHT);
        g.fillText(s, x, y);
    }

    @Override
    public void verticalText(double x, double y, String s, double size, int rgb) {
        g.save();
        g.translate(x, y);
        g.rotate(-90);
        text(0, 0, s, Anchor.MIDDLE, size, rgb);
        g.restore();
    }

    private static Color color(int rgb, double opacity) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, opacity);
    }
}
