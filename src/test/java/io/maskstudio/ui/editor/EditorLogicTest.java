package io.maskstudio.ui.editor;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.Reachability;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editor's plain-Java parts: region names, reachability warnings, lasso. */
class EditorLogicTest {
    private static final LayerSpec PIXELS = LayerSpec.grid("pixels", 8, 8, Activation.IDENTITY);

    private static int[] where(IntPredicate p) {
        return IntStream.range(0, 64).filter(p).toArray();
    }

    @Test
    void namesTheLargestRegionAMissingSetFills() {
        assertEquals("input pixels in the left half", InputRegions.describe(PIXELS, where(i -> i % 8 < 4)));
        assertEquals("input pixels in the top half", InputRegions.describe(PIXELS, where(i -> i / 8 < 4)));
        assertEquals("input pixels in the border", InputRegions.describe(PIXELS, where(i -> i % 8 == 0 || i % 8 == 7 || i / 8 == 0 || i / 8 == 7)));
        assertEquals("input pixels in the bottom-right quarter and 1 more", InputRegions.describe(PIXELS, where(i -> (i / 8 >= 4 && i % 8 >= 4) || i == 0)));
        assertEquals("3 of 64 neurons of input pixels (rows 2-3, cols 2-3)", InputRegions.describe(PIXELS, new int[] {18, 19, 27}));
        assertEquals("3 of 10 neurons of input x (0-1, 5)",
                InputRegions.describe(LayerSpec.vector("x", 10, Activation.IDENTITY), new int[] {0, 1, 5}));
    }

    @Test
    void outputsMissingTheSameInputsShareOneWarning() {
        Mask first = MaskGenerators.full(4, 64);
        for (int o = 0; o < 4; o++) for (int i : where(i -> i % 8 < 4)) first.set(o, i, false);
        first.setRow(3, true); // neuron 3 sees everything...
        Mask second = new Mask(3, 4);
        second.set(0, 0, true); // ...but output 0 only listens to hidden 0 (left half missing),
        second.set(1, 3, true); // output 1 to hidden 3 (sees all), output 2 to nothing.
        NetworkDesign d = new NetworkDesign(List.of(PIXELS, LayerSpec.vector("h", 4, Activation.RELU), LayerSpec.vector("output", 3, Activation.SOFTMAX)),
                List.of(first, second), TrainingSettings.defaults("digits"));
        List<ReachabilityWarnings.Warning> w = ReachabilityWarnings.of(d, Reachability.of(d), 10);
        List<String> texts = w.stream().map(ReachabilityWarnings.Warning::text).toList();
        assertEquals(List.of("output 0 cannot see input pixels in the left half", "output 2 sees no input at all"), texts);
        assertEquals(32, w.get(0).inputs().length);
        assertEquals(0, w.get(0).outputs()[0]);
    }

    @Test
    void lassoContainsPointsInsideItsPolygon() {
        Lasso l = new Lasso();
        l.add(0, 0);
        l.add(10, 0);
        l.add(0, 10);
        assertTrue(l.contains(2, 2));
        assertFalse(l.contains(8, 8));
        assertFalse(l.contains(-1, 5));
    }

    @Test
    void indexRangesAreCompact() {
        assertEquals("0-3, 8, 10-12", IndexText.ranges(new int[] {0, 1, 2, 3, 8, 10, 11, 12}, 10));
        assertEquals("0, 2, … (2 more)", IndexText.ranges(new int[] {0, 2, 4, 6}, 2));
    }

    @Test
    void resizingALayerKeepsItsGridWhenTheSizeAllows() {
        assertEquals(LayerSpec.grid("pixels", 2, 8, 8, Activation.IDENTITY), LayerSpecs.resized(PIXELS, 128));
        assertEquals(LayerSpec.vector("pixels", 50, Activation.IDENTITY), LayerSpecs.resized(PIXELS, 50));
    }
}
