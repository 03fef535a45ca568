package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.render.ChartCanvas;

import java.util.List;

/**
 * Draws a chart's mask-update markers as short ticks standing on the plot's bottom edge, in their own colour, and
 * passes everything else through: a RigL run at ΔT = 100 has one every 100 steps, and full-height lines with flags
 * (as prune, grow and edits have) would hide the curves. Hovering a tick names it (the chart's marker detail).
 */
final class MaskUpdateTicks implements ChartCanvas {
    static final String KIND = TrainingEvent.MASK_UPDATE.id();
    /** Teal: apart from the edit (purple), prune (red), grow (green) and the grey of the other events. */
    static final int COLOR = 0x0E9AA7;
    static final double HEIGHT = 9;

    private final ChartCanvas canvas;
    private int ticks;

    MaskUpdateTicks(ChartCanvas canvas) {
        this.canvas = canvas;
    }

    /** Mask-update ticks drawn so far. */
    int ticks() {
        return ticks;
    }

    @Override
    public void marker(double x, double top, double bottom, int rgb, String label, String detail) {
        if (!KIND.equals(label)) {
            canvas.marker(x, top, bottom, rgb, label, detail);
            return;
        }
        double px = Math.round(x) + 0.5;
        canvas.line(px, bottom - Math.min(HEIGHT, bottom - top), px, bottom, COLOR, 2);
        ticks++;
    }

    @Override
    public void rect(double x, double y, double w, double h, int rgb) {
        canvas.rect(x, y, w, h, rgb);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        canvas.strokeRect(x, y, w, h, rgb);
    }

    @Override
    public void line(double x0, double y0, double x1, double y1, int rgb, double width) {
        canvas.line(x0, y0, x1, y1, rgb, width);
    }

    @Override
    public void polyline(List<double[]> points, int rgb, double width, boolean dashed) {
        canvas.polyline(points, rgb, width, dashed);
    }

    @Override
    public void fillPolygon(List<double[]> points, int rgb, double opacity) {
        canvas.fillPolygon(points, rgb, opacity);
    }

    @Override
    public void dot(double x, double y, double r, int rgb) {
        canvas.dot(x, y, r, rgb);
    }

    @Override
    public void text(double x, double y, String s, Anchor anchor, double size, int rgb) {
        canvas.text(x, y, s, anchor, size, rgb);
    }

    @Override
    public void verticalText(double x, double y, String s, double size, int rgb) {
        canvas.verticalText(x, y, s, size, rgb);
    }
}
