package io.maskstudio.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingHistoryTest {
    private static TrainingSnapshot epoch(int e) {
        return new TrainingSnapshot(new EpochMetrics(e, 1, 0, 1, 0, 0), List.of());
    }

    @Test
    void staysBoundedAndKeepsTheWholeRunCovered() {
        TrainingHistory h = new TrainingHistory(10);
        for (int e = 0; e <= 100; e++) h.add(epoch(e));
        List<TrainingSnapshot> s = h.snapshots();
        assertTrue(s.size() <= 10, "size " + s.size());
        assertEquals(0, s.get(0).epoch(), "the start of the run is kept");
        assertEquals(100, h.latest().epoch(), "the latest epoch is kept");
        for (int k = 1; k < s.size(); k++) assertTrue(s.get(k).epoch() > s.get(k - 1).epoch(), "in order");
        // even coverage: no gap between held epochs is more than twice the smallest gap (the tail aside)
        int minGap = Integer.MAX_VALUE, maxGap = 0;
        for (int k = 1; k < s.size() - 1; k++) {
            int gap = s.get(k).epoch() - s.get(k - 1).epoch();
            minGap = Math.min(minGap, gap);
            maxGap = Math.max(maxGap, gap);
        }
        assertTrue(maxGap <= 2 * minGap, "gaps " + minGap + ".." + maxGap + " in " + s.stream().map(TrainingSnapshot::epoch).toList());
    }

    @Test
    void versionChangesWithEveryAddition() {
        TrainingHistory h = new TrainingHistory(4);
        long v0 = h.version();
        h.add(epoch(1));
        assertTrue(h.version() > v0);
    }
}
