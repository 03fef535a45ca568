package io.maskstudio.ui;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseStatsTest {

    /** The textbook nearest-rank percentile of a sorted copy: the reference the histogram must match. */
    private static long nearestRank(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    @Test
    void percentilesMatchASortWithinOneBinAndMaxIsExact() {
        Random r = new Random(7);
        long[] gaps = new long[5000];
        for (int k = 0; k < gaps.length; k++) {
            // Mostly ~16.7 ms frames, a few long stalls, one beyond the histogram's range.
            gaps[k] = r.nextInt(100) < 97 ? 16_000_000L + r.nextInt(1_500_000) : 30_000_000L + r.nextInt(200_000_000);
        }
        gaps[1234] = 7_000_000_000L;
        PulseStats s = new PulseStats();
        for (long g : gaps) s.add(g);
        assertEquals(gaps.length, s.count());
        assertEquals(7_000_000_000L, s.maxNanos());
        for (double q : new double[]{0.5, 0.9, 0.99, 0.999, 1.0}) {
            long exact = nearestRank(gaps, q);
            long got = s.percentileNanos(q);
            assertTrue(got >= exact && got - exact <= PulseStats.BIN_NANOS, "q=" + q + ": " + got + " vs " + exact);
        }
    }

    @Test
    void smallSamplesAndClear() {
        PulseStats s = new PulseStats();
        assertEquals(0, s.percentileNanos(0.99));
        s.add(10_000_000L);
        s.add(50_000_000L);
        s.add(-5); // clock went backwards: ignored
        assertEquals(2, s.count());
        assertEquals(10_100_000L, s.percentileNanos(0.5), "upper edge of the 10.0-10.1 ms bin");
        assertEquals(50_000_000L, s.percentileNanos(0.99), "capped at the exact maximum");
        s.clear();
        assertEquals(0, s.count());
        assertEquals(0, s.maxNanos());
        assertEquals(0, s.percentileNanos(0.5));
    }

    @Test
    void logLineNamesTheFigures() {
        PulseStats s = new PulseStats();
        for (int k = 0; k < 99; k++) s.add(16_650_000L);
        s.add(80_000_000L);
        PulseStats cpu = new PulseStats();
        assertEquals("pulse gaps, whole run: 100 pulses, p50 16.7 ms, p99 16.7 ms, max 80.0 ms", PulseLog.line("whole run", s, cpu),
                "no CPU figures where the JVM cannot time a thread");
        for (int k = 0; k < 100; k++) cpu.add(k < 98 ? 1_950_000L : 40_000_000L); // p50: upper edge of the 1.9-2.0 ms bin
        assertEquals("pulse gaps, last 10 s: 100 pulses, p50 16.7 ms, p99 16.7 ms, max 80.0 ms; FX thread CPU per gap p50 2.0 ms, p99 40.0 ms, max 40.0 ms",
                PulseLog.line("last 10 s", s, cpu));
    }
}
