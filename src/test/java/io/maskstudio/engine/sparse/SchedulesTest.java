package io.maskstudio.engine.sparse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cosine drop fraction (RigL, Evci et al. 2020, eq. 1) and the cubic sparsity (Zhu and Gupta 2017, eq. 1), checked at the papers' points. */
class SchedulesTest {

    @Test
    void rigLsDropFractionDecaysByCosineAndStopsAtTheEnd() {
        DropSchedule rigl = new DropSchedule(0.3, 100, 7500, true);
        assertEquals(0.3, rigl.fractionAt(0), 1e-12);
        assertEquals(0.15, rigl.fractionAt(3750), 1e-12, "half way: ζ/2");
        assertEquals(0.15 * (1 + Math.cos(Math.PI / 4)), rigl.fractionAt(1875), 1e-12);
        assertEquals(0.15 * (1 - Math.sqrt(0.5)), rigl.fractionAt(5625), 1e-12);
        assertEquals(0, rigl.fractionAt(7500));
        assertEquals(0, rigl.fractionAt(9000));
    }

    @Test
    void setKeepsItsFraction() {
        DropSchedule set = new DropSchedule(0.3, 100, Long.MAX_VALUE, false);
        for (long t : new long[] {0, 100, 5000, 1_000_000}) assertEquals(0.3, set.fractionAt(t));
    }

    @Test
    void updatesComeEveryDeltaTStepsBeforeTheEnd() {
        DropSchedule s = new DropSchedule(0.3, 100, 450, true);
        List<Long> steps = new ArrayList<>();
        for (long t = 0; t <= 1000; t++) if (s.updatesAfter(t)) steps.add(t);
        assertEquals(List.of(100L, 200L, 300L, 400L), steps);
    }

    @Test
    void gradualPruningFollowsTheCubeFromStartToEnd() {
        GmpSchedule g = new GmpSchedule(0.0, 0.9, 1000, 5000, 100);
        assertEquals(0.0, g.sparsityAt(0));
        assertEquals(0.0, g.sparsityAt(1000));
        // (1 - 1/2)^3 = 1/8 of the way still to go at the midpoint.
        assertEquals(0.9 + (0.0 - 0.9) / 8, g.sparsityAt(3000), 1e-12);
        assertEquals(0.9 + (0.0 - 0.9) * Math.pow(0.75, 3), g.sparsityAt(2000), 1e-12);
        assertEquals(0.9, g.sparsityAt(5000), 1e-12);
        assertEquals(0.9, g.sparsityAt(6000), 1e-12);
        for (long t = 1000; t < 5000; t += 100) assertTrue(g.sparsityAt(t + 100) > g.sparsityAt(t), "rises monotonically at " + t);
        assertTrue(g.prunesAfter(1000) && g.prunesAfter(1100) && g.prunesAfter(5000));
        assertFalse(g.prunesAfter(1050) || g.prunesAfter(900) || g.prunesAfter(5100));
    }

    @Test
    void impossibleSchedulesAreRefusedWithTheirNumbers() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DropSchedule(1.5, 100, 10, true)).getMessage().contains("1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DropSchedule(0.3, 0, 10, true)).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GmpSchedule(0.5, 0.2, 0, 10, 1)).getMessage().contains("0.2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GmpSchedule(0, 0.9, 10, 5, 1)).getMessage().contains("10..5"));
    }
}
