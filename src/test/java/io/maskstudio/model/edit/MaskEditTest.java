package io.maskstudio.model.edit;

import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskEditTest {

    static NetworkDesign design() {
        return NetworkDesign.dense(TrainingSettings.defaults("digits"), 70, 40, 10);
    }

    @Test
    void fewChangedCellsAreStoredAsCellsAndRoundTrip() {
        NetworkDesign d = design();
        Mask original = d.mask(0).copy();
        MaskEdit e = MaskEdit.setCells(0, d.mask(0), new int[]{0, 0, 5, 5, 5}, new int[]{1, 1, 64, 65, 69}, false, "Erase {cells}");
        assertFalse(e.storesWholeMask());
        assertEquals(4, e.changedCells(), "the duplicate cell counts once");
        assertEquals("Erase 4 cells", e.description());
        e.apply(d);
        assertEquals(original.nnz() - 4, d.mask(0).nnz());
        assertFalse(d.mask(0).get(5, 65));
        e.revert(d);
        assertEquals(original, d.mask(0));
    }

    @Test
    void cellsAlreadyInTheTargetStateAreNotRecorded() {
        NetworkDesign d = design();
        MaskEdit e = MaskEdit.setCells(1, d.mask(1), new int[]{0, 1}, new int[]{0, 1}, true, "Paint {cells}");
        assertEquals(0, e.changedCells());
        assertEquals("Paint 0 cells", e.description());
        MaskEdit one = MaskEdit.setCells(1, d.mask(1), new int[]{0}, new int[]{0}, false, "Erase {cells}");
        assertEquals("Erase 1 cell", one.description());
    }

    @Test
    void generatorResultIsStoredWholeAndRoundTrips() {
        NetworkDesign d = design();
        Mask original = d.mask(0).copy();
        Mask generated = MaskGenerators.randomDensity(40, 70, 0.1, 3, 1);
        MaskEdit e = MaskEdit.replace(d, 0, generated, "Random density 10%");
        assertTrue(e.storesWholeMask());
        assertEquals(original.symmetricDifference(generated).nnz(), e.changedCells());
        generated.fill(false); // the edit must have taken a copy
        e.apply(d);
        assertEquals(MaskGenerators.randomDensity(40, 70, 0.1, 3, 1), d.mask(0));
        e.revert(d);
        assertEquals(original, d.mask(0));
    }

    @Test
    void applyingTwiceOrToAnotherShapeFailsWithoutChangingAnything() {
        NetworkDesign d = design();
        MaskEdit e = MaskEdit.setCells(0, d.mask(0), new int[]{0, 1}, new int[]{0, 1}, false, "Erase {cells}");
        e.apply(d);
        d.mask(0).set(0, 0, true); // now cell (0,0) is no longer in the state the edit expects
        Mask before = d.mask(0).copy();
        assertThrows(IllegalStateException.class, () -> e.revert(d));
        assertEquals(before, d.mask(0));
        MaskEdit whole = MaskEdit.replace(d, 1, new Mask(10, 40), "Clear");
        assertThrows(IllegalStateException.class, () -> whole.revert(d));
        NetworkDesign other = NetworkDesign.dense(TrainingSettings.defaults("digits"), 70, 40, 12);
        assertThrows(IllegalStateException.class, () -> whole.apply(other));
    }

    @Test
    void listenersHearWhichPairChanged() {
        NetworkDesign d = design();
        List<Integer> heard = new ArrayList<>();
        d.addListener((design, pair) -> heard.add(pair));
        MaskEdit.setCells(1, d.mask(1), new int[]{2}, new int[]{3}, false, "Erase {cells}").apply(d);
        MaskEdit.replace(d, 0, new Mask(40, 70), "Clear").apply(d);
        assertEquals(List.of(1, 0), heard);
    }

    @Test
    void mergingMatchesApplyingBothForEveryStorageForm() {
        Random rnd = new Random(30);
        for (int trial = 0; trial < 200; trial++) {
            Mask start = randomMask(rnd, 40, 70);
            Mask mid = mutate(rnd, start);
            Mask end = mutate(rnd, mid);
            MaskEdit first = MaskEdit.between(0, start, mid, "Paint {cells}");
            MaskEdit second = MaskEdit.between(0, mid, end, "Paint {cells}");
            MaskEdit merged = (MaskEdit) first.mergedWith(second);
            assertEquals(start.symmetricDifference(end).nnz(), merged.changedCells(), "trial " + trial);
            Mask m = start.copy();
            merged.applyTo(m);
            assertEquals(end, m);
            merged.revertOn(m);
            assertEquals(start, m);
        }
    }

    @Test
    void editsOfDifferentPairsDoNotMerge() {
        NetworkDesign d = design();
        MaskEdit a = MaskEdit.setCells(0, d.mask(0), new int[]{0}, new int[]{0}, false, "Erase {cells}");
        MaskEdit b = MaskEdit.setCells(1, d.mask(1), new int[]{0}, new int[]{0}, false, "Erase {cells}");
        assertNull(a.mergedWith(b));
        assertNull(a.mergedWith(new SettingsEdit(d.settings(), d.settings(), "x")));
    }

    /** Either a few flipped cells or a whole new random mask, so both storage forms meet. */
    private static Mask mutate(Random rnd, Mask m) {
        if (rnd.nextInt(3) == 0) return randomMask(rnd, m.rows(), m.cols());
        Mask c = m.copy();
        int n = rnd.nextInt(12);
        for (int k = 0; k < n; k++) {
            int o = rnd.nextInt(m.rows()), i = rnd.nextInt(m.cols());
            c.set(o, i, !c.get(o, i));
        }
        return c;
    }

    private static Mask randomMask(Random rnd, int rows, int cols) {
        return MaskGenerators.randomDensity(rows, cols, rnd.nextDouble(), rnd.nextLong(), 0);
    }
}
