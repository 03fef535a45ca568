package io.maskstudio.ui.training;

/**
 * How long a run has trained and how long it still needs. Only time in which it was running counts (a paused
 * afternoon is not training time); the remaining time is the steps still planned at the measured rate.
 */
final class RunClock {
    private long runningNanos;
    private long lastNanos = -1;

    /** Called once per frame with whether the trainer is running right now. */
    void update(long nanos, boolean running) {
        if (running && lastNanos >= 0 && nanos > lastNanos) runningNanos += nanos - lastNanos;
        lastNanos = running ? nanos : -1;
    }

    double elapsedSeconds() {
        return runningNanos / 1e9;
    }

    void reset() {
        runningNanos = 0;
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
