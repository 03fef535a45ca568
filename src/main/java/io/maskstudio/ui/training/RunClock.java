package io.maskstudio.ui.training;

/**
 * How long a run has trained and how long it still needs. Only time in which it was running counts (a paused
 * afternoon is not training time). The remaining time uses the run's average rate while running (steps trained
 * per running second): the per-second rate of the status line swings with the machine's load, and an estimate
 * made from it jumped by minutes from one second to the next.
 */
final class RunClock {
    /** Until a second of running has been measured, no estimate. */
    private static final long MIN_NANOS = 1_000_000_000L;
    private long runningNanos;
    private long runningSteps;
    private long lastNanos = -1;
    private long lastSteps;

    /** Called once per frame with whether the trainer is running and how many steps it has trained in all. */
    void update(long nanos, boolean running, long totalSteps) {
        if (running && lastNanos >= 0 && nanos > lastNanos) {
            runningNanos += nanos - lastNanos;
            runningSteps += Math.max(0, totalSteps - lastSteps);
        }
        lastNanos = running ? nanos : -1;
        lastSteps = totalSteps;
    }

    double elapsedSeconds() {
        return runningNanos / 1e9;
    }

    /** Steps per running second over the whole run; NaN until a second has been measured. */
    double averageRate() {
        return runningNanos < MIN_NANOS ? Double.NaN : runningSteps * 1e9 / runningNanos;
    }

    void reset() {
        runningNanos = 0;
        runningSteps = 0;
        lastNanos = -1;
    }

    /** Seconds for the steps from {@code doneSteps} to {@code plannedSteps} at {@code stepsPerSecond}; NaN while the rate is unknown. */
    static double remainingSeconds(long doneSteps, long plannedSteps, double stepsPerSecond) {
        if (!(stepsPerSecond > 0) || !Double.isFinite(stepsPerSecond) || plannedSteps <= 0) return Double.NaN;
        return Math.max(0, plannedSteps - doneSteps) / stepsPerSecond;
    }

    /** Share of the planned steps done, 0..1 (0 when nothing is planned yet). */
    static double fraction(long doneSteps, long plannedSteps) {
        return plannedSteps <= 0 ? 0 : Math.min(1, Math.max(0, (double) doneSteps / plannedSteps));
    }
}
