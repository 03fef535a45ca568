package io.maskstudio.ui.training;

/**
 * Lets a redraw through at most once per interval. At ~10 epochs/s, re-plotting the charts, scrubber and heatmaps
 * with every epoch made the render thread repaint the plot areas for most pulses (docs/performance.md, pulse
 * section); a few redraws per second look the same to a person and leave the pulses short.
 */
final class RedrawGate {
    private final long intervalNanos;
    private long lastNanos;
    private boolean opened;

    RedrawGate(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * True (and counts as a redraw at {@code nanos}) when {@code urgent} (a redraw that may not wait: paused,
     * finished, a fresh run), for the first redraw, or when one interval has passed since the last.
     */
    boolean pass(long nanos, boolean urgent) {
        if (!urgent && opened && nanos - lastNanos < intervalNanos) return false;
        opened = true;
        lastNanos = nanos;
        return true;
    }

    /** Forgets the last redraw: the next {@link #pass} goes through. */
    void reset() {
        opened = false;
    }
}
