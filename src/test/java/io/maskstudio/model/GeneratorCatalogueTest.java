package io.maskstudio.model;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator catalogue the Generators dialog offers, and how a pattern combines with the current mask. */
class GeneratorCatalogueTest {
    private static final LayerSpec PIXELS = LayerSpec.grid("pixels", 8, 8, Activation.IDENTITY);

    @Test
    void combineAppliesSetOperationsAndSelectionScope() {
        Mask current = new Mask(2, 3);
        current.set(0, 0, true);
        current.set(1, 2, true);
        Mask pattern = new Mask(2, 3);
        pattern.set(0, 0, true);
        pattern.set(0, 1, true);
        assertEquals(2, Combine.REPLACE.apply(current, pattern).nnz());
        assertEquals(3, Combine.UNION.apply(current, pattern).nnz());
        assertEquals(1, Combine.INTERSECT.apply(current, pattern).nnz());
        assertEquals(1, Combine.SUBTRACT.apply(current, pattern).nnz());
        BitSet rows = new BitSet();
        rows.set(0);
        Mask scoped = Combine.withinSelection(current, Mask.full(2, 3), new BitSet(), rows);
        assertEquals(3, scoped.fanIn(0), "an empty source selection means whole rows");
        assertEquals(1, scoped.fanIn(1), "rows outside the selection keep their cells");
    }

    @Test
    void generatorsUseTheModelsGeneratorsAndExplainMisfits() {
        LayerSpec hidden = LayerSpec.grid("hidden", 6, 6, Activation.RELU);
        Generator.Values v = Generator.Values.defaults();
        assertEquals(MaskGenerators.localReceptiveField(PIXELS, hidden, 3, 1, 0), Generator.LOCAL_2D.generate(PIXELS, hidden, null, v));
        Mask current = MaskGenerators.band(36, 64, 1);
        assertEquals(current.invert(), Generator.INVERT.generate(PIXELS, hidden, current, v));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Generator.LOCAL_2D.generate(PIXELS, hidden, current, v.with(Generator.Param.KERNEL, 5)));
        assertTrue(e.getMessage().contains("4x4"), e.getMessage());
        assertEquals("Random density density 0.1, seed 42, minimum fan-in 1", Generator.RANDOM.describe(v));
    }

    @Test
    void newPatternsHaveStableIdsAndUseTheModelsGenerators() {
        Set<String> ids = new HashSet<>();
        for (Generator g : Generator.values()) {
            g.id().ifPresent(id -> {
                assertTrue(ids.add(id), "duplicate id " + id);
                assertEquals(g, Generator.byId(id).orElseThrow());
            });
        }
        assertEquals(Set.of("full", "empty", "random", "local", "local-1d", "band", "block-diagonal", "block", "n-of-m", "fan-in"), ids);
        assertTrue(Generator.INVERT.id().isEmpty());

        LayerSpec in = LayerSpec.vector("in", 20, Activation.IDENTITY), out = LayerSpec.vector("out", 6, Activation.RELU);
        Generator.Values v = Generator.Values.defaults().with(Generator.Param.SEED, 7);
        assertEquals(MaskGenerators.nOfM(6, 20, 2, 4, 7), Generator.N_OF_M.generate(in, out, null, v));
        assertEquals(MaskGenerators.blocks(6, 20, 4, 4, 0.1, 7), Generator.BLOCK.generate(in, out, null, v));
        assertEquals(MaskGenerators.fanIn(6, 20, 8, 7), Generator.FAN_IN.generate(in, out, null, v));
        assertTrue(Generator.N_OF_M.fits(in, out, v));
        assertEquals(false, Generator.N_OF_M.fits(in, out, v.with(Generator.Param.N, 5)), "N > M does not fit");
        assertEquals(false, Generator.FAN_IN.fits(in, out, v.with(Generator.Param.FAN_IN, 21)), "more inputs than there are");
        LayerSpec few = LayerSpec.vector("few", 3, Activation.IDENTITY);
        Generator.Values cut = Generator.FAN_IN.defaultsFor(few, out);
        assertEquals(3, cut.integer(Generator.Param.FAN_IN));
        assertTrue(Generator.FAN_IN.fits(few, out, cut));
    }
}
