package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkStatsTest {

    /**
     * inputs i0..i3 -> hidden h0..h2 -> outputs o0, o1:
     * h0 <- i0, i1;  h1 <- i1;  h2 <- nothing;   o0 <- h0;  o1 <- h1, h2.
     * So o0 sees {i0, i1}, o1 sees only {i1}; i2 and i3 reach nothing; h2 is dead (no input).
     */
    static NetworkDesign handMade() {
        Mask m0 = Mask.fromBooleans(3, 4, new boolean[]{
                true, true, false, false,
                false, true, false, false,
                false, false, false, false});
        Mask m1 = Mask.fromBooleans(2, 3, new boolean[]{
                true, false, false,
                false, true, true});
        List<LayerSpec> layers = List.of(
                LayerSpec.vector("in", 4, Activation.IDENTITY),
                LayerSpec.vector("hid", 3, Activation.RELU),
                LayerSpec.vector("out", 2, Activation.SOFTMAX));
        return new NetworkDesign(layers, List.of(m0, m1), TrainingSettings.defaults("digits"));
    }

    @Test
    void maskStatsOfAKnownMask() {
        MaskStats s = MaskStats.of(handMade().mask(0));
        assertEquals(new MaskStats(3, 4, 3, 0.25, 0, 1.0, 2, 0, 0.75, 2, 1, 2), s);
        assertEquals(3L, s.toMap().get("nnz"));
        assertTrue(s.render().contains("nnz 3 (25.0%)"), s.render());
    }

    @Test
    void reachabilityOfAKnownNetwork() {
        Reachability r = Reachability.of(handMade());
        assertEquals(4, r.inputCount());
        assertEquals(2, r.outputCount());
        assertArrayEquals(new int[]{0, 1}, r.reachableInputs(0));
        assertArrayEquals(new int[]{2, 3}, r.unreachableInputs(0));
        assertArrayEquals(new int[]{1}, r.reachableInputs(1));
        assertArrayEquals(new int[]{0, 2, 3}, r.unreachableInputs(1));
        assertTrue(r.reaches(0, 0));
        assertFalse(r.reaches(0, 1));
        assertArrayEquals(new int[]{0, 1}, r.outputsReachedBy(1));
        assertArrayEquals(new int[]{2, 3}, r.inputsReachingNoOutput());
        assertArrayEquals(new int[0], r.outputsSeeingNoInput());
        assertFalse(r.complete());
        assertTrue(r.summary().contains("output 1 sees 1 of 4 inputs; cannot see 0, 2-3"), r.summary());
    }

    @Test
    void deadNeuronsPerLayer() {
        NetworkStats s = NetworkStats.of(handMade());
        assertArrayEquals(new int[]{2, 3}, s.deadNeurons(0), "inputs with no path forward");
        assertArrayEquals(new int[]{2}, s.deadNeurons(1), "hidden neuron without input");
        assertArrayEquals(new int[0], s.deadNeurons(2));
        assertEquals(6, s.totalConnections());

        // cut o0's only input: o0 is dead, h0 now has no output, and o0 sees nothing
        NetworkDesign d = handMade();
        d.mask(1).set(0, 0, false);
        NetworkStats cut = NetworkStats.of(d);
        assertArrayEquals(new int[]{0}, cut.deadNeurons(2));
        assertArrayEquals(new int[]{0, 2}, cut.deadNeurons(1));
        assertArrayEquals(new int[]{0, 2, 3}, cut.deadNeurons(0));
        assertArrayEquals(new int[]{0}, cut.reachability().outputsSeeingNoInput());
    }

    @Test
    void denseNetworkIsCompleteAndHasNoDeadNeurons() {
        NetworkStats s = NetworkStats.of(NetworkDesign.dense(TrainingSettings.defaults("digits"), 64, 32, 10));
        assertTrue(s.reachability().complete());
        for (int k = 0; k < 3; k++) assertEquals(0, s.deadNeurons(k).length);
        assertTrue(s.reachability().summary().contains("all 64 inputs"));
    }

    @Test
    void reachabilityMatchesNaiveSearchOnRandomNetworks() {
        Random rnd = new Random(20);
        for (int trial = 0; trial < 25; trial++) {
            int depth = 1 + rnd.nextInt(4);
            int[] sizes = new int[depth + 1];
            for (int k = 0; k <= depth; k++) sizes[k] = 1 + rnd.nextInt(150);
            List<Mask> masks = new ArrayList<>();
            double p = 0.005 + rnd.nextDouble() * 0.05;
            for (int k = 0; k < depth; k++) masks.add(MaskTest.random(rnd, sizes[k + 1], sizes[k], p));
            Reachability r = Reachability.of(masks);
            for (int in = 0; in < sizes[0]; in++) {
                boolean[] live = new boolean[sizes[0]];
                live[in] = true;
                for (Mask m : masks) {
                    boolean[] next = new boolean[m.rows()];
                    for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) if (live[i] && m.get(o, i)) next[o] = true;
                    live = next;
                }
                for (int o = 0; o < live.length; o++) assertEquals(live[o], r.reaches(in, o), "trial " + trial + " input " + in + " output " + o);
            }
        }
    }

    @Test
    void shapeMismatchBetweenMasksIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Reachability.of(List.of(new Mask(3, 4), new Mask(2, 5))));
        assertThrows(IllegalArgumentException.class, () -> Reachability.of(List.of()));
    }

    @Test
    void renderAndMapCarryTheNumbers() {
        NetworkDesign d = new NetworkDesign(List.of(
                LayerSpec.grid("input", 8, 8, Activation.IDENTITY),
                LayerSpec.grid("hidden", 6, 6, Activation.RELU),
                LayerSpec.vector("output", 10, Activation.SOFTMAX)),
                List.of(MaskGenerators.localReceptiveField(LayerSpec.grid("input", 8, 8, Activation.IDENTITY),
                        LayerSpec.grid("hidden", 6, 6, Activation.RELU), 3, 1, 0), MaskGenerators.blockDiagonal(10, 36, 2)),
                TrainingSettings.defaults("digits"));
        NetworkStats s = NetworkStats.of(d);
        String text = s.render();
        assertTrue(text.contains("input -> hidden: [36x64] nnz 324"), text);
        assertTrue(text.contains("(8x8)"), text);
        assertTrue(text.contains("output 0 sees"), text);

        Map<String, Object> map = s.toMap(3);
        assertEquals(324L + 180L, map.get("totalConnections"));
        @SuppressWarnings("unchecked") Map<String, Object> reach = (Map<String, Object>) map.get("reachability");
        assertEquals(false, reach.get("complete"));
        @SuppressWarnings("unchecked") List<Map<String, Object>> perOutput = (List<Map<String, Object>>) reach.get("perOutput");
        assertEquals(10, perOutput.size());
        int unreachable = (Integer) perOutput.get(0).get("unreachableCount");
        assertTrue(unreachable > 3);
        assertEquals(3, ((List<?>) perOutput.get(0).get("unreachableInputs")).size(), "lists are cut at the limit");
        assertEquals(s.reachability().unreachableInputs(0).length, unreachable);
    }
}
