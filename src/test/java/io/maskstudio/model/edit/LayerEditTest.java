package io.maskstudio.model.edit;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerEditTest {

    /** 8x8 -> 6x6 local receptive fields -> 10, with sparse masks a rebuild would lose. */
    static NetworkDesign sparseDesign() {
        NetworkDesign d = NetworkDesign.dense(TrainingSettings.defaults("digits"), 64, 36, 20, 10);
        d.setLayer(0, LayerSpec.grid("input", 8, 8, Activation.IDENTITY));
        d.setLayer(1, LayerSpec.grid("hidden1", 6, 6, Activation.RELU));
        d.setMask(0, MaskGenerators.localReceptiveField(d.layer(0), d.layer(1), 3, 1, 0));
        d.setMask(1, MaskGenerators.randomDensity(20, 36, 0.2, 1, 1));
        d.setMask(2, MaskGenerators.blockDiagonal(10, 20, 5));
        return d;
    }

    @Test
    void resizingALayerAndUndoingRestoresBothAdjacentMasks() {
        NetworkDesign d = sparseDesign();
        NetworkDesign original = d.copy();
        LayerEdit e = LayerEdit.set(d, 2, d.layer(2).withSize(8));
        assertEquals("Change layer 'hidden2': size 20 → 8", e.description());
        e.apply(d);
        assertEquals(8, d.mask(1).rows());
        assertEquals(8, d.mask(2).cols());
        e.revert(d);
        assertTrue(d.sameContent(original));
        e.apply(d);
        assertEquals(8, d.layer(2).size());
    }

    @Test
    void changingOnlyTheActivationKeepsMasks() {
        NetworkDesign d = sparseDesign();
        NetworkDesign original = d.copy();
        LayerEdit e = LayerEdit.set(d, 1, d.layer(1).withActivation(Activation.TANH));
        assertEquals("Change layer 'hidden1': activation relu → tanh", e.description());
        e.apply(d);
        assertEquals(original.mask(0), d.mask(0));
        assertEquals(Activation.TANH, d.layer(1).activation());
        e.revert(d);
        assertTrue(d.sameContent(original));
    }

    @Test
    void insertAndRemoveRestoreTheMasksTheyReplaced() {
        NetworkDesign d = sparseDesign();
        NetworkDesign original = d.copy();
        LayerEdit insert = LayerEdit.insert(d, 2, LayerSpec.vector("extra", 12, Activation.RELU));
        insert.apply(d);
        assertEquals(5, d.layerCount());
        insert.revert(d);
        assertTrue(d.sameContent(original), "the LRF-to-hidden2 mask comes back, not a full one");

        LayerEdit remove = LayerEdit.remove(d, 1);
        assertEquals("Remove layer 'hidden1'", remove.description());
        remove.apply(d);
        assertEquals(3, d.layerCount());
        remove.revert(d);
        assertTrue(d.sameContent(original));
    }

    @Test
    void badPositionsAndStaleEditsAreRejected() {
        NetworkDesign d = sparseDesign();
        assertThrows(IllegalArgumentException.class, () -> LayerEdit.remove(d, 0));
        assertThrows(IllegalArgumentException.class, () -> LayerEdit.remove(d, 3));
        assertThrows(IllegalArgumentException.class, () -> LayerEdit.insert(d, 0, LayerSpec.vector("x", 3, Activation.RELU)));
        LayerEdit e = LayerEdit.set(d, 1, d.layer(1).withName("renamed"));
        assertThrows(IllegalStateException.class, () -> e.revert(d), "reverting an edit that was never applied");
    }
}
