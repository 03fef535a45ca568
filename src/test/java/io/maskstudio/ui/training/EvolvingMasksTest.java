package io.maskstudio.ui.training;

import io.maskstudio.engine.TrainingEvent;
import io.maskstudio.model.Mask;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which trainer events acknowledge an edit the window sent, and a user edit rebased onto the trainer's newer mask. */
class EvolvingMasksTest {

    @Test
    void editsPrunesAndGrowsTheWindowSentAreCountedButAScheduledPruneIsNot() {
        // The details as Trainer writes them after applying an edit, and as a prune schedule's prune reads.
        assertTrue(EvolvingMasks.appliedEdit(TrainingEvent.MASK_EDIT, "pair 0: 120 connections"));
        assertTrue(EvolvingMasks.appliedEdit(TrainingEvent.GROW, "Grow 5 strongest; pair 1: 40 connections"));
        assertTrue(EvolvingMasks.appliedEdit(TrainingEvent.PRUNE, "Prune 10 weakest; pair 0: 110 connections"));
        assertFalse(EvolvingMasks.appliedEdit(TrainingEvent.PRUNE, "fraction 0.5 of each layer; 60 connections left"));
        assertFalse(EvolvingMasks.appliedEdit(TrainingEvent.MASK_UPDATE, "rigl: replaced 5 of 40 connections in 1 pairs"));
        assertFalse(EvolvingMasks.appliedEdit(TrainingEvent.PAUSE, ""));
    }

    @Test
    void aRebasedEditKeepsTheTrainersCellsAndSetsOnlyTheUsersAsTheyAre() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            Mask before = random(rng, 7, 9), trainer = random(rng, 7, 9), edited = before.copy();
            int r = rng.nextInt(7), c = rng.nextInt(9);
            edited.set(r, c, !before.get(r, c));
            Mask sent = TrainingController.rebased(trainer, before, edited);
            for (int o = 0; o < 7; o++) {
                for (int i = 0; i < 9; i++) {
                    boolean expected = o == r && i == c ? edited.get(o, i) : trainer.get(o, i);
                    assertEquals(expected, sent.get(o, i), "cell (" + o + ", " + i + ")");
                }
            }
        }
    }

    private static Mask random(Random rng, int rows, int cols) {
        Mask m = new Mask(rows, cols);
        for (int o = 0; o < rows; o++) for (int i = 0; i < cols; i++) m.set(o, i, rng.nextBoolean());
        return m;
    }
}
