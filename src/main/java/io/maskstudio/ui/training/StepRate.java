package io.maskstudio.ui.training;

/** Steps per second over the last second or so: a per-frame difference would flicker wildly. */
final class StepRate {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private long windowStartNanos = -1;
    private long windowStartSteps;
    private double rate = Double.NaN;

    /** Feeds the total number of steps trained so far at time {@code nanos}; returns the current rate (NaN until known). */
    double update(long nanos, long totalSteps) {
        if (windowStartNanos < 0 || totalSteps < windowStartSteps) {
            windowStartNanos = nanos;
            windowStartSteps = totalSteps;
            return rate;
        }
        long elapsed = nanos - windowStartNanos;
        if (elapsed >= WINDOW_NANOS) {
            rate = (totalSteps - windowStartSteps) * 1e9 / elapsed;
            windowStartNanos = nanos;
            windowStartSteps = totalSteps;
        }
        return rate;
    }

    /** Not running: the next {@link #update} starts a new window (the pause is not measured); returns the last rate. */
    double hold() {
        windowStartNanos = -1;
        return rate;
    }

    void reset() {
        windowStartNanos = -1;
        rate = Double.NaN;
    }
}
