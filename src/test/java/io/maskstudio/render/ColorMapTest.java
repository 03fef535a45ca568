package io.maskstudio.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorMapTest {

    @Test
    void viridisEndpointsAreTheFirstAndLastStops() {
        assertEquals(0xFF440154, ColorMap.VIRIDIS.at(0));
        assertEquals(0xFFFDE725, ColorMap.VIRIDIS.at(1));
        assertEquals(0xFF440154, ColorMap.VIRIDIS.map(3, 3, 7));
        assertEquals(0xFFFDE725, ColorMap.VIRIDIS.map(7, 3, 7));
    }

    @Test
    void valuesOutsideTheRangeClampToTheEnds() {
        assertEquals(0xFF440154, ColorMap.VIRIDIS.map(-100, 0, 1));
        assertEquals(0xFFFDE725, ColorMap.VIRIDIS.map(100, 0, 1));
    }

    @Test
    void divergingMapIsBlueWhiteRedOverASymmetricRange() {
        ValueRange r = ValueRange.symmetric(new float[] {-0.5f, 2f, 1f});
        assertEquals(new ValueRange(-2, 2), r);
        assertEquals(0xFF053061, ColorMap.BLUE_WHITE_RED.map(-2, r));
        assertEquals(0xFFFFFFFF, ColorMap.BLUE_WHITE_RED.map(0, r));
        assertEquals(0xFF67001F, ColorMap.BLUE_WHITE_RED.map(2, r));
        int negative = ColorMap.BLUE_WHITE_RED.map(-1, r), positive = ColorMap.BLUE_WHITE_RED.map(1, r);
        assertTrue(Argb.blue(negative) > Argb.red(negative), "negative values are bluish");
        assertTrue(Argb.red(positive) > Argb.blue(positive), "positive values are reddish");
    }

    @Test
    void nanGetsTheNanColourAndEveryColourIsOpaque() {
        assertEquals(ColorMap.VIRIDIS.nanColor(), ColorMap.VIRIDIS.map(Double.NaN, 0, 1));
        for (int k = 0; k <= 100; k++) assertEquals(255, Argb.alpha(ColorMap.BLUE_WHITE_RED.at(k / 100.0)));
    }

    @Test
    void autoRangeIsSymmetricOnlyForSignedValues() {
        assertTrue(ValueRange.auto(new float[] {-1, 3}).isSymmetric());
        assertEquals(new ValueRange(1, 3), ValueRange.auto(new float[] {1, 3, Float.NaN}));
        assertEquals(new ValueRange(-1, 1), ValueRange.symmetric(new float[] {0, 0}));
        assertEquals(new ValueRange(0, 1), ValueRange.of(new float[] {Float.NaN}));
    }
}
