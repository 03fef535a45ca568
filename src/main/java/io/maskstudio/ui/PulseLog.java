package io.maskstudio.ui;

import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * A responsiveness diagnostic, on with {@code -Dmaskstudio.pulseLog=true}: an {@link AnimationTimer}
 * sees every JavaFX pulse, and the gap between two pulses is how long the FX thread was busy or idle
 * in between (60 Hz means 16.7 ms; anything the FX thread does per poll or per redraw lengthens it).
 * Logs p50/p99/max of the gaps every {@code maskstudio.pulseLog.seconds} (default 10) and for the whole
 * run when the app exits. The timer itself keeps pulses coming, as the training panel's poller does anyway.
 */
final class PulseLog extends AnimationTimer {
    static final String PROPERTY = "maskstudio.pulseLog";
    private static final Logger LOG = LoggerFactory.getLogger(PulseLog.class);

    private final PulseStats window = new PulseStats();
    private final PulseStats whole = new PulseStats();
    private final long reportNanos;
    private long last = -1;
    private long windowStart;

    private PulseLog(long reportNanos) {
        this.reportNanos = reportNanos;
    }

    /** Starts the diagnostic when the system property asks for it; null otherwise. FX thread. */
    static PulseLog startIfRequested() {
        if (!Boolean.getBoolean(PROPERTY)) return null;
        long seconds = Math.max(1, Long.getLong(PROPERTY + ".seconds", 10));
        PulseLog p = new PulseLog(seconds * 1_000_000_000L);
        p.start();
        LOG.info("pulse log on: gaps between JavaFX pulses every {} s and at exit", seconds);
        return p;
    }

    @Override
    public void handle(long now) {
        if (last >= 0) {
            window.add(now - last);
            whole.add(now - last);
        } else {
            windowStart = now;
        }
        last = now;
        if (now - windowStart >= reportNanos) {
            LOG.info(line("last " + Math.round((now - windowStart) / 1e9) + " s", window));
            window.clear();
            windowStart = now;
        }
    }

    /** Stops the timer and logs the whole run. FX thread (Application.stop). */
    @Override
    public void stop() {
        super.stop();
        LOG.info(line("whole run", whole));
    }

    static String line(String span, PulseStats s) {
        return String.format(Locale.ROOT, "pulse gaps, %s: %d pulses, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                span, s.count(), s.percentileNanos(0.50) / 1e6, s.percentileNanos(0.99) / 1e6, s.maxNanos() / 1e6);
    }
}
