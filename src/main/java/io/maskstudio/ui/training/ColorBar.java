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
    private static final double BAR_HEIGHT = 14;
    private final ImageView bar = new ImageView();
    private final Label min = tick("colorBarMin");
    private final Label zero = tick("colorBarZero");
    private final Label max = tick("colorBarMax");
    private ValueRange range;
    private ColorMap colors;
    private int stripWidth;

    ColorBar() {
        setId("colorBar");
        getStyleClass().add("color-bar");
        getChildren().addAll(bar, min, zero, max);
        setMinHeight(BAR_HEIGHT + 20);
        setPrefHeight(BAR_HEIGHT + 20);
    }

    void show(LayerMap m) {
        setVisible(m != null);
        if (m == null) return;
        range = m.range();
        if (m.colors() != colors) stripWidth = 0;
        colors = m.colors();
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

    /** Receptive fields with a range per tile: the bar names the ends instead of numbers. */
    void showPerTile(ColorMap map) {
        setVisible(true);
        range = ValueRange.symmetric(1);
        if (map != colors) stripWidth = 0;
        colors = map;
        min.setText("−(the tile's largest |w|)");
        zero.setText("0");
        max.setText("+(the tile's largest |w|)");
        requestLayout();
    }

    /** The tick text of a range end: three significant digits, as the tiles' captions. */
    static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        // Drawn at its size on screen: a stretched 1-pixel strip showed garbage on some pipelines (Xvfb).
        int sw = (int) Math.max(1, Math.floor(w));
        if (colors != null && sw != stripWidth) {
            stripWidth = sw;
            bar.setImage(strip(colors, sw, (int) BAR_HEIGHT));
        }
        bar.relocate(0, 0);
        double y = BAR_HEIGHT + 2;
        place(min, 0, y, w);
        place(max, w - max.prefWidth(-1), y, w);
        if (range != null) place(zero, range.normalize(0) * w - zero.prefWidth(-1) / 2, y, w);
    }

    private static void place(Label l, double x, double y, double w) {
        double lw = l.prefWidth(-1);
        l.resizeRelocate(Math.max(0, Math.min(w - lw, x)), y, lw, l.prefHeight(-1));
    }

    private static WritableImage strip(ColorMap map, int width, int height) {
        int[] px = new int[width * height];
        for (int x = 0; x < width; x++) {
            int c = map.at(width == 1 ? 0.5 : x / (width - 1.0));
            for (int y = 0; y < height; y++) px[y * width + x] = c;
        }
        WritableImage img = new WritableImage(width, height);
        img.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), px, 0, width);
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
