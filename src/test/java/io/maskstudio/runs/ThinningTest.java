package io.maskstudio.runs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** steps.csv and snapshot thinning against the plain definition: every s-th item from the first, s a power of two. */
class ThinningTest {

    @Test
    void stepRowsStayUnderTheCapAndAreEveryStrideThStepFromTheFirst() {
        StepThinning<String> t = new StepThinning<>(20_000);
        for (long step = 1; step <= 50_000; step++) t.offer(step, Long.toString(step));
        // Naive reference: the smallest power-of-two stride that keeps at most 20,000 of 50,000 steps is 4.
        List<String> expected = new ArrayList<>();
        for (long step = 1; step <= 50_000; step += 4) expected.add(Long.toString(step));
        assertEquals(4, t.stride());
        assertEquals(expected, t.rows());
        assertTrue(t.rows().size() <= 20_000);
    }

    @Test
    void snapshotsStayWithinTheBudgetEvenlySpacedFromEpochOne() {
        SnapshotThinning t = new SnapshotThinning(10 * 100);
        TreeSet<Integer> onDisk = new TreeSet<>();
        for (int e = 1; e <= 100; e++) {
            if (!t.wants(e)) continue;
            onDisk.add(e);
            onDisk.removeAll(t.written(e, 100, false));
            long bytes = 100L * onDisk.size();
            assertTrue(bytes <= 1000, "over budget at epoch " + e + ": " + onDisk);
        }
        assertEquals(onDisk, new TreeSet<>(t.keptEpochs()));
        List<Integer> kept = new ArrayList<>(onDisk);
        assertEquals(1, kept.get(0));
        int gap = kept.get(1) - kept.get(0);
        for (int k = 1; k < kept.size(); k++) assertEquals(gap, kept.get(k) - kept.get(k - 1), kept.toString());
        assertTrue(kept.size() >= 5, "a budget of ten holds at least half as many: " + kept);
    }

    @Test
    void aSnapshotFinishedAfterTheStrideGrewIsDroppedUnlessItIsTheFinalOne() {
        SnapshotThinning t = new SnapshotThinning(1 << 20);
        t.written(1, 10, false);
        t.written(2, 10, false);
        t.coarsen(-1); // stride 2: epoch 2 is off it
        assertEquals(List.of(1), t.keptEpochs());
        assertEquals(List.of(4), t.written(4, 10, false), "epoch 4 was being written when the stride grew");
        assertEquals(List.of(), t.written(6, 10, true), "the final epoch is always kept");
        assertEquals(List.of(1, 6), t.keptEpochs());
    }
}
