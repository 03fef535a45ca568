package io.maskstudio.ui.training;

import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.model.Mask;
import io.maskstudio.render.Raster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LayerImagesTest {

    /** 2 outputs x 3 inputs; output 1 lacks input 2. */
    private static LayerSnapshot layer(float[] gradient) {
        Mask m = Mask.full(2, 3);
        m.set(1, 2, false);
        float[] w = {0.5f, -0.5f, 0.25f, 1f, -1f, 0f};
        return new LayerSnapshot(2, 3, w, new float[2], gradient, m);
    }

    @Test
    void smallMatricesGetSquareWholePixelCellsAndLargeOnesShrinkToTheBox() {
        assertArrayEquals(new int[] {192, 108}, LayerImages.rasterSize(36, 64, 225, 180));
        assertArrayEquals(new int[] {150, 300}, LayerImages.rasterSize(4, 2, 225, 300));
        assertArrayEquals(new int[] {225, 196}, LayerImages.rasterSize(196, 784, 225, 200));
        assertArrayEquals(new int[] {225, 180}, LayerImages.rasterSize(1000, 1000, 225, 180));
    }

    @Test
    void absentConnectionsAreGreyInTheWeightAndGradientMapsAndPresentOnesInTheGrowthMap() {
        LayerImages im = LayerImages.render(layer(new float[] {1, 2, 3, 4, 5, 6}), 3, 2);
        assertEquals(LayerImages.NOT_APPLICABLE, im.weights().getPixel(2, 1));
        assertEquals(LayerImages.NOT_APPLICABLE, im.gradient().getPixel(2, 1));
        assertNotEquals(LayerImages.NOT_APPLICABLE, im.growth().getPixel(2, 1));
        assertEquals(LayerImages.NOT_APPLICABLE, im.growth().getPixel(0, 0));
        assertEquals(-1.0, im.weightRange().min());
        assertEquals(1.0, im.weightRange().max());
        assertEquals(6.0, im.growthRange().max(), "the growth range spans the absent cells only");
        assertEquals(5.0, im.gradientRange().max(), "the gradient range spans the present cells only");
    }

    @Test
    void missingDataLeavesItsMapsOut() {
        LayerImages noGradient = LayerImages.render(layer(null), 30, 20);
        assertNull(noGradient.gradient());
        assertNull(noGradient.growth());
        Raster mask = noGradient.mask();
        assertEquals(0xFFFFFFFF, mask.getPixel(mask.width() - 1, mask.height() - 1), "absent is white");

        LayerSnapshot full = new LayerSnapshot(1, 2, new float[] {1, 2}, new float[1], new float[] {1, 1}, Mask.full(1, 2));
        assertNull(LayerImages.render(full, 10, 10).growth(), "nothing to grow in a full mask");
    }
}
