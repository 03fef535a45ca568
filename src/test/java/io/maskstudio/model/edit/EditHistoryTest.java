package io.maskstudio.model.edit;

import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.MaskGenerators;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditHistoryTest {

    @Test
    void randomEditSequencesUndoToTheOriginalAndRedoToTheEnd() {
        Random rnd = new Random(40);
        for (int trial = 0; trial < 30; trial++) {
            NetworkDesign d = LayerEditTest.sparseDesign();
            EditHistory h = new EditHistory(d, 1000);
            // expected[k] is the design after k steps on the current undo path; pos is where we are
            List<NetworkDesign> expected = new ArrayList<>(List.of(d.copy()));
            int pos = 0;
            for (int step = 0; step < 40; step++) {
                int action = rnd.nextInt(10);
                if (action == 0 && h.canUndo()) {
                    assertTrue(h.undo());
                    pos--;
                } else if (action == 1 && h.canRedo()) {
                    assertTrue(h.redo());
                    pos++;
                } else {
                    performRandomStep(rnd, d, h);
                    expected.subList(pos + 1, expected.size()).clear();
                    expected.add(d.copy());
                    pos++;
                }
                assertTrue(d.sameContent(expected.get(pos)), "trial " + trial + " step " + step);
            }
            while (h.undo()) {
                pos--;
                assertTrue(d.sameContent(expected.get(pos)));
            }
            assertEquals(0, pos);
            assertTrue(d.sameContent(expected.get(0)), "back to the exact original");
            while (h.redo()) pos++;
            assertEquals(expected.size() - 1, pos);
            assertTrue(d.sameContent(expected.get(pos)), "forward again to the end");
        }
    }

    /** One undo step: a single edit, or a merged brush stroke of several. */
    private static void performRandomStep(Random rnd, NetworkDesign d, EditHistory h) {
        int kind = rnd.nextInt(7);
        int pair = rnd.nextInt(d.pairCount());
        Mask m = d.mask(pair);
        switch (kind) {
            case 0 -> {
                int strokes = 1 + rnd.nextInt(5);
                boolean paint = rnd.nextBoolean();
                for (int s = 0; s < strokes; s++) {
                    int[] outs = rnd.ints(4, 0, m.rows()).toArray();
                    int[] ins = rnd.ints(4, 0, m.cols()).toArray();
                    h.performMerged(MaskEdit.setCells(pair, d.mask(pair), outs, ins, paint, paint ? "Paint {cells}" : "Erase {cells}"));
                }
                h.endMerge();
            }
            case 1 -> h.perform(MaskEdit.replace(d, pair, MaskGenerators.randomDensity(m.rows(), m.cols(), rnd.nextDouble(), rnd.nextLong(), 1), "Random"));
            case 2 -> h.perform(MaskEdit.replace(d, pair, m.invert(), "Invert"));
            case 3 -> {
                int k = rnd.nextInt(d.layerCount());
                LayerSpec l = d.layer(k);
                h.perform(LayerEdit.set(d, k, rnd.nextBoolean() ? l.withSize(1 + rnd.nextInt(40)) : l.withActivation(Activation.values()[rnd.nextInt(4)])));
            }
            case 4 -> {
                if (d.layerCount() < 6) h.perform(LayerEdit.insert(d, 1 + rnd.nextInt(d.layerCount() - 1),
                        LayerSpec.vector("new", 1 + rnd.nextInt(30), Activation.RELU)));
                else h.perform(LayerEdit.remove(d, 1 + rnd.nextInt(d.layerCount() - 2)));
            }
            case 5 -> {
                if (d.layerCount() > 2) h.perform(LayerEdit.remove(d, 1 + rnd.nextInt(d.layerCount() - 2)));
                else h.perform(SettingsEdit.change(d, d.settings().withEpochs(rnd.nextInt(100))));
            }
            default -> h.perform(SettingsEdit.change(d, d.settings().withLearningRate(rnd.nextDouble() + 1e-6).withBatchSize(1 + rnd.nextInt(256))));
        }
    }

    @Test
    void aBrushStrokeBecomesOneStepWithItsCellCount() {
        NetworkDesign d = MaskEditTest.design();
        Mask original = d.mask(0).copy();
        EditHistory h = new EditHistory(d);
        for (int k = 0; k < 12; k++) {
            h.performMerged(MaskEdit.setCells(0, d.mask(0), new int[]{k}, new int[]{k}, false, "Erase {cells}"));
        }
        h.endMerge();
        h.performMerged(MaskEdit.setCells(0, d.mask(0), new int[]{20}, new int[]{20}, false, "Erase {cells}"));
        assertEquals(List.of("Erase 1 cell", "Erase 12 cells"), h.undoDescriptions());
        h.undo();
        h.undo();
        assertEquals(original, d.mask(0));
        assertFalse(h.canUndo());
        assertEquals(Optional.of("Erase 12 cells"), h.redoDescription());
    }

    @Test
    void unmergeableEditsInOneStrokeBecomeACompoundStep() {
        NetworkDesign d = MaskEditTest.design();
        NetworkDesign original = d.copy();
        EditHistory h = new EditHistory(d);
        h.performMerged(MaskEdit.setCells(0, d.mask(0), new int[]{1}, new int[]{1}, false, "Erase {cells}"));
        h.performMerged(MaskEdit.setCells(1, d.mask(1), new int[]{1}, new int[]{1}, false, "Erase {cells}"));
        h.performMerged(MaskEdit.setCells(1, d.mask(1), new int[]{2}, new int[]{2}, false, "Erase {cells}"));
        assertEquals(1, h.undoDescriptions().size());
        h.undo();
        assertTrue(d.sameContent(original));
        h.redo();
        assertEquals(original.mask(1).nnz() - 2, d.mask(1).nnz());
    }

    @Test
    void aNewEditClearsRedoAndDepthIsBounded() {
        NetworkDesign d = MaskEditTest.design();
        EditHistory h = new EditHistory(d, 3);
        for (int k = 0; k < 5; k++) h.perform(MaskEdit.setCells(0, d.mask(0), new int[]{k}, new int[]{0}, false, "Erase " + k));
        assertEquals(List.of("Erase 4", "Erase 3", "Erase 2"), h.undoDescriptions());
        h.undo();
        assertTrue(h.canRedo());
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(3)));
        assertFalse(h.canRedo());
        assertEquals(List.of("Change epochs 30 → 3", "Erase 3", "Erase 2"), h.undoDescriptions());
        while (h.undo()) { }
        assertFalse(d.mask(0).get(0, 0), "the oldest edits fell off and stay applied");
        assertTrue(d.mask(0).get(2, 0));
        int redone = 0;
        while (h.redo()) redone++;
        assertEquals(3, redone);
        assertEquals(3, d.settings().epochs());
    }

    @Test
    void aFailingEditLeavesTheHistoryAlone() {
        NetworkDesign d = MaskEditTest.design();
        EditHistory h = new EditHistory(d);
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(3)));
        Edit stale = new SettingsEdit(d.settings().withEpochs(99), d.settings().withEpochs(5), "stale");
        assertThrows(IllegalStateException.class, () -> h.perform(stale));
        assertEquals(List.of("Change epochs 30 → 3"), h.undoDescriptions());
        assertEquals(3, d.settings().epochs());
    }

    @Test
    void listenersAndSavePoint() {
        NetworkDesign d = MaskEditTest.design();
        EditHistory h = new EditHistory(d);
        int[] calls = {0};
        h.addListener(x -> calls[0]++);
        assertFalse(h.isModified());
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(3)));
        assertTrue(h.isModified());
        h.markSaved();
        assertFalse(h.isModified());
        h.undo();
        assertTrue(h.isModified());
        h.redo();
        assertFalse(h.isModified(), "redo returns to the saved state");
        h.undo();
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(4)));
        assertTrue(h.isModified(), "the saved state is gone with the redo stack");
        assertEquals(6, calls[0]);
        assertFalse(new EditHistory(d).undo());
        assertThrows(IllegalArgumentException.class, () -> new EditHistory(d, 0));
    }

    @Test
    void savePointSurvivesTheOldestStepFallingOff() {
        NetworkDesign d = MaskEditTest.design();
        EditHistory h = new EditHistory(d, 2);
        h.markSaved();
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(1)));
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(2)));
        h.perform(SettingsEdit.change(d, d.settings().withEpochs(3)));
        while (h.undo()) { }
        assertEquals(1, d.settings().epochs());
        assertTrue(h.isModified(), "the saved state (epochs 30) can no longer be reached");
    }

    @Test
    void settingsEditsMergeAndDescribeTheirChange() {
        NetworkDesign d = MaskEditTest.design();
        TrainingSettings original = d.settings();
        EditHistory h = new EditHistory(d);
        h.performMerged(SettingsEdit.change(d, d.settings().withLearningRate(0.01)));
        h.performMerged(SettingsEdit.change(d, d.settings().withLearningRate(0.1)));
        h.endMerge();
        assertEquals(List.of("Change learningRate 0.001 → 0.1"), h.undoDescriptions());
        h.undo();
        assertEquals(original, d.settings());
    }
}
