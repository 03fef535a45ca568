package io.maskstudio.ui.training;

import io.maskstudio.render.ColorMap;
import io.maskstudio.render.ValueRange;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

import java.util.Locale;

/**
 * A horizontal colour bar for one {@link LayerMap}: its colour map from the range's minimum to its maximum, with
 * tick labels at the minimum, at 0 when it lies inside, and at the maximum (for the mask: absent and connected).
 */
final class ColorBar extends Region {
    private static final int STEPS = 256;
    private static final double BAR_HEIGHT = 14;
    private final ImageView bar = new ImageView();
    private final Label min = tick("colorBarMin");
    private final Label zero = tick("colorBarZero");
    private final Label max = tick("colorBarMax");
    private ValueRange range;

    ColorBar() {
        setId("colorBar");
        getStyleClass().add("color-bar");
        bar.setSmooth(false);
        bar.setPreserveRatio(false);
        getChildren().addAll(bar, min, zero, max);
        setMinHeight(BAR_HEIGHT + 20);
        setPrefHeight(BAR_HEIGHT + 20);
    }

    void show(LayerMap m) {
        setVisible(m != null);
        if (m == null) return;
        range = m.range();
        bar.setImage(strip(m.colors()));
        if (m.kind() == HeatmapKind.MASK) {
            min.setText("absent");
            max.setText("connected");
            zero.setText("");
        } else {
            min.setText(format(range.min()));
            max.setText(format(range.max()));
            boolean zeroInside = range.min() < 0 && range.max() > 0;
            zero.setText(zeroInside ? "0" : "");
        }
        requestLayout();
    }

    /** The tick text of a range end: three significant digits, as the tiles' captions. */
    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        bar.relocate(0, 0);
        bar.setFitWidth(w);
        bar.setFitHeight(BAR_HEIGHT);
        double y = BAR_HEIGHT + 2;
        place(min, 0, y, w);
        place(max, w - max.prefWidth(-1), y, w);
        if (range != null) place(zero, range.normalize(0) * w - zero.prefWidth(-1) / 2, y, w);
    }

    private static void place(Label l, double x, double y, double w) {
        double lw = l.prefWidth(-1);
        l.resizeRelocate(Math.max(0, Math.min(w - lw, x)), y, lw, l.prefHeight(-1));
    }

    private static WritableImage strip(ColorMap map) {
        int[] px = new int[STEPS];
        for (int k = 0; k < STEPS; k++) px[k] = map.at(k / (STEPS - 1.0));
        WritableImage img = new WritableImage(STEPS, 1);
        img.getPixelWriter().setPixels(0, 0, STEPS, 1, PixelFormat.getIntArgbInstance(), px, 0, STEPS);
        return img;
    }

    private static Label tick(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("color-bar-tick");
        l.setManaged(false);
        return l;
    }
}
