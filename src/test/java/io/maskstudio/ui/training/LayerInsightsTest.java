package io.maskstudio.ui.training;

import io.maskstudio.engine.EpochMetrics;
import io.maskstudio.engine.LayerSnapshot;
import io.maskstudio.engine.TrainingSnapshot;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerInsightsTest {
    private static final List<LayerSpec> LAYERS = List.of(
            LayerSpec.grid("pixels", 2, 2, Activation.IDENTITY),
            LayerSpec.vector("hidden", 3, Activation.RELU),
            LayerSpec.vector("output", 2, Activation.SOFTMAX));

    private static TrainingSnapshot snapshot() {
        // hidden 2 has no input; hidden 1 no output.
        Mask first = Mask.full(3, 4);
        first.setRow(2, false);
        first.set(0, 3, false);
        Mask second = Mask.full(2, 3);
        second.setColumn(1, false);
        float[] w = {0.9f, -0.01f, 0.5f, 0, 0.3f, 0.2f, -0.1f, 0.05f, 0, 0, 0, 0};
        float[] g = {1, 1, 1, -7, 0, 0, 0, 0, 3, 2, -9, 1};
        LayerSnapshot l0 = new LayerSnapshot(3, 4, w, new float[3], g, first);
        LayerSnapshot l1 = new LayerSnapshot(2, 3, new float[6], new float[2], new float[6], second);
        return new TrainingSnapshot(new EpochMetrics(1, 1, 0.5, 1, 0.5, 1), List.of(l0, l1));
    }

    @Test
    void growListsAbsentConnectionsByLargestGradientAndPruneThePresentOnesBySmallestWeight() {
        LayerInsights in = LayerInsights.of(snapshot(), 0, LAYERS);
        assertEquals(List.of(
                "pixels (1,0) → hidden 2   |grad| 9.00",
                "pixels (1,1) → hidden 0   |grad| 7.00",
                "pixels (0,0) → hidden 2   |grad| 3.00",
                "pixels (0,1) → hidden 2   |grad| 2.00",
                "pixels (1,1) → hidden 2   |grad| 1.00"), in.grow());
        assertEquals("pixels (0,1) → hidden 0   |w| 0.0100", in.prune().get(0));
        assertEquals("pixels (1,1) → hidden 1   |w| 0.0500", in.prune().get(1));
        assertEquals(7, in.prune().size(), "every present connection when there are fewer than the limit");
    }

    @Test
    void statsCountDeadAndSilentNeurons() {
        String stats = LayerInsights.of(snapshot(), 0, LAYERS).stats();
        assertTrue(stats.startsWith("pixels → hidden [3×4] · density 58.3% (7 connections)"), stats);
        assertTrue(stats.contains("dead hidden neurons: 2"), stats);
        assertTrue(stats.contains("without gradient in the last batch: 1"), stats);
        assertTrue(stats.endsWith("\nWhole network: 1 of 4 inputs reach no output · 2 of 2 outputs miss some inputs · 0 see no input at all"), stats);
    }

    @Test
    void neuronsOfGridLayersAreNamedByRowAndColumn() {
        assertEquals("hidden 5", LayerInsights.neuron(LayerSpec.vector("hidden", 8, Activation.RELU), 5));
        assertEquals("pixels (1,3)", LayerInsights.neuron(LayerSpec.grid("pixels", 8, 8, Activation.IDENTITY), 11));
        assertEquals("maps (1,0,2)", LayerInsights.neuron(LayerSpec.grid("maps", 2, 3, 3, Activation.RELU), 11));
    }
}
