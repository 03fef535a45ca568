package io.maskstudio.ui.editor;

import io.maskstudio.render.Raster;
import io.maskstudio.ui.fx.RasterView;
import javafx.scene.control.Label;

import java.util.Locale;

/**
 * A small bar chart of integer values (fan-ins or fan-outs): one bar per value when they span at most
 * {@value #MAX_BINS} values, equal-width bins otherwise. The bar of neurons with 0 (dead) is red.
 */
public final class HistogramView extends RasterView {
    private static final int MAX_BINS = 40;
    private static final int BAR = 0xFF1F4E79, ZERO = 0xFFB91C1C, AXIS = 0xFF9CA3AF, BACKGROUND = 0xFFFFFFFF;
    private static final double AXIS_SPACE = 16;
    private int[] counts = new int[0];
    private int lo, binWidth = 1;
    private final Label left = axisLabel(), right = axisLabel(), top = axisLabel();

    public HistogramView() {
        setPrefSize(280, 96);
        setMinSize(120, 60);
        overlay().getChildren().addAll(left, right, top);
    }

    private static Label axisLabel() {
        Label l = new Label();
        l.setManaged(false);
        l.getStyleClass().add("axis-label");
        return l;
    }

    /** Shows the distribution of {@code values}. */
    public void setValues(int[] values) {
        int min = Integer.MAX_VALUE, max = 0;
        for (int v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (values.length == 0) min = 0;
        lo = min;
        int span = max - min + 1;
        binWidth = Math.max(1, (span + MAX_BINS - 1) / MAX_BINS);
        counts = new int[(span + binWidth - 1) / binWidth];
        for (int v : values) counts[(v - min) / binWidth]++;
        left.setText(Integer.toString(min));
        right.setText(Integer.toString(max));
        int most = 0;
        for (int c : counts) most = Math.max(most, c);
        top.setText(String.format(Locale.ROOT, "%,d neurons", most));
        requestRedraw();
    }

    @Override
    protected void draw(Raster r) {
        r.fill(BACKGROUND);
        int w = r.width(), h = (int) (r.height() - AXIS_SPACE);
        r.fillRect(0, h, w, 1, AXIS);
        int most = 0;
        for (int c : counts) most = Math.max(most, c);
        if (counts.length > 0 && most > 0) {
            double slot = w / (double) counts.length;
            for (int b = 0; b < counts.length; b++) {
                int bh = (int) Math.round((h - 14) * counts[b] / (double) most);
                if (counts[b] > 0) bh = Math.max(bh, 1);
                int x0 = (int) Math.round(b * slot), x1 = (int) Math.round((b + 1) * slot);
                int gap = slot >= 4 ? 1 : 0;
                r.fillRect(x0, h - bh, Math.max(1, x1 - x0 - gap), bh, lo == 0 && b == 0 ? ZERO : BAR);
            }
        }
        double lh = left.prefHeight(-1);
        left.resizeRelocate(0, getHeight() - lh, left.prefWidth(-1), lh);
        right.resizeRelocate(getWidth() - right.prefWidth(-1), getHeight() - lh, right.prefWidth(-1), lh);
        top.resizeRelocate(2, 0, top.prefWidth(-1), lh);
    }
}
