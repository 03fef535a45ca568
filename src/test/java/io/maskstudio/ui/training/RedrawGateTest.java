package io.maskstudio.ui.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate on a made-up clock (nanoseconds), interval 250 ms. */
class RedrawGateTest {
    private static final long MS = 1_000_000L;

    @Test
    void passesOncePerIntervalUnlessUrgent() {
        RedrawGate gate = new RedrawGate(250 * MS);
        assertTrue(gate.pass(1_000 * MS, false), "the first redraw");
        assertFalse(gate.pass(1_100 * MS, false));
        assertFalse(gate.pass(1_249 * MS, false));
        assertTrue(gate.pass(1_250 * MS, false), "one interval later");
        assertTrue(gate.pass(1_260 * MS, true), "urgent: at once");
        assertFalse(gate.pass(1_400 * MS, false), "the interval starts over at the urgent redraw");
        assertTrue(gate.pass(1_510 * MS, false));
    }

    @Test
    void resetLetsTheNextRedrawThrough() {
        RedrawGate gate = new RedrawGate(250 * MS);
        assertTrue(gate.pass(5_000 * MS, false));
        gate.reset();
        assertTrue(gate.pass(5_001 * MS, false));
    }

    @Test
    void countsFromAnyStartOfTheClock() {
        // System.nanoTime may be negative; the first redraw must not depend on it.
        RedrawGate gate = new RedrawGate(250 * MS);
        assertTrue(gate.pass(Long.MIN_VALUE / 2, false));
        assertFalse(gate.pass(Long.MIN_VALUE / 2 + 10 * MS, false));
    }
}
