package io.maskstudio.ui;

import java.util.Arrays;

/**
 * Gaps between JavaFX pulses as a histogram of 0.1 ms bins up to 5 s (gaps beyond count in the last one),
 * so an hour of 60 Hz pulses takes the same 200 KB as a minute. Percentiles are exact to one bin;
 * the maximum is exact. Not thread-safe: the FX thread adds and reads.
 */
final class PulseStats {
    static final long BIN_NANOS = 100_000;
    private static final int BINS = 50_000;

    private final int[] counts = new int[BINS];
    private long n;
    private long maxNanos;

    void add(long gapNanos) {
        if (gapNanos < 0) return; // a timestamp from before the last one: nothing to learn
        counts[(int) Math.min(BINS - 1, gapNanos / BIN_NANOS)]++;
        n++;
        maxNanos = Math.max(maxNanos, gapNanos);
    }

    long count() {
        return n;
    }

    long maxNanos() {
        return maxNanos;
    }

    /**
     * The nearest-rank percentile ({@code q} in (0,1]): the upper edge of the bin holding the
     * {@code ceil(q n)}-th smallest gap, never above the maximum (and the maximum itself in the open last
     * bin); 0 when empty.
     */
    long percentileNanos(double q) {
        if (n == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += counts[b];
            if (seen >= rank) return b == BINS - 1 ? maxNanos : Math.min(maxNanos, (b + 1) * BIN_NANOS); // the last bin is open-ended
        }
        return maxNanos;
    }

    void clear() {
        Arrays.fill(counts, 0);
        n = 0;
        maxNanos = 0;
    }
}
